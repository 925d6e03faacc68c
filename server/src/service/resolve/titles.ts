/**
 * Title normalisation and matching, for linking reference-list items to BibTeX entries.
 *
 * A match must survive case, punctuation, TeX braces and accents (`{\"u}ber`, `{GAN}s`), and a title the
 * author truncated ("A survey on image data augmentation…"), yet must not join two different works with
 * similar titles: a match needs near-complete title agreement *and* the year or the first author agreeing.
 */
import type { CslItem } from '../types';
import { HiddenField } from '../util/hiddenField';

/** "Über {GAN}s: a \emph{Survey}" → "uber gans a survey". */
export function normalizeTitle(text: string): string {
  return text
    .replace(/\\[a-zA-Z]+\s*/g, ' ')
    .replace(/\\./g, '')
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/**
 * On each CSL item, its normalised title: entry titles are matched and compared on every analysis (duplicate
 * references) and by every entry index, and the item lives as long as its entry text is unchanged.
 */
const normalizedTitles = new HiddenField<CslItem, string>('normalized title');

/** The item's title normalised ({@link normalizeTitle}), computed once per item. */
export function normalizedTitleOf(item: CslItem): string {
  return normalizedTitles.getOrMake(item, () => normalizeTitle(item.title ?? ''));
}

/** The words of a normalised text. */
export function tokens(normalized: string): string[] {
  return normalized ? normalized.split(' ') : [];
}

/** A reference-list item's text, normalised once to be matched against many entry titles. */
export interface ItemTitle {
  /** The whole item text, normalised. */
  normalized: string;
  /** The title it quotes, if any ({@link quotedTitle}). */
  quoted: string | null;
  /** The quoted title (else the whole text) without a final ellipsis, normalised. */
  candidate: string;
}

export function itemTitleOf(itemText: string): ItemTitle {
  const quoted = quotedTitle(itemText);
  return { normalized: normalizeTitle(itemText), quoted, candidate: normalizeTitle((quoted ?? itemText).replace(/(\.\.\.|…)\s*$/, '')) };
}

/**
 * The title a reference-list item quotes, for naming the work in messages and hovers (`… “A guide to deep
 * learning in healthcare,” Nature Medicine …` → `A guide to deep learning in healthcare,`); null when none.
 */
export function quotedTitleOf(itemText: string): string | null {
  return /[“"]([^”"]{4,})[”"]/.exec(itemText)?.[1] ?? null;
}

/** The quoted title in a reference-list item (`… “Deep EHR: A Survey …,” *IEEE J…*`), if any. */
export function quotedTitle(itemText: string): string | null {
  const m = /[“"‘]([^”"’]{8,}?)[,.]?[”"’]/.exec(itemText);
  return m ? m[1] : null;
}

/**
 * How well an entry title (normalised) matches a reference-list item, in [0, 1]: 1 when the item contains the
 * whole title; for a quoted (possibly truncated) title, the share of the entry title it covers as a prefix, or
 * token overlap.
 */
export function titleMatchScore(item: ItemTitle, title: string): number {
  if (title.length < 8) return 0;
  if (` ${item.normalized} `.includes(` ${title} `)) return 1;
  const { quoted, candidate } = item;
  if (!candidate) return 0;
  // A truncated title (with or without an ellipsis): the item's words start the entry title.
  if (quoted !== null && title.startsWith(candidate) && candidate.split(' ').length >= 4) {
    return Math.min(0.99, 0.6 + 0.4 * (candidate.length / title.length));
  }
  if (!quoted) return 0;
  const a = new Set(candidate.split(' '));
  const b = title.split(' ');
  const shared = b.filter((t) => a.has(t)).length;
  return (2 * shared) / (a.size + b.length);
}
