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
import { defaultSettings } from '../../server/src/service/settings';
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
