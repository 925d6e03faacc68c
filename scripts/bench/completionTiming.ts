/**
 * Citation-key completion on a large bibliography, in process (the core's `getCompletions`, as the language
 * server calls it on each keystroke):
 *
 *   node --import tsx scripts/bench/completionTiming.ts FILE.bib [RUNS]
 *
 * Loads the file, completes the index, then types each word RUNS times one character at a time and times each
 * keystroke's completion (wall p50 / p95, the first keystroke's p50, mean CPU time, ms: the machine is shared,
 * CPU time depends less on its load), and prints the first rows, so the ranking can be read too. Prints one JSON
 * object on stdout.
 */
import { readFileSync } from 'node:fs';
import { warmCompletionIndex } from '../../server/src/service/bibtex/completionIndex';
import { getCompletions } from '../../server/src/service/features/completion';
import { createCitelensService, MemoryWorkspace } from '../../server/src/service/service';

const [file, runsArg] = process.argv.slice(2);
const runs = Number(runsArg ?? 30);
const PREFIXES = ['', 'Flor', 'denoi', 'bengio', 'attention', 'vaswani2017', 'ho20', 'DBLP:conf/iclr/Ba', '2020', 'zzzq'];

async function main(): Promise<void> {
  const manuscript = '/bench/paper.md';
  const head = '---\nbibliography: refs.bib\n---\n\nSee [@';
  const service = createCitelensService(MemoryWorkspace.of({ '/bench/refs.bib': readFileSync(file, 'utf8'), [manuscript]: head + ']\n' }), { topicFitEnabled: false });
  let t = performance.now();
  const analysis = await service.analyze(manuscript);
  const loadMs = performance.now() - t;
  t = performance.now();
  warmCompletionIndex(analysis, Infinity);
  const indexMs = performance.now() - t;
  const out: Record<string, unknown> = { entries: analysis.entriesByKey.size, loadMs: round(loadMs), indexMs: round(indexMs) };
  for (const word of PREFIXES) {
    // As typed: one character at a time (the editor asks at each keystroke; a keystroke that extends the text
    // re-ranks only what the previous one matched), RUNS times; the first keystroke of each run ranks afresh.
    const samples: number[] = [];
    const firsts: number[] = [];
    let result = null;
    const cpu = process.cpuUsage();
    for (let r = 0; r < runs; r++) {
      for (let n = word ? 1 : 0; n <= word.length; n++) {
        const typed = word.slice(0, n);
        const text = `${head}${typed}]\n`;
        t = performance.now();
        result = getCompletions({ ...analysis, files: [{ ...analysis.files[0], text }] }, manuscript, head.length + n);
        const ms = performance.now() - t;
        samples.push(ms);
        if (n <= 1) firsts.push(ms);
      }
    }
    const used = process.cpuUsage(cpu);
    samples.sort((a, b) => a - b);
    firsts.sort((a, b) => a - b);
    out[word || '(nothing)'] = {
      keystrokes: samples.length,
      cpuMean: round((used.user + used.system) / 1000 / samples.length),
      p50: round(samples[samples.length >> 1]),
      p95: round(samples[Math.min(samples.length - 1, Math.floor(samples.length * 0.95))]),
      firstKeystrokeP50: round(firsts[firsts.length >> 1]),
      items: result?.items.length ?? 0,
      first: result?.items.slice(0, 3).map((i) => `${i.label} | ${i.description ?? ''} | ${(i.detail ?? '').slice(0, 50)}`),
    };
  }
  console.log(JSON.stringify(out, null, 1));
}

const round = (ms: number) => Math.round(ms * 100) / 100;

void main();
