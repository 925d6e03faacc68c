/**
 * Title normalisation and matching, for linking reference-list items to BibTeX entries.
 *
 * A match must survive case, punctuation, TeX braces and accents (`{\"u}ber`, `{GAN}s`), and a title the
 * author truncated ("A survey on image data augmentation…"), yet must not join two different works with
 * similar titles: a match needs near-complete title agreement *and* the year or the first author agreeing.
 */
import type { CslItem } from '../types';
import { HiddenField } from '../util/hiddenField';

/**
 * "Über {GAN}s: a \emph{Survey}" → "uber gans a survey". Markup never splits or adds a word: TeX commands
 * (`\emph{bioRxiv}`, `\textit{E. coli}`, `CO\textsubscript{2}`) and CSL's HTML-like tags (`<i>…</i>`, `<sub>2</sub>`)
 * are dropped, so `CO<sub>2</sub>`, `CO\textsubscript{2}` and `CO2` are one word.
 */
export function normalizeTitle(text: string): string {
  return stripMarkup(text)
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** Title markup removed: CSL tags and TeX commands go; `{…}` groups keep their text. */
function stripMarkup(text: string): string {
  return text
    .replace(/<\/?(?:i|b|em|strong|sub|sup|sc|span)\b[^>]*>/gi, '')
    .replace(/\\(?:textsubscript|textsuperscript)\s*\{([^{}]*)\}/g, '$1')
    // `\emph{x}` keeps x (the group's braces go below); a command without an argument (`\LaTeX`) is a space.
    .replace(/\\[a-zA-Z]+\s*(\{)?/g, (_m, brace: string | undefined) => (brace ? '{' : ' '))
    .replace(/\\./g, '')
    .replace(/[{}]/g, '');
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
  /** The item's words, normalised ({@link normalizeTitle}), in order. */
  words: string[];
  /**
   * Before each word (and after the last, at `words.length`), how strongly the item's segments part there:
   * 2 after `.`, `?`, `!`, a quote mark, a bracket or emphasis (`*`) and at both ends; 1 after `,` or `;`; 0 inside
   * a segment.
   */
  bounds: number[];
}

export function itemTitleOf(itemText: string): ItemTitle {
  const quoted = quotedTitle(itemText);
  const { words, bounds } = segmentedWords(itemText);
  return { normalized: normalizeTitle(itemText), quoted, candidate: normalizeTitle((quoted ?? itemText).replace(/(\.\.\.|…)\s*$/, '')), words, bounds };
}

/** Words of a reference-list item with the strength of the segment boundary before each ({@link ItemTitle.bounds}). */
function segmentedWords(text: string): { words: string[]; bounds: number[] } {
  const words: string[] = [];
  const bounds: number[] = [];
  let bound = 2;
  for (const m of stripMarkup(text).matchAll(/([\p{L}\p{N}\p{M}]+)|([.?!…“”"‘’«»()[\]*](?=\s|$|[^\p{L}\p{N}])|[“”"‘’«»()[\]*])|([,;])/gu)) {
    if (m[1] !== undefined) {
      const word = normalizeTitle(m[1]);
      if (!word) continue;
      words.push(word);
      bounds.push(bound);
      bound = 0;
    } else bound = Math.max(bound, m[2] !== undefined ? 2 : 1);
  }
  bounds.push(2);
  return { words, bounds };
}

/**
 * Where the item names exactly this (normalised) title as one of its segments — the words between two segment
 * boundaries (`Smith J. «Deep learning». Nature. 2015.`, `A. Smith, “«Deep learning»,” …`) — as the index of its first
 * word, or -1. Never a part of a longer segment: "Deep learning" is not the title of "Applications of deep learning
 * in chest radiography". A title of three words or more may also end at a comma (styles that separate title and
 * venue by commas); a shorter one needs a full stop, quote or bracket on both sides.
 */
export function titleSegmentAt(item: ItemTitle, title: string): number {
  const t = tokens(title);
  if (!t.length) return -1;
  const { words, bounds } = item;
  const needed = t.length >= 3 ? 1 : 2;
  outer: for (let i = 0; i + t.length <= words.length; i++) {
    if (bounds[i] < needed || bounds[i + t.length] < needed || words[i] !== t[0]) continue;
    for (let k = 1; k < t.length; k++) if (words[i + k] !== t[k]) continue outer;
    return i;
  }
  return -1;
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
 * How well an entry title (normalised) matches a reference-list item, in [0, 1]: 1 when one of the item's segments
 * is exactly the title ({@link titleSegmentAt}); for a quoted (possibly truncated) title, the share of the entry title
 * it covers as a prefix, or token overlap. A title that only occurs inside a longer segment scores 0.
 */
export function titleMatchScore(item: ItemTitle, title: string): number {
  if (titleSegmentAt(item, title) >= 0) return 1;
  if (title.length < 8) return 0;
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
