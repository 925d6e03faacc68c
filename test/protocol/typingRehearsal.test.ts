/**
 * The typing rehearsal (server/src/lsp/typingRehearsal.ts): once idle after a large manuscript's diagnostics, the
 * server analyses edited copies of it so V8 has optimised the typing path by the first keystroke. Over stdio, with
 * `CITELENS_TRACE=1` (the server says when it rehearses): it runs after the first diagnostics, publishes nothing,
 * hovers meanwhile answer about the real text, and an edit meanwhile stops it and gets the diagnostics of the
 * edited text. No timing is asserted; the order of messages on the stream is (responses, publications and log
 * messages come in the order the server sent them).
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { Hover, PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import { LspClient } from '../helpers/lspClient';

const TOPICS = [
  'graph neural networks for molecular property prediction',
  'convolutional networks for medical image segmentation',
  'transformer language models for clinical notes',
  'reinforcement learning for robotic grasping',
  'variational autoencoders for single cell genomics',
  'federated learning for hospital records privacy',
  'diffusion models for protein structure design',
  'graph embeddings for drug repurposing',
  'attention models for speech recognition',
  'random forests for crop yield forecasting',
  'bayesian optimisation for chemical synthesis',
  'contrastive learning for histopathology slides',
];
const BIB = TOPICS.map((t, i) => `@article{work${i}, author = {Doe, Jane}, title = {${t[0].toUpperCase()}${t.slice(1)}}, journal = {J}, year = {20${10 + i}}}\n`).join('');

/** ~75,000 characters (the rehearsal's floor is 50,000): paragraphs each citing a work with words of its title. */
function manuscript(): string {
  const paragraphs: string[] = [];
  for (let p = 0; p < 150; p++) {
    const i = p % TOPICS.length;
    const j = (p * 5 + 3) % TOPICS.length;
    paragraphs.push(
      `Paragraph ${p} reviews ${TOPICS[i]} in some depth, comparing the methods, the datasets and the reported results across studies [@work${i}]. `
      + `Later work extended ${TOPICS[j]} to new settings and larger benchmarks, with mixed success [@work${j}]. `
      + 'The authors of these studies agree that the evaluation protocols differ too much to compare their numbers directly, which this review discusses below.',
    );
  }
  // One citation that resolves to nothing: a diagnostic that must stay where it is.
  paragraphs[40] += ' A work that is not in the bibliography [@missing2000].';
  return `---\nbibliography: refs.bib\n---\n\n# Review\n\n${paragraphs.join('\n\n')}\n`;
}

const TEXT = manuscript();
let dir: string;
before(() => {
  dir = mkdtempSync(join(tmpdir(), 'citelens-rehearsal-'));
  writeFileSync(join(dir, 'refs.bib'), BIB);
  writeFileSync(join(dir, 'paper.md'), TEXT);
});
after(() => rmSync(dir, { recursive: true, force: true }));

const START = /^typing rehearsal of .*paper\.md: from copy/;
const END = /^typing rehearsal of .*paper\.md: (\d+) analyses.*$/;
const lines = (client: LspClient): string[] => client.stderr.flatMap((s) => s.split('\n'));
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** What a user sees of a publication: each diagnostic's code, place and message. */
const seen = (p: PublishDiagnosticsParams) => p.diagnostics.map((d) => `${d.code} ${d.range.start.line}:${d.range.start.character}-${d.range.end.line}:${d.range.end.character} ${d.message}`).sort();

async function start(topicFit: boolean): Promise<LspClient> {
  const { client } = await LspClient.start({
    root: dir,
    env: { CITELENS_TRACE: '1' },
    settings: { diagnostics: { debounce: 0, typingPause: 0 }, topicFit: { enabled: topicFit } },
  });
  return client;
}

test('after the first diagnostics the server rehearses typing, publishing nothing; hovers meanwhile answer about the real text', async () => {
  const client = await start(true);
  try {
    const uri = await client.open(join(dir, 'paper.md'));
    await client.diagnostics(uri, () => true, 30_000);
    // A citation far into the text: every copy but the first few has a letter typed or deleted before it.
    const cited = TEXT.lastIndexOf('[@work7]');
    const position = client.positionAt(uri, cited + 3);
    // The hover's range is the key's.
    const range = { start: client.positionAt(uri, cited + 2), end: client.positionAt(uri, cited + '[@work7'.length) };
    /** Per hover answered: whether the rehearsal had started and ended by then, and the publications so far. */
    const answers: { started: boolean; ended: boolean; published: number; hover: Hover | null }[] = [];
    for (const until = Date.now() + 60_000; Date.now() < until;) {
      const hover = await client.request<Hover | null>('textDocument/hover', { textDocument: { uri }, position });
      const log = lines(client);
      answers.push({ started: log.some((l) => START.test(l)), ended: log.some((l) => END.test(l)), published: client.published.length, hover });
      if (answers.at(-1)!.ended) break;
      await pause(5);
    }
    const end = lines(client).find((l) => END.test(l));
    assert.ok(end, `the rehearsal ran:\n${lines(client).join('\n')}`);
    assert.ok(Number(END.exec(end)![1]) > 0 && !end.includes('stopped'), end);
    const during = answers.filter((a) => a.started && !a.ended);
    assert.ok(during.length > 0, 'a hover was answered while the rehearsal ran');
    for (const a of answers) {
      assert.deepEqual(a.hover?.range, range, 'the hover is about the real text, not a copy');
      assert.match(String((a.hover?.contents as { value: string }).value), /Graph embeddings for drug repurposing/);
    }
    // Nothing was published from the moment it started until it ended.
    const first = answers.find((a) => a.started)!;
    assert.equal(answers.at(-1)!.published, first.published, 'no publication for a copy');
  } finally {
    await client.stop();
  }
});

test('an edit during the rehearsal stops it and gets the diagnostics of the edited text', async () => {
  const client = await start(false);
  try {
    const uri = await client.open(join(dir, 'paper.md'));
    const before = await client.diagnostics(uri, () => true, 30_000);
    assert.ok(before.diagnostics.some((d) => d.code === 'unresolved-citation'));
    for (const until = Date.now() + 60_000; Date.now() < until && !lines(client).some((l) => START.test(l));) await pause(1);
    assert.ok(lines(client).some((l) => START.test(l)), `the rehearsal started:\n${lines(client).join('\n')}`);
    // At once: the rehearsal has ~30 copies of a 75,000-character manuscript to analyse.
    const added = '\n\nA claim about a work nobody wrote [@nobody2020].\n';
    const version = await client.insert(uri, TEXT.length, added);
    const edited = await client.diagnostics(uri, (p) => p.version === version, 30_000);
    const unresolved = edited.diagnostics.filter((d) => d.code === 'unresolved-citation' && String(d.message).includes('nobody2020'));
    const at = TEXT.length + added.indexOf('nobody2020');
    assert.deepEqual(unresolved.map((d) => d.range), [{ start: client.positionAt(uri, at), end: client.positionAt(uri, at + 'nobody2020'.length) }]);
    assert.deepEqual(seen(edited).filter((d) => !d.includes('nobody2020')), seen(before), 'the other diagnostics are as before');
    for (const until = Date.now() + 60_000; Date.now() < until && !lines(client).some((l) => END.test(l) && !l.includes('stopped'));) await pause(20);
    const ends = lines(client).filter((l) => END.test(l));
    assert.ok(ends[0]?.includes('stopped: '), `the edit stopped it:\n${ends.join('\n')}`);
    assert.ok(ends.some((l) => !l.includes('stopped')), `resumed and completed once idle again:\n${ends.join('\n')}`);
    assert.equal(client.latest(uri)?.version, version, 'nothing published since the edit');
    assert.deepEqual(seen(client.latest(uri)!), seen(edited));
  } finally {
    await client.stop();
  }
});
