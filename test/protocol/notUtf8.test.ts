/**
 * The language server reads a bibliography that is not UTF-8 (a Windows-1252 export) whole, as the CLI does, and
 * publishes on the .bib the `bib-syntax` error Pandoc's refusal deserves, at the first byte that is not UTF-8.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { LspClient, uriOf } from '../helpers/lspClient';

const ws = mkdtempSync(join(tmpdir(), 'citelens-notutf8-'));
const clients: LspClient[] = [];
after(async () => {
  await Promise.all(clients.map((c) => c.stop()));
});

test('a Windows-1252 .bib: the server publishes one bib-syntax error on it, at its first byte that is not UTF-8, and reads its keys', async () => {
  // "Müller" (0xFC) on line 2, an en dash (0x96) on line 3.
  writeFileSync(join(ws, 'refs.bib'), Buffer.from('@article{mueller2019,\n  author = {M\xfcller, J},\n  title = {Heat \x96 a study},\n  year = {2019}\n}\n', 'latin1'));
  const path = join(ws, 'paper.md');
  const text = '---\nbibliography: refs.bib\n---\nText [@mueller2019] and [@absent].\n';
  writeFileSync(path, text);
  const { client } = await LspClient.start({ root: ws });
  clients.push(client);
  const uri = await client.open(path, text);
  const manuscript = (await client.diagnostics(uri)).diagnostics;
  assert.deepEqual(manuscript.map((d) => d.code), ['unresolved-citation'], 'the key in the .bib is read; only the absent one is not');
  const bib = (await client.diagnostics(uriOf(join(ws, 'refs.bib')), (p) => p.diagnostics.length > 0)).diagnostics;
  assert.deepEqual(bib.map((d) => [d.code, d.range.start.line, d.range.start.character]), [['bib-syntax', 1, 13]]);
  assert.match(String(bib[0].message), /not UTF-8: byte 0xFC here is “ü” in Windows-1252/);
});

test('the same .bib open in the editor, decoded as UTF-8 (VS Code\'s default: � for each byte it cannot decode): the bib-syntax error is at the first �, and says to reopen the file with its encoding', async () => {
  const dir = mkdtempSync(join(ws, 'open-'));
  const bytes = Buffer.from('@article{mueller2019,\n  author = {M\xfcller, J},\n  title = {Heat \x96 a study},\n  year = {2019}\n}\n', 'latin1');
  writeFileSync(join(dir, 'refs.bib'), bytes);
  const path = join(dir, 'paper.md');
  // The manuscript as the editor shows a Latin-1 file: "Übersicht" with its 0xDC lost.
  const text = '---\nbibliography: refs.bib\n---\n\uFFFDbersicht [@mueller2019].\n';
  writeFileSync(path, Buffer.from(text.replace('\uFFFD', '\xdc'), 'latin1'));
  const { client } = await LspClient.start({ root: dir });
  clients.push(client);
  const uri = await client.open(path, text);
  const manuscript = (await client.diagnostics(uri, (p) => p.diagnostics.length > 0)).diagnostics;
  assert.deepEqual(manuscript.map((d) => [d.code, d.range.start.line, d.range.start.character]), [['manuscript-encoding', 3, 0]]);
  assert.match(String(manuscript[0].message), /could not be decoded when the file was opened \(shown as �\).*Reopen with Encoding/);
  const bibUri = await client.open(join(dir, 'refs.bib'), new TextDecoder().decode(bytes));
  // The .bib was read from disk for the manuscript first: wait for the publication of the open document's text.
  const undecoded = (p: { diagnostics: { message: unknown }[] }) => p.diagnostics.some((d) => /could not be decoded/.test(String(d.message)));
  const bib = (await client.diagnostics(bibUri, undecoded)).diagnostics;
  assert.deepEqual(bib.map((d) => [d.code, d.range.start.line, d.range.start.character]), [['bib-syntax', 1, 13]]);
  assert.match(String(bib[0].message), /could not be decoded when the file was opened \(shown as �\): the file is not UTF-8\. Pandoc stops/);
});
