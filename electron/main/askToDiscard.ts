import { dialog, type BaseWindow, type MessageBoxSyncOptions } from 'electron';

/**
 * What would throw the page's unsaved report edits away. 'leave' is any other unload (a reload from
 * DevTools or the page itself): main learns only that the page vetoed it, not why it was unloading.
 */
export type DiscardingAction = 'close' | 'reload' | 'leave';

const DISCARD = 0;

function discardQuestion(what: DiscardingAction): MessageBoxSyncOptions {
  return {
    type: 'warning',
    buttons: [`Discard edits and ${what}`, 'Cancel'],
    defaultId: 1,
    cancelId: 1,
    noLink: true,
    title: 'Unsaved report edits',
    message: 'The report has edits that are not saved in a case file.',
    detail: `Save them with File › Export report › Aftermath case…, or discard them and ${what}.`,
  };
}

/** Whether the user chose to discard the window's unsaved report edits; Cancel is the default. */
export async function askToDiscard(win: BaseWindow, what: DiscardingAction): Promise<boolean> {
  const { response } = await dialog.showMessageBox(win, discardQuestion(what));
  return response === DISCARD;
}

/** The same question, answered before it returns: `will-prevent-unload` needs its answer synchronously. */
export function askToDiscardNow(win: BaseWindow, what: DiscardingAction): boolean {
  return dialog.showMessageBoxSync(win, discardQuestion(what)) === DISCARD;
}
