/**
 * Citation-key completion through the language server over stdio, as an editor asks while the user types:
 *
 *   [DEBOUNCE=ms] node --import tsx scripts/bench/completionServer.ts FILE.bib [RUNS] [topic]
 *
 * Opens a manuscript citing FILE.bib (topic fit off unless `topic` is given: the default settings learn the
 * topics of every work in the background, on a worker thread, while the user types) and asks
 * for completion right after `[@` is typed: the first answer (the loading row while the file is read), then
 * until the keys come, then until authors and titles match (the completion index is built in slices after the
 * read). Then, for each typed text, RUNS times: the text typed one character at a time, each `didChange`
 * followed by a completion request as VS Code sends it (the list is incomplete, so it asks at every
 * keystroke); the time of each request is one sample. Prints one JSON object (ms) on stdout.
 */
import { mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { CompletionList } from 'vscode-languageserver-protocol';
import { LspClient } from '../../test/helpers/lspClient';

const [file, runsArg, topic] = process.argv.slice(2);
const runs = Number(runsArg ?? 5);
const TYPED = ['Flor', 'denoi', 'bengio', 'vaswani2017'];

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'citelens-completion-'));
  symlinkSync(resolve(file), join(dir, 'refs.bib'));
  const head = '---\nbibliography: refs.bib\n---\n\n# Review\n\nDiffusion models [@';
  writeFileSync(join(dir, 'paper.md'), head);
  const { client } = await LspClient.start({
    root: dir,
    // DEBOUNCE=ms: how long diagnostics wait after a keystroke (a long one keeps the analysis of each keystroke,
    // which reads the half-typed key against 35,000 keys, from running between the completion requests).
    settings: { topicFit: { enabled: topic === 'topic' }, ...(process.env.DEBOUNCE ? { diagnostics: { debounce: Number(process.env.DEBOUNCE) } } : {}) },
    capabilities: { textDocument: { completion: { completionItem: { labelDetailsSupport: true } } } },
  });
  try {
    const t0 = performance.now();
    const uri = await client.open(join(dir, 'paper.md'));
    const ask = async (offset: number) => {
      const t = performance.now();
      const list = await client.request<CompletionList | null>('textDocument/completion', { textDocument: { uri }, position: client.positionAt(uri, offset) });
      return { list, ms: performance.now() - t };
    };
    const first = await ask(head.length);
    const out: Record<string, unknown> = { firstAnswerMs: round(performance.now() - t0), firstRow: first.list?.items[0]?.label };
    while (!(await ask(head.length)).list?.items.some((i) => i.label.startsWith('DBLP:') || !i.label.startsWith('Loading'))) await sleep(100);
    out.keysListedMs = round(performance.now() - t0);
    // Authors and titles match once the index is complete: the last key in order has its row then.
    await client.insert(uri, head.length, 'vaswani2017');
    while (!(await ask(head.length + 11)).list?.items.some((i) => i.labelDetails?.description === 'Attention is All you Need')) await sleep(100);
    out.indexCompleteMs = round(performance.now() - t0);
    await client.change(uri, [{ range: { start: client.positionAt(uri, head.length), end: client.positionAt(uri, head.length + 11) }, text: '' }]);
    for (const typed of TYPED) {
      const samples: number[] = [];
      for (let r = 0; r < runs; r++) {
        for (let i = 1; i <= typed.length; i++) {
          await client.insert(uri, head.length + i - 1, typed[i - 1]);
          samples.push((await ask(head.length + i)).ms);
        }
        await client.change(uri, [{ range: { start: client.positionAt(uri, head.length), end: client.positionAt(uri, head.length + typed.length) }, text: '' }]);
      }
      samples.sort((a, b) => a - b);
      out[typed] = { p50: round(samples[samples.length >> 1]), p95: round(samples[Math.min(samples.length - 1, Math.floor(samples.length * 0.95))]), n: samples.length };
    }
    console.log(JSON.stringify(out, null, 1));
  } finally {
    await client.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

const round = (ms: number) => Math.round(ms * 10) / 10;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

void main();
