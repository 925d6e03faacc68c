/**
 * How messages name a work: in the author's terms, e.g. `Reference [6] (Shorten & Khoshgoftaar 2019,
 * “A survey on image data augmentation…”)`.
 */
import { shortCitation, titleOf } from '../bibtex/workLabels';
import type { BibEntry, ReferenceItem } from '../types';
import { quotedTitleOf } from '../resolve/titles';

/** `Shorten & Khoshgoftaar 2019, “A survey on image data augmentation…”`. */
export function describeWork(entry: BibEntry | null, item?: ReferenceItem | null): string {
  const csl = entry?.getCsl();
  if (csl) return `${shortCitation(csl)}, “${clip(titleOf(csl), 45)}”`;
  if (item) return describeItemText(item.text);
  return 'unknown work';
}

/** From a list item's own text: first author surname, year and the quoted title when there is one. */
function describeItemText(text: string): string {
  const plain = text.replace(/[*_`]/g, '').trim();
  const author = /^([\p{Lu}][\p{L}'’-]+)/u.exec(plain)?.[1];
  const year = /\b(1[5-9]\d\d|20\d\d)\b/.exec(plain)?.[1];
  const title = quotedTitleOf(plain);
  const who = [author, year].filter(Boolean).join(' ');
  if (title) return `${who ? `${who}, ` : ''}“${clip(title.replace(/[,.]$/, ''), 45)}”`;
  return clip(plain, 60);
}

export function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  return `${text.slice(0, max).replace(/\s+\S*$/, '')}…`;
}
