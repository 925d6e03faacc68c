/**
 * How messages name a work: in the author's terms, e.g. `Reference [6] (Shorten & Khoshgoftaar 2019,
 * “A survey on image data augmentation…”)`.
 */
import { shortCitation, titleOf } from '../bibtex/workLabels';
import type { BibEntry, ReferenceItem } from '../types';
import { quotedTitleOf } from '../resolve/titles';
import { clip } from '../util/clip';

/** `Shorten & Khoshgoftaar 2019, “A survey on image data augmentation…”`. */
export function describeWork(entry: BibEntry | null, item?: ReferenceItem | null): string {
  const csl = entry?.getCsl();
  if (csl) return `${shortCitation(csl)}, “${clip(titleOf(csl), 45)}”`;
  if (item) return describeItemText(item.text);
  return 'unknown work';
}

/**
 * Particles that begin a family name ("Van der Schaar, M.", "de la Torre H", "von Mering C"): kept with it.
 */
const PARTICLES = String.raw`(?:[Vv]an|[Vv]on|[Dd]e|[Dd]er|[Dd]en|[Dd]el|[Dd]ella|[Dd]i|[Dd]a|[Dd]u|[Dd]os|[Ll]a|[Ll]e|[Tt]er|[Tt]en|[Aa]l|[Ee]l|[Bb]en|[Bb]in)`;
const FIRST_AUTHOR = new RegExp(String.raw`^((?:${PARTICLES}\s+)*[\p{Lu}][\p{L}'’-]+)`, 'u');

/**
 * From a list item's own text (white space made single spaces: a message is one line): the first author's
 * family name with its particles, "et al." when the item says so before its year, the year, and the quoted title
 * when there is one: `Van der Schaar et al. 2021, “How artificial intelligence…”`.
 */
function describeItemText(text: string): string {
  const plain = text.replace(/[*_`]/g, '').replace(/\s+/g, ' ').trim();
  const author = FIRST_AUTHOR.exec(plain)?.[1];
  const yearMatch = /\b(1[5-9]\d\d|20\d\d)\b/.exec(plain);
  const year = yearMatch?.[1];
  const title = quotedTitleOf(plain);
  // "et al." in the author part: before the year and before the title.
  const titleAt = title ? plain.indexOf(title) : -1;
  const authorsEnd = Math.min(yearMatch?.index ?? plain.length, titleAt < 0 ? plain.length : titleAt);
  const etAl = author !== undefined && /\bet al\b/.test(plain.slice(0, authorsEnd));
  const who = [author && (etAl ? `${author} et al.` : author), year].filter(Boolean).join(' ');
  if (title) return `${who ? `${who}, ` : ''}“${clip(title.replace(/[,.]$/, ''), 45)}”`;
  return clip(plain, 60);
}

