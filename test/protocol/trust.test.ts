/**
 * Restricted Mode, file limits and encodings at the protocol level: the built server, started with
 * `initializationOptions: { trusted: false }`, refuses bibliographies outside the workspace folders (relative
 * `../`, absolute, or through a symbolic link) with a bibliography-not-found diagnostic that says why; a trusted
 * workspace reads them as Pandoc would. Files over `citelens.maxFileSize` are reported, not parsed; `.bib` files
 * in Latin-1, UTF-16 and UTF-8 with a BOM are read.
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { isInside } from '../../server/src/lsp/pathPolicy';
import { LspClient } from '../helpers/lspClient';

const base = mkdtempSync(join(tmpdir(), 'citelens-trust-'));
const ws = join(base, 'ws');
const outside = join(base, 'outside');
mkdirSync(ws);
mkdirSync(outside);
writeFileSync(join(outside, 'secret.bib'), '@article{secret, author = {Spy, A.}, title = {Secret things}, year = {2020}}\n');
symlinkSync(join(outside, 'secret.bib'), join(ws, 'link.bib'));

const clients: LspClient[] = [];
after(async () => {
  await Promise.all(clients.map((c) => c.stop()));
});

/**
 * A citation no bibliography has: a manuscript that should read its bibliography cleanly cites it too, so the
 * server must publish exactly its diagnostic (an empty publication would not show that anything was checked).
 */
const CONTROL = '[@absent]';
function assertOnlyTheControl(d: Diagnostic[]): void {
  assert.deepEqual(d.map((x) => x.code), ['unresolved-citation'], JSON.stringify(d));
  assert.match(String(d[0].message), /absent/);
}

/** Opens a manuscript in a fresh server and returns its first diagnostics. */
async function diagnosticsOf(name: string, text: string, options: { trusted?: boolean; settings?: Record<string, unknown> } = {}): Promise<Diagnostic[]> {
  const path = join(ws, name);
  writeFileSync(path, text);
  const { client } = await LspClient.start({ root: ws, settings: options.settings, initializationOptions: options.trusted === undefined ? undefined : { trusted: options.trusted } });
  clients.push(client);
  const uri = await client.open(path, text);
  return (await client.diagnostics(uri)).diagnostics;
}

const refusals: [string, string][] = [
  ['a relative path out of the workspace', '../outside/secret.bib'],
  ['an absolute path outside', join(outside, 'secret.bib')],
  ['../../../../etc/passwd', '../../../../../../../../etc/passwd'],
  ['a symbolic link inside that points outside', 'link.bib'],
];

for (const [what, bib] of refusals) {
  test(`Restricted Mode refuses ${what}`, async () => {
    const d = await diagnosticsOf(`restricted-${refusals.findIndex((r) => r[1] === bib)}.md`, `---\nbibliography: ${bib}\n---\nSecrets [@secret].\n`, { trusted: false });
    const refused = d.find((x) => x.code === 'bibliography-not-found');
    assert.ok(refused, `refused: ${JSON.stringify(d)}`);
    assert.match(String(refused.message), /outside the workspace/);
    assert.match(String(refused.message), /Restricted Mode/);
    assert.ok(d.some((x) => x.code === 'unresolved-citation'), 'nothing was read from it');
  });
}

test('a trusted workspace reads a bibliography outside, as Pandoc does', async () => {
  const d = await diagnosticsOf('trusted.md', `---\nbibliography: ../outside/secret.bib\n---\nSecrets [@secret] ${CONTROL}.\n`, { trusted: true });
  assertOnlyTheControl(d);
});

test('without initialization options the workspace is trusted (other clients)', async () => {
  const d = await diagnosticsOf('default.md', `---\nbibliography: link.bib\n---\nSecrets [@secret] ${CONTROL}.\n`);
  assertOnlyTheControl(d);
});

test('Restricted Mode still reads bibliographies inside the workspace', async () => {
  writeFileSync(join(ws, 'inside.bib'), '@article{inside, author = {In, A.}, title = {Inside}, year = {2020}}\n');
  const d = await diagnosticsOf('inside.md', `---\nbibliography: inside.bib\n---\nIn [@inside] ${CONTROL}.\n`, { trusted: false });
  assertOnlyTheControl(d);
});

test('a bibliography over citelens.maxFileSize is reported as too large, not parsed', async () => {
  writeFileSync(join(ws, 'big.bib'), `@article{big, title = {${'x'.repeat(4000)}}}\n`);
  const d = await diagnosticsOf('big.md', '---\nbibliography: big.bib\n---\nBig [@big].\n', { settings: { maxFileSize: 1000 } });
  const tooLarge = d.find((x) => x.code === 'bibliography-not-found');
  assert.match(String(tooLarge?.message), /too large/);
});

test('bibliographies in Latin-1, UTF-16 and UTF-8 with a BOM are read by the server', async () => {
  const entry = (key: string) => `@article{${key}, author = {Müller, Jürgen}, title = {Über Faltung}, year = {2020}}\n`;
  writeFileSync(join(ws, 'latin1.bib'), Buffer.from(entry('latin'), 'latin1'));
  writeFileSync(join(ws, 'utf16.bib'), Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(entry('utfsixteen'), 'utf16le')]));
  writeFileSync(join(ws, 'bom.bib'), '\ufeff' + entry('bom'));
  const d = await diagnosticsOf('encodings.md', `---\nbibliography: [latin1.bib, utf16.bib, bom.bib]\n---\nFolding [@latin; @utfsixteen; @bom] ${CONTROL}.\n`);
  assertOnlyTheControl(d);
});

test('isInside: children only, after normalising .. segments', () => {
  const cases: [string[], string, boolean][] = [
    [['/a/ws'], '/a/ws/refs.bib', true],
    [['/a/ws/'], '/a/ws/sub/refs.bib', true],
    [['/a/ws'], '/a/ws', true],
    [['/a/ws'], '/a/ws/../outside/x.bib', false],
    [['/a/ws'], '/a/ws-old/x.bib', false],
    [['/a/ws'], '/etc/passwd', false],
    [['/a/ws', '/b'], '/b/x.bib', true],
    [[], '/a/ws/x.bib', false],
    [['C:\\Users\\me\\ws'], 'C:\\Users\\me\\ws\\refs.bib', true],
    [['C:\\Users\\me\\ws'], 'C:\\Users\\me\\other\\refs.bib', false],
  ];
  for (const [folders, path, inside] of cases) assert.equal(isInside(folders, path), inside, `${path} in ${folders.join(', ')}`);
});
