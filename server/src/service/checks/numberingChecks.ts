/**
 * Numeric manuscripts number works by first citation: no gaps, no duplicates, no out-of-order first citations.
 *   - `orphaned-reference`: a list item never cited (in a manuscript that cites by number);
 *   - `citation-order`: a work first cited out of first-citation order (reported where the order breaks,
 *     not once per following citation: after `[7]` is cited before `[6]`, `[8]`…`[20]` shift with it). Not on
 *     a list numbered alphabetically by first author (`resolve/listOrder.ts`, setting `citelens.numbering`):
 *     there first citations are in no order; the list's hover says order is not checked;
 *   - `reference-numbering`: list numbers with gaps or duplicates, not starting at 1, or not ascending.
 */
import type { ResolvedManuscript } from '../analysis';
import type { Problem, ReferenceItem, Span } from '../types';
import type { CitationOrderBreak } from '../problems/catalog/referenceList';
import { describeWork } from './describe';
import { problem } from '../problems/problem';

/**
 * First-line span of a list item, for diagnostics that should not paint a whole paragraph: it ends inside that
 * line, before its line break (`\n`, `\r\n` or `\r`), however the item continues (indented or lazily).
 */
function itemHead(text: string, item: ReferenceItem): Span {
  const rest = text.slice(item.span.start, Math.min(item.span.end, item.span.start + 4_000));
  const lineBreak = rest.search(/[\r\n]/);
  const end = lineBreak < 0 ? item.span.start + rest.trimEnd().length : item.span.start + lineBreak;
  return { start: item.span.start, end: Math.max(end, item.numberSpan.end) };
}

export function numberingProblems(analysis: ResolvedManuscript): Problem[] {
  if (analysis.referenceFile < 0) return [];
  const file = analysis.files[analysis.referenceFile];
  const list = file.referenceList!;
  const out: Problem[] = [];
  const listed = new Set(list.items.map((i) => i.number).filter((n): n is number => n !== null));

  // First citation of every number, in reading order across files.
  const firstCited: { number: number; file: number; span: Span }[] = [];
  const seen = new Set<number>();
  for (const r of analysis.resolutions) {
    if (r.item.kind !== 'number' || r.citation.malformed || r.citation.nocite) continue;
    const n = r.item.number!;
    if (seen.has(n)) continue;
    seen.add(n);
    firstCited.push({ number: n, file: r.file, span: r.item.span });
  }

  // citation-order: the rank of first citation is the number a work should have (unless numbered alphabetically).
  let previousShift = 0;
  const byCitation = analysis.listOrder?.numbering !== 'alphabetical';
  (byCitation ? firstCited : []).forEach((first, i) => {
    const rank = i + 1;
    const shift = first.number - rank;
    if (shift !== 0 && shift !== previousShift && listed.has(first.number)) {
      let order: CitationOrderBreak;
      if (shift > 0) {
        const waiting = [...listed].filter((n) => n < first.number && !seen.has(n) || (n < first.number && firstCited.findIndex((f) => f.number === n) > i)).sort((a, b) => a - b)[0];
        order = waiting !== undefined ? { kind: 'cited-before', lower: waiting } : { kind: 'cited-early' };
      } else {
        const earlier = firstCited.slice(0, i).find((f) => f.number > first.number);
        order = { kind: 'cited-after', higher: earlier?.number ?? rank };
      }
      const following = firstCited.slice(i + 1).filter((f, j) => f.number - (i + 2 + j) === shift).length;
      out.push(problem('citation-order', analysis.files[first.file].uri, first.span, { number: first.number, expected: rank, following, ...order }));
    }
    previousShift = shift;
  });

  // orphaned-reference: listed, never cited. Not when nothing cites by number at all: that list is an author–year
  // manuscript's (`(Oke, 1982)`, hand-written or converted from Word with a numbered list), not a numbered one.
  const citesByNumber = seen.size > 0 || analysis.resolutions.some((r) => r.item.kind === 'number');
  for (const link of citesByNumber ? analysis.references : []) {
    const n = link.item.number;
    if (n === null || seen.has(n)) continue;
    const nocited = analysis.resolutions.some((r) => r.citation.nocite && r.item.number === n);
    if (nocited) continue;
    out.push(problem('orphaned-reference', file.uri, itemHead(file.text, link.item), { kind: 'list-item', number: n, work: describeWork(link.entry, link.item) }));
  }

  // reference-numbering: the list's own numbers.
  const items = list.items;
  const firstNumber = items[0]?.number;
  if (firstNumber !== null && firstNumber !== undefined && firstNumber !== 1) {
    out.push(problem('reference-numbering', file.uri, items[0].numberSpan, { kind: 'starts-at', first: firstNumber }));
  }
  const where = new Map<number, ReferenceItem>();
  for (let i = 0; i < items.length; i++) {
    const item = items[i];
    if (item.number === null) continue;
    const dup = where.get(item.number);
    if (dup) {
      const related = [{ uri: file.uri, span: dup.numberSpan, message: `first use of ${item.number}` }];
      out.push(problem('reference-numbering', file.uri, item.numberSpan, { kind: 'used-twice', number: item.number }, related));
      continue;
    }
    where.set(item.number, item);
    const prev = items.slice(0, i).reverse().find((p) => p.number !== null);
    if (prev && prev.number !== null) {
      if (item.number < prev.number) {
        out.push(problem('reference-numbering', file.uri, item.numberSpan, { kind: 'descending', number: item.number, previous: prev.number }));
      } else if (item.number > prev.number + 1) {
        out.push(problem('reference-numbering', file.uri, item.numberSpan, { kind: 'gap', number: item.number, previous: prev.number }));
      }
    }
  }
  return out;
}
