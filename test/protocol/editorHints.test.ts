/**
 * Inlay hints, document highlights and symbols over stdio, as VS Code asks for them: who each citation names, shown
 * after it; the other citations of the work under the cursor highlighted (its list item as the definition); the
 * editor told to ask again for hints when the bibliography behind them changes or the setting does; a
 * bibliography's outline and "go to symbol in workspace" over the works.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { DocumentHighlight, DocumentSymbol, InlayHint, SymbolInformation } from 'vscode-languageserver-protocol';
import { LspClient, serverBundle } from '../helpers/lspClient';
import { repoRoot } from '../helpers/shared';

const example = join(repoRoot, 'examples', 'genai-healthcare');

before(async () => {
  await serverBundle();
});

/** The label of a hint as the editor shows it. */
const labelOf = (hint: InlayHint): string => (typeof hint.label === 'string' ? hint.label : hint.label.map((p) => p.value).join(''));

describe('the example workspace (numeric, linked to BibTeX)', () => {
  let client: LspClient;
  let uri: string;
  before(async () => {
    ({ client } = await LspClient.start({ root: example }));
    uri = await client.open(join(example, 'manuscript.md'));
    await client.diagnostics(uri);
  });
  after(() => client.stop());

  test('each citation in the range asked for gets a hint after it: authors and year of its works', async () => {
    const start = client.at(uri, '|The rapid advancement');
    const end = client.at(uri, '(LLMs)[1]|');
    const hints = await client.request<InlayHint[]>('textDocument/inlayHint', { textDocument: { uri }, range: { start, end } });
    assert.deepEqual(hints.map((h) => [h.position, labelOf(h)]), [[end, 'Goodfellow et al. 2014']]);
    assert.match(String(hints[0].tooltip), /^\[1\] Generative Adversarial Nets$/);
    assert.equal(hints[0].paddingLeft, true);
  });

  test('highlights: every citation of the work under the cursor, and its list item as the definition', async () => {
    const highlights = await client.request<DocumentHighlight[]>('textDocument/documentHighlight', { textDocument: { uri }, position: client.at(uri, '(LLMs)[|1]') });
    const writes = highlights.filter((h) => h.kind === 3);
    const reads = highlights.filter((h) => h.kind === 2);
    assert.deepEqual(writes.map((h) => h.range), [client.range(uri, '«1.» Goodfellow')]);
    assert.ok(reads.length >= 1);
    for (const h of reads) assert.equal(client.slice(uri, h.range), '1');
    assert.ok(reads.some((h) => JSON.stringify(h.range) === JSON.stringify(client.range(uri, '(LLMs)[«1»]'))));
  });

  test('the bibliography’s outline: every entry by key, with type, authors, year and title', async () => {
    const bibUri = await client.open(join(example, 'references.bib'));
    const symbols = await client.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri: bibUri } });
    assert.equal(symbols.length, 20);
    assert.deepEqual([symbols[0].name, symbols[0].detail], ['goodfellow2014gan', 'inproceedings · Goodfellow et al. 2014 · Generative Adversarial Nets']);
    assert.equal(client.slice(bibUri, symbols[0].selectionRange), 'goodfellow2014gan');
    assert.match(client.slice(bibUri, symbols[0].range), /^@inproceedings\{goodfellow2014gan,[\s\S]*\}$/);
  });

  test('go to symbol in workspace: works found by a title word, labelled with authors and title', async () => {
    const symbols = await client.request<SymbolInformation[]>('workspace/symbol', { query: 'diffusion' });
    assert.ok(symbols.length >= 1);
    assert.match(symbols[0].name, /^ho2020ddpm — Ho et al\. 2020, Denoising Diffusion Probabilistic Models$/);
    assert.match(symbols[0].location.uri, /references\.bib$/);
  });

  test('highlights on prose: none', async () => {
    assert.deepEqual(await client.request('textDocument/documentHighlight', { textDocument: { uri }, position: client.at(uri, 'The |rapid advancement') }), []);
  });
});

describe('a Pandoc manuscript whose bibliography changes', () => {
  let dir: string;
  let client: LspClient;
  let uri: string;
  let bibUri: string;
  let refreshes = 0;
  const BIB = '@article{Zm1iJl59, title={Sci-Hub provides access to nearly all scholarly literature}, author={Himmelstein, Daniel S. and Romero, Ariel}, year={2018}}\n';
  const MD = '---\nbibliography: refs.bib\n---\nSci-Hub [@Zm1iJl59] and [@smith2020deep].\n';

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'citelens-hints-'));
    writeFileSync(join(dir, 'refs.bib'), BIB);
    writeFileSync(join(dir, 'paper.md'), MD);
    ({ client } = await LspClient.start({
      root: dir,
      capabilities: { workspace: { configuration: true, didChangeConfiguration: { dynamicRegistration: true }, inlayHint: { refreshSupport: true } } },
    }));
    client.connection.onRequest('workspace/inlayHint/refresh', () => void refreshes++);
    uri = await client.open(join(dir, 'paper.md'));
    await client.diagnostics(uri);
    bibUri = await client.open(join(dir, 'refs.bib'));
  });
  after(async () => {
    await client.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  const hints = async (): Promise<string[]> =>
    (await client.request<InlayHint[]>('textDocument/inlayHint', { textDocument: { uri }, range: { start: { line: 0, character: 0 }, end: { line: 5, character: 0 } } })).map(labelOf);

  test('a hashed key gets its authors; an unresolved key none', async () => {
    assert.deepEqual(await hints(), ['Himmelstein & Romero 2018']);
  });

  test('an entry added to the bibliography: the editor is asked to refresh, and the new key is named', async () => {
    const before = refreshes;
    await client.insert(bibUri, client.text(bibUri).length, '@article{smith2020deep, title={Deep learning}, author={Smith, John}, year={2020}}\n');
    await client.nextDiagnostics(uri, (p) => !p.diagnostics.some((d) => d.code === 'unresolved-citation'));
    await waitFor(() => refreshes > before);
    // `smith2020deep` names its author: still one hint.
    assert.deepEqual(await hints(), ['Himmelstein & Romero 2018']);
  });

  test('the setting: numbers only hides the key’s hint, and the editor is asked to refresh', async () => {
    const before = refreshes;
    await client.setSettings({ inlayHints: 'numbers' });
    await waitFor(() => refreshes > before);
    assert.deepEqual(await hints(), []);
  });
});

async function waitFor(condition: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
