/**
 * Words and their comparison keys, shared by the term matcher and the taxonomy parser (which must
 * judge two names "the same" exactly as the matcher would).
 */
import { LRUCache } from 'lru-cache';
import { stemmer } from 'stemmer';

/** A word of the text: a maximal run of letters, digits and combining marks. */
export interface WordToken {
  start: number;
  end: number;
  text: string;
}

const NON_ASCII_WORD = /[\p{L}\p{N}\p{M}]/u;

/** ASCII letters and digits, by code unit. */
const ASCII_WORD = new Uint8Array(128);
for (let c = 0; c < 128; c++) ASCII_WORD[c] = /[A-Za-z0-9]/.test(String.fromCharCode(c)) ? 1 : 0;

/** True when the code unit at `i` (or the code point starting there) belongs to a word. */
function isWordCharAt(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  if (c < 128) return ASCII_WORD[c] === 1;
  const cp = text.codePointAt(i) ?? c;
  return NON_ASCII_WORD.test(String.fromCodePoint(cp));
}

/** Word boundaries of a text as parallel arrays: cheap to produce for a whole manuscript. */
export interface WordScan {
  starts: Int32Array;
  ends: Int32Array;
  count: number;
}

/**
 * Finds the words of `text[from, to)`. Hyphens, apostrophes and punctuation separate words, so
 * `GAN-based` is `GAN` + `based` and the abbreviation in it is found on its own.
 */
export function scanWords(text: string, from = 0, to = text.length): WordScan {
  let starts = new Int32Array(Math.max(16, (to - from) >> 2));
  let ends = new Int32Array(starts.length);
  let count = 0;
  let i = from;
  while (i < to) {
    const c0 = text.charCodeAt(i);
    if (c0 < 128 ? ASCII_WORD[c0] === 0 : !isWordCharAt(text, i)) {
      i++;
      continue;
    }
    const start = i;
    for (;;) {
      if (i >= to) break;
      const c = text.charCodeAt(i);
      if (c < 128) {
        if (ASCII_WORD[c] === 0) break;
        i++;
        continue;
      }
      if (!isWordCharAt(text, i)) break;
      // Step over both halves of a surrogate pair.
      i += c >= 0xd800 && c <= 0xdbff ? 2 : 1;
    }
    if (i > to) i = to;
    if (count === starts.length) {
      const grownStarts = new Int32Array(count * 2);
      const grownEnds = new Int32Array(count * 2);
      grownStarts.set(starts);
      grownEnds.set(ends);
      starts = grownStarts;
      ends = grownEnds;
    }
    starts[count] = start;
    ends[count] = i;
    count++;
  }
  return { starts, ends, count };
}

/** The words of `text[from, to)` as objects (see {@link scanWords}). */
export function tokenizeWords(text: string, from = 0, to = text.length): WordToken[] {
  const { starts, ends, count } = scanWords(text, from, to);
  const out: WordToken[] = [];
  for (let k = 0; k < count; k++) out.push({ start: starts[k], end: ends[k], text: text.slice(starts[k], ends[k]) });
  return out;
}

/**
 * Comparison keys of words: lower case, Porter-stemmed (`Models` → `model`, `biases` → `bias`). Memoised by the
 * word as written, since prose repeats its vocabulary (stemming every word doubled the matcher's time on a
 * review); each term matcher owns one, so it goes with its taxonomy.
 */
export class WordKeys {
  // Bounded by `maxSize` counting 1 per word rather than by `max`, which allocates all its slots up front
  // (100,000 slots: 30 ms and 2 MB for every taxonomy compiled).
  private readonly keys = new LRUCache<string, string>({ maxSize: 100_000, sizeCalculation: () => 1 });

  /** The key of a word. */
  of(word: string): string {
    let key = this.keys.get(word);
    if (key === undefined) {
      key = stemmer(word.toLowerCase());
      this.keys.set(word, key);
    }
    return key;
  }

  /** The key of a whole name (label or alias): its word keys joined by spaces. */
  ofName(name: string): string {
    return tokenizeWords(name)
      .map((t) => this.of(t.text))
      .join(' ');
  }
}

/**
 * Inflected forms match only when the words are also close in length, so the stemmer's
 * derivational merges (`fair` / `fairness`, `medic` / `medical`) do not count as the same word
 * while `model` / `models` / `modeling` and `hallucination` / `hallucinations` do.
 */
export const MAX_INFLECTION_LENGTH_DIFFERENCE = 3;
