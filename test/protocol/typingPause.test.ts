/**
 * Diagnostics of the citation being typed wait until the author pauses (issue 16, item 3), over stdio as an editor
 * drives the server: typing `[@`, then `Flo`, `r`, `]` one change at a time publishes each version at once, without
 * a new diagnostic where the cursor is, while a problem elsewhere keeps being published; once the author stops for
 * `citelens.diagnostics.typingPause`, the same version is published again with the diagnostic at the citation.
 * With the pause set to 0, it is published at once.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Diagnostic, PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import { LspClient } from '../helpers/lspClient';

const BIB = `@article{florence2020,
  author = {Florence, Ada},
  title = {Reading citations while they are typed},
  journal = {Journal of Editors},
  year = {2020}
}
@article{smith2019,
  author = {Smith, Jo},
  title = {Another work on editors},
  journal = {Journal of Editors},
  year = {2019}
}
`;
const PAPER = `---
bibliography: refs.bib
---

# Introduction

Editors check citations as you type [@smith2019]. This one is misspelt [@smyth2019].

A sentence the author is extending
`;

/** What the user sees of a publication: each diagnostic as "code: covered text". */
function seen(client: LspClient, uri: string, p: PublishDiagnosticsParams): string[] {
  return p.diagnostics.map((d: Diagnostic) => `${String(d.code)}: ${client.slice(uri, d.range)}`).sort();
}

describe('diagnostics of the citation being typed wait for a pause', () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'citelens-typing-'));
    writeFileSync(join(dir, 'refs.bib'), BIB);
    writeFileSync(join(dir, 'paper.md'), PAPER);
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  // A pause far longer than the server needs to publish a change, so "at once" and "after the pause" differ
  // whatever the machine's load.
  const PAUSE = 2500;

  test('typing [@Flor] publishes each version at once, the citation’s error only after the pause', async () => {
    const { client } = await LspClient.start({ root: dir, settings: { diagnostics: { debounce: 0, typingPause: PAUSE }, topicFit: { enabled: false } } });
    try {
      const uri = await client.open(join(dir, 'paper.md'));
      const first = await client.diagnostics(uri, (p) => p.version === 1);
      const misspelt = seen(client, uri, first);
      assert.ok(misspelt.some((s) => s.endsWith('smyth2019')), `the misspelt key elsewhere is reported: ${misspelt.join(' | ')}`);

      const end = client.text(uri).indexOf('extending') + 'extending'.length;
      let cursor = end;
      let version = 0;
      for (const typed of [' [@', 'Flo', 'r', ']']) {
        version = await client.insert(uri, cursor, typed);
        cursor += typed.length;
        const p = await client.diagnostics(uri, (q) => q.version === version);
        const shown = seen(client, uri, p);
        assert.deepEqual(shown.filter((s) => s.includes('@') && !s.includes('smyth')), [], `nothing at the citation being typed (v${version}): ${shown.join(' | ')}`);
        assert.ok(shown.some((s) => s.endsWith('smyth2019')), `the problem elsewhere is still published (v${version}): ${shown.join(' | ')}`);
      }
      assert.equal(client.slice(uri, { start: client.positionAt(uri, end), end: client.positionAt(uri, end + 8) }), ' [@Flor]');
      // The author pauses: the same version is published again, now with the unknown key.
      const later = await client.nextDiagnostics(uri, (p) => p.version === version, PAUSE + 10_000);
      const shown = seen(client, uri, later);
      assert.ok(shown.some((s) => /Flor/.test(s)), `the unknown key [@Flor] after the pause: ${shown.join(' | ')}`);
      assert.ok(shown.some((s) => s.endsWith('smyth2019')), shown.join(' | '));
    } finally {
      await client.stop();
    }
  });

  test('a problem already shown before the edit stays while the author types next to it', async () => {
    const { client } = await LspClient.start({ root: dir, settings: { diagnostics: { debounce: 0, typingPause: PAUSE }, topicFit: { enabled: false } } });
    try {
      const uri = await client.open(join(dir, 'paper.md'));
      await client.diagnostics(uri, (p) => p.version === 1);
      // A space typed right after the misspelt citation touches it; its diagnostic is not new, so it stays.
      const after = client.text(uri).indexOf('[@smyth2019]') + '[@smyth2019]'.length;
      const version = await client.insert(uri, after, ' ');
      const shown = seen(client, uri, await client.diagnostics(uri, (p) => p.version === version));
      assert.ok(shown.some((s) => s.endsWith('smyth2019')), shown.join(' | '));
    } finally {
      await client.stop();
    }
  });

  test('with citelens.diagnostics.typingPause 0 the error is published at once', async () => {
    const { client } = await LspClient.start({ root: dir, settings: { diagnostics: { debounce: 0, typingPause: 0 }, topicFit: { enabled: false } } });
    try {
      const uri = await client.open(join(dir, 'paper.md'));
      await client.diagnostics(uri, (p) => p.version === 1);
      const version = await client.insert(uri, client.text(uri).indexOf('extending') + 'extending'.length, ' [@Flor]');
      const shown = seen(client, uri, await client.diagnostics(uri, (p) => p.version === version));
      assert.ok(shown.some((s) => /Flor/.test(s)), shown.join(' | '));
    } finally {
      await client.stop();
    }
  });
});
