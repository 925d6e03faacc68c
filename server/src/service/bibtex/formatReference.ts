/**
 * Human-readable renderings of a CSL item: the full reference in a CSL style (for hovers and the
 * "Update Reference List" command), a short author–year label and the title.
 *
 * Styles: `vancouver` (default), `apa` and `harvard1` ship with citation-js (@citation-js/plugin-csl);
 * others can be registered from their CSL XML with {@link registerCslStyle}. Everything is offline.
 */
import type { CslItem } from '../types';
import { addCslStyle, formatBibliography, hasCslStyle } from './citationJs';

/** The default style of `citelens.citationStyle`. */
export const DEFAULT_STYLE = 'vancouver';

/** Formatted references per item object and style (items are cached by the bibliography readers). */
const formatted = new WeakMap<CslItem, Map<string, string>>();

/**
 * The reference as plain text in a CSL style, without the list number the style may put first.
 * Unknown styles fall back to Vancouver. Never throws. The first use of a style builds its engine
 * (Vancouver ~70 ms, APA ~1 s); later calls take a few ms, repeated calls on the same item none.
 *
 * @example
 * formatReference(item) // "Shorten C, Khoshgoftaar TM. A survey on image data augmentation for deep learning. J Big Data. 2019;6(1):60."
 */
export function formatReference(item: CslItem, style: string = DEFAULT_STYLE): string {
  const name = hasCslStyle(style) ? style : DEFAULT_STYLE;
  let byStyle = formatted.get(item);
  const hit = byStyle?.get(name);
  if (hit !== undefined) return hit;
  let text: string;
  try {
    text = formatBibliography([{ ...item }], name, 'text')
      .trim()
      .replace(/^(\[\d+\]|\d+\.)\s*/, '')
      .replace(/\s+/g, ' ');
  } catch {
    text = '';
  }
  if (!text) text = fallbackReference(item);
  if (!byStyle) formatted.set(item, (byStyle = new Map()));
  byStyle.set(name, text);
  return text;
}

/**
 * Registers a CSL style from its XML (e.g. the file named by front matter `csl:`) under `name`,
 * so {@link formatReference} can use it. Returns false when the XML is not a CSL style.
 */
export function registerCslStyle(name: string, xml: string): boolean {
  if (!/<style[\s>]/.test(xml)) return false;
  try {
    addCslStyle(name, xml);
    return true;
  } catch {
    return false;
  }
}

/** Builds a style's engine ahead of the first hover (formats a throw-away item). */
export function prepareStyle(style: string = DEFAULT_STYLE): void {
  formatReference({ id: 'citelens-warm-up', type: 'article-journal', title: 'Warm-up', issued: { 'date-parts': [[2000]] } }, style);
}

/**
 * A short author–year label.
 *
 * @example
 * shortCitation(item) // "Shorten & Khoshgoftaar 2019", "Wachter et al. 2017", "LeCun 1998"
 */
export function shortCitation(item: CslItem): string {
  const names = item.author?.length ? item.author : item.editor ?? [];
  const families = names.map(familyName).filter((n) => n !== '');
  const year = yearOf(item) ?? 'n.d.';
  let who: string;
  if (families.length === 0) {
    const title = titleOf(item);
    who = title.length > 40 ? `${title.slice(0, 40).replace(/\s+\S*$/, '')}…` : title;
  } else if (families.length === 1) who = families[0];
  else if (families.length === 2) who = `${families[0]} & ${families[1]}`;
  else who = `${families[0]} et al.`;
  return `${who} ${year}`;
}

/** The title of a work (else its short title, container or id), whitespace normalised. */
export function titleOf(item: CslItem): string {
  for (const field of ['title', 'title-short', 'container-title'] as const) {
    const value = item[field];
    if (typeof value === 'string' && value.trim()) return value.replace(/\s+/g, ' ').trim();
  }
  return item.id;
}

/** The year a work was issued, if known. */
export function yearOf(item: CslItem): number | undefined {
  const part = item.issued?.['date-parts']?.[0]?.[0];
  const year = typeof part === 'number' ? part : Number.parseInt(String(part ?? item.issued?.literal ?? '').replace(/^\D*/, ''), 10);
  return Number.isFinite(year) && year > 0 ? year : undefined;
}

function familyName(name: { family?: string; given?: string; literal?: string; [part: string]: unknown }): string {
  const particle = typeof name['non-dropping-particle'] === 'string' ? `${name['non-dropping-particle']} ` : '';
  return (name.family ? particle + name.family : name.literal ?? name.given ?? '').trim();
}

function fallbackReference(item: CslItem): string {
  const doi = item.DOI ? ` doi:${item.DOI}` : '';
  return `${shortCitation(item)}. ${titleOf(item)}.${doi}`;
}
