/**
 * The word-start filter of a set's completion rows (`completionIndex.ts`), so that ranking the typed text
 * (`features/keyRanking.ts`) reads the search text of only the keys that can match instead of every row's: the
 * editor asks at every keystroke, and a scan of 20,000 rows' search texts (a word-start `indexOf` each) took
 * 5–10 ms, the p95 of completion.
 *
 * A typed word matches an entry when a word of its search text starts with it or its key contains it. So the
 * entries that can match a word are (a) those with a word starting with its first one, two and three characters,
 * and (b) those whose key contains the word. (a) is a filter per row, a heuristic of the Bloom kind: a 32-bit
 * mask of the first characters of its words and a 512-bit set of hashed two-, three- and four-character word
 * starts; checking a word is up to four bit tests per row (20,000 rows in ~0.1–0.2 ms) and lets through the rows
 * that have such a word start and ~5–15 % of the others (bits shared by chance), which ranking then checks. (b) is
 * exact: `indexOf` on all keys joined into one string (the native search over ~600 KB of keys takes a fraction of
 * a millisecond), so an entry only in (b) matches a one-word text by its key without its search text being read.
 * Posting lists (one per word start) would be exact but cost ~10 µs per entry to build, 0.2–0.6 s and
 * tens of MB for 20,000–35,000 entries; the filter costs ~1 µs per entry and 68 bytes.
 *
 * Built once every entry is indexed, in slices (a host builds it while idle, after the rows), kept on the set's
 * sorted keys.
 */

/** A set's search texts by sorted-key index, their years, and the candidate keys of a typed word. */
export interface CompletionSearch {
  /** Each sorted key's search text (`completionIndex.ts` `SEARCH_SECTIONS`; '' for an entry without a row). */
  readonly texts: readonly string[];
  /** Each sorted key's year (the year section's number; 0 when there is none). */
  readonly years: Int32Array;
  /**
   * The sorted-key indexes that can match `word` (lower case, letters or digits only, as `typedWords` gives), each
   * list ascending: `byWord`, a superset of those with a word of the search text starting with it; `byKey`,
   * exactly those whose key contains it (found when first read).
   */
  candidates(word: string): WordCandidates;
}

export interface WordCandidates {
  byWord: ArrayLike<number>;
  byKey: ArrayLike<number>;
}

const SPACE = 32;
const BAR = 124; // '|', between the sections of a search text
/** Int32 words per row: the first-character mask, then the 512-bit set of word starts. */
const STRIDE = 17;

/** The bit (0–31) of a word's first character in a row's first-character mask. */
const firstBit = (c1: number) => c1 & 31;
/** The bit (0–511) of a word start of two, three or four characters in a row's set: a hash of its characters. */
const startBit = (seed: number, code: number) => Math.imul(seed, 0x9e3779b1) ^ Math.imul(code, 0x85ebca6b);
const bitOf = (h: number) => Math.imul(h ^ (h >>> 15), 0x2c1b3c6d) >>> 23;

/** A word-start filter being built, row by row. */
export class CompletionSearchBuilder {
  private next = 0;
  private readonly texts: string[];
  private readonly years: Int32Array;
  private readonly bits: Int32Array;
  private readonly lowerKeys: readonly string[];
  private readonly textOf: (index: number) => string;

  /** `lowerKeys[i]`: the sorted keys in lower case; `textOf(i)`: the search text of key `i`. */
  constructor(lowerKeys: readonly string[], textOf: (index: number) => string) {
    this.lowerKeys = lowerKeys;
    this.textOf = textOf;
    this.texts = new Array<string>(lowerKeys.length);
    this.years = new Int32Array(lowerKeys.length);
    this.bits = new Int32Array(lowerKeys.length * STRIDE);
  }

  /** Adds rows for at most `budgetMs`; the index once every row is in, else undefined. */
  build(budgetMs: number): CompletionSearch | undefined {
    const deadline = performance.now() + budgetMs;
    const n = this.lowerKeys.length;
    for (; this.next < n; this.next++) {
      if ((this.next & 511) === 0 && performance.now() > deadline) return undefined;
      this.add(this.next, this.textOf(this.next));
    }
    const keyStarts = new Int32Array(n + 1);
    for (let i = 0, at = 0; i <= n; i++) {
      keyStarts[i] = at;
      if (i < n) at += this.lowerKeys[i].length + 1;
    }
    return searchIndex(this.texts, this.years, this.bits, this.lowerKeys.join('\n'), keyStarts);
  }

  private add(row: number, text: string): void {
    this.texts[row] = text;
    const bar = text.lastIndexOf('|');
    this.years[row] = bar < 0 ? 0 : Number.parseInt(text.slice(bar + 1), 10) || 0;
    const bits = this.bits;
    const base = row * STRIDE;
    const length = text.length;
    for (let i = 0; i < length - 1; i++) {
      if (text.charCodeAt(i) !== SPACE) continue;
      const c1 = text.charCodeAt(i + 1);
      if (c1 === SPACE || c1 === BAR) continue;
      bits[base] |= 1 << firstBit(c1);
      // The word's start of two, three and four characters, each hashed to a bit of the set.
      let h = c1;
      for (let k = 2; k <= 4 && i + k < length; k++) {
        const c = text.charCodeAt(i + k);
        if (c === SPACE || c === BAR) break;
        h = startBit(h, c);
        const bit = bitOf(h + k);
        bits[base + 1 + (bit >>> 5)] |= 1 << (bit & 31);
      }
    }
  }
}

function searchIndex(texts: string[], years: Int32Array, bits: Int32Array, keysText: string, keyStarts: Int32Array): CompletionSearch {
  const rows = texts.length;
  /** Keys (ascending) whose lower-case text contains `word`: each found once, the search resuming at the next key. */
  const keysContaining = (word: string): number[] => {
    const out: number[] = [];
    let row = 0;
    for (let at = keysText.indexOf(word); at >= 0;) {
      while (row < rows - 1 && keyStarts[row + 1] <= at) row++;
      out.push(row);
      if (row >= rows - 1) break;
      at = keysText.indexOf(word, keyStarts[row + 1]);
    }
    return out;
  };
  /** Rows whose filter lets `word` through (a superset of those with a word starting with it). */
  const wordStarts = (word: string): Int32Array => {
    const first = 1 << firstBit(word.charCodeAt(0));
    // The bits of the word's first two, three and four characters (as `add` sets them): a row must have all.
    const words: number[] = [];
    const masks: number[] = [];
    let h = word.charCodeAt(0);
    for (let k = 2; k <= 4 && k <= word.length; k++) {
      h = startBit(h, word.charCodeAt(k - 1));
      const bit = bitOf(h + k);
      words.push(1 + (bit >>> 5));
      masks.push(1 << (bit & 31));
    }
    const out = new Int32Array(rows);
    let n = 0;
    next: for (let row = 0, base = 0; row < rows; row++, base += STRIDE) {
      if ((bits[base] & first) === 0) continue;
      for (let b = 0; b < words.length; b++) if ((bits[base + words[b]] & masks[b]) === 0) continue next;
      out[n++] = row;
    }
    return out.subarray(0, n);
  };
  return {
    texts,
    years,
    candidates(word: string): WordCandidates {
      if (!word) return { byWord: new Int32Array(0), byKey: [] };
      let byKey: number[] | undefined;
      // The keys containing the word only when asked: a one-letter word is in almost every key (`conf/`), and a
      // ranking that fills its list with first authors never asks.
      return { byWord: wordStarts(word), get byKey() { return (byKey ??= keysContaining(word)); } };
    },
  };
}

/** The union of two ascending lists, ascending, each value once. */
export function mergeSorted(a: ArrayLike<number>, b: ArrayLike<number>): Int32Array {
  if (b.length === 0) return a instanceof Int32Array ? a : Int32Array.from(a);
  const out = new Int32Array(a.length + b.length);
  let i = 0;
  let j = 0;
  let n = 0;
  while (i < a.length && j < b.length) {
    const x = a[i];
    const y = b[j];
    if (x < y) { out[n++] = x; i++; } else if (y < x) { out[n++] = y; j++; } else { out[n++] = x; i++; j++; }
  }
  while (i < a.length) out[n++] = a[i++];
  while (j < b.length) out[n++] = b[j++];
  return n === out.length ? out : out.slice(0, n);
}
