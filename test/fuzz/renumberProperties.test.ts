/**
 * Properties of renumbering on generated manuscripts (fast-check, seeded): every citation still names the same
 * works, the result is numbered by first citation, a second run changes nothing, and no byte outside citation
 * brackets and the list changes (`checkRenumbering` in helpers/renumberHarness.ts; the real manuscripts of
 * `shared/eval` go through the same checks in test/eval/renumberEval.test.ts).
 */
import { test } from 'node:test';
import fc from 'fast-check';
import { checkRenumbering } from '../helpers/renumberHarness';

/** A generated numeric manuscript: works, their numbers, citations in random form, a list in random layout. */
const manuscriptArb = fc
  .record({
    works: fc.integer({ min: 1, max: 12 }),
    kind: fc.constantFrom('ordered', 'bracketed'),
    separator: fc.constantFrom(', ', ',', '; '),
    dash: fc.constantFrom('-', '–'),
    seed: fc.array(fc.nat(), { minLength: 40, maxLength: 40 }),
    citations: fc.array(fc.record({ picks: fc.array(fc.nat(), { minLength: 1, maxLength: 5 }), range: fc.boolean(), shuffle: fc.boolean(), words: fc.nat({ max: 4 }), paragraph: fc.boolean() }), { minLength: 1, maxLength: 14 }),
    blankAfter: fc.array(fc.boolean(), { minLength: 12, maxLength: 12 }),
  })
  .map((g) => {
    // A permutation of numbers: work w gets number perm[w].
    const perm = Array.from({ length: g.works }, (_, i) => i + 1);
    for (let i = perm.length - 1; i > 0; i--) {
      const j = g.seed[i] % (i + 1);
      [perm[i], perm[j]] = [perm[j], perm[i]];
    }
    let body = '# Title\n\nIntro with `[1]` code and $[2]$ math.\n\n';
    g.citations.forEach((c, i) => {
      const numbers = [...new Set(c.picks.map((p) => (p % g.works) + 1))].sort((a, b) => a - b);
      const segments: string[] = [];
      for (let k = 0; k < numbers.length; ) {
        let j = k;
        while (c.range && j + 1 < numbers.length && numbers[j + 1] === numbers[j] + 1) j++;
        segments.push(j > k ? `${numbers[k]}${g.dash}${numbers[j]}` : String(numbers[k]));
        k = j + 1;
      }
      if (c.shuffle) segments.reverse();
      body += `${'word '.repeat(c.words)}claim ${i} [${segments.join(g.separator)}]${c.paragraph ? '.\n\n' : '. '}`;
    });
    const items = perm.map((_, n) => n + 1).map((n) => {
      const work = perm.indexOf(n);
      return `${g.kind === 'ordered' ? `${n}.` : `[${n}]`} Work W${work} by Author ${work}.`;
    });
    const list = items.map((item, i) => item + (i < items.length - 1 ? (g.blankAfter[i] ? '\n\n' : '\n') : '\n')).join('');
    return `${body.trimEnd()}\n\n## References\n\n${list}`;
  });

test('generated manuscripts: same works cited, numbered by first citation, idempotent, nothing else changed', async () => {
  await fc.assert(
    fc.asyncProperty(manuscriptArb, fc.boolean(), async (text, compactRanges) => {
      await checkRenumbering(text, { compactRanges, removeUncited: false });
    }),
    { numRuns: 150, seed: 20240601 },
  );
});
