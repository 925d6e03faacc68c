/**
 * CPU profile of the language server while it answers keystrokes (or loads a large bibliography): starts
 * `dist/server.js` with a preloaded profiler (Node 20 refuses `--cpu-prof` in NODE_OPTIONS; `--require` is
 * allowed), runs the scenario, lets the server exit cleanly so the profile is written,
 * then prints where the time went during the measured window only (start-up and the first analysis excluded).
 *
 *   node --import tsx scripts/bench/profileKeystrokes.ts keystrokes /tmp/citelens-bench/pandoc.md [--runs 100] [--topic-fit off]
 *   node --import tsx scripts/bench/profileKeystrokes.ts big /tmp/citelens-bench/completion.md
 *
 * `--warm N`: first types N keystrokes a quarter into the manuscript (not measured), so the measured ones run on
 * code V8 has optimised (the first ~20 keystrokes of a session run slower: BENCHMARKS.md, fifth session).
 * `--no-profile` also prints every keystroke's time in order, and the server's typing rehearsal (lsp/typingRehearsal.ts).
 * `--read MS`: types MS later still (the author reading, as scripts/bench.ts has it: 3000). `--type-after MS`: types
 * MS after the diagnostics instead (e.g. while the server's typing rehearsal runs).
 *
 * The inputs are those `scripts/bench.ts` writes to `$TMPDIR/citelens-bench/` (run `--only keystrokes` once).
 */
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { LspClient } from '../../test/helpers/lspClient';
import { quiet } from './quiet';
import { summarise, type Profile } from './cpuProfile';

const args = process.argv.slice(2);
const mode = args[0] ?? 'keystrokes';
const file = resolve(args[1] ?? join(tmpdir(), 'citelens-bench', 'pandoc.md'));
const option = (name: string, fallback: string): string => (args.includes(name) ? args[args.indexOf(name) + 1] : fallback);
const runs = Number(option('--runs', '100'));
const warm = Number(option('--warm', '0'));
const topicFit = option('--topic-fit', 'on') !== 'off';
/** `--read MS`: wait MS more before typing (the author reading: scripts/bench.ts' READING_MS). */
const readMs = Number(option('--read', '0'));
/** `--type-after MS`: type MS after the (topic fit's) diagnostics, not waiting for 2 s without a publication. */
const typeAfterMs = args.includes('--type-after') ? Number(option('--type-after', '0')) : null;
/** `--no-profile`: no profiler; the server's `CITELENS_TRACE` lines give the analysis and publishing times. */
const profiling = !args.includes('--no-profile');
process.env.CITELENS_SERVER ??= resolve(__dirname, '..', '..', 'dist', 'server.js');

/** The longest stretches between samples of `(idle)`/`(program)` gaps: uninterrupted JS tasks, with their top frames. */
function longestTasks(profile: Profile, fromMicros: number, top = 8): void {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const idle = (id: number): boolean => ['(idle)', '(program)', '(garbage collector)'].includes(byId.get(id)!.callFrame.functionName) && byId.get(id)!.callFrame.functionName === '(idle)';
  const tasks: { start: number; ms: number; frames: Map<string, number> }[] = [];
  let t = profile.startTime;
  let current: { start: number; ms: number; frames: Map<string, number> } | null = null;
  for (let i = 0; i < profile.samples.length; i++) {
    t += profile.timeDeltas[i];
    const dt = (profile.timeDeltas[i + 1] ?? 0) / 1000;
    if (t < fromMicros || idle(profile.samples[i])) {
      if (current) tasks.push(current);
      current = null;
      continue;
    }
    current ??= { start: t, ms: 0, frames: new Map() };
    current.ms += dt;
    // Attribute to the deepest frames of our own code (names outside node_modules).
    const chain: string[] = [];
    for (let id: number | undefined = profile.samples[i]; id !== undefined; id = parent.get(id)) {
      const f = byId.get(id)!.callFrame;
      if (f.functionName) chain.push(`${f.functionName}:${f.lineNumber + 1}`);
    }
    const key = chain.slice(0, 4).reverse().join(' > ');
    current.frames.set(key, (current.frames.get(key) ?? 0) + dt);
  }
  if (current) tasks.push(current);
  console.log('\nlongest uninterrupted tasks:');
  for (const task of tasks.sort((a, b) => b.ms - a.ms).slice(0, top)) {
    console.log(`  ${task.ms.toFixed(1)} ms at +${((task.start - fromMicros) / 1000).toFixed(0)} ms`);
    for (const [k, v] of [...task.frames].sort((a, b) => b[1] - a[1]).slice(0, 6)) console.log(`      ${v.toFixed(1).padStart(6)}  ${k}`);
  }
}

/** For each request that waited over 25 ms: what the server ran meanwhile (deepest frames of its stacks). */
function slowRequests(profile: Profile, slow: [number, number][], fromMicros: number): void {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  console.log(`\nrequests that waited over 25 ms: ${slow.length}`);
  for (const [start, end] of slow.sort((a, b) => b[1] - b[0] - (a[1] - a[0])).slice(0, 8)) {
    console.log(`  ${((end - start) / 1000).toFixed(1)} ms at +${((start - fromMicros) / 1000).toFixed(0)} ms`);
    const frames = new Map<string, number>();
    let t = profile.startTime;
    for (let i = 0; i < profile.samples.length; i++) {
      t += profile.timeDeltas[i];
      if (t < start || t > end) continue;
      const chain: string[] = [];
      for (let id: number | undefined = profile.samples[i]; id !== undefined; id = parent.get(id)) {
        const f = byId.get(id)!.callFrame;
        if (f.functionName) chain.push(`${f.functionName}:${f.lineNumber + 1}`);
      }
      const key = chain.slice(0, 5).reverse().join(' > ');
      frames.set(key, (frames.get(key) ?? 0) + (profile.timeDeltas[i + 1] ?? 0) / 1000);
    }
    for (const [k, v] of [...frames].sort((a, b) => b[1] - a[1]).slice(0, 6)) console.log(`      ${v.toFixed(1).padStart(6)}  ${k}`);
  }
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'citelens-prof-'));
  // The inspector session of the main thread answers synchronously, so the profile can be taken in 'exit'.
  const hook = join(dir, 'hook.js');
  writeFileSync(hook, `const inspector = require('node:inspector');
const fs = require('node:fs');
const session = new inspector.Session();
session.connect();
session.post('Profiler.enable');
session.post('Profiler.setSamplingInterval', { interval: 100 });
session.post('Profiler.start');
process.on('exit', () => session.post('Profiler.stop', (error, result) => {
  if (!error) fs.writeFileSync(${JSON.stringify(join(dir, 'server.cpuprofile'))}, JSON.stringify(result.profile));
}));
`);
  const { client } = await LspClient.start({
    root: dirname(file),
    settings: { diagnostics: { debounce: mode === 'big' ? 150 : 0 }, topicFit: { enabled: mode === 'big' ? false : topicFit } },
    capabilities: {
      window: { workDoneProgress: true },
      workspace: { configuration: true, didChangeConfiguration: { dynamicRegistration: true }, workspaceFolders: true },
      textDocument: { publishDiagnostics: { relatedInformation: true, versionSupport: true } },
    },
    env: profiling ? { NODE_OPTIONS: `--require=${hook}` } : { CITELENS_TRACE: '1' },
  });
  let from = 0;
  /** Big mode: requests that waited long, as [start, end] in microseconds of the monotonic clock. */
  const slow: [number, number][] = [];
  if (mode === 'big') {
    from = Number(process.hrtime.bigint() / 1000n);
    let pinging = true;
    const pinger = (async () => {
      while (pinging) {
        const t = Number(process.hrtime.bigint() / 1000n);
        await client.request('citelens/benchPing', {}).catch(() => undefined);
        const end = Number(process.hrtime.bigint() / 1000n);
        if (end - t > 25_000) slow.push([t, end]);
        await new Promise((r) => setTimeout(r, 10));
      }
    })();
    const uri = await client.open(file);
    await client.diagnostics(uri, (p) => p.version === 1, 60_000);
    await new Promise((r) => setTimeout(r, 3000));
    pinging = false;
    await pinger;
  } else {
    const uri = await client.open(file);
    await client.diagnostics(uri, (p) => p.version === 1, 120_000);
    // As the bench does: a 5,000-work bibliography's topic model is learnt in the background after the first
    // diagnostics; typing is profiled once it is ready and published, and once the idle tasks that follow have run.
    if (topicFit) await client.diagnostics(uri, (p) => p.diagnostics.some((d) => d.code === 'off-topic-citation'), 120_000);
    if (typeAfterMs === null) await quiet(client, 2000, 120_000);
    if (readMs || typeAfterMs) await new Promise((r) => setTimeout(r, typeAfterMs ?? readMs));
    const text = client.text(uri);
    const at = text.indexOf('\n\n', Math.floor(text.length / 2));
    const elsewhere = client.positionAt(uri, text.indexOf('\n\n', Math.floor(text.length / 4)));
    for (let i = 0; i < warm; i++) {
      client.published.length = 0;
      const version = await client.keystroke(uri, elsewhere, i);
      await client.diagnostics(uri, (p) => p.version === version, 120_000);
    }
    from = Number(process.hrtime.bigint() / 1000n);
    const samples: number[] = [];
    // The text before `at` never changes, so neither does the keystroke's position.
    const position = client.positionAt(uri, at);
    for (let i = 0; i < runs; i++) {
      client.published.length = 0; // only the next publication matters (the bench does the same)
      const t = performance.now();
      const version = await client.keystroke(uri, position, i);
      await client.diagnostics(uri, (p) => p.version === version, 120_000);
      samples.push(performance.now() - t);
    }
    if (!profiling) console.log(`in order: ${samples.map((x) => x.toFixed(0)).join(' ')}`);
    samples.sort((a, b) => a - b);
    console.log(`keystroke → diagnostics: p50 ${samples[samples.length >> 1].toFixed(1)} ms, p95 ${samples[Math.floor(samples.length * 0.95)].toFixed(1)} ms (n=${runs})`);
    if (!profiling) {
      const lines = client.stderr.join('\n').split('\n').filter((l) => l.startsWith('check ')).slice(-runs);
      const of = (re: RegExp) => lines.map((l) => Number(re.exec(l)?.[1])).filter((x) => !Number.isNaN(x)).sort((a, b) => a - b);
      console.log(`server, in order: analyze ${lines.map((l) => Number(/analyze ([\d.]+) ms/.exec(l)?.[1]).toFixed(0)).join(' ')}`);
      console.log(`server, in order: publish ${lines.map((l) => Number(/publish ([\d.]+) ms/.exec(l)?.[1]).toFixed(0)).join(' ')}`);
      const analyze = of(/analyze ([\d.]+) ms/);
      const publish = of(/publish ([\d.]+) ms/);
      const q = (xs: number[], p: number) => xs[Math.min(xs.length - 1, Math.floor(p * xs.length))];
      for (const line of client.stderr.join('\n').split('\n').filter((l) => l.startsWith('typing rehearsal') || process.env.ALL_TRACE)) console.log(line.slice(0, 300));
      console.log(`server: analyze p50 ${q(analyze, 0.5)} ms, p95 ${q(analyze, 0.95)} ms; publish p50 ${q(publish, 0.5)} ms, p95 ${q(publish, 0.95)} ms (sending not included)`);
      await client.stop();
      return;
    }
  }
  await client.connection.sendRequest('shutdown');
  await client.connection.sendNotification('exit');
  await new Promise((r) => client.process.once('exit', r));
  client.connection.dispose();
  const name = readdirSync(dir).find((f) => f.endsWith('.cpuprofile'));
  if (!name) throw new Error(`no profile written in ${dir}`);
  console.log(`profile: ${join(dir, name)}`);
  const profile = JSON.parse(readFileSync(join(dir, name), 'utf8')) as Profile;
  summarise(profile, from);
  if (mode === 'big') slowRequests(profile, slow, from);
  else longestTasks(profile, from);
}

void main();
