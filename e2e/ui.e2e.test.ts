/**
 * Kind B, UI: installs the packaged .vsix into a fresh code-server, opens a copy of examples/genai-healthcare in
 * headless chromium and reads what a user sees from the DOM: the Problems panel, a hover, a palette command's
 * notification, the status-bar item. Waits are on DOM state with deadlines, never fixed sleeps.
 *
 * CITELENS_VSIX: the vsix (default .e2e-cache/citelens.vsix, which scripts/e2e.sh packages).
 * CITELENS_E2E_SCREENSHOT: where to save the screenshot (default .e2e-cache/example-diagnostics.png;
 * scripts/e2e.sh --screenshot writes docs/images/example-diagnostics.png).
 */
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { after, before, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { cacheDir, copyWorkspace, launchBrowser, repoRoot, startCodeServer, workbenchUrl, type CodeServer } from './lib/codeServer';
import { quickOpen, runCommand as runCommandOn, showHover } from './lib/workbench';

const vsix = resolve(process.env.CITELENS_VSIX ?? join(cacheDir, 'citelens.vsix'));
const exampleDir = resolve(process.env.CITELENS_E2E_WORKSPACE ?? join(repoRoot, 'examples', 'genai-healthcare'));
const screenshot = resolve(process.env.CITELENS_E2E_SCREENSHOT ?? join(cacheDir, 'example-diagnostics.png'));
/** Beside the diagnostics screenshot (so --screenshot refreshes docs/images/taxonomy-coverage.png too). */
const coverageScreenshot = join(dirname(screenshot), 'taxonomy-coverage.png');
const MANUSCRIPT = 'manuscript.md';

let server: CodeServer | undefined;
let browser: Browser | undefined;
let page: Page;
let workspace: string;

const runCommand = (title: string) => runCommandOn(page, title);

/** 1-based line and column of the first occurrence of `needle` in a workspace file, one character in. */
function lineColumnOf(file: string, needle: string): string {
  const text = readFileSync(join(workspace, file), 'utf8');
  const offset = text.indexOf(needle);
  assert.ok(offset >= 0, `${needle} not in ${file}`);
  const before = text.slice(0, offset + 1);
  const line = before.split('\n').length;
  const column = offset + 1 - before.lastIndexOf('\n');
  return `${line}:${column}`;
}

before(async () => {
  server = await startCodeServer({ vsix });
  workspace = copyWorkspace(server, exampleDir);
  browser = await launchBrowser();
  page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  const t0 = Date.now();
  await page.goto(workbenchUrl(server, workspace));
  await page.waitForSelector('.explorer-folders-view .monaco-list-row', { timeout: 60_000 });
  await quickOpen(page, MANUSCRIPT);
  console.log(`# workbench ready with ${MANUSCRIPT} after ${Date.now() - t0} ms (code-server up in ${server.startupMs} ms)`);
});

after(async () => {
  await browser?.close();
  if (process.exitCode && server) console.log(server.logTail(30));
  await server?.stop();
});

test('the Problems panel lists the never-cited reference', async () => {
  const t0 = Date.now();
  await page.keyboard.press('Control+Shift+M');
  await page.waitForSelector('.markers-panel', { state: 'visible' });
  // Filter the (virtualized) list so the row is rendered whatever the number of problems.
  const filter = page.locator('.viewpane-filter input, .markers-panel-action-filter input').first();
  await filter.fill('never cited');
  const row = await page.waitForSelector('.markers-panel .monaco-list-row:has-text("never cited")', { timeout: 30_000 });
  console.log(`# orphaned reference in the Problems panel after ${Date.now() - t0} ms`);
  assert.match(await row.innerText(), /Reference \[\d+\][\s\S]*never cited[\s\S]*citelens\s*\(?orphaned-reference/);
  await filter.fill('');
});

test('the status bar shows the manuscript\'s Citelens counts', async () => {
  // "Citelens: checking" until the server's first result, then the counts.
  const item = await page.waitForSelector('.statusbar-item[aria-label^="Citelens:"][aria-label*="errors"]', { timeout: 15_000 });
  assert.match((await item.getAttribute('aria-label')) ?? '', /^Citelens: \d+ errors, \d+ warnings, \d+ information$/);
});

test('hovering [18] shows the formatted reference', async () => {
  const t0 = Date.now();
  await page.locator('.monaco-editor .view-lines').first().click();
  await page.keyboard.press('Control+G');
  await page.waitForSelector('.quick-input-widget input', { state: 'visible' });
  await page.keyboard.type(lineColumnOf(MANUSCRIPT, '[18]'));
  await page.keyboard.press('Enter');
  // Asked for until the server has it (it may still be analysing the workspace).
  const hover = await showHover(page, 'Wachter');
  console.log(`# hover with the reference after ${Date.now() - t0} ms`);
  assert.match(await hover.innerText(), /Wachter/);
  // The hover fades in: wait until it is opaque so the screenshot shows it. (A string, not a function: tsx
  // would add helpers to a function that do not exist in the page.)
  await page.waitForFunction(`[...document.querySelectorAll('.monaco-hover')].some((el) => el.textContent.includes('Wachter')
    && getComputedStyle(el).opacity === '1' && el.getAnimations({ subtree: true }).length === 0)`);
  mkdirSync(dirname(screenshot), { recursive: true });
  await page.screenshot({ path: screenshot });
  console.log(`# screenshot: ${screenshot}`);
  await page.keyboard.press('Escape');
});

test('"Citelens: Check Workspace" from the palette shows a notification', async () => {
  await runCommand('Citelens: Check Workspace');
  const toast = await page.waitForSelector('.notifications-toasts:has-text("Citelens: checked")', { timeout: 30_000 });
  assert.match(await toast.innerText(), /Citelens: checked \d+ files?: \d+ errors?, \d+ warnings?/);
});

test('"Citelens: Show Taxonomy Coverage" shows the heat map; clicking a cell reveals the mention', async () => {
  const t0 = Date.now();
  await page.keyboard.press('Escape');
  await page.locator('.monaco-editor .view-lines').first().click();
  await runCommand('Citelens: Show Taxonomy Coverage');
  // The webview's page sits in an iframe inside the webview iframe.
  const view = page.frameLocator('iframe.webview.ready').frameLocator('#active-frame');
  const row = view.locator('tbody tr:has(th:has-text("Generative adversarial networks"))');
  await row.waitFor({ state: 'visible', timeout: 30_000 });
  console.log(`# coverage heat map visible after ${Date.now() - t0} ms`);
  assert.match(await view.locator('h2').innerText(), /Taxonomy coverage: Generative AI in healthcare/);
  assert.match(await view.locator('.note').innerText(), /Sections citing no work: .*4\. Clinical Applications/);
  const headers = await view.locator('thead th').allInnerTexts();
  assert.ok(headers.includes('1. Introduction') && !headers.includes('References'), headers.join(' | '));
  const cell = row.locator('td[data-mentions]').first();
  assert.match(await cell.innerText(), /^\d+$/);
  // More room for the screenshot: hide the side bar and the panel.
  await page.keyboard.press('Control+B');
  if (await page.locator('.part.panel').isVisible()) await page.keyboard.press('Control+J');
  await cell.click();
  await page.waitForSelector('.monaco-editor .selected-text', { state: 'attached', timeout: 15_000 });
  await page.waitForSelector('.monaco-editor .view-line:has-text("GAN")');
  mkdirSync(dirname(coverageScreenshot), { recursive: true });
  await page.screenshot({ path: coverageScreenshot });
  console.log(`# screenshot: ${coverageScreenshot}`);
  await page.keyboard.press('Control+B');
});

// Last: it edits the (copied) manuscript.
test('"Citelens: Renumber References" renumbers by first citation', async () => {
  await runCommand('Notifications: Clear All Notifications');
  await page.waitForSelector('.notifications-toasts .notification-toast', { state: 'detached' });
  await page.locator('.monaco-editor .view-lines').first().click();
  await runCommand('Citelens: Renumber References');
  // The preview: a diff editor of the change (nothing modal), Apply in its title bar and in a notification.
  await page.waitForSelector('.monaco-diff-editor', { timeout: 30_000 });
  await page.locator('.notifications-toasts .notification-toast:has-text("Review the diff")').waitFor({ state: 'visible', timeout: 30_000 });
  assert.equal(await page.locator('.monaco-dialog-box').count(), 0, 'no modal dialog');
  await page.locator('.editor-actions .action-label[aria-label*="Apply the Previewed Change"]').first().click();
  // Then the edit applies (one undo step) and the server's summary is shown; a refusal is a warning.
  const toast = page.locator('.notifications-toasts .notification-toast:has-text("Citelens:"):not(:has-text("Review the diff"))').first();
  await toast.waitFor({ state: 'visible', timeout: 30_000 });
  const text = await toast.innerText();
  assert.equal(await toast.locator('.codicon-warning, .codicon-error').count(), 0, `refused: ${text}`);
  assert.match(text, /Citelens: Renumbered \d+ works?/);
  await page.keyboard.press('Control+Shift+M');
  const filter = page.locator('.viewpane-filter input, .markers-panel-action-filter input').first();
  await filter.fill('citation-order');
  await page.waitForSelector('.markers-panel .monaco-list-row:has-text("citation-order")', { state: 'detached', timeout: 15_000 });
  await filter.fill('');
});
