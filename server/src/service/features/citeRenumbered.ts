/**
 * Citing an orphaned list item ("Cite [6] here") with the numbering kept right in the same edit (issue 16 item 8).
 * A numeric manuscript is numbered by first citation: citing [6] where [7] has already been cited breaks that order,
 * so the quick fix renumbers as part of its one undoable edit — exactly as Renumber References would after it, but
 * computed before: the first-citation order is read with the new citation in its place, every other citation and the
 * list are rewritten by the renumbering's own edits (`renumber/renumber.ts`), and the group receiving the number is
 * written once with its final numbers (`[18]` + 6 → `[7, 17]`). When the new citation keeps the order (it lands
 * between the first citations of [5] and [7]), the edit is the insertion alone — as it is on a list numbered
 * alphabetically, whose numbers do not depend on citation order.
 */
import type { Analysis } from '../analysis';
import type { Citation } from '../types';
import type { TextEdit, WorkspaceEdits } from './featureTypes';
import { numberingOf, renumberEdits, type Numbering } from '../renumber/renumber';
import { citationNumberStyle, documentNumberStyle, formatLocatedNumbers } from '../renumber/numberFormat';

/** The insertion's edits with the renumbering folded in, what the new citation reads, and how many works moved. */
export interface CiteRenumbered {
  edits: WorkspaceEdits;
  /** The number the cited work has after the edit (its own number when nothing is renumbered). */
  newNumber: number;
  /** Works whose number changes (besides none, when the order is kept). */
  renumbered: number;
}

/**
 * `insertion` (from `numericInsertion`: `, 6` before a group's `]`, or ` [6]`) into `placeUri`, with the renumbering
 * it needs. `compact`: write runs as ranges (the default of `citelens.renumber.compactRanges`).
 */
export function citeRenumbered(analysis: Analysis, placeUri: string, insertion: TextEdit, number: number, compact = true): CiteRenumbered {
  const plain: CiteRenumbered = { edits: new Map([[placeUri, [insertion]]]), newNumber: number, renumbered: 0 };
  // A list numbered alphabetically (`resolve/listOrder.ts`) keeps its numbers whatever is cited where.
  if (analysis.referenceFile < 0 || analysis.listOrder?.numbering === 'alphabetical') return plain;
  const placeFile = analysis.files.find((f) => f.uri === placeUri);
  if (!placeFile) return plain;
  const at = insertion.span.start;
  const group = insertion.newText.trimStart().startsWith('[') ? null : placeFile.citations.find((c) => c.span.end - 1 === at) ?? null;
  const numbering = numberingWith(analysis, placeUri, at, group, number);
  if ([...numbering.mapping].every(([from, to]) => from === to)) return plain;
  const newNumber = numbering.mapping.get(number) ?? number;
  const fileEdits = renumberEdits(analysis, numbering, compact, numbering.placed);
  const edits: WorkspaceEdits = new Map();
  for (const f of fileEdits) edits.set(f.uri, f.edits.slice());
  const own = edits.get(placeUri) ?? [];
  if (group?.segments?.length) {
    // The receiving group is written once, with its final numbers; the renumbering's edit of it is dropped.
    const start = group.segments[0].span.start;
    const end = group.segments[group.segments.length - 1].span.end;
    const numbers = [...group.items.filter((i) => i.kind === 'number').map((i) => numbering.mapping.get(i.number!) ?? i.number!), newNumber];
    const style = citationNumberStyle(group, documentNumberStyle(analysis.files), compact);
    const located = Boolean(group.items[group.items.length - 1]?.suffix);
    const kept = own.filter((e) => e.span.end <= group.span.start || e.span.start >= group.span.end);
    kept.push({ span: { start, end }, newText: formatLocatedNumbers(numbers, style, located) });
    edits.set(placeUri, kept.sort((a, b) => a.span.start - b.span.start));
  } else {
    own.push({ span: insertion.span, newText: insertion.newText.replace(String(number), String(newNumber)) });
    edits.set(placeUri, own.sort((a, b) => a.span.start - b.span.start));
  }
  const renumbered = [...numbering.mapping].filter(([from, to]) => from !== to).length;
  return { edits, newNumber, renumbered };
}

/** The numbering by first citation with `number` cited at offset `at` of `uri` (into `group`, when given). */
function numberingWith(analysis: Analysis, uri: string, at: number, group: Citation | null, number: number): Numbering {
  const citedOrder: number[] = [];
  const cite = (n: number) => {
    if (!citedOrder.includes(n)) citedOrder.push(n);
  };
  for (const f of analysis.files) {
    let placed = f.uri !== uri;
    for (const c of f.citations) {
      if (!placed && !group && c.span.start >= at) {
        cite(number);
        placed = true;
      }
      // As in renumbering: footnote-free order, no `nocite`, malformed citations do not count.
      if (c.style === 'numeric' && !c.nocite && !c.malformed) for (const item of c.items) if (item.kind === 'number' && item.number !== undefined) cite(item.number);
      if (c === group) {
        cite(number);
        placed = true;
      }
    }
    if (!placed) cite(number);
  }
  // Items still uncited keep their place after the cited ones, as Renumber References leaves them by default.
  return numberingOf(analysis, citedOrder, false);
}
