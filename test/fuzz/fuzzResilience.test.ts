/**
 * Pathological documents finish: 100,000 citations on one line, a 10 MB single paragraph, 100,000 unclosed
 * brackets, each analysed once through the whole core (no timing assertion; before the bounds in
 * `markdown/chunks.ts`, `markdown/citations.ts` and `claims.ts` they took minutes).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { GOOD_BIB } from '../helpers/fuzzArbitraries';
import { analyzeFiles } from '../helpers/fuzzInvariants';

/** Each document is analysed once; minutes would mean a lost bound (see the header): fail instead of hanging. */
const RESILIENCE_TEST = { timeout: 3 * 60_000 };

const cases: [string, () => string][] = [
  ['100,000 Pandoc citations on one line', () => Array.from({ length: 100_000 }, (_, i) => `[@k${i % 50}]`).join(' ')],
  ['100,000 numeric citations on one line, with a reference list', () => Array.from({ length: 100_000 }, (_, i) => `[${(i % 300) + 1}]`).join(' ') + '\n\n# References\n\n1. Smith J. Deep learning. 2020.\n'],
  ['a 10 MB single paragraph', () => 'Deep learning improves protein folding [@smith2020] and other words. '.repeat(Math.ceil(10_000_000 / 70))],
  ['100,000 unclosed brackets then 100,000 closing ones', () => '['.repeat(100_000) + '@a'.repeat(10) + ']'.repeat(100_000)],
];

for (const [name, make] of cases) {
  test(`${name}: analysed, ranges inside`, RESILIENCE_TEST, async () => {
    const md = make();
    const t0 = performance.now();
    const analysis = await analyzeFiles({ '/w/paper.md': md, '/w/refs.bib': GOOD_BIB }, '/w/paper.md');
    const ms = performance.now() - t0;
    for (const d of analysis.diagnostics) assert.ok(d.span.start >= 0 && d.span.start <= d.span.end && d.span.end <= md.length);
    // Measured, not asserted: the report of the hardening work quotes these.
    console.log(`${name}: ${md.length} characters, ${analysis.diagnostics.length} diagnostics, ${ms.toFixed(0)} ms`);
  });
}
