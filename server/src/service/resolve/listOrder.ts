/**
 * How a numeric manuscript's reference list is numbered: by first citation (Vancouver, IEEE, Nature…) or
 * alphabetically by first author (ACM's `acm-sig-proceedings`, AMA-alphabetical, several Elsevier, Springer and
 * physics styles, many theses). `citation-order` and the renumbering commands only make sense for the first.
 *
 * The rule (`citelens.numbering: "auto"`), stated honestly:
 *
 * 1. Each numbered item gets a sort key: the first author's family name — from the BibTeX/CSL entry the item is
 *    linked to (`ReferenceLink`), else read from the item's text by the reference parser's author rules
 *    (`Chambers, J.M.`, `Gelman A, Carlin JB`, `A. Gelman, J. B. Carlin`, `GELMAN A`), else the item's opening
 *    words up to its first comma, full stop or year (a corporate author: "R Core Team", "World Health
 *    Organization"; one to six words, no digits). Markup, HTML tags and leading lower-case particles ("van",
 *    "de", "von") are dropped: CSL sorts "Rossum, G. van" under R. Keys are compared by `Intl.Collator` (base
 *    letters: case and accents aside).
 * 2. *Out of alphabetical place*: the items, in number order, minus the longest run that is sorted (not
 *    necessarily contiguous); equal names are in place whatever their year or title (ties are not judged).
 *    Tolerated: one item in eight (a typo, a corporate author sorted by its article, a particle sorted under V).
 * 3. *Out of citation order*: the numbers in order of first citation, minus the longest increasing run.
 * 4. The list is alphabetical when at least {@link MIN_ITEMS} items, and three in four, have a key, two in three of
 *    the keys are different names (a list of "Work A", "Work B"… or of one author's works is sorted by nothing),
 *    at most one in eight keyed items is out of alphabetical place, AND the first citations are out of order in
 *    two places or more, and in more places than the list is out of alphabetical order — the alphabet explains
 *    the numbering better than first citation does. One first citation out of order is read as an error in a
 *    citation-order manuscript whose list happens to be sorted (and is reported), not as a style. A list in first-citation order that also happens to be sorted is therefore "citation
 *    order": nothing to report either way. Shorter lists are always read as citation order: a random list of
 *    four is sorted one time in 24.
 *
 * Known limit: ACM's LaTeX format writes given names first in full ("Miltiadis Allamanis and Marc
 * Brockschmidt."); without a linked entry such items are keyed by the given name and the list is not detected —
 * the setting `citelens.numbering: "alphabetical"` says so instead.
 */
import type { ReferenceLink, Resolution } from '../analysis';
import type { NumberingSetting } from '../settings';
import type { ListOrder } from '../types';
import { firstAuthorFamily } from './referenceItemFields';
import { firstAuthorOf } from './resolve';

/** Fewer keyed items than this are always read as citation order. */
export const MIN_ITEMS = 5;

// Lower-case particles only, before another word ("van Rossum", "de Bruijn", "d'Alembert"): a capitalised one
// ("De Bruijn", "Van Dyke") is part of the name and sorted under it.
const PARTICLES = /^(?:(?:van|von|der|den|de|del|della|di|da|dos|du|la|le|ten|ter)\s+|[dl]['’])+(?=\p{L})/u;
const collator = new Intl.Collator('en', { sensitivity: 'base', ignorePunctuation: true, numeric: true });

/** The list's numbering, by the setting or detected; null without a numbered list. */
export function listOrderOf(references: readonly ReferenceLink[], resolutions: readonly Resolution[], setting: NumberingSetting): ListOrder | null {
  if (!references.length) return null;
  const numbered = references.filter((l) => l.item.number !== null).sort((a, b) => a.item.number! - b.item.number!);
  const listed = new Set(numbered.map((l) => l.item.number!));
  const firstCited = new Set<number>();
  for (const r of resolutions) {
    const n = r.item.kind === 'number' ? r.item.number : undefined;
    if (n !== undefined && !r.citation.malformed && !r.citation.nocite && listed.has(n)) firstCited.add(n);
  }
  const outOfCitationOrder = firstCited.size - longestRun([...firstCited], (a, b) => a < b);
  if (setting !== 'auto') return { numbering: setting, source: 'setting', outOfCitationOrder };
  // First citations in order (nearly every manuscript, on every keystroke): nothing the alphabet could explain
  // better, so no item's author is read.
  if (outOfCitationOrder < 2) return { numbering: 'citation-order', source: 'detected', outOfCitationOrder };
  const keys = numbered.map(sortKey).filter((k): k is string => !!k);
  const outOfAlphabet = keys.length - longestRun(keys, (a, b) => collator.compare(a, b) <= 0);
  const facts = { keyed: keys.length, outOfAlphabet, outOfCitationOrder };
  const distinct = new Set(keys.map((k) => k.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase())).size;
  const alphabetical =
    keys.length >= MIN_ITEMS &&
    keys.length * 4 >= numbered.length * 3 &&
    distinct * 3 >= keys.length * 2 &&
    outOfAlphabet <= Math.floor(keys.length / 8) &&
    outOfCitationOrder >= 2 &&
    outOfCitationOrder > outOfAlphabet;
  return { numbering: alphabetical ? 'alphabetical' : 'citation-order', source: 'detected', ...facts };
}

/** The first author's family name (or a corporate author's name) an alphabetical style sorts the item under. */
export function sortKey(link: ReferenceLink): string | null {
  const csl = link.entry?.getCsl() ?? null;
  const fromEntry = csl ? firstAuthorOf(csl) : null;
  const text = link.item.text
    .replace(/<[^>]*>/g, ' ')
    .replace(/\\(?=[^\sA-Za-z0-9])/g, '')
    .replace(/[*_`]/g, '')
    .trim();
  const name = fromEntry ?? firstAuthorFamily(text) ?? corporateName(text);
  const key = name?.replace(/[{}]/g, '').replace(PARTICLES, '').trim();
  return key && /\p{L}/u.test(key) ? key : null;
}

/**
 * An organisation as author: the item's opening words up to its first comma, full stop, colon, bracket or year,
 * when they read as a name — one to six words, the first capitalised, no digits ("R Core Team", "World Health
 * Organization"; not "Work W3 by Author 3", a generated list's item, nor a title run on to its end).
 */
function corporateName(text: string): string | null {
  const head = /^[^,.;:(]*?(?=\s*(?:[,.;:(]|\b\d{4}\b|$))/u.exec(text)?.[0] ?? '';
  return /^\p{Lu}[\p{L}'’&-]*(?:\s+[\p{L}'’&-]+){0,5}$/u.test(head) ? head : null;
}

/** Length of the longest subsequence of `xs` in which each element is `inOrder` after the previous (O(n log n)). */
function longestRun<T>(xs: readonly T[], inOrder: (a: T, b: T) => boolean): number {
  // tails[k]: the smallest possible last element of a run of length k + 1.
  const tails: T[] = [];
  for (const x of xs) {
    let lo = 0;
    let hi = tails.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (inOrder(tails[mid], x)) lo = mid + 1;
      else hi = mid;
    }
    tails[lo] = x;
  }
  return tails.length;
}
