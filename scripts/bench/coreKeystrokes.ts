/**
 * The core's share of a keystroke with topic fit on, in process (no LSP, no publishing): the bench's
 * keystroke scenario (an `x` typed at the end of a paragraph in the middle of the manuscript, then deleted,
 * alternately) on a `scripts/bench.ts` manuscript, with the analysis's wall and CPU time per keystroke.
 * Run it under `node --cpu-prof` to see where the core's time goes without the server around it.
 *
 *   node --import tsx scripts/bench/coreKeystrokes.ts /tmp/citelens-bench/pandoc.md [RUNS] [--typing]
 *
 * `--profile`: prints where the keystrokes' time went (self and inclusive, by function; the first analysis left out).
 * `--typing`: a new letter each keystroke (each analysis sees a sentence it never saw) instead of the bench's
 * alternation (which returns to a text seen two keystrokes before).
 */
import { readFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { dirname, join } from 'node:path';
import { createCitelensService, MemoryWorkspace } from '../../server/src/service/service';
import { summarise, type Profile } from './cpuProfile';

const args = process.argv.slice(2);
const file = args[0] ?? '/tmp/citelens-bench/pandoc.md';
const runs = Number(args[1] ?? 60);
const typing = args.includes('--typing');
const profiling = args.includes('--profile');
const text = readFileSync(file, 'utf8');
const bibName = /bibliography:\s*(\S+)/.exec(text)?.[1] ?? 'refs5k.bib';
const path = '/bench/manuscript.md';
const workspace = MemoryWorkspace.of({ [path]: text, [`/bench/${bibName}`]: readFileSync(join(dirname(file), bibName), 'utf8') }, ['/bench']);
const service = createCitelensService(workspace);

async function main(): Promise<void> {
  let t = performance.now();
  const first = await service.analyze(path);
  console.log(`first analysis: ${(performance.now() - t).toFixed(0)} ms, ${first.diagnostics.length} diagnostics`);
  const at = text.indexOf('\n\n', Math.floor(text.length / 2));
  const wall: number[] = [];
  const cpu: number[] = [];
  let current = text;
  const session = profiling ? new Session() : null;
  if (session) {
    session.connect();
    await session.post('Profiler.enable');
    await session.post('Profiler.setSamplingInterval', { interval: 100 });
    await session.post('Profiler.start');
  }
  for (let i = 0; i < runs; i++) {
    current = typing ? current.slice(0, at + i) + String.fromCharCode(97 + (i % 26)) + current.slice(at + i) : i % 2 === 0 ? `${text.slice(0, at)}x${text.slice(at)}` : text;
    workspace.set(path, current);
    const c = process.cpuUsage();
    t = performance.now();
    await service.analyze(path);
    wall.push(performance.now() - t);
    const used = process.cpuUsage(c);
    cpu.push((used.user + used.system) / 1000);
  }
  if (session) {
    const { profile } = await session.post('Profiler.stop');
    summarise(profile as unknown as Profile, 0, 30);
  }
  const q = (xs: number[], p: number): string => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(p * xs.length))].toFixed(1);
  console.log(`in order (wall, ms): ${wall.map((x) => x.toFixed(0)).join(' ')}`);
  console.log(`analysis per keystroke (n=${runs}${typing ? ', typing' : ''}): wall p50 ${q(wall, 0.5)} ms, p95 ${q(wall, 0.95)} ms; CPU p50 ${q(cpu, 0.5)} ms, p95 ${q(cpu, 0.95)} ms`);
}

void main();
