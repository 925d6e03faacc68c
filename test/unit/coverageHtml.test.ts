/**
 * The coverage heat map's HTML, in the webview (a strict CSP, nothing remote, escaped text, cells that step
 * through their mentions, a legend) and as the file `citelens coverage --format html` writes (no script, nothing to click).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { renderCoverageHtml } from '../../server/src/coverageHtml';
import type { CoverageResult } from '../../server/src/protocol';

const range = (line: number) => ({ start: { line, character: 0 }, end: { line, character: 4 } });
const uri = 'file:///ws/manuscript.md';
const result: CoverageResult = {
  uri,
  title: 'Generative AI <in> healthcare',
  taxonomyUri: 'file:///ws/taxonomy.yaml',
  sections: [{ title: 'Imaging', location: { uri, range: range(10) } }, { title: 'Ethics & law', location: { uri, range: range(40) } }],
  terms: [
    { id: 'gan', label: 'GAN <script>alert(1)</script>', depth: 1, description: 'Generative "adversarial" networks', bibliographyWorks: 4,
      cells: [{ mentions: 3, works: 2, locations: [{ uri, range: range(12) }, { uri, range: range(14) }, { uri, range: range(15) }] }, { mentions: 0, works: 0, locations: [] }] },
  ],
};
const html = renderCoverageHtml(result, { nonce: 'N0NCE', cspSource: 'vscode-webview://x' });

test('has a strict content security policy and loads nothing remote', () => {
  assert.match(html, /<meta http-equiv="Content-Security-Policy" content="default-src 'none';[^"]*script-src 'nonce-N0NCE';/);
  assert.doesNotMatch(html, /https?:\/\//);
  assert.doesNotMatch(html, /\sstyle="/, 'style attributes would need unsafe-inline');
  assert.equal(html.match(/<script nonce="N0NCE">/g)?.length, 1);
});

test('escapes labels, titles and descriptions', () => {
  assert.doesNotMatch(html, /<script>alert/);
  assert.match(html, /GAN &lt;script&gt;alert\(1\)&lt;\/script&gt;/);
  assert.match(html, /Generative AI &lt;in&gt; healthcare/);
  assert.match(html, /Ethics &amp; law/);
});

test('a cell shows its mentions and carries every mention to step through; an empty cell is blank', () => {
  const cells = [...html.matchAll(/<td class="l\d"([^>]*)>([^<]*)<\/td>/g)].map(([, attrs, text]) => ({
    text,
    mentions: /data-mentions="([^"]*)"/.exec(attrs!)?.[1],
  }));
  assert.equal(cells.length, 2);
  assert.equal(cells[0]!.text, '3');
  assert.deepEqual(JSON.parse(cells[0]!.mentions!.replace(/&quot;/g, '"')), [
    { type: 'reveal', uri, range: range(12) },
    { type: 'reveal', uri, range: range(14) },
    { type: 'reveal', uri, range: range(15) },
  ]);
  assert.deepEqual(cells[1], { text: '', mentions: undefined });
  // The script posts them in turn and starts again after the last.
  assert.match(html, /dataset\.next/);
});

test('the Works column comes right after the terms; a legend says what shade, numbers and Works mean', () => {
  const header = [...html.matchAll(/<th scope="col"[^>]*>(?:<span>)?([^<]*)/g)].map((m) => m[1]);
  assert.deepEqual(header, ['Term', 'Works', 'Imaging', 'Ethics &amp; law']);
  assert.match(html, /<tr><th scope="row"[^>]*>[^<]*<\/th><td class="works">4<\/td><td class="l4"/);
  assert.match(html, /<div class="legend">.*mentions of the term in the section \(darkest: 3\).*<b>Works<\/b>: works covering the term: cited in a sentence that uses it.*Click a cell: its first mention, again: the next one/);
  assert.doesNotMatch(renderCoverageHtml(result), /Click a cell/, 'a file has nothing to click');
});

test('shows the server\'s note and no table when there is no taxonomy', () => {
  const empty = renderCoverageHtml({ ...result, taxonomyUri: null, terms: [], message: 'No taxonomy found for manuscript.md.' }, { nonce: 'n', cspSource: 's' });
  assert.match(empty, /No taxonomy found for manuscript\.md\./);
  assert.doesNotMatch(empty, /<table>/);
});

test('as a file: no script, nothing to click, the light theme\'s colours', () => {
  const file = renderCoverageHtml(result);
  assert.match(file, /<meta http-equiv="Content-Security-Policy" content="default-src 'none';[^"]*script-src 'none';/);
  assert.doesNotMatch(file, /<script|nonce=| data-reveal="|https?:\/\//);
  assert.match(file, /--vscode-charts-blue: #1f6feb/);
  assert.match(file, /GAN &lt;script&gt;alert\(1\)&lt;\/script&gt;/);
  assert.deepEqual([...file.matchAll(/<td class="l\d"[^>]*>([^<]*)<\/td>/g)].map((m) => m[1]), ['3', '']);
  assert.doesNotMatch(html, /--vscode-charts-blue:/, 'a webview has its theme');
});
