/**
 * In-process measurements of the core, one kind per child process so caches start cold:
 *
 *   node --import tsx scripts/bench/inProcess.ts load FILE.bib RUNS   cold / unchanged reopened / one entry edited
 *   node --import tsx scripts/bench/inProcess.ts keys FILE.bib RUNS   keys, key ranges, syntax diagnostics
 *   node --import tsx scripts/bench/inProcess.ts citejs FILE.bib      citation-js `new Cite(text)` on the same file
 *   node --import tsx scripts/bench/inProcess.ts keep FILE.bib STORE  loads the file once and keeps its scan in STORE
 *   node --import tsx scripts/bench/inProcess.ts kept FILE.bib STORE  loads the unchanged file from STORE (a new process)
 *
 * Prints one JSON object (milliseconds) on stdout.
 */
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { decodeInSlices } from '../../server/src/node/decode';
import { ScanStore } from '../../server/src/lsp/scanStore';
import { scanOf } from '../../server/src/service/bibtex/parseBibliography';
import { parseBibliography } from '../../server/src/service/bibtex/parseBibliography';
import { completionIndexRows, warmCompletionIndex } from '../../server/src/service/bibtex/completionIndex';
import { createCitelensService, MemoryWorkspace, type CitelensService } from '../../server/src/service/service';
import type { Bibliography } from '../../server/src/service/types';

const [mode, file, runsArg] = process.argv.slice(2);
const runs = Number(runsArg ?? 5);
const text = readFileSync(file, 'utf8');

/**
 * What the editor needs of a freshly read bibliography: the analysis of a manuscript citing it (keys, key
 * ranges, syntax and duplicate-key diagnostics) and the completion index of every entry (authors, titles,
 * years). CSL conversion by citation-js stays lazy (hovers, cited entries); `convertAll` measures it apart.
 */
async function ready(service: CitelensService, manuscript: string): Promise<Bibliography> {
  const analysis = await service.analyze(manuscript);
  warmCompletionIndex(analysis, Infinity);
  return analysis.bibliographies[0];
}

function convertAll(bib: Bibliography): void {
  for (const e of bib.entries) e.getCsl();
}

async function load(): Promise<Record<string, unknown>> {
  const path = '/bench/refs.bib';
  const manuscript = '/bench/paper.md';
  const workspace = MemoryWorkspace.of({ [path]: text, [manuscript]: '---\nbibliography: refs.bib\n---\n\nSee [@x].\n' });
  // Topic fit (a model over every entry's words) is measured apart (`topicFitMs`): this is the bibliography's load.
  const service = createCitelensService(workspace, { topicFitEnabled: false });
  const cpu = process.cpuUsage();
  let t = performance.now();
  // The first read parses the file; `ready` then finds it cached by content and adds analysis and index.
  const keysMs = (await service.bibliography(path), performance.now() - t);
  service.invalidate(path);
  t = performance.now();
  const bib = await ready(service, manuscript);
  const coldMs = performance.now() - t + keysMs;
  // CPU time says what the wall time would be on an idle machine (other processes compete for the 2 cores).
  const used = process.cpuUsage(cpu);
  const coldCpuMs = (used.user + used.system) / 1000;
  t = performance.now();
  convertAll(bib);
  const convertMs = performance.now() - t;
  const reopened: number[] = [];
  for (let i = 0; i < runs; i++) {
    service.invalidate(path);
    workspace.set(path, text.slice(0, 10) + text.slice(10)); // same content, a different string
    t = performance.now();
    await ready(service, manuscript);
    reopened.push(performance.now() - t);
  }
  // Edit one entry after another, as a user editing the file does: one character added before an entry's
  // closing brace, a different entry each time, each edit on the previous version.
  const edited: number[] = [];
  let current = text;
  let latest = bib;
  for (let i = 0; i < runs; i++) {
    const entry = latest.entries[Math.floor(((i + 1) * latest.entries.length) / (runs + 1))];
    const at = entry.span.end - 1;
    current = current.slice(0, at) + ' ' + current.slice(at);
    service.invalidate(path);
    workspace.set(path, current);
    t = performance.now();
    latest = await ready(service, manuscript);
    edited.push(performance.now() - t);
  }
  service.setSettings({ topicFitEnabled: true });
  t = performance.now();
  await service.analyze(manuscript);
  const topicFitMs = performance.now() - t;
  t = performance.now();
  await service.analyze(manuscript);
  const topicFitWarmMs = performance.now() - t;
  return { entries: bib.entries.length, keysMs, coldMs, coldCpuMs, convertMs, reopened, edited, topicFitMs, topicFitWarmMs };
}

function keys(): Record<string, unknown> {
  const samples: number[] = [];
  let entries = 0;
  let problems = 0;
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    const bib = parseBibliography(`file:///bench/${i}.bib`, text);
    samples.push(performance.now() - t);
    entries = bib.entries.length;
    problems = bib.problems.length;
  }
  return { entries, problems, samples };
}

async function citejs(): Promise<Record<string, unknown>> {
  // citationJsModules.d.ts declares only what the server uses; `Cite` is the public whole-file API.
  const { Cite } = (await import('@citation-js/core')) as unknown as { Cite: new (text: string, options?: object) => { data: unknown[] } };
  await import('@citation-js/plugin-bibtex');
  const t = performance.now();
  try {
    const cite = new Cite(text, { forceType: '@biblatex/text', generateGraph: false });
    return { ms: performance.now() - t, entries: cite.data.length };
  } catch (e) {
    return { ms: performance.now() - t, error: (e instanceof Error ? e.message : String(e)).split('\n')[0] };
  }
}

/** The server's pause between slices (`LspWorkspace.pause`): large files then load in slices, through the store. */
const pause = () => new Promise<void>((resolve) => setImmediate(() => setImmediate(() => setImmediate(resolve))));

/** A service as the language server has it: pauses, and a scan store in `runsArg` (the STORE folder). */
function storedService(store: ScanStore): { service: CitelensService; workspace: MemoryWorkspace } {
  const workspace = MemoryWorkspace.of({ '/bench/refs.bib': text, '/bench/paper.md': '---\nbibliography: refs.bib\n---\n\nSee [@x].\n' });
  Object.assign(workspace, { pause, scans: store });
  return { workspace, service: createCitelensService(workspace, { topicFitEnabled: false }) };
}

/** The first load of the file, which keeps its scan and, once indexed, its completion index in the store. */
async function keep(): Promise<Record<string, unknown>> {
  const store = new ScanStore(runsArg, { tag: 'bench' });
  const { service } = storedService(store);
  let t = performance.now();
  const bib = await ready(service, '/bench/paper.md');
  const loadMs = performance.now() - t;
  t = performance.now();
  await store.flush();
  return { entries: bib.entries.length, loadMs, writeMs: performance.now() - t };
}

/**
 * The unchanged file in a new process (this one): the same work as `load`'s cold run — analysis and complete
 * completion index — from the kept scan, after a warm-up analysis of a small manuscript. `readMs`: reading and decoding the file as the server does, with its
 * bytes hashed instead of its text (`ScanStore.noteBytes`), measured apart in a second store.
 */
async function kept(): Promise<Record<string, unknown>> {
  // What any first analysis costs in a new process (parsing Markdown the first time, compiling the pipeline) is
  // paid on a small manuscript and bibliography first: measured below is what the large file adds.
  const warmUp = MemoryWorkspace.of({ '/warm/refs.bib': '@article{a, title={A}, author={B, C}, year=2020}\n', '/warm/paper.md': '---\nbibliography: refs.bib\n---\n\nSee [@a] and [@x].\n' });
  await ready(createCitelensService(warmUp, { topicFitEnabled: false }), '/warm/paper.md');
  const store = new ScanStore(runsArg, { tag: 'bench' });
  const { service } = storedService(store);
  const t = performance.now();
  await service.bibliography('/bench/refs.bib');
  const bibliographyMs = performance.now() - t;
  const analysis = await service.analyze('/bench/paper.md');
  const analysisMs = performance.now() - t - bibliographyMs;
  const t2 = performance.now();
  warmCompletionIndex(analysis, Infinity);
  const indexMs = performance.now() - t2;
  const totalMs = performance.now() - t;
  // Every entry completion offers came indexed from the store (none indexed here: it was complete before).
  const stored = completionIndexRows(scanOf(analysis.bibliographies[0])!.entries).complete;
  const { hashMs, readMs: storeReadMs, decodeMs } = store.timings;
  // As the language server reads it: file bytes decoded in slices, their hash taken (no hashing of the text).
  const other = new ScanStore(runsArg, { tag: 'bench' });
  let t1 = performance.now();
  const bytes = await readFile(file);
  const decoded = await decodeInSlices(bytes, pause);
  const fileReadMs = performance.now() - t1;
  t1 = performance.now();
  await other.noteBytes('/bench/refs.bib', decoded, bytes);
  const bytesHashMs = performance.now() - t1;
  return { entries: analysis.bibliographies[0].entries.length, fromStore: stored, totalMs, bibliographyMs, analysisMs, indexMs, hashMs, storeReadMs, decodeMs, fileReadMs, bytesHashMs };
}

async function main(): Promise<void> {
  const result = mode === 'load' ? await load() : mode === 'keys' ? keys() : mode === 'keep' ? await keep() : mode === 'kept' ? await kept() : await citejs();
  process.stdout.write(JSON.stringify(result) + '\n');
}

void main();
