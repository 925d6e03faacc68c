/**
 * Quarto cross-references (issue 14 item 8): in a Quarto project (a `.qmd` chapter, or a `_quarto.yml` in the
 * manuscript's folder or above) `@fig-x`, `@tbl-x`, `@eq-x`, `@sec-x`, `@thm-x`… name a figure, table, equation,
 * section or theorem, not a work, so they are no citations. Pandoc reads them as citations and the cached parse
 * keeps them (it does not know the project); the analysis reads each file through this view instead. A label
 * that is defined nowhere is not reported: Quarto itself warns at render ("Unable to resolve crossref"), and
 * labels come from places Citelens does not read (code cells' `#| label:`, included files).
 * pandoc-crossref's `@fig:x` / `@Fig:x` are labels in every project (`markdown/citations.ts`).
 * Custom kinds a project declares (`crossref: custom: [{kind: float, key: suppfig}]` in `_quarto.yml` or the front
 * matter; Quarto 1.4) are labels too: `@suppfig-sites`, `@vid-timelapse`.
 */
import { QUARTO_CROSSREF } from '../../markdown/citations';
import type { Citation, Manuscript } from '../../types';
import { HiddenField } from '../../util/hiddenField';

const view = new HiddenField<Manuscript, { kinds: string; manuscript: Manuscript }>('withoutQuartoCrossrefs');

/** The keys of the custom cross-reference kinds a Quarto configuration or front matter declares. */
export function customCrossrefKinds(config: unknown): string[] {
  const custom = (config as { crossref?: { custom?: unknown } } | null | undefined)?.crossref?.custom;
  if (!Array.isArray(custom)) return [];
  return custom.map((k) => (k as { key?: unknown } | null)?.key).filter((k): k is string => typeof k === 'string' && /^[\p{L}\p{N}_]+$/u.test(k));
}

/** Whether the project the chapters belong to is a Quarto project. */
export function isQuartoProject(chapterPaths: readonly string[], configFiles: readonly string[]): boolean {
  return chapterPaths.some((p) => /\.qmd$/i.test(p)) || configFiles.some((p) => /(^|\/)_quarto\.ya?ml$/.test(p));
}

/**
 * `manuscript` without Quarto cross-references among its citations (the same object when it has none); `custom`:
 * the project's custom kinds (`customCrossrefKinds`), to which the file's own front matter adds its.
 */
export function withoutQuartoCrossrefs(manuscript: Manuscript, custom: readonly string[] = []): Manuscript {
  const all = [...new Set([...custom, ...customCrossrefKinds(manuscript.frontMatter?.data)])];
  const kinds = all.join(' ');
  const kept = view.get(manuscript);
  if (kept && kept.kinds === kinds) return kept.manuscript;
  const customLabel = all.length ? new RegExp(`^(?:${all.join('|')})-[\\p{L}\\p{N}_]`, 'u') : null;
  const isLabel = (key: string): boolean => QUARTO_CROSSREF.test(key) || (customLabel?.test(key) ?? false);
  return view.set(manuscript, { kinds, manuscript: without(manuscript, isLabel) }).manuscript;
}

/** `manuscript` without the items whose key `isLabel`. */
function without(manuscript: Manuscript, isLabel: (key: string) => boolean): Manuscript {
  const isCrossref = (item: Citation['items'][number]): boolean => item.kind === 'key' && item.key !== undefined && isLabel(item.key);
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
      const slips = c.suffixSlips.filter((s) => !isLabel(s.first) && !isLabel(s.second));
      if (slips.length) kept.suffixSlips = slips;
      else delete kept.suffixSlips;
    }
    citations.push(kept);
  }
  return { ...manuscript, citations };
}
