/**
 * What the cursor is on: a citation (one item of it, or the whole group), a reference-list item, or the key
 * of a bibliography entry. Every editor feature starts here, so they all agree on what "on a citation" means.
 */
import type { Analysis, ReferenceLink, Resolution } from '../analysis';
import type { BibEntry, Citation, ReferenceItem, Span } from '../types';
import { lastStartingAtOrBefore } from '../util/search';
import { touches } from './featureTypes';

export type Target =
  /**
   * A citation. `resolutions` are the works under the cursor: the one item it is on (all numbers of a range
   * segment `3–5`), or every item of the group when it is on the brackets or between items. `span` is that
   * item's span (a Pandoc key without `@`) or the group's.
   */
  | { kind: 'citation'; file: number; citation: Citation; resolutions: Resolution[]; span: Span; wholeGroup: boolean }
  /** A reference-list item; `span` is the number marker when the cursor is on it, else the whole item. */
  | { kind: 'reference'; file: number; link: ReferenceLink; span: Span }
  /** The key of an entry in a bibliography file (`@article{smith2020,` with the cursor on `smith2020`). */
  | { kind: 'entry'; entry: BibEntry; span: Span };

/** Index of `path` in the analysis' manuscript files, or -1. */
export function fileIndex(analysis: Analysis, path: string): number {
  return analysis.files.findIndex((file) => file.uri === path);
}

/** The bibliography entries of `path` in this analysis (empty unless `path` is one of its bibliographies). */
export function entriesOf(analysis: Analysis, path: string): BibEntry[] {
  return analysis.bibliographies.find((bib) => bib.uri === path)?.entries ?? [];
}

/** Finds what is at `offset` of document `path` (a manuscript file or a bibliography of the analysis). */
export function targetAt(analysis: Analysis, path: string, offset: number): Target | null {
  const file = fileIndex(analysis, path);
  if (file < 0) {
    const entry = entriesOf(analysis, path).find((e) => touches(e.keySpan, offset));
    return entry ? { kind: 'entry', entry, span: entry.keySpan } : null;
  }
  const manuscript = analysis.files[file];
  const citation = citationAt(manuscript.citations, offset);
  if (citation) {
    const all = analysis.resolutions.filter((r) => r.file === file && r.citation === citation);
    // The cursor on `@` or `{` of `@{key}` counts as on the key.
    const item = citation.items.find((i) => i.span.start - (i.kind === 'key' ? 2 : 0) <= offset && offset <= i.span.end
      && itemHit(manuscript.text, i.span, offset));
    if (item) {
      const resolutions = all.filter((r) => r.item.span.start === item.span.start && r.item.span.end === item.span.end);
      return { kind: 'citation', file, citation, resolutions, span: item.span, wholeGroup: false };
    }
    return { kind: 'citation', file, citation, resolutions: all, span: citation.span, wholeGroup: true };
  }
  const link = analysis.references.find((l) => l.file === file && touches(l.item.span, offset));
  if (link) {
    const span = touches(link.item.numberSpan, offset) ? link.item.numberSpan : link.item.span;
    return { kind: 'reference', file, link, span };
  }
  return null;
}

/** The citation whose span holds `offset` (a cursor just after `]` still counts). */
function citationAt(citations: Citation[], offset: number): Citation | undefined {
  // Citations are in document order: the last one starting at or before the offset.
  const found = lastStartingAtOrBefore(citations, offset, (c) => c.span.start);
  // Adjacent groups `[1][2]`: a cursor between them belongs to the second, which starts there.
  for (let i = found; i >= 0 && i >= found - 1; i--) {
    if (touches(citations[i].span, offset)) return citations[i];
  }
  return undefined;
}

/** The cursor is on the item's span, or on the `@`/`{` right before a key. */
function itemHit(text: string, span: Span, offset: number): boolean {
  if (offset >= span.start) return true;
  const before = text.slice(offset, span.start);
  return before === '@' || before === '@{' || before === '{';
}

// ---------------------------------------------------------------------------------------------
// Works: which citations name the same work
// ---------------------------------------------------------------------------------------------

/** A cited work as far as it is known: its entry, its reference-list item, or only the key/number written. */
export interface Work {
  entry: BibEntry | null;
  reference: ReferenceItem | null;
  key?: string;
  number?: number;
}

export function workOfResolution(r: Resolution): Work {
  return { entry: r.entry, reference: r.reference, key: r.item.key, number: r.item.number };
}

export function workOfLink(link: ReferenceLink): Work {
  return { entry: link.entry, reference: link.item, number: link.item.number ?? undefined };
}

export function workOfEntry(entry: BibEntry): Work {
  return { entry, reference: null, key: entry.key };
}

/** Whether two works are the same: same entry key, else same reference-list item, else same written key/number. */
export function sameWork(a: Work, b: Work): boolean {
  if (a.entry && b.entry) return a.entry.key === b.entry.key;
  if (a.reference && b.reference) return a.reference === b.reference;
  if (a.entry || b.entry) {
    // An unresolved key still names the entry's key when written the same way.
    const entry = (a.entry ?? b.entry)!;
    const other = a.entry ? b : a;
    return !other.reference && other.key === entry.key;
  }
  if (a.key !== undefined && b.key !== undefined) return a.key === b.key;
  if (a.number !== undefined && b.number !== undefined && !a.reference && !b.reference) return a.number === b.number;
  return false;
}

/** Every citation item that names `work`, in document order across the manuscript's files. */
export function occurrencesOf(analysis: Analysis, work: Work): Resolution[] {
  return analysis.resolutions.filter((r) => sameWork(workOfResolution(r), work));
}

/** The works a target names (one for a reference item or entry; one per item for a citation). */
export function worksOf(target: Target): Work[] {
  switch (target.kind) {
    case 'citation':
      return target.resolutions.map(workOfResolution);
    case 'reference':
      return [workOfLink(target.link)];
    case 'entry':
      return [workOfEntry(target.entry)];
  }
}
