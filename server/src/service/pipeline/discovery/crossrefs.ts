/**
 * Quarto cross-references (issue 14 item 8): in a Quarto project (a `.qmd` chapter, or a `_quarto.yml` in the
 * manuscript's folder or above) `@fig-x`, `@tbl-x`, `@eq-x`, `@sec-x`, `@thm-x`… name a figure, table, equation,
 * section or theorem, not a work, so they are no citations. Pandoc reads them as citations and the cached parse
 * keeps them (it does not know the project); the analysis reads each file through this view instead. A label
 * that is defined nowhere is not reported: Quarto itself warns at render ("Unable to resolve crossref"), and
 * labels come from places Citelens does not read (code cells' `#| label:`, included files).
 * pandoc-crossref's `@fig:x` / `@Fig:x` are labels in every project (`markdown/citations.ts`).
 */
import { QUARTO_CROSSREF } from '../../markdown/citations';
import type { Citation, Manuscript } from '../../types';
import { HiddenField } from '../../util/hiddenField';

const view = new HiddenField<Manuscript, Manuscript>('withoutQuartoCrossrefs');

/** Whether the project the chapters belong to is a Quarto project. */
export function isQuartoProject(chapterPaths: readonly string[], configFiles: readonly string[]): boolean {
  return chapterPaths.some((p) => /\.qmd$/i.test(p)) || configFiles.some((p) => /(^|\/)_quarto\.ya?ml$/.test(p));
}

/** `manuscript` without Quarto cross-references among its citations (the same object when it has none). */
export function withoutQuartoCrossrefs(manuscript: Manuscript): Manuscript {
  return view.getOrMake(manuscript, () => {
    if (!manuscript.citations.some((c) => c.items.some(isCrossref))) return manuscript;
    const citations: Citation[] = [];
    for (const c of manuscript.citations) {
      if (!c.items.some(isCrossref)) {
        citations.push(c);
        continue;
      }
      const items = c.items.filter((i) => !isCrossref(i));
      if (items.length === 0) continue;
      const kept: Citation = { ...c, items };
      // A slip between a label and a key (`[@fig-a, @b]`) is Quarto's business, not a citation's.
      if (c.suffixSlips) {
        const slips = c.suffixSlips.filter((s) => !QUARTO_CROSSREF.test(s.first) && !QUARTO_CROSSREF.test(s.second));
        if (slips.length) kept.suffixSlips = slips;
        else delete kept.suffixSlips;
      }
      citations.push(kept);
    }
    return { ...manuscript, citations };
  });
}

function isCrossref(item: Citation['items'][number]): boolean {
  return item.kind === 'key' && item.key !== undefined && QUARTO_CROSSREF.test(item.key);
}
