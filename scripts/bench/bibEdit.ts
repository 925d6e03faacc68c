/**
 * Editing a large bibliography in the editor (issue 16, item 12): the 35,556-entry `dblp-ml.bib` (31 MB) is open
 * beside a short review citing 60 of its entries, topic fit on. Once the review's topic fit is published, one
 * entry's title is edited in the bibliography's buffer (`didChange`, as VS Code sends it) and the time to the
 * review's updated diagnostics is measured: the entry is cited where its (wrong) title made it off-topic, and the
 * new title fits the claim, so the `off-topic-citation` on it goes away; the next edit puts the title back and the
 * warning returns. "Updated" is a publication with topic fit (a second wrong citation, never edited, stays
 * flagged in each) where the edited citation's warning is gone (or back). A second series adds and removes a
 * field topic fit does not read (`note`) in the same entry, measured to the review's next publication with topic fit.
 *
 *   node --import tsx scripts/bench/bibEdit.ts [BIB] [RUNS] [--trace]
 *   node --import tsx scripts/bench/bibEdit.ts [BIB] [RUNS] --in-process   CPU time of each part of an edit
 *
 * Needs `dist/server.js` (`node esbuild.mjs`). Prints the samples (wall time, and the server's CPU time, which the
 * load of a shared machine changes less), then one JSON object (milliseconds) on stdout.
 * `--trace` prints the server's `CITELENS_TRACE` log (where a check's time goes) on stderr.
 */
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import { LspClient } from '../../test/helpers/lspClient';
import { bibtexFieldTexts, parseBibliography } from '../../server/src/service/bibtex/parseBibliography';
import { quiet } from './quiet';

const args = process.argv.slice(2).filter((a) => !a.startsWith('--'));
const trace = process.argv.includes('--trace');
const repo = resolve(__dirname, '..', '..');
const source = resolve(args[0] ?? join(process.env.CITELENS_SHARED ?? join(repo, '..', 'shared'), 'bench', 'dblp-ml.bib'));
const runs = Number(args[1] ?? 6);
process.env.CITELENS_SERVER ??= join(repo, 'dist', 'server.js');

const median = (s: number[]) => [...s].sort((a, b) => a - b)[Math.floor(s.length / 2)];
const OFF_TOPIC = 'off-topic-citation';

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'citelens-bibedit-'));
  const bibPath = join(dir, 'refs.bib');
  copyFileSync(source, bibPath);
  const bibText = readFileSync(bibPath, 'utf8');
  const entries = parseBibliography('file:///refs.bib', bibText).entries;
  // 60 cited entries spread over the file, each cited by a sentence made of its own title's words; the 60th
  // sentence (the edited one) borrows the words of another entry's title, so its citation starts off-topic.
  const titled = entries.filter((e) => (bibtexFieldTexts(e)?.title ?? '').split(/\s+/).length >= 5);
  const sample = titled.filter((_, i) => i % Math.floor(titled.length / 60) === 3).slice(0, 60);
  const titleOf = (e: (typeof entries)[number]) => (bibtexFieldTexts(e)?.title ?? '').replace(/[{}[\]@\\]/g, '');
  const target = sample[sample.length - 1];
  const borrowed = titleOf(sample[11]);
  // A second wrong citation, never edited: it stays flagged in every publication with topic fit, which tells
  // those from publications made while topic fit is not ready (no `off-topic-citation` at all).
  const control = sample[20];
  const sentences = sample.map((e, i) => {
    const words = (e === target ? borrowed : e === control ? titleOf(sample[41]) : titleOf(e)).split(/\s+/).slice(0, 7).join(' ');
    return `${i % 3 === 0 ? 'As shown for' : 'Work on'} ${words} matters here [@${e.key}].`;
  });
  const review = join(dir, 'review.md');
  writeFileSync(review, `---\nbibliography: refs.bib\n---\n\n# Review\n\n${sentences.map((x, i) => (i % 4 === 3 ? `${x}\n\n` : `${x} `)).join('')}\n`);

  const { client } = await LspClient.start({
    root: dir,
    settings: { diagnostics: { debounce: 150 }, topicFit: { enabled: true } },
    env: trace ? { CITELENS_TRACE: '1' } : {},
  });
  const flagged = (p: PublishDiagnosticsParams, key: string) => p.diagnostics.some((d) => d.code === OFF_TOPIC && typeof d.message === 'string' && d.message.includes(`@${key}`));
  const withTopicFit = (p: PublishDiagnosticsParams) => flagged(p, control.key);
  const offTopicOnTarget = (p: PublishDiagnosticsParams) => flagged(p, target.key);
  try {
    const t0 = performance.now();
    const reviewUri = await client.open(review);
    await client.diagnostics(reviewUri, (p) => p.version === 1, 120_000);
    const tFirst = performance.now() - t0;
    await client.diagnostics(reviewUri, (p) => withTopicFit(p) && offTopicOnTarget(p), 300_000);
    const tFit = performance.now() - t0;
    console.log(`open review → first diagnostics ${tFirst.toFixed(0)} ms, → topic fit with @${target.key} off-topic ${tFit.toFixed(0)} ms`);
    // The edits are measured once the server is done with the first load (topic model, idle tasks).
    const bibUri = await client.open(bibPath, bibText, 'bibtex');
    await client.diagnostics(bibUri, () => true, 120_000);
    await quiet(client, 3000, 300_000);

    // The title's text in the buffer: replaced by the borrowed words (fits the claim) and back.
    const entryText = bibText.slice(target.span.start, target.span.end);
    const field = /\btitle\s*=\s*\{((?:[^{}]|\{[^{}]*\})*)\}/.exec(entryText)!;
    const titleStart = target.span.start + field.index + field[0].indexOf('{') + 1;
    const original = field[1];
    const fitting = borrowed.replace(/[{}]/g, '');
    const titleSamples: number[] = [];
    const titleCpu: number[] = [];
    let current = original;
    for (let i = 0; i < runs * 2; i++) {
      const next = i % 2 === 0 ? fitting : original;
      const range = { start: client.positionAt(bibUri, titleStart), end: client.positionAt(bibUri, titleStart + current.length) };
      const expectFlag = next === original;
      const t = performance.now();
      const c = serverCpuMs(client.process.pid);
      const version = await client.change(bibUri, [{ range, text: next }]);
      await client.nextDiagnostics(reviewUri, (p) => withTopicFit(p) && offTopicOnTarget(p) === expectFlag, 120_000);
      const took = performance.now() - t;
      const cpu = serverCpuMs(client.process.pid) - c;
      titleSamples.push(took);
      titleCpu.push(cpu);
      current = next;
      console.log(`  title edit ${i + 1} (v${version}, ${expectFlag ? 'back to the original, warning returns' : 'fitting title, warning goes'}): ${took.toFixed(0)} ms (server CPU ${cpu.toFixed(0)} ms)`);
      await quiet(client, 1500, 120_000);
    }

    // A field topic fit does not read: `pages` (or, without one, a new `note`), to the bibliography's diagnostics.
    const otherSamples: number[] = [];
    const at = target.span.start + /\btitle\s*=/.exec(entryText)!.index;
    for (let i = 0; i < runs * 2; i++) {
      const position = client.positionAt(bibUri, at);
      const t = performance.now();
      const version = i % 2 === 0
        ? await client.change(bibUri, [{ range: { start: position, end: position }, text: 'note = {x},\n  ' }])
        : await client.change(bibUri, [{ range: { start: position, end: client.positionAt(bibUri, at + 'note = {x},\n  '.length) }, text: '' }]);
      await client.nextDiagnostics(reviewUri, withTopicFit, 120_000);
      const took = performance.now() - t;
      otherSamples.push(took);
      console.log(`  other-field edit ${i + 1} (v${version}): ${took.toFixed(0)} ms`);
      await quiet(client, 1500, 120_000);
    }
    if (trace) console.error(client.stderr.join(''));
    console.log(JSON.stringify({ entries: entries.length, firstDiagnosticsMs: tFirst, topicFitMs: tFit, titleEditMs: median(titleSamples), titleEdits: titleSamples, titleEditCpuMs: median(titleCpu), otherEditMs: median(otherSamples), otherEdits: otherSamples }));
  } finally {
    await client.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * CPU time (user + system, ms, 10 ms resolution) the server process has used so far, all its threads: what an edit
 * costs whatever the load of the machine, beside the wall time it takes.
 */
function serverCpuMs(pid: number | undefined): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').replace(/^.*\) /, '').split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return NaN;
  }
}

/**
 * `--in-process`: where an edit's time goes, as CPU time, without the server, the debounce or the load of the
 * machine: the service with a host that pauses (as the server's), the model learnt once; then per title edit the
 * bibliography's re-read, the analysis right after it, re-describing the edited work, and the next analysis.
 */
async function inProcess(): Promise<void> {
  const { createCitelensService } = await import('../../server/src/service/service');
  const { MemoryWorkspace } = await import('../../server/src/service/workspace');
  const bibText = readFileSync(source, 'utf8');
  const entries = parseBibliography('file:///refs.bib', bibText).entries.filter((e) => (bibtexFieldTexts(e)?.title ?? '').split(/\s+/).length >= 5);
  const target = entries[Math.floor(entries.length / 2)];
  const original = bibtexFieldTexts(target)!.title!;
  const titleAt = bibText.indexOf(original, target.span.start);
  const manuscript = `---\nbibliography: refs.bib\n---\n\n# Review\n\n${entries.filter((_, i) => i % 500 === 7).slice(0, 60).map((e) => `Work on ${bibtexFieldTexts(e)!.title!.replace(/[{}[\]@\\]/g, '')} matters [@${e.key}].`).join(' ')} Here [@${target.key}].\n`;
  const workspace = Object.assign(MemoryWorkspace.of({ '/r/refs.bib': bibText, '/r/review.md': manuscript }), { pause: () => new Promise<void>((r) => setImmediate(r)) });
  const service = createCitelensService(workspace);
  let analysis = await service.analyze('/r/review.md');
  while (analysis.topicFitPending) {
    await analysis.topicFitPending;
    analysis = await service.analyze('/r/review.md');
  }
  const cpu = () => {
    const c = process.cpuUsage();
    return (c.user + c.system) / 1000;
  };
  const rows: Record<string, number[]> = { reread: [], analysis: [], update: [], next: [] };
  const timed = async (name: string, f: () => Promise<unknown>) => {
    const c = cpu();
    await f();
    rows[name].push(cpu() - c);
  };
  for (let i = 0; i < runs * 2; i++) {
    const text = i % 2 === 0 ? bibText.slice(0, titleAt) + 'Federated recommendation with additive personalization' + bibText.slice(titleAt + original.length) : bibText;
    workspace.set('/r/refs.bib', text);
    service.invalidate('/r/refs.bib');
    await timed('reread', () => service.bibliography('/r/refs.bib'));
    await timed('analysis', async () => (analysis = await service.analyze('/r/review.md')));
    await timed('update', async () => analysis.topicFitPending);
    await timed('next', () => service.analyze('/r/review.md'));
  }
  const m = (name: string) => median(rows[name]);
  console.log(`CPU per title edit (median of ${runs * 2}): bibliography re-read ${m('reread').toFixed(0)} ms, analysis right after ${m('analysis').toFixed(0)} ms, ` +
    `re-describing the work ${m('update').toFixed(0)} ms, next analysis ${m('next').toFixed(0)} ms; total ${(m('reread') + m('analysis') + m('update') + m('next')).toFixed(0)} ms`);
  console.log(JSON.stringify({ cpu: Object.fromEntries(Object.keys(rows).map((k) => [k, m(k)])) }));
}

(process.argv.includes('--in-process') ? inProcess() : main()).catch((error) => {
  console.error(error);
  process.exit(1);
});
