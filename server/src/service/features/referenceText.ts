/**
 * Small text helpers for showing a work to the user: abstract excerpts, DOI links, file names. The full
 * formatted reference comes from the CSL formatter (`bibtex/formatReference.ts`), short labels (author–year,
 * year, title) from `bibtex/workLabels.ts`; `plainReference` is the fallback when CSL formatting fails or
 * gives nothing.
 */
import { yearOf } from '../bibtex/workLabels';
import type { CslItem } from '../types';

/** `https://doi.org/10.1000/xyz` for a DOI given bare, as `doi:…` or already as a URL. */
export function doiUrl(doi: string): string {
  const bare = doi.trim().replace(/^(?:https?:\/\/(?:dx\.)?doi\.org\/|doi:\s*)/i, '');
  // DOIs may hold characters that are special in URLs; keep `/` readable.
  return 'https://doi.org/' + bare.split('/').map(encodeURIComponent).join('/');
}

/** A plain one-line reference: `Smith J, Doe A. Title. Journal. 2020. doi:…` (fallback formatter). */
export function plainReference(item: CslItem): string {
  const people = item.author?.length ? item.author : item.editor ?? [];
  const names = people.slice(0, 6).map((p) => {
    if (p.literal) return p.literal;
    const initials = (p.given ?? '').split(/[\s.-]+/).filter(Boolean).map((g) => g[0]).join('');
    return [p.family, initials].filter(Boolean).join(' ');
  });
  if (people.length > 6) names.push('et al');
  const parts = [names.join(', '), item.title, item['container-title'], String(yearOf(item) ?? '')]
    .map((p) => (typeof p === 'string' ? p.trim().replace(/\.$/, '') : ''))
    .filter(Boolean);
  return parts.join('. ') + (parts.length ? '.' : '');
}

/** The first `max` characters of the abstract, cut at a word boundary, or null when there is none. */
export function abstractExcerpt(item: CslItem, max = 320): string | null {
  const text = typeof item.abstract === 'string' ? item.abstract.replace(/\s+/g, ' ').trim() : '';
  if (!text) return null;
  if (text.length <= max) return text;
  const cut = text.slice(0, max);
  const space = cut.lastIndexOf(' ');
  return (space > max * 0.6 ? cut.slice(0, space) : cut).replace(/[\s,;:.]+$/, '') + '…';
}

/** The file name of a path, for "defined in references.bib". */
export function baseName(path: string): string {
  return path.slice(Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1);
}
