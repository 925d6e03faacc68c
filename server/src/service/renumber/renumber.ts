/**
 * "Renumber References" (product.md §4): rewrite a numeric manuscript so works are numbered by first citation.
 *
 * The new number of a work is the order of its first citation across the whole manuscript (files in reading
 * order, footnotes where they are referenced; `nocite` and malformed citations do not count). Every in-text
 * numeric citation whose numbers change is rewritten — numbers renumbered, sorted, ranges compacted (`[3, 4, 5]`
 * → `[3–5]`) in the citation's own dash and separator — keeping any locator (`[3, p. 12]`). The reference list
 * is reordered and renumbered (see `reorderList.ts`); items no citation names go to the end, or are removed.
 * Edits cover only the characters that change; running the plan twice changes nothing the second time.
 */
import type { Analysis } from '../analysis';
import { fromSuperscript, isUnicodeSuperscript, toSuperscript } from '../markdown/unicodeSuperscripts';
import type { Citation, Manuscript, ReferenceItem } from '../types';
import type { EditPlan, FileEdits, TextEdit } from './editPlan';
import { citationNumberStyle, documentNumberStyle, formatLocatedNumbers, formatNumbers, minimalEdit } from './numberFormat';
import { reorderListEdits, type PlacedItem } from './reorderList';

export interface RenumberOptions {
  /** Write runs of three or more as ranges (`citelens.renumber.compactRanges`). */
  compactRanges: boolean;
  /** Delete uncited list items instead of moving them to the end (`citelens.renumber.removeUncited`). */
  removeUncited: boolean;
}

export interface RenumberPlan extends EditPlan {
  /** Old number → new number, for every cited number and every list item kept. */
  mapping: Map<number, number>;
  /** Old numbers of list items no citation names (moved to the end, or removed). */
  uncited: number[];
  /** Old numbers cited in the text that have no list item (they keep their place in first-citation order). */
  missing: number[];
  /** Citations rewritten, and works (list items) that got another number or place. */
  stats: { citations: number; renumberedWorks: number; movedItems: number };
}

/** The numbering a manuscript should have; shared by renumbering and the BibTeX-generated list. */
export interface Numbering {
  file: Manuscript;
  /** Old numbers in order of first citation. */
  citedOrder: number[];
  mapping: Map<number, number>;
  /** The list's items in their new order, with their new numbers (kept items only). */
  placed: PlacedItem[];
  uncited: { item: ReferenceItem; number: number | null }[];
  missing: number[];
}

/**
 * Plans the renumbering of `analysis` (a numeric manuscript with a reference list).
 *
 * @example
 * // [1] … [2] … [4] … [3] with a list 1–4 →  [4] becomes [3] and [3] becomes [4], in text and list.
 * const plan = planRenumber(analysis, { compactRanges: true, removeUncited: false });
 * for (const f of plan.edits) write(f.uri, applyEdits(textOf(f.uri), f.edits));
 */
export function planRenumber(analysis: Analysis, options: RenumberOptions): RenumberPlan {
  const refused = orderRefusal(analysis);
  if (refused) return { ...emptyPlan(refused), refused };
  const numbering = computeNumbering(analysis, options.removeUncited);
  const edits = renumberEdits(analysis, numbering, options.compactRanges, numbering.placed);
  return finish(analysis, numbering, edits);
}

/** Why a manuscript cannot be renumbered, or null. */
export function refusal(analysis: Analysis): string | null {
  if (analysis.style === 'pandoc') return 'This manuscript cites by key ([@key]); only numeric manuscripts are renumbered.';
  if (analysis.referenceFile < 0) return 'This manuscript has no numbered reference list (a “References” section with “1. …” items or “[1] …” paragraphs), so its numbers cannot be renumbered.';
  return null;
}

/**
 * Why a manuscript cannot be numbered by first citation (renumbering, the list generated from BibTeX), or null:
 * beyond {@link refusal}, a list numbered alphabetically (`resolve/listOrder.ts`), which renumbering would
 * rewrite into citation order, destroying its style. Converting to Pandoc citations keeps no numbers and is not
 * refused.
 */
export function orderRefusal(analysis: Analysis): string | null {
  const refused = refusal(analysis);
  if (refused || analysis.listOrder?.numbering !== 'alphabetical') return refused;
  const why = analysis.listOrder.source === 'setting' ? 'The setting citelens.numbering is “alphabetical”' : 'The reference list is numbered alphabetically (by first author)';
  return `${why}: numbering works by first citation would destroy that order, so nothing was changed. Set citelens.numbering to “citation-order” to renumber by first citation.`;
}

/** Numbering by first citation. */
export function computeNumbering(analysis: Analysis, removeUncited: boolean): Numbering {
  const citedOrder: number[] = [];
  const cited = new Set<number>();
  const inMalformed = new Set<number>();
  for (const f of analysis.files) {
    for (const c of f.citations) {
      if (c.style !== 'numeric' || c.nocite) continue;
      if (c.malformed) {
        for (const m of fromSuperscript(c.raw).matchAll(/\d+/g)) inMalformed.add(Number(m[0]));
        continue;
      }
      for (const item of c.items) {
        if (item.kind !== 'number' || item.number === undefined || cited.has(item.number)) continue;
        cited.add(item.number);
        citedOrder.push(item.number);
      }
    }
  }
  return numberingOf(analysis, citedOrder, removeUncited, inMalformed);
}

/**
 * The numbering that gives the works of `citedOrder` (old numbers in order of first citation) the numbers 1, 2, …;
 * list items no citation names follow (or are removed, except those only a malformed citation names). Also used by
 * the "Cite [6] here" quick fix, with its new citation in the order (`features/citeRenumbered.ts`).
 */
export function numberingOf(analysis: Analysis, citedOrder: number[], removeUncited: boolean, inMalformed: ReadonlySet<number> = new Set()): Numbering {
  const file = analysis.files[analysis.referenceFile];
  const list = file.referenceList!;
  const cited = new Set(citedOrder);
  const mapping = new Map<number, number>();
  citedOrder.forEach((n, i) => mapping.set(n, i + 1));
  // The first item with a number is the one citations reach (as in resolution); a duplicate is uncited.
  const byNumber = new Map<number, ReferenceItem>();
  for (const item of list.items) if (item.number !== null && !byNumber.has(item.number)) byNumber.set(item.number, item);
  const placed: PlacedItem[] = [];
  const missing: number[] = [];
  for (const n of citedOrder) {
    const item = byNumber.get(n);
    if (item) placed.push({ item, number: mapping.get(n)! });
    else missing.push(n);
  }
  const uncited: Numbering['uncited'] = [];
  let next = citedOrder.length;
  for (const item of list.items) {
    const reached = item.number !== null && byNumber.get(item.number) === item && cited.has(item.number);
    if (reached) continue;
    // A number only a malformed citation names keeps its item, so the citation still reaches it.
    const keep = !removeUncited || (item.number !== null && inMalformed.has(item.number));
    const number = keep ? ++next : null;
    uncited.push({ item, number });
    if (number !== null) {
      placed.push({ item, number });
      if (item.number !== null && byNumber.get(item.number) === item) mapping.set(item.number, number);
    }
  }
  return { file, citedOrder, mapping, placed, uncited, missing };
}

/** Edits of the in-text citations (every file) and of the list (its file), grouped by file. */
export function renumberEdits(analysis: Analysis, numbering: Numbering, compact: boolean, placed: readonly PlacedItem[]): FileEdits[] {
  const docStyle = documentNumberStyle(analysis.files);
  const out: FileEdits[] = [];
  for (const f of analysis.files) {
    const edits: TextEdit[] = [];
    for (const c of f.citations) {
      if (c.style !== 'numeric' || c.nocite) continue;
      edits.push(...citationEdits(f.text, c, numbering.mapping, citationNumberStyle(c, docStyle, compact)));
    }
    if (f === numbering.file) edits.push(...reorderListEdits(f.text, f.referenceList!, placed));
    if (edits.length) out.push({ uri: f.uri, version: f.version, edits: edits.sort((a, b) => a.span.start - b.span.start) });
  }
  return out;
}

/** The edits of one citation: none when its numbers keep their meaning as written. */
function citationEdits(text: string, c: Citation, mapping: Map<number, number>, style: ReturnType<typeof citationNumberStyle>): TextEdit[] {
  if (c.malformed) {
    // Keep the author's (broken) text, but let each number still name the same work.
    const edits: TextEdit[] = [];
    for (const m of fromSuperscript(c.raw).matchAll(/\d+/g)) {
      const to = mapping.get(Number(m[0]));
      if (to === undefined || to === Number(m[0])) continue;
      const written = isUnicodeSuperscript(c) ? toSuperscript(String(to)) : String(to);
      edits.push({ span: { start: c.span.start + m.index, end: c.span.start + m.index + m[0].length }, newText: written });
    }
    return edits;
  }
  const segments = c.segments ?? [];
  if (!segments.length) return [];
  if (c.linked) return linkedEdits(text, c, mapping, style);
  // A locator after a number other than the last (AMA's `^2(pp4-5),3(chap2)^`) stays with its number: each segment
  // is rewritten where it stands, the text between kept.
  if (c.items.slice(0, -1).some((i) => i.suffix && i.suffix !== '/')) return segmentEdits(text, c, mapping, style);
  const old = c.items.filter((i) => i.kind === 'number').map((i) => i.number!);
  const renumbered = old.map((n) => mapping.get(n) ?? n);
  // A number written twice (`[8,9,10,10]`) keeps its meaning: only a change of number or order is rewritten.
  const ascending = old.every((n, i) => i === 0 || n >= old[i - 1]);
  if (ascending && renumbered.every((n, i) => n === old[i])) return [];
  const start = segments[0].span.start;
  let end = segments[segments.length - 1].span.end;
  let newText: string;
  if (c.items.some((i) => i.suffix === '/')) {
    // Pandoc's `/` after a number (a key ending in `/`) moves with its number.
    if (c.items[c.items.length - 1].suffix === '/') end++;
    const pairs = c.items.map((i) => ({ n: mapping.get(i.number!) ?? i.number!, slash: i.suffix === '/' })).sort((a, b) => a.n - b.n);
    newText = pairs.map((p) => `${p.n}${p.slash ? '/' : ''}`).join(style.separator);
  } else if (c.bracketed) {
    // An IEEE range `[2]–[4]` stays in brackets: `[5]–[7]`, or `[5], [7], [9]` when its works are no longer a run.
    // Escaped as a Word converter writes it (`\[2\]--\[4\]`), it stays escaped.
    const [close, open] = c.raw.startsWith('\\') ? ['\\]', '\\['] : [']', '['];
    newText = formatNumbers(renumbered, { ...style, separator: `${close}, ${open}`, dash: `${close}${style.dash}${open}` });
  } else {
    const located = Boolean(c.items[c.items.length - 1]?.suffix);
    newText = formatLocatedNumbers(renumbered, style, located);
    // `¹⁻³` stays in superscript digits (`⁴⁻⁶`), not ASCII.
    if (isUnicodeSuperscript(c)) newText = toSuperscript(newText);
  }
  const edit = minimalEdit(text.slice(start, end), newText, start);
  return edit ? [edit] : [];
}

/** Each segment's numbers renumbered in place (a range whose works are no longer a run written as its numbers). */
function segmentEdits(text: string, c: Citation, mapping: Map<number, number>, style: ReturnType<typeof citationNumberStyle>): TextEdit[] {
  const edits: TextEdit[] = [];
  for (const segment of c.segments ?? []) {
    const mapped = Array.from({ length: segment.to - segment.from + 1 }, (_, i) => mapping.get(segment.from + i) ?? segment.from + i);
    const edit = minimalEdit(text.slice(segment.span.start, segment.span.end), formatNumbers(mapped, style), segment.span.start);
    if (edit) edits.push(edit);
  }
  return edits;
}

/**
 * The edits of a citation whose numbers are links (`\[[2](#B2)–[4](#B4)\]`, from HTML): each link's number is
 * rewritten, its link kept. A range whose works are no longer a run is written as plain numbers (`5, 7, 9`): its
 * links go, its meaning stays.
 */
function linkedEdits(text: string, c: Citation, mapping: Map<number, number>, style: ReturnType<typeof citationNumberStyle>): TextEdit[] {
  const edits: TextEdit[] = [];
  c.segments!.forEach((segment, k) => {
    const ends = c.linked![k].map((e) => ({ start: c.span.start + e.start, end: c.span.start + e.end }));
    const mapped = Array.from({ length: segment.to - segment.from + 1 }, (_, i) => mapping.get(segment.from + i) ?? segment.from + i);
    const run = mapped.every((n, i) => n === mapped[0] + i);
    if (!run) {
      edits.push({ span: segment.span, newText: formatNumbers(mapped, style) });
      return;
    }
    for (const [i, end] of ends.entries()) {
      const to = String(i === 0 ? mapped[0] : mapped[mapped.length - 1]);
      if (text.slice(end.start, end.end) !== to) edits.push({ span: end, newText: to });
    }
  });
  return edits;
}

function finish(analysis: Analysis, numbering: Numbering, edits: FileEdits[]): RenumberPlan {
  const { mapping, uncited, missing } = numbering;
  const citationCount = edits.reduce((sum, f) => sum + f.edits.filter((e) => !inList(numbering, f.uri, e.span.start)).length, 0);
  const renumberedWorks = [...mapping].filter(([from, to]) => from !== to).length;
  const movedItems = numbering.placed.filter((p, k) => numbering.file.referenceList!.items[k] !== p.item).length;
  const changed = edits.length > 0;
  const notes: string[] = [];
  const uncitedText = uncited.map((u) => (u.number === null ? `[${u.item.number ?? '?'}] removed` : u.number === u.item.number ? `[${u.number}]` : `[${u.item.number ?? '?'}] → [${u.number}]`));
  // The summary names the uncited items when anything changed; the note says it only otherwise (issue 16 item 13:
  // the note that repeated the summary).
  if (uncited.length && !changed) {
    const what = uncited.every((u) => u.number === null) ? 'removed' : 'kept at the end';
    notes.push(`${uncited.length} reference-list item${uncited.length === 1 ? ' is' : 's are'} never cited (${what}): ${uncitedText.join(', ')}.`);
  }
  if (missing.length) notes.push(`Cited number${missing.length === 1 ? '' : 's'} ${missing.map((n) => `[${n}]`).join(', ')} ha${missing.length === 1 ? 's' : 've'} no reference-list item; ${missing.length === 1 ? 'it keeps its' : 'they keep their'} place in first-citation order (${missing.map((n) => `[${mapping.get(n)}]`).join(', ')}), so add the missing item${missing.length === 1 ? '' : 's'} there.`);
  const malformed = analysis.files.reduce((sum, f) => sum + f.citations.filter((c) => c.style === 'numeric' && c.malformed).length, 0);
  if (malformed) notes.push(`${malformed} malformed citation${malformed === 1 ? '' : 's'} did not count for the order (${malformed === 1 ? 'its numbers were' : 'their numbers were'} renumbered in place); fix ${malformed === 1 ? 'it' : 'them'} and renumber again.`);
  let summary: string;
  if (!changed) summary = 'Nothing to renumber: works are already numbered by first citation.';
  else {
    summary = `Renumbered ${renumberedWorks} work${renumberedWorks === 1 ? '' : 's'} in ${citationCount} citation${citationCount === 1 ? '' : 's'}`;
    if (movedItems) summary += ` and moved ${movedItems} reference-list item${movedItems === 1 ? '' : 's'}`;
    summary += '.';
    if (uncited.length) summary += ` ${uncited.length} uncited item${uncited.length === 1 ? '' : 's'} ${uncited.every((u) => u.number === null) ? 'removed' : 'moved to the end'} (${uncitedText.join(', ')}).`;
  }
  return {
    edits,
    changed,
    summary,
    notes,
    mapping,
    uncited: uncited.map((u) => u.item.number).filter((n): n is number => n !== null),
    missing,
    stats: { citations: citationCount, renumberedWorks, movedItems },
  };
}

function inList(numbering: Numbering, uri: string, offset: number): boolean {
  const list = numbering.file.referenceList!;
  return uri === numbering.file.uri && offset >= list.span.start && offset < list.span.end;
}

function emptyPlan(summary: string): RenumberPlan {
  return { edits: [], changed: false, summary, notes: [], mapping: new Map(), uncited: [], missing: [], stats: { citations: 0, renumberedWorks: 0, movedItems: 0 } };
}
