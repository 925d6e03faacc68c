/**
 * Citation-key completion on a large bibliography, in process (the core's `getCompletions`, as the language
 * server calls it on each keystroke):
 *
 *   node --import tsx scripts/bench/completionTiming.ts FILE.bib [RUNS]
 *
 * Loads the file, completes the index, then times each typed prefix RUNS times (wall p50 / p95 / max and mean CPU
 * time, ms: the machine is shared, CPU time depends less on its load) and prints the first rows, so the ranking
 * can be read too. Prints one JSON object on stdout.
 */
import { readFileSync } from 'node:fs';
import { warmCompletionIndex } from '../../server/src/service/bibtex/completionIndex';
import { getCompletions } from '../../server/src/service/features/completion';
import { createCitelensService, MemoryWorkspace } from '../../server/src/service/service';

const [file, runsArg] = process.argv.slice(2);
const runs = Number(runsArg ?? 30);
const PREFIXES = ['', 'D', 'a', 'Flor', 'denoi', 'bengio', 'attention', 'vaswani2017', 'ho20', 'DBLP:conf/iclr/Ba', '2020', 'zzzq'];

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
  for (const typed of PREFIXES) {
    const text = `${head}${typed}]\n`;
    const files = [{ ...analysis.files[0], text }];
    const offset = head.length + typed.length;
    const samples: number[] = [];
    let result = null;
    const cpu = process.cpuUsage();
    for (let i = 0; i < runs; i++) {
      t = performance.now();
      result = getCompletions({ ...analysis, files }, manuscript, offset);
      samples.push(performance.now() - t);
    }
    const used = process.cpuUsage(cpu);
    samples.sort((a, b) => a - b);
    out[typed || '(nothing)'] = {
      cpuMean: round((used.user + used.system) / 1000 / runs),
      p50: round(samples[samples.length >> 1]),
      p95: round(samples[Math.min(samples.length - 1, Math.floor(samples.length * 0.95))]),
      max: round(samples[samples.length - 1]),
      items: result?.items.length ?? 0,
      first: result?.items.slice(0, 3).map((i) => `${i.label} | ${i.description ?? ''} | ${(i.detail ?? '').slice(0, 50)}`),
    };
  }
  console.log(JSON.stringify(out, null, 1));
}

const round = (ms: number) => Math.round(ms * 100) / 100;

void main();
