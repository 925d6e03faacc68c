/**
 * Reference lists numbered in forms Markdown does not make a list of: ACS's "(1) Author…", a bold "**1.**", and a
 * bare "1 Author…" (each number the next of the list, so a wrapped line starting with a year is not an item).
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { planRenumber } from '../../server/src/service/renumber/renumber';
import { createCitelensService, MemoryWorkspace } from '../../server/src/service/service';
import { analyze, applyPlan } from '../helpers/renumberHarness';

const ITEMS = [
  'Miyaura, N.; Suzuki, A. Palladium-Catalyzed Cross-Coupling Reactions of Organoboron Compounds. Chem. Rev. 1995, 95, 2457–2483.',
  'Johansson Seechurn, C. C. C.; Colacot, T. J. Palladium-Catalyzed Cross-Coupling: A Historical Perspective. Angew. Chem., Int. Ed. 2012, 51, 5062–5085.',
  'Tasker, S. Z.; Jamison, T. F. Recent Advances in Homogeneous Nickel Catalysis. Nature 2014, 509, 299–309.',
];
const TEXT = '# Catalysis\n\nPalladium catalysts dominate cross-coupling chemistry.^1,2^ Nickel offers a cheaper alternative.^3^\n\n## References\n\n';

describe('the list is found, each item with its number', () => {
  const forms: [name: string, marker: (n: number) => string][] = [
    ['ACS: (1) Author…', (n) => `(${n}) `],
    ['bold: **1.** Author…', (n) => `**${n}.** `],
    ['bare: 1 Author…', (n) => `${n} `],
  ];
  for (const [name, marker] of forms) {
    test(name, async () => {
      const text = TEXT + ITEMS.map((t, i) => marker(i + 1) + t).join('\n') + '\n';
      const analysis = await createCitelensService(MemoryWorkspace.of({ '/m/a.md': text }, ['/m'])).analyze('/m/a.md');
      assert.deepEqual(analysis.references.map((l) => [l.item.number, l.item.text.slice(0, 12)]), [[1, 'Miyaura, N.;'], [2, 'Johansson Se'], [3, 'Tasker, S. Z']]);
      assert.deepEqual(analysis.diagnostics.filter((d) => d.code !== 'off-topic-citation').map((d) => d.code), []);
    });
  }
});

test('a bare number that is not the next one continues the item (a wrapped line starting with a year)', async () => {
  const text = TEXT + `1 ${ITEMS[0]}\n2 Johansson Seechurn, C. C. C. Palladium-Catalyzed Cross-Coupling. Angew. Chem.\n2012 Nobel Prize Edition, 51, 5062–5085.\n3 ${ITEMS[2]}\n`;
  const analysis = await createCitelensService(MemoryWorkspace.of({ '/m/a.md': text }, ['/m'])).analyze('/m/a.md');
  assert.deepEqual(analysis.references.map((l) => l.item.number), [1, 2, 3]);
  assert.match(analysis.references[1].item.text, /2012 Nobel Prize Edition/);
});

test('renumbering an ACS list keeps its parentheses', async () => {
  const text = '# C\n\nNickel is cheaper.^3^ Palladium dominates.^1,2^\n\n## References\n\n' + ITEMS.map((t, i) => `(${i + 1}) ${t}`).join('\n') + '\n';
  const files = { '/m.md': text };
  const out = applyPlan(files, planRenumber(await analyze(files), { compactRanges: true, removeUncited: false }))['/m.md'];
  assert.match(out, /\(1\) Tasker, S\. Z\./);
  assert.match(out, /\(2\) Miyaura, N\./);
  assert.match(out, /Nickel is cheaper\.\^1\^ Palladium dominates\.\^2,3\^/);
});

describe('superscripts and a numbered "Notes" section', () => {
  const NOTES = '\n## Notes\n\n1. Eisenstein, *The Printing Press as an Agent of Change*, 303–310.\n2. Pettegree, *Brand Luther*, 145.\n';
  const BODY = '# Print and the Reformation\n\nLuther\'s pamphlets circulated in unprecedented numbers.^1^ Printers competed for his texts.^2^\n';

  test('with no reference list the superscripts are endnote marks: no "no reference list" error', async () => {
    const analysis = await createCitelensService(MemoryWorkspace.of({ '/m/a.md': BODY + NOTES }, ['/m'])).analyze('/m/a.md');
    assert.deepEqual(analysis.diagnostics.map((d) => d.code), []);
    assert.deepEqual(analysis.files[0].citations, []);
  });

  test('with a reference list as well they stay citations, checked against it', async () => {
    const refs = '\n## References\n\n1. Eisenstein EL. The Printing Press as an Agent of Change. Cambridge; 1979.\n';
    const analysis = await createCitelensService(MemoryWorkspace.of({ '/m/a.md': BODY + NOTES + refs }, ['/m'])).analyze('/m/a.md');
    assert.deepEqual(analysis.files[0].citations.map((c) => c.raw), ['^1^', '^2^']);
    assert.deepEqual(analysis.diagnostics.filter((d) => d.code !== 'off-topic-citation').map((d) => d.code), ['unresolved-citation']);
  });
});
