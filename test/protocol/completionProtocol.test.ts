/**
 * Citation-key completion over the protocol, against the bundled server: rows found by author and title word
 * with "Author Year" and the title on the row (`labelDetails`), an incomplete list so the editor asks again as
 * the user types, and the loading row while a large bibliography is still being read.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { CompletionItem, CompletionList } from 'vscode-languageserver-protocol';
import { LspClient } from '../helpers/lspClient';
import { repoRoot } from '../helpers/shared';

const example = join(repoRoot, 'examples', 'genai-healthcare');

/** The rows as a person reads them: label, what follows it, what is right-aligned. */
const rows = (list: CompletionList | null) => (list?.items ?? []).map((i: CompletionItem) => [i.label, i.labelDetails?.detail, i.labelDetails?.description]);

describe('key completion on the example workspace', () => {
  let client: LspClient;
  let uri: string;
  before(async () => {
    ({ client } = await LspClient.start({ root: example }));
    uri = await client.open(join(example, 'manuscript.md'));
    await client.diagnostics(uri);
  });
  after(() => client.stop());

  /** Types `typed` at the end of the manuscript (as one more paragraph) and asks for completion there. */
  async function complete(typed: string): Promise<CompletionList | null> {
    const end = client.text(uri).length;
    await client.insert(uri, end, `\n\nNew ${typed}`);
    const list = await client.request<CompletionList | null>('textDocument/completion', {
      textDocument: { uri },
      position: client.positionAt(uri, client.text(uri).length),
      context: { triggerKind: 3 },
    });
    await client.change(uri, [{ range: { start: client.positionAt(uri, end), end: client.positionAt(uri, client.text(uri).length) }, text: '' }]);
    return list;
  }

  const cases: { typed: string; why: string; rows: (string | undefined)[][] }[] = [
    { typed: '[@Flor', why: 'a later author (Floridi)', rows: [['wachter2017right', ' Wachter et al. 2017', 'Why a Right to Explanation of Automated Decision-Making Does Not Exist in the General Data Protection Regulation']] },
    { typed: '[@denoi', why: 'a title word', rows: [['ho2020ddpm', ' Ho et al. 2020', 'Denoising Diffusion Probabilistic Models']] },
    { typed: '@kingma', why: 'a narrative citation by its key', rows: [['kingma2014vae', ' Kingma & Welling 2014', 'Auto-Encoding Variational Bayes']] },
  ];
  for (const c of cases) {
    test(`${c.typed} finds ${c.why}; the row shows author, year and title`, async () => {
      const list = await complete(c.typed);
      assert.deepEqual(rows(list), c.rows);
      assert.equal(list!.isIncomplete, true);
      const typed = c.typed.replace(/^\[?@/, '');
      for (const item of list!.items) assert.ok(item.filterText?.startsWith(typed), `${item.label}: filterText ${item.filterText}`);
    });
  }

  test('[@ lists every key, cited ones first, as an incomplete list', async () => {
    const list = await complete('[@');
    assert.equal(list?.items.length, 20);
    assert.equal(list?.isIncomplete, true);
  });
});

describe('key completion while a large bibliography is read', () => {
  let client: LspClient;
  let dir: string;
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'citelens-loading-'));
    // ~12 MB: reading it takes seconds, far longer than the server waits before answering with the loading row.
    const parts: string[] = [];
    for (let i = 0; i < 80_000; i++) parts.push(`@article{key${i}, author = {Author${i % 977}, Ann and Doe, Jo}, title = {Work number ${i} on topic ${i % 311}}, journal = {J}, year = ${1990 + (i % 35)}}\n`);
    writeFileSync(join(dir, 'big.bib'), parts.join(''));
    writeFileSync(join(dir, 'paper.md'), '---\nbibliography: big.bib\n---\n\nSee [@');
    ({ client } = await LspClient.start({ root: dir, capabilities: { window: { workDoneProgress: true }, textDocument: { completion: { completionItem: { labelDetailsSupport: true } } } } }));
  });
  after(async () => {
    await client.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  test('[@ typed before the file is read gets a loading row, then the keys', async () => {
    const uri = await client.open(join(dir, 'paper.md'));
    const position = client.positionAt(uri, client.text(uri).length);
    const ask = () => client.request<CompletionList | null>('textDocument/completion', { textDocument: { uri }, position, context: { triggerKind: 2, triggerCharacter: '@' } });
    const loading = await ask();
    assert.equal(loading?.isIncomplete, true, 'the editor must ask again');
    assert.equal(loading?.items.length, 1);
    assert.match(loading!.items[0].label, /^Loading bibliography \(\d{1,3} %\)…$/);
    assert.deepEqual((loading!.items[0] as { textEdit?: { newText: string } }).textEdit?.newText, '', 'choosing the row inserts nothing');
    // Once read (the first diagnostics are published after the analysis), the same request lists keys.
    await client.diagnostics(uri, () => true, 120_000);
    const keys = await ask();
    assert.equal(keys?.isIncomplete, true);
    assert.equal(keys?.items[0].label, 'key0');
    assert.equal(keys?.items[0].labelDetails?.detail, ' Author0 & Doe 1990');
  });
});
