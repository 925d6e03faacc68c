/**
 * The full reference of a CSL item in a CSL style, for hovers and the "Update Reference List" command (the
 * short labels, author–year and title, are `workLabels.ts`'s).
 *
 * Styles: `vancouver` (default), `apa` and `harvard1` ship with citation-js (@citation-js/plugin-csl);
 * others can be registered from their CSL XML with {@link registerCslStyle}. Everything is offline.
 */
import type { CslItem } from '../types';
import { HiddenField } from '../util/hiddenField';
import { addCslStyle, formatBibliography, hasCslStyle } from './citationJs';
import { shortCitation, titleOf } from './workLabels';

/** The default style of `citelens.citationStyle`. */
export const DEFAULT_STYLE = 'vancouver';

/**
 * Formatted references by style, kept on the item (items live as long as their entry, and the service's
 * conversion cache hands the same item to every version of a bibliography holding the same entry text).
 */
const formatted = new HiddenField<CslItem, Map<string, string>>('formatted references');

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
  if (!byStyle) byStyle = formatted.set(item, new Map());
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

function fallbackReference(item: CslItem): string {
  const doi = item.DOI ? ` doi:${item.DOI}` : '';
  return `${shortCitation(item)}. ${titleOf(item)}.${doi}`;
}
