/**
 * Properties of renumbering, on generated manuscripts (fast-check, seeded) and on the real numeric manuscripts of
 * `shared/eval` with their numbering shuffled: every citation still names the same works, the result is numbered
 * by first citation, a second run changes nothing, and no byte outside citation brackets and the list changes.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import fc from 'fast-check';
import type { Analysis } from '../../server/src/service/analysis';
import { applyEdits } from '../../server/src/service/renumber/applyEdits';
import { planRenumber, type RenumberOptions } from '../../server/src/service/renumber/renumber';
import { analyze } from '../helpers/renumberHarness';
import { evalSets, readingTodo, sharedDir, skipWithoutShared } from '../helpers/shared';

/** For each in-text numeric citation, in order: the texts of the list items it names (sorted). */
function citedTexts(analysis: Analysis): string[][] {
  const byCitation = new Map<object, Set<string>>();
  for (const r of analysis.resolutions) {
    if (r.citation.style !== 'numeric' || r.citation.malformed) continue;
    const set = byCitation.get(r.citation) ?? new Set<string>();
    set.add(r.reference ? r.reference.text : `missing ${r.item.number}`);
    byCitation.set(r.citation, set);
  }
  return [...byCitation.values()].map((s) => [...s].sort());
}

/** The text with citation brackets emptied and the list region cut, for "nothing else changed". */
function skeleton(analysis: Analysis): string {
  const f = analysis.files[0];
  const list = f.referenceList!;
  const first = list.items[0].span.start;
  const last = list.items[list.items.length - 1].span.end;
  let text = f.text;
  const cuts = [...f.citations.filter((c) => c.style === 'numeric').map((c) => ({ start: c.span.start + 1, end: c.span.end - 1 })), { start: first, end: last }];
  for (const c of cuts.sort((a, b) => b.start - a.start)) text = text.slice(0, c.start) + text.slice(c.end);
  return text;
}

const numberingCodes = (a: Analysis): string[] => a.diagnostics.filter((d) => d.code === 'citation-order' || d.code === 'reference-numbering').map((d) => d.message);

async function checkRenumbering(text: string, options: RenumberOptions): Promise<string> {
  const before = await analyze({ '/m.md': text });
  const plan = planRenumber(before, options);
  const after = plan.edits.length ? applyEdits(text, plan.edits[0].edits) : text;
  const analysed = await analyze({ '/m.md': after });
  assert.deepEqual(citedTexts(analysed), citedTexts(before), 'every citation names the same works');
  assert.deepEqual(numberingCodes(analysed), [], 'numbered by first citation');
  assert.equal(skeleton(analysed), skeleton(before), 'nothing outside brackets and the list changed');
  const again = planRenumber(analysed, options);
  assert.equal(again.changed, false, `second run: ${JSON.stringify(again.edits)}`);
  return after;
}

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

/** Shuffles the numbering of a numeric manuscript consistently in text and list (a deterministic permutation). */
async function shuffleNumbering(text: string, seed: number): Promise<string> {
  const a = await analyze({ '/m.md': text });
  const f = a.files[0];
  const items = f.referenceList!.items;
  const n = items.length;
  const perm = Array.from({ length: n }, (_, i) => i + 1);
  let s = seed;
  for (let i = n - 1; i > 0; i--) {
    s = (Math.imul(s, 1103515245) + 12345) >>> 0;
    const j = s % (i + 1);
    [perm[i], perm[j]] = [perm[j], perm[i]];
  }
  const to = (old: number): number => perm[old - 1] ?? old;
  const edits: { span: { start: number; end: number }; newText: string }[] = [];
  for (const c of f.citations) {
    if (c.style !== 'numeric' || c.malformed || !c.segments?.length) continue;
    const start = c.segments[0].span.start;
    const end = c.segments[c.segments.length - 1].span.end;
    edits.push({ span: { start, end }, newText: c.items.map((i) => to(i.number!)).join(c.separator ?? ',') });
  }
  // Slot k of the list receives the item whose new number is k + 1.
  const byNew = new Map(items.map((item) => [to(item.number!), item]));
  items.forEach((slot, k) => {
    const item = byNew.get(k + 1)!;
    const marker = f.text.slice(item.span.start, item.textSpan.start).replace(/\d+/, String(k + 1));
    edits.push({ span: { ...slot.span }, newText: marker + f.text.slice(item.textSpan.start, item.span.end) });
  });
  return applyEdits(text, edits);
}

for (const set of evalSets().length ? evalSets() : ['(none)']) {
  test(`${set}: the numeric rendering with its numbering shuffled renumbers back to the original`, { skip: skipWithoutShared, todo: readingTodo('renumber', set) }, async () => {
    const original = readFileSync(join(sharedDir, 'eval', set, 'manuscript.numeric.md'), 'utf8');
    const map = JSON.parse(readFileSync(join(sharedDir, 'eval', set, 'numeric_map.json'), 'utf8')) as Record<string, string>;
    const originalAnalysis = await analyze({ '/m.md': original });
    // Pandoc numbered it by first citation: nothing to do.
    assert.equal(planRenumber(originalAnalysis, { compactRanges: false, removeUncited: false }).changed, false, set);
    for (const seed of [1, 7, 42]) {
      const shuffled = await shuffleNumbering(original, seed);
      assert.notEqual(shuffled, original);
      // Exactly the original bytes back without compaction (Pandoc writes [9,10,11]); with it, the same works.
      assert.equal(await checkRenumbering(shuffled, { compactRanges: false, removeUncited: false }), original, `${set} seed ${seed}`);
      const compacted = await checkRenumbering(shuffled, { compactRanges: true, removeUncited: false });
      // The numeric_map keys each citation names are the original's.
      const keysOf = async (t: string) => (await analyze({ '/m.md': t })).files[0].citations.filter((c) => c.style === 'numeric' && !c.malformed).map((c) => c.items.map((i) => map[String(i.number)]).sort());
      assert.deepEqual(await keysOf(compacted), await keysOf(original), `${set} seed ${seed} keys`);
    }
  });
}
