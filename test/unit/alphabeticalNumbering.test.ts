/**
 * Reference lists numbered alphabetically by first author (ACM, AMA-alphabetical…): detected, no `citation-order`
 * on them (gaps still reported), Renumber References and the BibTeX list refused, the hover says why; the setting
 * `citelens.numbering` forces either reading. Fixtures in test/fixtures/alphabetical/ (acm.md and ama/ama.md
 * rendered by `pandoc --citeproc` with Debian's acm-sig-proceedings and american-medical-association-alphabetical
 * CSL styles from ama/refs.bib).
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import type { Analysis, ReferenceLink } from '../../server/src/service/analysis';
import { citeRenumbered } from '../../server/src/service/features/citeRenumbered';
import { getHover } from '../../server/src/service/features/hover';
import { planReferenceList } from '../../server/src/service/renumber/fromBib';
import { planRenumber } from '../../server/src/service/renumber/renumber';
import { sortKey } from '../../server/src/service/resolve/listOrder';
import { createCitelensService, MemoryWorkspace } from '../../server/src/service/service';
import { resolveSettings, type NumberingSetting } from '../../server/src/service/settings';
import type { ReferenceItem } from '../../server/src/service/types';

const DIR = join(__dirname, '..', 'fixtures', 'alphabetical');
const read = (name: string) => readFileSync(join(DIR, name), 'utf8');
const one = (name: string) => ({ '/m.md': read(name) });
const ama = () => ({ '/ama/ama.md': read('ama/ama.md'), '/ama/refs.bib': read('ama/refs.bib') });

async function analyze(files: Record<string, string>, numbering: NumberingSetting = 'auto'): Promise<Analysis> {
  return createCitelensService(MemoryWorkspace.of(files), { numbering }).analyze(Object.keys(files)[0]);
}

/** The numbering diagnostics the user sees: code and message. */
const numberingDiagnostics = (a: Analysis) =>
  a.diagnostics.filter((d) => d.code === 'citation-order' || d.code === 'reference-numbering').map((d) => `${d.code}: ${d.message}`);

const CASES: { name: string; files: () => Record<string, string>; numbering?: NumberingSetting; reads: 'alphabetical' | 'citation-order'; diagnostics: string[] }[] = [
  { name: 'ACM (acm-sig-proceedings), bracketed, no .bib: names read from the items', files: () => one('acm.md'), reads: 'alphabetical', diagnostics: [] },
  { name: 'AMA-alphabetical, superscripts, items linked to the .bib', files: ama, reads: 'alphabetical', diagnostics: [] },
  {
    name: 'ACM with a genuine gap: still reported',
    files: () => one('acm-gap.md'),
    reads: 'alphabetical',
    diagnostics: ['reference-numbering: The reference list jumps from 3 to 5: number 4 is missing.'],
  },
  { name: 'Vancouver, short list that happens to be sorted and cited in order: nothing either way', files: () => one('vancouver-short.md'), reads: 'citation-order', diagnostics: [] },
  {
    name: 'Vancouver with one real order error: still caught',
    files: () => one('citation-order-error.md'),
    reads: 'citation-order',
    diagnostics: [
      'citation-order: [5] is cited before [4] has been; numbered by first citation it would be [4].',
      'citation-order: [4] is first cited after [5]; numbered by first citation it would be [5].',
    ],
  },
  {
    name: 'Vancouver whose six-item list happens to be sorted, with one real order error: still caught',
    files: () => one('vancouver-sorted-error.md'),
    reads: 'citation-order',
    diagnostics: [
      'citation-order: [4] is cited before [3] has been; numbered by first citation it would be [3].',
      'citation-order: [3] is first cited after [4]; numbered by first citation it would be [4].',
    ],
  },
  {
    name: 'a generated list ("Work A."…, sorted by nothing but its letters) cited out of order: still caught',
    files: () => ({ '/m.md': `# T\n\nA [2]. B [1]. C [3–7].\n\n## References\n\n${[...'ABCDEFG'].map((l, i) => `${i + 1}. Work ${l}.`).join('\n')}\n` }),
    reads: 'citation-order',
    diagnostics: ['citation-order: [2] is cited before [1] has been; numbered by first citation it would be [1].', 'citation-order: [1] is first cited after [2]; numbered by first citation it would be [2].'],
  },
  {
    name: 'setting "alphabetical" on the Vancouver manuscript: its order is not checked',
    files: () => one('citation-order-error.md'),
    numbering: 'alphabetical',
    reads: 'alphabetical',
    diagnostics: [],
  },
];

for (const c of CASES) {
  test(`numbering: ${c.name}`, async () => {
    const a = await analyze(c.files(), c.numbering);
    assert.equal(a.listOrder?.numbering, c.reads);
    assert.equal(a.listOrder?.source, c.numbering ? 'setting' : 'detected');
    assert.deepEqual(numberingDiagnostics(a), c.diagnostics);
  });
}

test('setting "citation-order" on the ACM manuscript: the warnings it would get without detection come back', async () => {
  const a = await analyze(one('acm.md'), 'citation-order');
  const order = a.diagnostics.filter((d) => d.code === 'citation-order');
  // 11 warnings on 12 works: the false alarms the detection removes.
  assert.equal(order.length, 11);
  assert.equal(order[0].message, '[6] is cited before [1] has been; numbered by first citation it would be [1]. The 1 reference first cited after it shift the same way; “Citelens: Renumber References” fixes all of them.');
});

test('the ACM list: each item keyed by its first author, particles and corporate authors as CSL sorts them', async () => {
  const a = await analyze(one('acm.md'));
  assert.deepEqual(a.references.map(sortKey), [
    'Allamanis', 'Bruijn', 'Devlin', 'Ébert', 'Gelman', 'Hindle', 'Mikolov', 'R Core Team', 'Rossum', 'The Stan Development Team', 'World Health Organization', 'Zhou',
  ]);
});

const link = (text: string): ReferenceLink => {
  const item: ReferenceItem = { number: 1, span: { start: 0, end: text.length }, numberSpan: { start: 0, end: 1 }, text, textSpan: { start: 0, end: text.length } };
  return { file: 0, item, entry: null, via: null };
};

for (const [text, key] of [
  ['Chambers, J.M. Software for data analysis. Springer; 2008.', 'Chambers'],
  ['Gelman A, Carlin JB, Stern HS. Bayesian data analysis. CRC Press; 2013.', 'Gelman'],
  ['A. Gelman, J. B. Carlin, Bayesian data analysis, CRC Press, 2013.', 'Gelman'],
  ['Gelman, A.; Carlin, J. B. Bayesian Data Analysis; CRC Press, 2013.', 'Gelman'],
  ['GELMAN A, CARLIN JB. Bayesian data analysis. CRC Press; 2013.', 'GELMAN'],
  ['**van der Meij, H.** Minimalism revisited. *Tech Commun*. 2001.', 'Meij'],
  ['de Bruijn NG. Lambda calculus notation. Indag Math. 1972;34:381-392.', 'Bruijn'],
  ['De Vries, A. Van Dyke, B. Citations. 2001.', 'De Vries'],
  ['<span class="csl-right-inline">R Core Team. R: A language and environment for statistical computing. 2020.</span>', 'R Core Team'],
  ['World Health Organization 2019. *Guidelines on software for health*. WHO.', 'World Health Organization'],
  ['2019. Anonymous report.', null],
] as const) {
  test(`sort key of “${text.slice(0, 40)}…” is ${key}`, () => {
    assert.equal(sortKey(link(text)), key);
  });
}

test('Renumber References and Update Reference List refuse an alphabetical list, saying why and what to set; forced to citation order they renumber', async () => {
  const a = await analyze(one('acm.md'));
  const plan = planRenumber(a, { compactRanges: true, removeUncited: false });
  assert.equal(plan.changed, false);
  assert.deepEqual(plan.edits, []);
  assert.equal(plan.refused, 'The reference list is numbered alphabetically (by first author): numbering works by first citation would destroy that order, so nothing was changed. Set citelens.numbering to “citation-order” to renumber by first citation.');
  const fromBib = planReferenceList(await analyze(ama()), { style: 'vancouver' });
  assert.match(fromBib.refused ?? '', /^The reference list is numbered alphabetically/);
  const forced = planRenumber(await analyze(one('acm.md'), 'citation-order'), { compactRanges: true, removeUncited: false });
  assert.equal(forced.refused, undefined);
  assert.equal(forced.changed, true);
  const set = planRenumber(await analyze(one('citation-order-error.md'), 'alphabetical'), { compactRanges: true, removeUncited: false });
  assert.match(set.refused ?? '', /^The setting citelens\.numbering is “alphabetical”/);
});

test('the hover on an alphabetical list item says order of first citation is not checked; a citation-order list’s does not', async () => {
  const hoverAt = async (files: Record<string, string>, needle: string) => {
    const a = await analyze(files);
    const path = Object.keys(files)[0];
    return getHover(a, path, files[path].indexOf(needle), { style: 'vancouver' })?.markdown ?? '';
  };
  assert.match(await hoverAt(one('acm.md'), 'Gelman, A. and'), /The list is numbered alphabetically \(by first author\): the order of first citation is not checked\./);
  assert.doesNotMatch(await hoverAt(one('citation-order-error.md'), 'Fogel SM'), /alphabetically/);
});

test('"Cite [n] here" on an alphabetical list inserts the number alone: nothing is renumbered', async () => {
  const files = one('acm.md');
  const text = files['/m.md'].replace('Reuse studies \\[4\\]', 'Reuse studies');
  const a = await analyze({ '/m.md': text });
  assert.ok(a.diagnostics.some((d) => d.code === 'orphaned-reference'));
  const at = text.indexOf('Reuse studies') + 'Reuse studies'.length;
  const insertion = { span: { start: at, end: at }, newText: ' \\[4\\]' };
  const done = citeRenumbered(a, '/m.md', insertion, 4);
  assert.equal(done.renumbered, 0);
  assert.deepEqual([...done.edits], [['/m.md', [insertion]]]);
});

test('resolveSettings keeps a known numbering and drops an unknown one', () => {
  assert.equal(resolveSettings({ numbering: 'alphabetical' }).numbering, 'alphabetical');
  assert.equal(resolveSettings({ numbering: 'by-year' as NumberingSetting }).numbering, 'auto');
});
