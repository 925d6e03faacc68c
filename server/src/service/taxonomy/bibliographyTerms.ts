/**
 * Which works of the bibliography are about which taxonomy terms, judged from each work's own text
 * (title, abstract, keywords, or its reference-list text). Feeds the hover on a term ("covered by
 * 12 works in the bibliography") and the coverage report.
 */
import type { Taxonomy } from './model';
import { conceptsOf } from './termMatcher';

/** A work of the bibliography and the text that describes it. */
export interface DescribedWork {
  /** BibTeX key or reference number. */
  id: string;
  text: string;
}

/**
 * Term id → ids of the works whose text mentions the term; with `includeDescendants` (default
 * true) a work about GANs also counts for "Generative AI techniques". Works keep input order.
 */
export function worksByTerm(
  taxonomy: Taxonomy,
  works: readonly DescribedWork[],
  options: { includeDescendants?: boolean } = {},
): Map<string, string[]> {
  const includeAncestors = options.includeDescendants ?? true;
  const byTerm = new Map<string, string[]>();
  for (const work of works) {
    for (const termId of conceptsOf(taxonomy, work.text, { includeAncestors })) {
      let list = byTerm.get(termId);
      if (!list) byTerm.set(termId, (list = []));
      list.push(work.id);
    }
  }
  return byTerm;
}
