/**
 * The invariants every fuzz suite checks, through the whole core (`createCitelensService(MemoryWorkspace).analyze`):
 * no exception escapes; every diagnostic range (and related range) lies inside its document in UTF-16 code
 * units; two fresh services give the same output for the same input; a renumbering plan applies cleanly and a
 * second plan on the result changes nothing.
 */
import assert from 'node:assert/strict';
import fc from 'fast-check';
import type { Analysis } from '../../server/src/service/analysis';
import { applyEdits } from '../../server/src/service/renumber/applyEdits';
import { planRenumber } from '../../server/src/service/renumber/renumber';
import { createCitelensService, MemoryWorkspace } from '../../server/src/service/service';
import type { Span } from '../../server/src/service/types';

/** Fixed seed of every fuzz suite (override with `CITELENS_FUZZ_SEED` to explore or replay; failures print theirs). */
export const FUZZ_SEED = Number(process.env.CITELENS_FUZZ_SEED ?? 20240611);
/** Scales every suite's case count and time limit (`CITELENS_FUZZ_SCALE=10` for a long local run). */
export const FUZZ_SCALE = Number(process.env.CITELENS_FUZZ_SCALE ?? 1);
/** A case taking longer than this fails (fast-check's per-run timeout for async properties). */
export const CASE_TIMEOUT_MS = 5_000;
/**
 * How long one fuzz property may run (`CITELENS_FUZZ_TIME_LIMIT_S`, default 60 s, times the scale): at the
 * limit fast-check stops starting new cases and the test passes with the cases it ran, which it reports.
 */
export const FUZZ_TIME_LIMIT_MS = Number(process.env.CITELENS_FUZZ_TIME_LIMIT_S ?? 60) * 1000 * FUZZ_SCALE;
/**
 * node:test options of every fuzz test: a hard timeout (the time limit, plus a case in flight and the test's
 * own setup), so a hung case fails the suite instead of holding the run.
 */
export const FUZZ_TEST = { timeout: FUZZ_TIME_LIMIT_MS + 2 * 60_000 };

/** fast-check parameters for `runs` cases: seeded, time-bounded per case and in total, ending at the first failure. */
export function fuzzParams<Ts>(runs: number): fc.Parameters<Ts> {
  return {
    seed: FUZZ_SEED,
    numRuns: Math.max(1, Math.round(runs * FUZZ_SCALE)),
    timeout: CASE_TIMEOUT_MS,
    endOnFailure: true,
    plugins: [fc.interruptAfterTimeLimit(FUZZ_TIME_LIMIT_MS)],
  };
}

/**
 * Checks `property` on `runs` generated cases ({@link fuzzParams}). A failure throws fast-check's report (the
 * counterexample, the seed and the path) and how to replay it; the test's diagnostics say how many cases ran,
 * and whether the time limit stopped it early.
 */
export async function fuzz<Ts extends [unknown, ...unknown[]]>(
  t: { diagnostic(message: string): void },
  property: fc.IAsyncPropertyWithHooks<Ts> | fc.IPropertyWithHooks<Ts>,
  runs: number,
): Promise<void> {
  const params = fuzzParams<Ts>(runs);
  const details = await fc.check(property, params);
  if (details.failed) {
    const report = (await fc.asyncDefaultReportMessage(details)) ?? `failed after ${details.numRuns} cases`;
    assert.fail(`${report}\nReplay: CITELENS_FUZZ_SEED=${details.seed} (fast-check path ${details.counterexamplePath ?? 'none'}).`);
  }
  t.diagnostic(`${details.numRuns} of ${params.numRuns} cases, seed ${details.seed}${details.interrupted ? `, stopped at the time limit (${FUZZ_TIME_LIMIT_MS / 1000} s)` : ''}`);
}

/** Everything a user sees of an analysis, as a comparable string. */
export function fingerprint(analysis: Analysis): string {
  return JSON.stringify({
    style: analysis.style,
    diagnostics: analysis.diagnostics.map((d) => [d.uri, d.code, d.severity, d.span.start, d.span.end, d.message, d.related ?? null]),
    resolutions: analysis.resolutions.map((r) => [r.file, r.citation.span.start, r.citation.span.end, r.entry?.key ?? null, r.reference?.span.start ?? null]),
    references: analysis.references.map((r) => [r.file, r.item.span.start, r.entry?.key ?? null, r.via]),
  });
}

function assertInside(span: Span, text: string | undefined, what: string): void {
  assert.ok(text !== undefined, `${what}: names a document that is not in the workspace`);
  assert.ok(Number.isInteger(span.start) && Number.isInteger(span.end), `${what}: offsets are integers (${span.start}–${span.end})`);
  assert.ok(span.start >= 0 && span.start <= span.end && span.end <= text.length, `${what}: ${span.start}–${span.end} lies outside its document (length ${text.length})`);
}

/** Analyses `root` among `files` with a fresh service. */
export function analyzeFiles(files: Record<string, string>, root: string): Promise<Analysis> {
  return createCitelensService(MemoryWorkspace.of(files, ['/w'])).analyze(root);
}

/**
 * Checks all invariants on one workspace (path → text) for the manuscript `root`; throws an assertion error
 * naming the broken one. `renumber` also plans, applies and re-plans a renumbering when the manuscript allows it.
 */
export async function checkInvariants(files: Record<string, string>, root: string, renumber = true): Promise<Analysis> {
  const first = await analyzeFiles(files, root);
  for (const d of first.diagnostics) {
    assertInside(d.span, files[d.uri], `${d.code} “${d.message.slice(0, 80)}”`);
    for (const r of d.related ?? []) assertInside(r.span, files[r.uri], `related of ${d.code}`);
  }
  for (const [i, f] of first.files.entries()) {
    assert.equal(f.text, files[f.uri], `file ${i} of the analysis is the workspace's text`);
    for (const c of f.citations) assertInside(c.span, f.text, 'citation span');
  }
  const second = await analyzeFiles(files, root);
  assert.equal(fingerprint(second), fingerprint(first), 'the same input gives the same output');
  if (renumber) await checkRenumber(first, files);
  return first;
}

/** Renumbering plans apply without throwing, and planning again on a fresh analysis of the result is a no-op. */
export async function checkRenumber(analysis: Analysis, files: Record<string, string>): Promise<void> {
  const options = { compactRanges: true, removeUncited: false };
  const plan = planRenumber(analysis, options);
  if (plan.refused || !plan.changed) return;
  const after: Record<string, string> = { ...files };
  for (const f of plan.edits) after[f.uri] = applyEdits(files[f.uri], f.edits);
  // By design a malformed citation's numbers are renumbered in place and it does not count for the order
  // ("fix it and renumber again"), so `[2–1]` → `[3–4]` becomes well-formed and a second run may move it.
  if (analysis.files.some((f) => f.citations.some((c) => c.style === 'numeric' && c.malformed))) return;
  const second = planRenumber(await analyzeFiles(after, analysis.files[0].uri), options);
  assert.ok(!second.changed, `a second renumbering changes nothing; it planned ${JSON.stringify(second.edits).slice(0, 400)}`);
}
