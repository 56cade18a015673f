import { dialog, type BaseWindow } from 'electron';

/** What would throw the page's unsaved report edits away. */
export type DiscardingAction = 'close' | 'reload';

/** Whether the user chose to discard the window's unsaved report edits; Cancel is the default. */
export async function askToDiscard(win: BaseWindow, what: DiscardingAction): Promise<boolean> {
  const { response } = await dialog.showMessageBox(win, {
    type: 'warning',
    buttons: [`Discard edits and ${what}`, 'Cancel'],
    defaultId: 1,
    cancelId: 1,
    noLink: true,
    title: 'Unsaved report edits',
    message: 'The report has edits that are not saved in a case file.',
    detail: `Save them with File › Export report › Aftermath case…, or discard them and ${what}.`,
  });
  return response === 0;
}
