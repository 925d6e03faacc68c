// Publishing many diagnostics cheaply gives exactly what the plain way gives: the stdio writer's bytes are
// JSON.stringify's (non-ASCII escaped), reused diagnostics are equal to fresh ones, the core's diagnostics keep their order and
// de-duplication, and a bibliography built in slices equals one built at once.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import type { Diagnostic as LspDiagnostic } from 'vscode-languageserver';
import { asciiJson, encodeMessage } from '../../server/src/lsp/diagnosticsWriter';
import { DiagnosticReuse, sameJson } from '../../server/src/lsp/diagnosticReuse';
import { toDiagnostics } from '../../server/src/service/diagnostics';
import { resolveSettings } from '../../server/src/service/settings';
import { bibliographyOf, bibliographyOfInSlices } from '../../server/src/service/bibtex/parseBibliography';
import { locateBibEntries } from '../../server/src/service/bibtex/locator';
import { problem as makeProblem } from '../../server/src/service/problems/problem';
import type { Problem } from '../../server/src/service/types';

const diagnostic = (line: number, message: string, data?: unknown): LspDiagnostic => ({
  range: { start: { line, character: 2 }, end: { line, character: 9 } },
  severity: 2,
  source: 'citelens',
  code: 'off-topic-citation',
  message,
  ...(data === undefined ? {} : { data }),
});

test('the stdio writer encodes every message as JSON.stringify does (diagnostics spelt in ASCII)', () => {
  const shared = diagnostic(3, 'Claim is about “diffusion”; [18] “Why a right…” shares no topic.', { score: 0.011, suggestions: [{ ref: '3', score: 0.66 }], style: 'numeric' });
  const cases: [string, object][] = [
    ['a request', { jsonrpc: '2.0', id: 4, method: 'workspace/configuration', params: { items: [{ section: 'citelens' }] } }],
    ['diagnostics with a version', { jsonrpc: '2.0', method: 'textDocument/publishDiagnostics', params: { uri: 'file:///a%20b/r.md', version: 7, diagnostics: [shared, diagnostic(9, 'ñ 𝛼 "quoted" \\ back\nslash'), shared] } }],
    ['diagnostics without a version', { jsonrpc: '2.0', method: 'textDocument/publishDiagnostics', params: { uri: 'file:///r.md', version: undefined, diagnostics: [shared] } }],
    ['no diagnostics', { jsonrpc: '2.0', method: 'textDocument/publishDiagnostics', params: { uri: 'file:///r.md', diagnostics: [] } }],
    ['a URI that spells the placeholder', { jsonrpc: '2.0', method: 'textDocument/publishDiagnostics', params: { uri: 'file:///"diagnostics":"\u0001citelens-diagnostics\u0001"', diagnostics: [shared] } }],
  ];
  for (const [name, message] of cases) {
    // Twice: the second time the diagnostics' bytes come from the writer's cache.
    for (let i = 0; i < 2; i++) {
      const bytes = encodeMessage(message as never);
      assert.deepEqual(JSON.parse(bytes.toString('utf8')), JSON.parse(JSON.stringify(message)), name);
      assert.equal(bytes.toString('utf8'), asciiJson(JSON.stringify(message)), name);
    }
  }
});

test('reused diagnostics are the earlier objects, and only where they are equal', () => {
  const reuse = new DiagnosticReuse();
  const first = [diagnostic(1, 'a', { s: [1, 2] }), diagnostic(2, 'b'), diagnostic(2, 'b')];
  assert.deepEqual(reuse.reuse('/r.md', first), first);
  const second = [diagnostic(1, 'a', { s: [1, 2] }), diagnostic(2, 'b'), diagnostic(3, 'b'), diagnostic(2, 'b'), diagnostic(1, 'a', { s: [1, 3] })];
  const out = reuse.reuse('/r.md', second);
  assert.equal(out[0], first[0], 'same message, range and data: the old object');
  assert.equal(out[1], first[1]);
  assert.equal(out[2], second[2], 'moved: a new object');
  assert.equal(out[3], first[2], 'each old object serves once');
  assert.equal(out[4], second[4], 'other data: a new object');
  assert.deepEqual(out, second, 'what is published is equal to what was asked for');
  assert.equal(reuse.reuse('/other.md', [diagnostic(1, 'a', { s: [1, 2] })])[0] === out[0], false, 'per document');
});

test('sameJson is JSON equality', () => {
  const value = fc.jsonValue({ maxDepth: 3 });
  fc.assert(fc.property(value, value, (a, b) => {
    assert.equal(sameJson(a, b), JSON.stringify(a) === JSON.stringify(b));
    assert.equal(sameJson(a, structuredClone(a)), true);
  }), { numRuns: 500, seed: 20240611 });
});

/** The former implementation: de-duplicate in order of discovery, then sort by file and start. */
function reference(problems: Problem[]): string[] {
  const seen = new Set<string>();
  const kept = problems.filter((p) => {
    const id = `${p.uri}|${p.code}|${p.span.start}|${p.span.end}|${p.message}`;
    if (seen.has(id)) return false;
    seen.add(id);
    return true;
  });
  return kept.sort((a, b) => (a.uri < b.uri ? -1 : a.uri > b.uri ? 1 : a.span.start - b.span.start)).map((p) => JSON.stringify(p));
}

test('toDiagnostics keeps the first of duplicate problems and sorts by file and start', () => {
  const settings = resolveSettings({});
  // Codes whose message is any text (an explanation, a parser's words); off-topic ones carry data.
  const problem = fc.record({
    code: fc.constantFrom('off-topic-citation' as const, 'malformed-citation' as const, 'bib-syntax' as const),
    message: fc.constantFrom('m1', 'm2'),
    uri: fc.constantFrom('/a.md', '/b.md'),
    start: fc.integer({ min: 0, max: 4 }),
    length: fc.integer({ min: 0, max: 2 }),
    score: fc.integer(),
    related: fc.boolean(),
  }).map(({ code, message, uri, start, length, score, related }): Problem => {
    const span = { start, end: start + length };
    if (code === 'malformed-citation') return makeProblem(code, uri, span, { malformed: message });
    if (code === 'bib-syntax') return makeProblem(code, uri, span, { kind: 'bibtex', issue: message });
    return makeProblem(code, uri, span, { explanation: message, fit: { score, evidence: 'abstract', suggestions: [], style: 'numeric' } }, related ? [{ uri: '/r.bib', span: { start: 1, end: 2 }, message: 'why' }] : undefined);
  });
  fc.assert(fc.property(fc.array(problem, { maxLength: 30 }), (problems) => {
    const made = new WeakMap();
    // eslint-disable-next-line @typescript-eslint/no-unused-vars
    const ours = toDiagnostics(problems, settings, new Map(), made).map(({ severity, ...p }) => JSON.stringify(p));
    assert.deepEqual(ours, reference(problems));
    // Each diagnostic is its problem with a severity, field for field in the same order.
    for (const d of toDiagnostics(problems, settings, new Map(), new WeakMap())) assert.equal(JSON.stringify(d), JSON.stringify({ ...problems.find((p) => p.span === d.span && p.message === d.message && p.uri === d.uri && p.code === d.code), severity: d.severity }));
    // The same problems again: the same diagnostic objects.
    const again = toDiagnostics(problems, settings, new Map(), made);
    const first = toDiagnostics(problems, settings, new Map(), made);
    assert.deepEqual(again, first);
    for (let i = 0; i < again.length; i++) assert.equal(again[i], first[i]);
  }), { numRuns: 300, seed: 20240611 });
});

test('a bibliography gathered in slices equals one gathered at once (entries, duplicate keys, syntax problems)', async () => {
  const entries = Array.from({ length: 1500 }, (_, i) => `@article{key${i % 700}${i % 3 === 0 ? 'A' : 'a'}, title = {T${i}}, year = ${2000 + (i % 20)}}\n`);
  entries.splice(40, 0, '@article{broken, title = {Unclosed\n');
  const text = entries.join('');
  const once = bibliographyOf('file:///r.bib', text, locateBibEntries(text));
  let pauses = 0;
  const sliced = await bibliographyOfInSlices('file:///r.bib', text, locateBibEntries(text), { sliceMs: 0, pause: async () => void pauses++ });
  assert.ok(pauses > 3, `paused ${pauses} times`);
  assert.deepEqual(sliced.entries.map((e) => [e.key, e.keySpan]), once.entries.map((e) => [e.key, e.keySpan]));
  assert.deepEqual(sliced.problems, once.problems);
  assert.ok(once.problems.some((p) => p.code === 'duplicate-bib-key') && once.problems.some((p) => p.code === 'bib-syntax'));
});
