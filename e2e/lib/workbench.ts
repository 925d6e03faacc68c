/**
 * Driving the workbench page in UI tests (e2e/*.ui.e2e.test.ts and ui.e2e.test.ts): open a file with Quick Open,
 * run a palette command by its title, show a hover. Waits are on DOM state.
 */
import type { Locator, Page } from 'playwright-core';

/** Runs a palette command by its title ("Citelens: Renumber References"). */
export async function runCommand(page: Page, title: string): Promise<void> {
  await page.keyboard.press('F1');
  await page.waitForSelector('.quick-input-widget input', { state: 'visible' });
  await page.keyboard.type(title);
  await page.waitForSelector(`.quick-input-list .monaco-list-row:has-text("${title.replace(/^.*?: /, '')}")`, { state: 'visible' });
  await page.keyboard.press('Enter');
}

/** Opens `file` of the workspace with Quick Open and waits for its editor. */
export async function quickOpen(page: Page, file: string): Promise<void> {
  await page.keyboard.press('Control+P');
  await page.waitForSelector('.quick-input-widget input', { state: 'visible' });
  await page.keyboard.type(file);
  await page.waitForSelector(`.quick-input-list .monaco-list-row:has-text("${file}")`, { state: 'visible' });
  await page.keyboard.press('Enter');
  await page.waitForSelector(`.tab.active:has-text("${file}")`);
  await page.waitForSelector('.monaco-editor .view-lines', { state: 'visible' });
}

/**
 * Shows the hover at the cursor until it holds `text` (the server may still be analysing the workspace): the
 * visible hover's locator.
 */
export async function showHover(page: Page, text: string): Promise<Locator> {
  const hover = page.locator(`.monaco-hover:has-text("${text}")`).first();
  for (let attempt = 0; ; attempt++) {
    await runCommand(page, 'Show or Focus Hover');
    try {
      await hover.waitFor({ state: 'visible', timeout: 3_000 });
      return hover;
    } catch (error) {
      if (attempt >= 5) throw error;
      await page.keyboard.press('Escape');
    }
  }
}
