/**
 * Real manuscripts (shared/eval): every citation resolves; numeric renderings resolve each [n] to the key
 * Pandoc numbered it from, with no orphan, order or numbering diagnostic (but where Pandoc's rendering itself is
 * not numbered by first citation: `NUMERIC_ARTIFACTS`).
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { sameWork } from '../../server/src/service/resolve/resolve';
import { createCitelensService } from '../../server/src/service/service';
import { NodeWorkspace } from '../../server/src/cli/nodeWorkspace';
import { evalSets, NUMERIC_ARTIFACTS, readingTodo, sharedDir, skipWithoutShared } from '../helpers/shared';

const evalDir = join(sharedDir, 'eval');
const sets = evalSets();

for (const set of sets.length ? sets : ['(none)']) {
  const dir = join(evalDir, set);
  const service = () => createCitelensService(new NodeWorkspace([dir]), { bibliography: [join(dir, 'references.bib')] });

  test(`${set}: every Pandoc citation of manuscript.md resolves`, { skip: skipWithoutShared, todo: readingTodo('citations', set) }, async () => {
    const analysis = await service().analyze(join(dir, 'manuscript.md'));
    const unresolved = analysis.diagnostics.filter((d) => d.code === 'unresolved-citation' || d.code === 'malformed-citation');
    assert.deepEqual(unresolved.map((d) => d.message), []);
    // Pandoc's own reading (figure/table labels excluded) finds the same citations.
    const oracle = readFileSync(join(dir, 'citations.jsonl'), 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as { id: string; crossref?: boolean });
    const expected = oracle.filter((o) => !/^(fig|tbl|eq|sec):/.test(o.id)).map((o) => o.id);
    const found = analysis.resolutions.filter((r) => !r.citation.nocite).map((r) => r.item.key);
    assert.deepEqual(found, expected);
  });

  test(`${set}: manuscript.numeric.md resolves every [n] to its key, with no numbering problem`, { skip: skipWithoutShared, todo: readingTodo('numeric', set) }, async () => {
    const map = JSON.parse(readFileSync(join(dir, 'numeric_map.json'), 'utf8')) as Record<string, string>;
    const analysis = await service().analyze(join(dir, 'manuscript.numeric.md'));
    const numeric = analysis.resolutions.filter((r) => r.item.kind === 'number');
    assert.ok(numeric.length > 20);
    // Linked to the key Pandoc numbered, or to another entry of the same work (a Manubot bibliography can hold one
    // paper under its DOI and its short DOI: the list then names the work twice, identically).
    const expectedEntry = (n: number) => analysis.bibliographies.flatMap((b) => b.entries).find((e) => e.key === map[String(n)]);
    const wrong = numeric.filter((r) => {
      const expected = expectedEntry(r.item.number!);
      return map[String(r.item.number)] !== undefined && !(r.entry && expected && sameWork(r.entry, expected));
    });
    assert.deepEqual(wrong.map((r) => `[${r.item.number}] → ${r.entry?.key ?? 'nothing'} (expected ${map[String(r.item.number)]})`), []);
    const bad = analysis.diagnostics.filter((d) => ['orphaned-reference', 'citation-order', 'reference-numbering', 'unresolved-citation', 'malformed-citation'].includes(d.code));
    // Where Pandoc's rendering itself breaks first-citation order, exactly what its text shows is reported.
    const artifacts = NUMERIC_ARTIFACTS[set] ?? { neverCited: [], outOfOrder: [] };
    const number = (d: (typeof bad)[number]) => Number(/\[(\d+)\]/.exec(d.message)?.[1]);
    assert.deepEqual(bad.filter((d) => d.code === 'orphaned-reference').map(number), artifacts.neverCited);
    assert.deepEqual(bad.filter((d) => d.code === 'citation-order').map(number), artifacts.outOfOrder);
    assert.deepEqual(bad.filter((d) => d.code !== 'orphaned-reference' && d.code !== 'citation-order').map((d) => `${d.code}: ${d.message}`), []);
  });
}
