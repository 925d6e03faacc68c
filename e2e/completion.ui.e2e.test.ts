/**
 * Kind B, UI: citation-key completion as a user sees it in the suggest widget (issue 16, item 1). Types `[@` and
 * an author's name or a title word in the example manuscript and reads the widget's rows from the DOM: VS Code
 * filters the rows by their filter text, so this is where "the list vanishes after two letters" would show.
 * Saves a screenshot of the widget for the README (docs/images/completion.png with scripts/e2e.sh --screenshot).
 */
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { after, before, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { cacheDir, copyWorkspace, launchBrowser, repoRoot, startCodeServer, workbenchUrl, type CodeServer } from './lib/codeServer';
import { quickOpen } from './lib/workbench';

const vsix = resolve(process.env.CITELENS_VSIX ?? join(cacheDir, 'citelens.vsix'));
const exampleDir = resolve(process.env.CITELENS_E2E_WORKSPACE ?? join(repoRoot, 'examples', 'genai-healthcare'));
/** Beside the diagnostics screenshot, so scripts/e2e.sh --screenshot refreshes docs/images/completion.png. */
const screenshot = join(dirname(resolve(process.env.CITELENS_E2E_SCREENSHOT ?? join(cacheDir, 'example-diagnostics.png'))), 'completion.png');
const MANUSCRIPT = 'manuscript.md';

let server: CodeServer | undefined;
let browser: Browser | undefined;
let page: Page;

const widget = '.editor-widget.suggest-widget.visible';
const rowWith = (text: string) => `${widget} .monaco-list-row:has-text("${text}")`;

before(async () => {
  server = await startCodeServer({ vsix });
  const workspace = copyWorkspace(server, exampleDir);
  browser = await launchBrowser();
  page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  await page.goto(workbenchUrl(server, workspace));
  await page.waitForSelector('.explorer-folders-view .monaco-list-row', { timeout: 60_000 });
  await quickOpen(page, MANUSCRIPT);
  // The server has analysed the manuscript once its problems are listed (before that, `[@` gets the loading row).
  await page.keyboard.press('Control+Shift+M');
  await page.waitForSelector('.markers-panel .monaco-list-row:has-text("citelens")', { timeout: 60_000 });
  await page.keyboard.press('Control+J');
});

after(async () => {
  await browser?.close();
  if (process.exitCode && server) console.log(server.logTail(30));
  await server?.stop();
});

/**
 * Starts a new paragraph at the end of the manuscript (or after its title, where the widget has room below it),
 * types `text` there and waits for the widget's row `row`.
 */
async function typeUntilRow(text: string, row: string, where: 'end' | 'top' = 'end'): Promise<string> {
  await page.locator('.monaco-editor .view-lines').first().click();
  if (where === 'end') await page.keyboard.press('Control+End');
  else {
    // Line 2 is the blank line under the title.
    await page.keyboard.press('Control+G');
    await page.waitForSelector('.quick-input-widget input', { state: 'visible' });
    await page.keyboard.type('2');
    await page.keyboard.press('Enter');
  }
  await page.keyboard.press('Enter');
  await page.keyboard.press('Enter');
  const t0 = Date.now();
  await page.keyboard.type(text, { delay: 60 });
  const found = page.locator(rowWith(row)).first();
  await found.waitFor({ state: 'visible', timeout: 20_000 });
  console.log(`# "${text}": row ${row} shown ${Date.now() - t0} ms after typing began`);
  return found.innerText();
}

/** Closes the widget and removes the paragraph typed by {@link typeUntilRow} (with the `]` VS Code auto-closed). */
async function undoTyping(): Promise<void> {
  await page.keyboard.press('Escape');
  await page.keyboard.press('Shift+End');
  await page.keyboard.press('Backspace');
  await page.keyboard.press('Shift+Home');
  await page.keyboard.press('Backspace');
  await page.keyboard.press('Backspace');
  await page.keyboard.press('Backspace');
}

const cases = [
  { typed: 'Deep models [@Flor', key: 'wachter2017right', shows: [/Wachter et al\. 2017/, /Why a Right to Explanation/] },
  { typed: 'Deep models [@denoi', key: 'ho2020ddpm', shows: [/Ho et al\. 2020/, /Denoising Diffusion/] },
];
for (const c of cases) {
  test(`typing ${c.typed} keeps the work in the list, with its author, year and title`, async () => {
    const text = await typeUntilRow(c.typed, c.key);
    for (const pattern of c.shows) assert.match(text, pattern);
    await undoTyping();
  });
}

test('the suggest widget after [@deep: works with "deep" in the title or key, newest first (screenshot)', async () => {
  const text = await typeUntilRow('Generative models for clinical data [@deep', 'miotto2018deep', 'top');
  assert.match(text, /Miotto et al\. 2018/);
  await page.waitForSelector(rowWith('esteva2019guide'), { state: 'visible' });
  // Ctrl+Space with the list open shows the focused work's details beside it: the formatted reference.
  await page.keyboard.press('Control+Space');
  const details = page.locator('.suggest-details-container .suggest-details:has-text("Esteva")');
  await details.waitFor({ state: 'visible', timeout: 15_000 });
  const box = await page.locator(widget).boundingBox();
  const detailsBox = await details.boundingBox();
  await page.waitForFunction(`[...document.querySelectorAll('${widget}')].every((el) => getComputedStyle(el).opacity === '1')`);
  mkdirSync(dirname(screenshot), { recursive: true });
  // The lines above the widget and the widget itself (the whole window is mostly the reference list).
  // The typed line with the title above it, the list and the details (which grow as the reference renders).
  const top = Math.max(0, Math.min(box?.y ?? 0, detailsBox?.y ?? 0) - 120);
  const clip = box ? { x: 340, y: top, width: 1060, height: Math.min(900 - top, 440) } : undefined;
  await page.screenshot({ path: screenshot, clip });
  console.log(`# screenshot: ${screenshot}`);
  await undoTyping();
});
