/**
 * Numeric styles as `pandoc --citeproc` prints them (fixtures/unseen/citeproc-numeric-styles): superscripts after
 * any word ("introduced by¹", "STAT17⁵"), ACS's `(1)` and AIP's superscript list numbers, Science's italic numbers in
 * parentheses, Vancouver's parentheses after an emphasised title. Each rendering numbers works by first citation and
 * lists exactly the cited ones, so each must read as the IEEE rendering does, with no error or warning.
 */
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { parseManuscript } from '../../server/src/service/markdown/manuscript';
import { ManuscriptCaches } from '../../server/src/service/markdown/manuscriptCaches';
import { planRenumber } from '../../server/src/service/renumber/renumber';
import { defaultSettings } from '../../server/src/service/settings';
import { analyze, applyPlan } from '../helpers/renumberHarness';
import { seen } from '../helpers/unseen';

const ROOT = join(__dirname, '..', 'fixtures', 'unseen', 'citeproc-numeric-styles');
/** The numbers cited, in order (IEEE writes `[2], [3], [6]`, Nature `2,3,6`, Vancouver `(2,3,6)`). */
const NUMBERS = '1 2 3 4 5 2 3 6 7 8 1 2 6 7';

for (const style of readdirSync(ROOT, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name)) {
  test(`citeproc's ${style}: the citations IEEE's rendering has, in order, and no error or warning`, async () => {
    const { cites, diagnostics } = await seen(join(ROOT, style), 'review.md');
    assert.equal(cites['review.md'].flatMap((c) => c.split(',')).join(' '), NUMBERS);
    assert.deepEqual(diagnostics, []);
  });
}

const LIST = '\n\n# References\n\n1. Neal RM. MCMC.\n2. Hoffman MD. NUTS.\n3. Gelman A. Inference.\n4. Patro R. Salmon.\n5. Lunn DJ. WinBUGS.\n';
const read = (prose: string): string[] =>
  parseManuscript('/w/a.md', `# A\n\nSome longer prose comes first here. ${prose}${LIST}`, defaultSettings, new ManuscriptCaches(), 0, { incremental: false }).citations.map((c) => c.raw);

test('superscripts where a superscript style puts them: after a two-letter function word, a name ending in a number, an opening parenthesis, a code span, one space', () => {
  const cases: [string, string[]][] = [
    ['It was introduced by^1^ and described in<sup>2</sup>.', ['^1^', '<sup>2</sup>']],
    ['Values follow STAT17^3^ in COVID-19<sup>4</sup> studies.', ['^3^', '<sup>4</sup>']],
    ['Guides exist (<sup>1–3</sup> and others), a `Makefile`<sup>4</sup> too.', ['<sup>1–3</sup>', '<sup>4</sup>']],
    ['A reluctance to share (cf. <sup>5</sup>) is common.', ['<sup>5</sup>']],
    ['Then netNMF-sc^1^ came, at <https://doi.org/10.1/x><sup>2</sup>, see “logic” in^3^.', ['^1^', '<sup>2</sup>', '^3^']],
    // Not citations: powers and units keep their base right before the superscript.
    ['The area is 12 in^2^ and x^2^ or R^2^ or 10^6^ or x-y^2^ grows.', []],
  ];
  for (const [prose, expected] of cases) assert.deepEqual(read(prose), expected, prose);
});

test('a superscript manuscript with a program\'s printed `[1]` left in its text keeps its superscripts; a bracketed one keeps its brackets', () => {
  assert.deepEqual(read('One^1^. Two^2^. Three^3^. Four^4^. Five^5^. Output: \\[1\\] "Number of lines: 568".'), ['^1^', '^2^', '^3^', '^4^', '^5^']);
  assert.deepEqual(read('One [1]. Two [2]. A footnote mark here^3^.'), ['[1]', '[2]']);
});

/** The numbers each citation names, and their suffixes: `1(p33)` is 1 with the locator `(p33)`. */
const numbers = (prose: string): string[] =>
  parseManuscript('/w/a.md', `# A\n\nSome longer prose comes first here. ${prose}${LIST}`, defaultSettings, new ManuscriptCaches(), 0, { incremental: false }).citations
    .map((c) => c.items.map((i) => `${i.number}${i.suffix ?? ''}`).join(','));

test('what citeproc writes after a superscript number: AMA\'s locators, Pandoc\'s `/` of a key ending in `/`; not a power\'s fraction or a letter', () => {
  const cases: [string, string[]][] = [
    // AMA renders `[@a, p. 33]` as `<sup>1(p33)</sup>` (gfm) or `^1(p33)^` (Pandoc Markdown), one locator per work.
    ['Sampling is hard<sup>1(p33)</sup>. Tuning helps^2(pp4-5),3(chap2)^. Again<sup>1,3(sec3)</sup> and^2(fig2)^.', ['1(p33)', '2(pp4-5),3(chap2)', '1,3(sec3)', '2(fig2)']],
    // Manubot's `@url:https://x.org/a/` loses its `/` to Pandoc 2.17, which prints it after the number.
    ['Sharing grew<sup>2/</sup> and spread<sup>1,2/,3/,4,5/</sup> with^4/^ tools.', ['2/', '1,2/,3/,4,5/', '4/']],
    // Not citations: a power's fraction, a letter in parentheses, a locator word AMA does not print, a power of a unit.
    ['The rate n^1/2^ and score^2(a)^ or value^3(x1)^ and area m^2/^ grow.', []],
  ];
  for (const [prose, expected] of cases) assert.deepEqual(numbers(prose), expected, prose);
});

test('a superscript alone in a pipe table\'s cell cites (a table of citation forms); a power in a cell does not', () => {
  const table = '\n\n| Form | Example | Value |\n|---|---|---|\n| superscript | <sup>1</sup> | 10^6^ |\n| caret | ^2^ | m^2^ |\n| list | <sup>3–5</sup> | x^2^ |\n';
  assert.deepEqual(read(table), ['<sup>1</sup>', '^2^', '<sup>3–5</sup>']);
  // Outside a table, with no word before it (a line's start), a superscript is no citation.
  assert.deepEqual(read('\n\n<sup>1</sup> is a mark.'), []);
});

test('Renumber References keeps each AMA locator with its number', async () => {
  const files = { '/m.md': '# R\n\nSampling is hard^2(p33)^. Tuning helps^1(pp4-5),3(chap2)^. Again^4,5^.\n' + LIST.replace(/^\n\n# References/, '\n\n# References') };
  const plan = planRenumber(await analyze(files), { compactRanges: true, removeUncited: false });
  const text = applyPlan(files, plan)['/m.md'];
  assert.match(text, /Sampling is hard\^1\(p33\)\^\. Tuning helps\^2\(pp4-5\),3\(chap2\)\^\. Again\^4,5\^\./);
});

test('a superscript opening a sentence after a capitalised function word cites ("In<sup>49</sup>, a term…"); an element\'s symbol mid-sentence does not', () => {
  assert.deepEqual(read('It was fitted. In<sup>1</sup>, a term was added. By^2^ then it held.'), ['<sup>1</sup>', '^2^']);
  assert.deepEqual(read('The ion In^3^ binds and At^2^ decays.'), []);
});

test('AIP\'s linked list entry with no author: the number glued to the title or to "(n.d.)"', () => {
  const entry = (n: number, body: string): string => `<div id="ref-${n}" class="csl-entry">\n\n${body}\n\n</div>\n\n`;
  const text = '# A\n\nSampling is hard<sup>1</sup>, so is tuning<sup>2</sup> and more<sup>3</sup>.\n\n# References\n\n<div id="refs" class="references csl-bib-body" entry-spacing="0">\n\n' +
    entry(1, '<sup>1</sup> R. Neal, *MCMC* (2011).') + entry(2, '[<sup>2</sup>Nucleic Acids Research **47**, D330 (2018)](https://doi.org/10.1093/nar/gky1055).') +
    entry(3, '[<sup>3</sup>(n.d.)](https://keras.io/).') + '</div>\n';
  const list = parseManuscript('/w/a.md', text, defaultSettings, new ManuscriptCaches(), 0, { incremental: false }).referenceList;
  assert.deepEqual(list?.items.map((i) => i.number), [1, 2, 3]);
});

test('RSC\'s linked list entry with no author: its number glued to its year, split as the list\'s next number', () => {
  const entry = (n: number, body: string): string => `<div id="ref-${n}" class="csl-entry">\n\n<span class="csl-left-margin">${body}</span>.\n\n</div>\n\n`;
  const text = '# A\n\nSampling is hard<sup>1</sup>, so is tuning<sup>2</sup> and more<sup>3</sup>.\n\n# References\n\n<div id="refs" class="references csl-bib-body">\n\n' +
    entry(1, '1 </span><span class="csl-right-inline">R. Neal, *MCMC*, 2011') + entry(2, '[22019](https://codeocean.com/)') + entry(3, '[3T. Šimko, *EPJ Web of Conferences*, 2019](https://doi.org/10.1/x)') + '</div>\n';
  const list = parseManuscript('/w/a.md', text, defaultSettings, new ManuscriptCaches(), 0, { incremental: false }).referenceList;
  assert.deepEqual(list?.items.map((i) => i.number), [1, 2, 3]);
});

test('a superscript after an amount of money cites ("averaging $1,396<sup>1</sup>"); after a bare number it is a power', () => {
  assert.deepEqual(read('Subscriptions average $1,396<sup>1</sup> and €12.50^2^ a year.'), ['<sup>1</sup>', '^2^']);
  assert.deepEqual(read('A grid of 1,024^2^ cells and 10<sup>6</sup> draws.'), []);
});

test('a superscript alone in a column of Pandoc\'s multiline table (as `-t markdown` writes a table); not a power, nor out of the columns', () => {
  const table = '\n\n  ----------------------------------\n  Form          Example     Value\n  ------------- ----------- --------\n  superscript   ^1^         10^6^\n\n  list          ^2,3^       m^2^\n  ----------------------------------\n\nAfter it  ^4^ is no cell.\n';
  assert.deepEqual(read(table), ['^1^', '^2,3^']);
});

test('a superscript after a year that follows a preposition or a month cites ("in 2016<sup>1</sup>"); a bare number or a year alone is a power\'s base', () => {
  assert.deepEqual(read('Named in 2016<sup>1</sup> and cancelled in May 2017^2^.'), ['<sup>1</sup>', '^2^']);
  assert.deepEqual(read('A count of 1000^2^ and 2016^3^ items.'), []);
});
