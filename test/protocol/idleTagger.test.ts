/**
 * The tagger that words a flag's reasons (compromise, ~0.25 s to load) is loaded by the server while idle after the
 * first diagnostics, not in the check that first explains a flag; and not at all with topic fit off.
 * `CITELENS_TRACE=1` makes the server say when it loads it.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { LspClient } from '../helpers/lspClient';

const BIB = '@article{doe2020, author = {Doe, Jane}, title = {Graph neural networks for molecules}, journal = {J}, year = {2020}}\n';
const PAPER = '---\nbibliography: refs.bib\n---\n\n# Introduction\n\nGraph neural networks predict molecular properties [@doe2020].\n';
let dir: string;
before(() => {
  dir = mkdtempSync(join(tmpdir(), 'citelens-idle-tagger-'));
  writeFileSync(join(dir, 'refs.bib'), BIB);
  writeFileSync(join(dir, 'paper.md'), PAPER);
});
after(() => rmSync(dir, { recursive: true, force: true }));

const loaded = (client: LspClient): boolean => client.stderr.some((l) => l.includes('phrase tagger loaded'));

async function run(topicFit: boolean, waitMs: number): Promise<boolean> {
  const { client } = await LspClient.start({ root: dir, env: { CITELENS_TRACE: '1' }, settings: { topicFit: { enabled: topicFit } } });
  try {
    const uri = await client.open(join(dir, 'paper.md'));
    await client.diagnostics(uri, () => true, 30_000);
    for (const until = Date.now() + waitMs; Date.now() < until && !loaded(client);) await new Promise((r) => setTimeout(r, 100));
    return loaded(client);
  } finally {
    await client.stop();
  }
}

test('with topic fit on, the tagger is loaded once the server is idle', async () => {
  assert.equal(await run(true, 15_000), true);
});

test('with topic fit off, it is never loaded', async () => {
  assert.equal(await run(false, 3_000), false);
});
