/**
 * UI tests of issue 16's editor items, read from the DOM of code-server with the packaged .vsix installed: the
 * hover on a numeric citation, the heat map (layout, legend, clicks stepping through mentions) and the edit preview
 * (a scrollable diff, no modal dialog, Apply in the title bar, a one-line notification with Details). Screenshots
 * of the hover, the heat map and the preview go beside CITELENS_E2E_SCREENSHOT (scripts/e2e.sh --screenshot:
 * docs/images/, which the README shows), else to .e2e-cache/.
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
const images = process.env.CITELENS_E2E_SCREENSHOT ? dirname(resolve(process.env.CITELENS_E2E_SCREENSHOT)) : cacheDir;
const MANUSCRIPT = 'manuscript.md';

let server: CodeServer | undefined;
let browser: Browser | undefined;
let page: Page;
let workspace: string;

const runCommand = (title: string) => runCommandOn(page, title);

/** 1-based "line:column" of `needle` in the workspace's manuscript, `into` characters in. */
function lineColumnOf(needle: string, into = 1): string {
  const text = readFileSync(join(workspace, MANUSCRIPT), 'utf8');
  const offset = text.indexOf(needle);
  assert.ok(offset >= 0, `${needle} not in ${MANUSCRIPT}`);
  const before = text.slice(0, offset + into);
  return `${before.split('\n').length}:${offset + into - before.lastIndexOf('\n')}`;
}

async function goTo(lineColumn: string): Promise<void> {
  await page.locator('.monaco-editor .view-lines').first().click();
  await page.keyboard.press('Control+G');
  await page.waitForSelector('.quick-input-widget input', { state: 'visible' });
  await page.keyboard.type(lineColumn);
  await page.keyboard.press('Enter');
}

/** The editor's "Ln 43, Col 12" status item. */
async function cursorStatus(): Promise<string> {
  return (await page.locator('#status\\.editor\\.selection').innerText()).trim();
}

async function shot(name: string): Promise<void> {
  mkdirSync(images, { recursive: true });
  await page.screenshot({ path: join(images, name) });
  console.log(`# screenshot: ${join(images, name)}`);
}

before(async () => {
  server = await startCodeServer({ vsix });
  workspace = copyWorkspace(server, exampleDir);
  browser = await launchBrowser();
  page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  await page.goto(workbenchUrl(server, workspace));
  await page.waitForSelector('.explorer-folders-view .monaco-list-row', { timeout: 60_000 });
  await quickOpen(page, MANUSCRIPT);
  // The server's first diagnostics (the status bar counts them): the language server is up.
  await page.waitForFunction(`[...document.querySelectorAll('.statusbar-item')].some((el) => /^Citelens: .*\\d+ warnings?/.test(el.getAttribute('aria-label') ?? ''))`, undefined, { timeout: 60_000 });
});

after(async () => {
  await browser?.close();
  if (process.exitCode && server) console.log(server.logTail(30));
  await server?.stop();
});

test('the hover on a numeric citation shows each fact once, without scrolling', async () => {
  await goTo(lineColumnOf('records[16]', 9));
  // Asked for until the server has it (it may still be analysing the workspace).
  const hover = await showHover(page, 'yu2018ai');
  const text = await hover.innerText();
  assert.match(text, /\[16\] · yu2018ai · references\.bib/);
  assert.equal(text.split('Artificial intelligence in healthcare').length - 1, 1, text);
  assert.equal(text.split('10.1038/s41551-018-0305-z').length - 1, 1, text);
  assert.doesNotMatch(text, /Vancouver|BibTeX:/);
  // Short: no scroll bar inside the hover.
  const scrolls = await hover.evaluate((el) => [...el.querySelectorAll('.monaco-scrollable-element')].some((s) => s.scrollHeight > s.clientHeight + 2));
  assert.equal(scrolls, false, 'the hover needs scrolling');
  await page.waitForFunction(`[...document.querySelectorAll('.monaco-hover')].some((el) => el.textContent.includes('yu2018ai')
    && getComputedStyle(el).opacity === '1' && el.getAnimations({ subtree: true }).length === 0)`);
  await shot('hover-numeric.png');
  await page.keyboard.press('Escape');
});

test('the heat map fits beside the editor, has a legend, leaves out the front matter, and clicks step through mentions', async () => {
  await page.locator('.monaco-editor .view-lines').first().click();
  await runCommand('Citelens: Show Taxonomy Coverage');
  const frame = page.frameLocator('iframe.webview.ready').frameLocator('#active-frame');
  const row = frame.locator('tbody tr:has(th:has-text("Variational autoencoders"))');
  await row.waitFor({ state: 'visible', timeout: 30_000 });
  const headers = (await frame.locator('thead th').allInnerTexts()).map((h) => h.trim());
  assert.deepEqual(headers.slice(0, 3), ['Term', 'Works', '1. Introduction']);
  assert.ok(!headers.includes('Title') && !headers.includes('Abstract'), headers.join(' | '));
  assert.match(await frame.locator('.legend').innerText(), /mentions of the term in the section[\s\S]*Works[\s\S]*Click a cell/);
  assert.ok(Number(await row.locator('td.works').innerText()) >= 1, 'Works for VAEs');
  // Fits: the Works column and the last section's column are inside the panel, no horizontal scrolling.
  const fits = await frame.locator('body').evaluate((body) => body.scrollWidth <= body.clientWidth + 1);
  assert.ok(fits, 'the table is wider than the panel');
  // A cell with several mentions: the first click goes to the first, the second to the next.
  const cell = row.locator('td[data-mentions]').filter({ hasText: /^[2-9]\d*$/ }).first();
  await cell.click();
  await page.waitForSelector('.monaco-editor .selected-text', { state: 'attached', timeout: 15_000 });
  const first = await cursorStatus();
  await cell.click();
  await page.waitForFunction(`document.querySelector('#status\\\\.editor\\\\.selection')?.innerText.trim() !== ${JSON.stringify(first)}`, undefined, { timeout: 15_000 });
  const second = await cursorStatus();
  assert.notEqual(second, first);
  await shot('taxonomy-coverage.png');
  await runCommand('View: Close All Editor Groups');
  await quickOpen(page, MANUSCRIPT);
});

// Last: it edits the (copied) manuscript.
test('the Renumber preview: a diff to scroll to the reordered list, no modal; Apply in the title bar; a one-line notification with Details', async () => {
  await runCommand('Notifications: Clear All Notifications');
  await page.locator('.monaco-editor .view-lines').first().click();
  await runCommand('Citelens: Renumber References');
  const diff = page.locator('.monaco-diff-editor');
  await diff.waitFor({ state: 'visible', timeout: 30_000 });
  await page.locator('.notifications-toasts .notification-toast:has-text("Review the diff")').waitFor({ state: 'visible', timeout: 30_000 });
  assert.equal(await page.locator('.monaco-dialog-box').count(), 0, 'no modal dialog');
  // Scroll the diff to the reference list: the moved item is there, at the end, as [20].
  const modified = diff.locator('.editor.modified');
  await modified.locator('.view-lines').first().click();
  await page.keyboard.press('Control+End');
  const moved = modified.locator('.view-line:has-text("20. Shorten")');
  await moved.first().waitFor({ state: 'visible', timeout: 10_000 });
  // Back up a little so the screenshot shows several moved items above it.
  await page.mouse.wheel(0, -200);
  await shot('edit-preview.png');
  await page.locator('.editor-actions .action-label[aria-label*="Apply the Previewed Change"]').first().click();
  await diff.waitFor({ state: 'detached', timeout: 15_000 });
  const toast = page.locator('.notifications-toasts .notification-toast:has-text("Citelens: Renumbered")').filter({ hasNotText: 'Review the diff' }).first();
  await toast.waitFor({ state: 'visible', timeout: 30_000 });
  const message = (await toast.locator('.notification-list-item-message').innerText()).trim();
  assert.match(message, /^Citelens: Renumbered \d+ works in \d+ citations and moved \d+ reference-list items\.$/);
  await toast.locator('.monaco-button:has-text("Details"), a:has-text("Details")').first().click();
  await page.locator('.output-view, .part.panel .monaco-editor').filter({ hasText: 'uncited item moved to the end' }).first()
    .waitFor({ state: 'visible', timeout: 15_000 });
});
