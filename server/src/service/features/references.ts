/**
 * Find all references: from a citation, a reference-list item or a bibliography key, every place in the
 * manuscript's files that cites the same work (plus, on request, where it is defined); and the same within one
 * document, as the editor highlights them where the cursor stands.
 */
import type { Analysis } from '../analysis';
import { occurrencesOf, targetAt, worksOf } from './locate';
import type { Location } from './featureTypes';
import type { Span } from '../types';

export function getReferences(analysis: Analysis, path: string, offset: number, includeDeclaration: boolean): Location[] {
  const target = targetAt(analysis, path, offset);
  if (!target) return [];
  const out: Location[] = [];
  const seen = new Set<string>();
  const add = (location: Location) => {
    const id = `${location.path}\0${location.span.start}\0${location.span.end}`;
    if (!seen.has(id)) {
      seen.add(id);
      out.push(location);
    }
  };
  const works = worksOf(target);
  if (includeDeclaration) {
    for (const work of works) {
      if (work.entry) add({ path: work.entry.uri, span: work.entry.keySpan });
      if (work.reference && analysis.referenceFile >= 0) {
        add({ path: analysis.files[analysis.referenceFile].uri, span: work.reference.numberSpan });
      }
    }
  }
  for (const work of works) {
    for (const r of occurrencesOf(analysis, work)) add({ path: analysis.files[r.file].uri, span: r.item.span });
  }
  return out;
}

/** A place the editor highlights: a citation of the work (`read`), or where it is defined in this document (`write`). */
export interface Highlight {
  span: Span;
  kind: 'read' | 'write';
}

/**
 * The work under the cursor's citations in document `path`, and where it is defined there (its list item's number,
 * or in a bibliography its entry's key) as the definition.
 */
export function getDocumentHighlights(analysis: Analysis, path: string, offset: number): Highlight[] {
  const target = targetAt(analysis, path, offset);
  if (!target) return [];
  const out: Highlight[] = [];
  const listHere = analysis.referenceFile >= 0 && analysis.files[analysis.referenceFile].uri === path;
  for (const work of worksOf(target)) {
    if (work.entry?.uri === path) out.push({ span: work.entry.keySpan, kind: 'write' });
    if (work.reference && listHere) out.push({ span: work.reference.numberSpan, kind: 'write' });
    for (const r of occurrencesOf(analysis, work)) if (analysis.files[r.file].uri === path) out.push({ span: r.item.span, kind: 'read' });
  }
  return out;
}

