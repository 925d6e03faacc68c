/**
 * Numeric manuscripts number works by first citation: no gaps, no duplicates, no out-of-order first citations.
 *   - `orphaned-reference`: a list item never cited;
 *   - `citation-order`: a work first cited out of first-citation order (reported where the order breaks,
 *     not once per following citation: after `[7]` is cited before `[6]`, `[8]`…`[20]` shift with it);
 *   - `reference-numbering`: list numbers with gaps or duplicates, not starting at 1, or not ascending.
 */
import type { ResolvedManuscript } from '../analysis';
import type { Problem, ReferenceItem, Span } from '../types';
import { describeWork } from './describe';

/** First-line span of a list item, for diagnostics that should not paint a whole paragraph. */
function itemHead(text: string, item: ReferenceItem): Span {
  const nl = text.indexOf('\n', item.span.start);
  return { start: item.span.start, end: nl < 0 || nl > item.span.end ? item.span.end : nl };
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

  // citation-order: the rank of first citation is the number a work should have.
  let previousShift = 0;
  firstCited.forEach((first, i) => {
    const rank = i + 1;
    const shift = first.number - rank;
    if (shift !== 0 && shift !== previousShift && listed.has(first.number)) {
      let message: string;
      if (shift > 0) {
        const waiting = [...listed].filter((n) => n < first.number && !seen.has(n) || (n < first.number && firstCited.findIndex((f) => f.number === n) > i)).sort((a, b) => a - b)[0];
        message = waiting !== undefined
          ? `[${first.number}] is cited before [${waiting}] has been; numbered by first citation it would be [${rank}].`
          : `[${first.number}] is the ${ordinal(rank)} work cited; numbered by first citation it would be [${rank}].`;
      } else {
        const earlier = firstCited.slice(0, i).find((f) => f.number > first.number);
        message = `[${first.number}] is first cited after [${earlier?.number ?? rank}]; numbered by first citation it would be [${rank}].`;
      }
      const following = firstCited.slice(i + 1).filter((f, j) => f.number - (i + 2 + j) === shift).length;
      if (following > 0) message += ` The ${following} reference${following === 1 ? '' : 's'} first cited after it shift the same way; “Citelens: Renumber References” fixes all of them.`;
      out.push({ code: 'citation-order', message, span: first.span, uri: analysis.files[first.file].uri, data: { expected: rank } });
    }
    previousShift = shift;
  });

  // orphaned-reference: listed, never cited.
  for (const link of analysis.references) {
    const n = link.item.number;
    if (n === null || seen.has(n)) continue;
    const nocited = analysis.resolutions.some((r) => r.citation.nocite && r.item.number === n);
    if (nocited) continue;
    out.push({
      code: 'orphaned-reference',
      message: `Reference [${n}] (${describeWork(link.entry, link.item)}) is never cited. Cite it where it supports a claim, or remove it from the list.`,
      span: itemHead(file.text, link.item),
      uri: file.uri,
      data: { number: n },
    });
  }

  // reference-numbering: the list's own numbers.
  const items = list.items;
  const firstNumber = items[0]?.number;
  if (firstNumber !== null && firstNumber !== undefined && firstNumber !== 1) {
    out.push({ code: 'reference-numbering', message: `The reference list starts at ${firstNumber}; it should start at 1.`, span: items[0].numberSpan, uri: file.uri });
  }
  const where = new Map<number, ReferenceItem>();
  for (let i = 0; i < items.length; i++) {
    const item = items[i];
    if (item.number === null) continue;
    const dup = where.get(item.number);
    if (dup) {
      out.push({
        code: 'reference-numbering',
        message: `Number ${item.number} is used twice in the reference list; each reference needs its own number.`,
        span: item.numberSpan,
        uri: file.uri,
        related: [{ uri: file.uri, span: dup.numberSpan, message: `first use of ${item.number}` }],
      });
      continue;
    }
    where.set(item.number, item);
    const prev = items.slice(0, i).reverse().find((p) => p.number !== null);
    if (prev && prev.number !== null) {
      if (item.number < prev.number) {
        out.push({ code: 'reference-numbering', message: `Reference ${item.number} comes after ${prev.number}; the list must be in ascending order.`, span: item.numberSpan, uri: file.uri });
      } else if (item.number > prev.number + 1) {
        const missing = item.number - prev.number === 2 ? `number ${prev.number + 1} is missing` : `numbers ${prev.number + 1}–${item.number - 1} are missing`;
        out.push({ code: 'reference-numbering', message: `The reference list jumps from ${prev.number} to ${item.number}: ${missing}.`, span: item.numberSpan, uri: file.uri });
      }
    }
  }
  return out;
}

function ordinal(n: number): string {
  const s = ['th', 'st', 'nd', 'rd'];
  const v = n % 100;
  return n + (s[(v - 20) % 10] || s[v] || s[0]);
}
