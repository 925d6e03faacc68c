/**
 * Title normalisation and matching, for linking reference-list items to BibTeX entries.
 *
 * A match must survive case, punctuation, TeX braces and accents (`{\"u}ber`, `{GAN}s`), and a title the
 * author truncated ("A survey on image data augmentation…"), yet must not join two different works with
 * similar titles: a match needs near-complete title agreement *and* the year or the first author agreeing.
 */

const normalized = new Map<string, string>();

/** "Über {GAN}s: a \emph{Survey}" → "uber gans a survey". Memoised: list items and titles recur every analysis. */
export function normalizeTitle(text: string): string {
  let out = normalized.get(text);
  if (out === undefined) {
    out = normalizeUncached(text);
    if (normalized.size > 50000) normalized.clear();
    normalized.set(text, out);
  }
  return out;
}

function normalizeUncached(text: string): string {
  return text
    .replace(/\\[a-zA-Z]+\s*/g, ' ')
    .replace(/\\./g, '')
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

export function tokens(text: string): string[] {
  const n = normalizeTitle(text);
  return n ? n.split(' ') : [];
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
 * How well an entry title matches a reference-list item, in [0, 1]: 1 when the item contains the whole title;
 * for a quoted (possibly truncated) title, the share of the entry title it covers as a prefix, or token overlap.
 */
export function titleMatchScore(itemText: string, entryTitle: string): number {
  const title = normalizeTitle(entryTitle);
  if (title.length < 8) return 0;
  const item = normalizeTitle(itemText);
  if (` ${item} `.includes(` ${title} `)) return 1;
  const quoted = quotedTitle(itemText);
  const candidate = normalizeTitle((quoted ?? itemText).replace(/(\.\.\.|…)\s*$/, ''));
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
