/**
 * Find all references: from a citation, a reference-list item or a bibliography key, every place in the
 * manuscript's files that cites the same work (plus, on request, where it is defined).
 */
import type { Analysis } from '../analysis';
import { occurrencesOf, targetAt, worksOf } from './locate';
import type { Location } from './featureTypes';

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
