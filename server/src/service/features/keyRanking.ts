/**
 * Which works citation-key completion offers for the typed text, and in which order: as a reference manager's
 * picker does, the typed text may be the start of the key, of an author's family name, of a title word or the
 * year, and the best matches come first.
 *
 * Ranking (lower tier first), a heuristic for "the work the author has in mind":
 *   0. the key starts with the typed text (a key typed from memory; keys are sorted, so this is one binary search)
 *   1. the first author's family name starts with the first typed word (`@flor` → Floridi et al.)
 *   2. another author's family name does
 *   3. a title word does (`@denoi` → "Denoising Diffusion …")
 *   4. a given name or the year does, or the key contains the typed text (DBLP keys hold author initials)
 * Typed text of several words (`flor2017`, `ho-diffusion`: letters and digits, split at other characters and
 * where letters meet digits) matches when every word starts a word of the entry or is in its key; the first
 * word decides the tier (typed digits match the year before title words). Within a tier: works cited in the
 * manuscript first (re-citing is common), then those where the typed word is a whole word ("Ho" before "Hong"),
 * then the most recent, then by key. With nothing typed: the cited works, then every key in order.
 *
 * Budget (the editor asks at every keystroke): a key prefix that alone fills the list skips the rest; otherwise
 * a keystroke that extends the text looks only at what the previous one matched ({@link RankMemo}), and a fresh
 * ranking only at the candidates of the most selective typed word from the word-start index
 * (`bibtex/completionSearch.ts`: keys with a word starting with its first two letters, or containing it) — a
 * pass over all rows (a word-start `indexOf` each, 20,000 rows in 5–10 ms) only while that index is being built.
 * Only the tiers that fill the list are sorted, and of the last of them only the most recent years that fill it
 * (years are read from the index, not parsed per row); cited keys in a key-prefix range are looked up, not
 * scanned for. Measured in BENCHMARKS.md.
 */
import { SEARCH_SECTIONS, searchWords, type CompletionSearch, type SearchSection, type SortedKey } from '../bibtex/completionIndex';
import { mergeSorted, type WordCandidates } from '../bibtex/completionSearch';
import { partitionPoint } from '../util/search';

export interface KeyMatch {
  key: SortedKey;
  tier: number;
  /**
   * What the editor filters the row by while the user types on: the typed text, then the rest of the word it
   * matched, then the key. It starts with exactly the typed text so that an editor's own fuzzy filter keeps the
   * row and scores all rows alike (the order stays this ranking).
   */
  filterText: string;
}

const TIER_OF_SECTION: Record<SearchSection, number> = { family: 2, title: 3, given: 4, year: 4 };

/** The words of typed text: split at what is not a letter or digit and where letters meet digits (`flor2017`). */
export function typedWords(typed: string): string[] {
  return searchWords(typed).split(' ').filter(Boolean).flatMap((w) => w.match(/\p{L}+|\p{N}+/gu) ?? []);
}

/**
 * What one ranking matched: every key matching `typed` (any tier), by index. The next keystroke usually extends
 * the typed text, and text that extends `typed` matches a subset of these keys (each typed word must still start a
 * word of the entry or be in its key), so only they are looked at again.
 */
export interface RankMemo {
  typed: string;
  matched: Int32Array;
}

export interface RankedKeys {
  matches: KeyMatch[];
  /** More works match than are listed. */
  more: boolean;
  /** For the next call with text extending `typed`; absent when it would not narrow anything. */
  memo?: RankMemo;
}

/**
 * What ranking reads of the completion rows, by sorted-key index: the search text ('' until the entry is indexed:
 * then it matches by key only), the year, and when the set's word-start index is built
 * (`bibtex/completionSearch.ts`) the keys that can match a typed word, so a ranking need not look at every row.
 */
export interface SearchRows {
  text(index: number): string;
  year(index: number): number;
  /** The keys that can match a typed word ({@link typedWords}), from the word-start index. */
  candidates?(word: string): WordCandidates;
}

/** Rows read through `searchOf` alone (an index being built): every ranking looks at every row. */
export function searchRowsOf(searchOf: (index: number) => string): SearchRows {
  return { text: searchOf, year: (i) => yearIn(searchOf(i)) };
}

/** Rows read through a set's word-start index: a ranking looks at the candidates of the typed words only. */
export function indexedSearchRows(search: CompletionSearch): SearchRows {
  const { texts, years } = search;
  return { text: (i) => texts[i], year: (i) => years[i], candidates: (word) => search.candidates(word) };
}

/**
 * The keys to offer for `typed`, best first, at most `limit`. `rows` are the keys' completion rows; `cited` holds
 * the keys the manuscript cites. `previous`: the memo of an earlier call on the same keys and rows (the caller
 * knows whether they changed). `largePool`: how many keys to look at make the cheaper ways worth trying (tests
 * pass 0 to try them on a small library).
 */
export function rankKeys(
  keys: readonly SortedKey[],
  rows: SearchRows,
  typed: string,
  cited: ReadonlySet<string>,
  limit: number,
  previous?: RankMemo,
  largePool = LARGE_POOL,
): RankedKeys {
  const lower = typed.toLowerCase();
  const first = partitionPoint(0, keys.length, (i) => keys[i].lower >= lower);
  let last = first;
  while (last < keys.length && keys[last].lower.startsWith(lower)) last++;
  const prefixed = (key: SortedKey): KeyMatch => ({ key, tier: 0, filterText: typed + key.entry.key.slice(typed.length) });
  // Tier 0, cited keys first; when it alone fills the list the other tiers are not looked for.
  const tier0 = citedFirst(keys, first, last, cited, limit);
  if (last - first >= limit || !typed) {
    return { matches: tier0.map(prefixed), more: last - first > limit || last - first < keys.length };
  }
  const words = typedWords(typed);
  const needles = words.map((w) => ' ' + w);
  const digits = words.length > 0 && DIGITS.test(words[0]);
  // The keys to look at: those the previous keystroke matched when the text extends it, else those the
  // word-start index gives for the most selective typed word, else all. One typed word: the keys matching it
  // only by key (none of their words starts with it) are tier 4 without their search text being read.
  let pool: ArrayLike<number> | null = words.length > 0 && previous && typedWords(previous.typed).length > 0 && lower.startsWith(previous.typed.toLowerCase()) ? previous.matched : null;
  // One typed word: its candidates from the filter; those containing it in their key are found only if needed.
  let oneWordCandidates: WordCandidates | null = null;
  const byKeyOnly = (): ArrayLike<number> => (oneWordCandidates ? oneWordCandidates.byKey : []);
  // After one letter the memo holds thousands of keys; the word-start filter may give fewer.
  if (rows.candidates && words.length > 0 && (!pool || pool.length > largePool)) {
    if (words.length === 1) {
      const c = rows.candidates(words[0]);
      if (!pool || c.byWord.length < pool.length) {
        pool = c.byWord;
        oneWordCandidates = c;
      }
    } else {
      let best: WordCandidates | null = null;
      for (const word of words) {
        const c = rows.candidates(word);
        if (!best || c.byWord.length + c.byKey.length < best.byWord.length + best.byKey.length) best = c;
      }
      const merged = mergeSorted(best!.byWord, best!.byKey);
      if (!pool || merged.length < pool.length) pool = merged;
    }
  }
  const room = limit - tier0.length;
  // Pass 1: the tier of each key looked at, and where its first typed word matched. Pass 2 builds and sorts only
  // the tiers that fill the list: a one-letter prefix matches most of a 35,000-entry library.
  const hits: number[] = [];
  const hitTiers: number[] = [];
  const hitAt: number[] = [];
  const counts = [0, 0, 0, 0, 0];
  const inTier0 = (i: number) => i >= first && i < last;
  // Tier 1 (the first author's family name starts with the first typed word) often fills the list on its own after
  // a letter or two: its keys are those whose search text starts with the word (a `startsWith` each), so only they
  // are matched in full, and the other keys only until one shows that more match than are listed.
  const firstAuthors = pool && pool.length > largePool && words.length > 0 && !digits ? firstAuthorTier(pool) : null;
  function firstAuthorTier(among: ArrayLike<number>): number[] | null {
    const found: number[] = [];
    for (let p = 0; p < among.length; p++) {
      const i = among[p];
      if (inTier0(i) || !rows.text(i).startsWith(needles[0])) continue;
      if ((matchTier(keys[i], rows.text(i), lower, words, needles, false) & 7) === 1) found.push(i);
    }
    return found.length >= room ? found : null;
  }
  const look = (i: number) => {
    if (inTier0(i)) return;
    const found = matchTier(keys[i], rows.text(i), lower, words, needles, digits);
    if (found < 0) return;
    hits.push(i);
    hitTiers.push(found & 7);
    hitAt.push((found >> 3) - 1);
    counts[found & 7]++;
  };
  // Keys matching by key only: counted; listed (as hits) only if tier 4 is needed to fill the list.
  const keyOnly: number[] = [];
  if (firstAuthors) {
    for (const i of firstAuthors) {
      hits.push(i);
      hitTiers.push(1);
      hitAt.push(0);
    }
    counts[1] = firstAuthors.length;
  } else {
    if (pool) for (let p = 0; p < pool.length; p++) look(pool[p]);
    else for (let i = 0; i < keys.length; i++) look(i);
    const byKey = byKeyOnly();
    for (let k = 0, p = 0; k < byKey.length; k++) {
      const i = byKey[k];
      while (p < pool!.length && pool![p] < i) p++;
      if ((p < pool!.length && pool![p] === i) || inTier0(i)) continue;
      keyOnly.push(i);
    }
    counts[4] += keyOnly.length;
    if (keyOnly.length > 0 && counts[0] + counts[1] + counts[2] + counts[3] < room) {
      for (const i of keyOnly) {
        hits.push(i);
        hitTiers.push(4);
        hitAt.push(-1);
      }
      keyOnly.length = 0;
    }
  }
  /** With tier 1 alone listed: whether any other key matches (one that does not start with the word and matches). */
  const moreThanFirstAuthors = (): boolean => {
    for (let p = 0; p < pool!.length; p++) {
      const i = pool![p];
      if (inTier0(i) || rows.text(i).startsWith(needles[0])) continue;
      if (matchTier(keys[i], rows.text(i), lower, words, needles, digits) >= 0) return true;
    }
    const byKey = byKeyOnly();
    for (let k = 0, p = 0; k < byKey.length; k++) {
      const i = byKey[k];
      while (p < pool!.length && pool![p] < i) p++;
      if (!(p < pool!.length && pool![p] === i) && !inTier0(i)) return true;
    }
    return false;
  };
  let cutoff = 0;
  for (let total = 0; cutoff < counts.length - 1 && total + counts[cutoff] < room; cutoff++) total += counts[cutoff];
  // The tiers before the cutoff fit whole; of the cutoff tier only the best `need` are built and sorted: those
  // cited or matching a whole word (they sort first within a tier), and the most recent years that fill it.
  let need = room;
  for (let t = 0; t < cutoff; t++) need -= counts[t];
  const minYear = counts[cutoff] > need ? recentYearsFilling(hits, hitTiers, cutoff, need, rows) : 0;
  const chosen: Candidate[] = [];
  for (let h = 0; h < hits.length; h++) {
    if (hitTiers[h] > cutoff) continue;
    const i = hits[h];
    const year = rows.year(i);
    const isCited = cited.has(keys[i].entry.key);
    const at = hitAt[h];
    if (hitTiers[h] === cutoff && year < minYear && !isCited && at < 0) continue;
    const search = rows.text(i);
    const after = search[at + 1 + words[0].length];
    const exact = at >= 0 && (after === undefined || after === ' ' || after === '|');
    if (hitTiers[h] === cutoff && year < minYear && !isCited && !exact) continue;
    const word = at < 0 ? '' : search.slice(at + 1, endOfWord(search, at + 1));
    chosen.push({ key: keys[i], index: i, tier: hitTiers[h], cited: isCited, exact, year, word });
  }
  chosen.sort((a, b) => a.tier - b.tier || Number(b.cited) - Number(a.cited) || Number(b.exact) - Number(a.exact) || b.year - a.year || a.index - b.index);
  const matches = tier0.map(prefixed);
  const oneWord = words.length === 1 && searchWords(typed) === ' ' + words[0];
  for (const c of chosen.slice(0, room)) {
    const rest = oneWord && c.word.startsWith(words[0]) ? c.word.slice(words[0].length) : '';
    matches.push({ key: c.key, tier: c.tier, filterText: `${typed}${rest} ${c.key.entry.key}` });
  }
  // What the next keystroke looks at: every key that matched, or (tier 1 alone listed) every key looked at; none
  // when those came from the filter (the next keystroke asks the filter again: its keys are as many).
  const rest = firstAuthors && !oneWordCandidates ? Int32Array.from(pool!).filter((i) => !inTier0(i)) : null;
  const memo = words.length > 0 && !(firstAuthors && oneWordCandidates);
  const matched = new Int32Array(last - first + (rest ? rest.length : hits.length + keyOnly.length));
  for (let i = first; i < last; i++) matched[i - first] = i;
  if (rest) matched.set(rest, last - first);
  else {
    matched.set(hits, last - first);
    matched.set(keyOnly, last - first + hits.length);
  }
  const more = firstAuthors ? firstAuthors.length > room || moreThanFirstAuthors() : hits.length + keyOnly.length > room;
  return { matches, more, memo: memo ? { typed, matched } : undefined };
}

/**
 * The earliest year such that the hits of `tier` from that year on number at least `need` (a year histogram, so
 * the 35,000 hits of `[@20` are not all built and sorted); hits of earlier years cannot make the list unless cited
 * or matching a whole word, which the caller keeps anyway.
 */
function recentYearsFilling(hits: number[], tiers: number[], tier: number, need: number, rows: SearchRows): number {
  const byYear = new Map<number, number>();
  for (let h = 0; h < hits.length; h++) {
    if (tiers[h] !== tier) continue;
    const year = rows.year(hits[h]);
    byYear.set(year, (byYear.get(year) ?? 0) + 1);
  }
  let total = 0;
  for (const year of [...byYear.keys()].sort((a, b) => b - a)) {
    total += byYear.get(year)!;
    if (total >= need) return year;
  }
  return 0;
}

/** A matching key of a tier that fills the list. */
interface Candidate {
  key: SortedKey;
  index: number;
  tier: number;
  cited: boolean;
  /** The first typed word is a whole word of the entry ("Ho", not only the start of "Hong"). */
  exact: boolean;
  year: number;
  /** The entry's word the first typed word starts ('' for a match in the key). */
  word: string;
}

/**
 * The first `limit` of keys `first…last` (sorted), those the manuscript cites first. The cited keys are looked
 * up (a binary search each) rather than the range scanned: with nothing typed the range is every key.
 */
function citedFirst(keys: readonly SortedKey[], first: number, last: number, cited: ReadonlySet<string>, limit: number): SortedKey[] {
  const yes: number[] = [];
  for (const key of cited) {
    const lower = key.toLowerCase();
    for (let i = partitionPoint(first, last, (j) => keys[j].lower >= lower); i < last && keys[i].lower === lower; i++) {
      if (keys[i].entry.key === key) yes.push(i);
    }
  }
  yes.sort((a, b) => a - b);
  const out = yes.slice(0, limit).map((i) => keys[i]);
  const isCited = new Set(yes);
  for (let i = first; i < last && out.length < limit; i++) if (!isCited.has(i)) out.push(keys[i]);
  return out;
}

/**
 * The key's tier for the typed words, -1 when it does not match; else the tier in the low 3 bits and, above
 * them, 1 + where the first word matched in `search` (0: in the key).
 */
function matchTier(key: SortedKey, search: string, lower: string, words: string[], needles: string[], digits: boolean): number {
  let tier = -1;
  let wordAt = -1;
  for (let w = 0; w < words.length; w++) {
    const at = search.indexOf(needles[w]);
    if (at < 0) {
      if (!key.lower.includes(words[w])) return -1;
      if (w === 0) tier = 4;
      continue;
    }
    if (w > 0) continue;
    wordAt = at;
    if (digits) {
      // Typed digits are a year sooner than a number in a title ("2020" vs "… in the 2020s").
      const year = search.lastIndexOf('|') + 1;
      tier = year > 0 && search.startsWith(needles[0], year) ? 3 : 4;
    } else tier = at === 0 ? 1 : TIER_OF_SECTION[sectionAt(search, at)];
  }
  // No words typed (only punctuation): the key must contain the typed text.
  if (tier < 0 && !key.lower.includes(lower)) return -1;
  return (tier < 0 ? 4 : tier) | ((wordAt + 1) << 3);
}

const DIGITS = /^\d+$/;

/** Keys looked at, above which a ranking first tries the cheaper ways (the word-start filter, tier 1 alone). */
const LARGE_POOL = 2000;

/** The section of a row's search text holding position `at`: the sections are separated by `|`. */
function sectionAt(search: string, at: number): SearchSection {
  let section = 0;
  for (let bar = search.indexOf('|'); bar >= 0 && bar < at; bar = search.indexOf('|', bar + 1)) section++;
  return SEARCH_SECTIONS[Math.min(section, SEARCH_SECTIONS.length - 1)];
}

function endOfWord(search: string, from: number): number {
  let end = from;
  while (end < search.length && search[end] !== ' ' && search[end] !== '|') end++;
  return end;
}

/** The year section's number (0 when there is none). */
function yearIn(search: string): number {
  const bar = search.lastIndexOf('|');
  return bar < 0 ? 0 : Number.parseInt(search.slice(bar + 1), 10) || 0;
}
