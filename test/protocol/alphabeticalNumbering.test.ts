/**
 * A reference list numbered alphabetically, as an editor sees it over stdio: no `citation-order` diagnostics, the
 * list item's hover says why, Renumber References refuses with the reason and the setting to change; setting
 * `citelens.numbering` to `citation-order` brings the warnings back and renumbering works.
 */
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { Hover, MarkupContent } from 'vscode-languageserver-protocol';
import type { EditCommandResult } from '../../server/src/protocol';
import { LspClient, serverBundle } from '../helpers/lspClient';
import { repoRoot } from '../helpers/shared';

let dir: string;
let client: LspClient;
let uri: string;

before(async () => {
  await serverBundle();
  dir = mkdtempSync(join(tmpdir(), 'citelens-alphabetical-'));
  cpSync(join(repoRoot, 'test', 'fixtures', 'alphabetical', 'acm.md'), join(dir, 'acm.md'));
  ({ client } = await LspClient.start({ root: dir, capabilities: { workspace: { configuration: true } } }));
  uri = await client.open(join(dir, 'acm.md'));
});
after(async () => {
  await client.stop();
  rmSync(dir, { recursive: true, force: true });
});

const renumber = () =>
  client.request<EditCommandResult>('workspace/executeCommand', { command: 'citelens.server.renumber', arguments: [{ uri, version: client.version(uri) }] });

test('ACM list: no citation-order, the hover says order is not checked, Renumber References refuses and says what to set', async () => {
  const { diagnostics } = await client.diagnostics(uri);
  assert.deepEqual(diagnostics.filter((d) => d.code === 'citation-order'), []);
  const hover = await client.request<Hover>('textDocument/hover', { textDocument: { uri }, position: client.at(uri, 'Gel|man, A. and Carlin') });
  assert.match((hover.contents as MarkupContent).value, /_The list is numbered alphabetically \(by first author\): the order of first citation is not checked\._/);
  const result = await renumber();
  assert.equal(result.edit, null);
  assert.equal(result.refused, true);
  assert.equal(result.summary, 'The reference list is numbered alphabetically (by first author): numbering works by first citation would destroy that order, so nothing was changed. Set citelens.numbering to “citation-order” to renumber by first citation.');
});

test('citelens.numbering = citation-order: the warnings come back and Renumber References renumbers', async () => {
  await client.setSettings({ numbering: 'citation-order' });
  const { diagnostics } = await client.diagnostics(uri, (p) => p.diagnostics.some((d) => d.code === 'citation-order'));
  assert.equal(diagnostics.filter((d) => d.code === 'citation-order').length, 11);
  const result = await renumber();
  assert.equal(result.refused, undefined, result.summary);
  assert.equal(result.summary, 'Renumbered 12 works in 12 citations and moved 12 reference-list items.');
});
