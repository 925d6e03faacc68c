/**
 * The publisher reuses the LSP diagnostic published for a warning's predecessor (same check data, the warning
 * moved, or its related locations moved: a numeric review's reference-list items after an edit above them) when
 * it converts to the same thing. `sameLspDiagnostic`/`sameLspRelated` decide that without converting; they must
 * say "same" exactly when the fresh conversion serialises to the same JSON, or a user would see stale ranges.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { sameLspDiagnostic, sameLspRelated, toLspDiagnostic, toLspRelated } from '../../server/src/lsp/diagnostics';
import { lineTable } from '../../server/src/lsp/positions';
import type { Diagnostic } from '../../server/src/service/types';

const MANUSCRIPT = '/m/review.md';
const BIB = '/m/refs.bib';
const uriOf = (path: string): string => `file://${path}`;

/** A manuscript of short lines: a cited sentence and, at the end, a numbered list. */
const lines = fc.array(fc.constantFrom('A claim [1].', 'More words [2] here.', '', '1. Smith. A paper.', '2. Doe. Another.', 'x'), { minLength: 3, maxLength: 12 });
const bibText = '@article{a,\n  title = {A}\n}\n@article{b,\n  title = {B}\n}\n';

/** An edit: `insert` at a share `at` of the text (a letter, a line break, nothing). */
const edit = fc.record({ at: fc.nat({ max: 200 }), insert: fc.constantFrom('', 'x', 'xy', '\n', 'x\n') });

/** A location of the warning, as offsets (shares of the text) in the manuscript or the bibliography. */
const location = fc.record({ inBib: fc.boolean(), start: fc.double({ min: 0, max: 1, noNaN: true }), length: fc.nat({ max: 12 }), message: fc.constantFrom('reasoning', 'Better fit [2].') });

test('a predecessor\'s LSP diagnostic is reused exactly when the fresh conversion is equal (property)', () => {
  fc.assert(
    fc.property(lines, edit, fc.array(location, { maxLength: 4 }), fc.double({ min: 0, max: 1, noNaN: true }), fc.constantFrom('same', 'message', 'data', 'severity'), (ls, e, locs, at, change) => {
      const before = ls.join('\n') + '\n';
      const cut = e.at % (before.length + 1);
      const after = before.slice(0, cut) + e.insert + before.slice(cut);
      // Offsets after the edit move by its length, as the core moves them.
      const moved = (offset: number): number => (offset >= cut ? offset + e.insert.length : offset);
      const spanIn = (text: string, share: number, length: number) => {
        const start = Math.floor(share * text.length);
        return { start, end: Math.min(text.length, start + length) };
      };
      const data = { fit: { score: 0.05, suggestions: [{ ref: '2', score: 0.4 }] } };
      const made = (shift: (n: number) => number, message: string, d: object, severity: Diagnostic['severity']): Diagnostic => {
        const own = spanIn(before, at, 12);
        return {
          code: 'off-topic-citation',
          uri: MANUSCRIPT,
          span: { start: shift(own.start), end: shift(own.end) },
          message,
          severity,
          data: d,
          related: locs.map((l) => {
            if (l.inBib) return { uri: BIB, span: spanIn(bibText, l.start, l.length), message: l.message };
            const s = spanIn(before, l.start, l.length);
            return { uri: MANUSCRIPT, span: { start: shift(s.start), end: shift(s.end) }, message: l.message };
          }),
        } as Diagnostic;
      };
      const old = made((n) => n, 'm', data, 'warning');
      const now = made(moved, change === 'message' ? 'm2' : 'm', change === 'data' ? { fit: { score: 0.06, suggestions: [] } } : structuredClone(data), change === 'severity' ? 'information' : 'warning');
      const bib = lineTable(BIB, bibText);
      const docBefore = lineTable(`${MANUSCRIPT}#before`, before);
      const docAfter = lineTable(`${MANUSCRIPT}#after`, after);
      const published = toLspDiagnostic(old, docBefore, () => bib, uriOf);
      const previous = published.relatedInformation ?? [];
      const fresh = toLspDiagnostic(now, docAfter, () => bib, uriOf);
      const relatedSame = sameLspRelated(previous, now, docAfter, () => bib, uriOf);
      assert.equal(relatedSame, JSON.stringify(toLspRelated(now, docAfter, () => bib, uriOf)) === JSON.stringify(previous));
      const related = relatedSame ? previous : toLspRelated(now, docAfter, () => bib, uriOf);
      assert.equal(sameLspDiagnostic(published, now, docAfter, related), JSON.stringify(fresh) === JSON.stringify(published), JSON.stringify({ before, after }));
    }),
    { numRuns: 500, seed: 20261205 },
  );
});
