/**
 * Renumbering the real numeric manuscripts of `shared/eval` with their numbering shuffled: back to exactly
 * Pandoc's bytes without compaction, the same works with it (`checkRenumbering`: numbered by first citation,
 * nothing else changed, a second run a no-op). Sets not yet read exactly run as `todo` (`READING_SETS.renumber`).
 * Where Pandoc's rendering is itself not numbered by first citation (`NUMERIC_ARTIFACTS`), the round trip starts
 * from its renumbered form.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { applyEdits } from '../../server/src/service/renumber/applyEdits';
import { planRenumber } from '../../server/src/service/renumber/renumber';
import { analyze, checkRenumbering } from '../helpers/renumberHarness';
import { evalSets, NUMERIC_ARTIFACTS, readingTodo, sharedDir, skipWithoutShared } from '../helpers/shared';

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
    // Pandoc's `/` after a number (`[35/,36]`, a key ending in `/`) moves with its number.
    const slash = (i: (typeof c.items)[number]) => (i.suffix === '/' ? '/' : '');
    const slashed = c.items.some((i) => slash(i));
    const end = c.segments[c.segments.length - 1].span.end + (slashed ? slash(c.items[c.items.length - 1]).length : 0);
    edits.push({ span: { start, end }, newText: c.items.map((i) => `${to(i.number!)}${slashed ? slash(i) : ''}`).join(c.separator ?? ',') });
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
    let original = readFileSync(join(sharedDir, 'eval', set, 'manuscript.numeric.md'), 'utf8');
    let map = JSON.parse(readFileSync(join(sharedDir, 'eval', set, 'numeric_map.json'), 'utf8')) as Record<string, string>;
    const originalAnalysis = await analyze({ '/m.md': original });
    const artifacts = NUMERIC_ARTIFACTS[set];
    if (artifacts) {
      // Pandoc's rendering shows some numbers nowhere: renumbered (dropping those), it is numbered by first
      // citation; the round trip runs on that. (Where uncited items land after a shuffle is not recoverable.)
      const plan = planRenumber(originalAnalysis, { compactRanges: false, removeUncited: true });
      assert.deepEqual(plan.uncited, artifacts.neverCited);
      map = Object.fromEntries(Object.entries(map).flatMap(([n, key]) => (plan.mapping.has(Number(n)) ? [[String(plan.mapping.get(Number(n))), key]] : [])));
      original = applyEdits(original, plan.edits[0].edits);
    }
    // Pandoc numbered it by first citation: nothing to do.
    assert.equal(planRenumber(await analyze({ '/m.md': original }), { compactRanges: false, removeUncited: false }).changed, false, set);
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
