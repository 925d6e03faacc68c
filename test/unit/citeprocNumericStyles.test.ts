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
