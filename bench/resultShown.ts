import type { Page } from 'playwright-core';

/**
 * Until the case's result is on screen: the "Analyzing" group is gone (the result's DOM committed)
 * and a frame has been drawn since. The tabs come with the result, so a person can click one only
 * once it is drawn; a click sent between the commit and that frame would wait for the result's own
 * layout and paint and count them as the tab's first visit.
 */
export async function resultShown(page: Page, timeout: number): Promise<void> {
  await page.getByRole('group', { name: 'Analyzing' }).waitFor({ state: 'detached', timeout });
  await page.evaluate('new Promise((drawn) => requestAnimationFrame(() => requestAnimationFrame(drawn)))');
}
