/**
 * Salient phrases for explanations: "Claim is about diffusion models, medical image synthesis". A phrase is a
 * run of up to three adjacent content words (no stop word or punctuation between them), ranked by the summed
 * rarity of its words across the bibliography, so the words that set a text apart are named first.
 */
import { STOP_WORDS, stripMarkup, type StemFn } from './terms';

/** Rarity of a stem (e.g. BM25 IDF); `name`: the word is written as a name (an acronym, "GitHub"). */
export type Rarity = (stem: string, name: boolean) => number;

interface Phrase {
  text: string;
  stems: string[];
  weight: number;
}

const MAX_WORDS = 3;

/**
 * The `max` most salient phrases of `text`, best first, no two sharing a stem (`stem`: the model's memo).
 * Acronyms keep their case ("GANs", "GDPR"); other words are lower-cased.
 */
export function salientPhrases(text: string, rarity: Rarity, stem: StemFn, max = 2): string[] {
  const candidates: Phrase[] = [];
  for (const run of contentRuns(text)) {
    // Every window of up to MAX_WORDS words is a candidate; longer windows win when all words are rare.
    for (let i = 0; i < run.length; i++) {
      for (let n = 1; n <= MAX_WORDS && i + n <= run.length; n++) {
        const words = trimPhrase(run.slice(i, i + n));
        if (words.length !== n) continue; // the trimmed window is another, shorter window
        const stems: string[] = [];
        const weights: number[] = [];
        for (const w of words) {
          const name = displayWord(w) !== w.toLowerCase();
          for (const st of wordStems(w, stem)) {
            stems.push(st);
            weights.push(rarity(st, name));
          }
        }
        if (stems.length === 0) continue;
        // A phrase is only as good as its weakest word: adding a common word must not beat a rare one.
        let weight = weights.reduce((a, b) => a + b, 0) * Math.min(...weights) / Math.max(...weights);
        // A lone verb form ("asking", "increased") names no topic: it ranks below nouns of the same rarity.
        if (words.length === 1 && VERB_LIKE.test(words[0]) && !/\p{Lu}/u.test(words[0])) weight *= 0.5;
        candidates.push({ text: words.map(displayWord).join(' '), stems, weight });
      }
    }
  }
  candidates.sort((a, b) => b.weight - a.weight || a.text.localeCompare(b.text));
  const chosen: Phrase[] = [];
  const used = new Set<string>();
  for (const c of candidates) {
    if (chosen.length >= max) break;
    if (c.stems.some((s) => used.has(s))) continue;
    chosen.push(c);
    for (const s of c.stems) used.add(s);
  }
  return chosen.map((c) => c.text);
}

/** Words that look like verb forms or adverbs ("requesting", "increased", "largely"). */
const VERB_LIKE = /(?:ing|ed|ly)$/i;

/**
 * A phrase as a noun phrase: a leading verb form or adverb ("requesting modifications" → "modifications",
 * "increased CNN performance" → "CNN performance") and a trailing adverb are dropped. Kept whole when nothing
 * would be left, and "deep learning" keeps its last word (only leading verb forms go).
 */
function trimPhrase(words: string[]): string[] {
  let a = 0;
  let b = words.length;
  while (b - a > 1 && VERB_LIKE.test(words[a]) && !/\p{Lu}/u.test(words[a])) a++;
  while (b - a > 1 && /ly$/i.test(words[b - 1])) b--;
  return a === 0 && b === words.length ? words : words.slice(a, b);
}

/** Runs of adjacent content words, split at stop words, numbers and punctuation other than hyphens. */
function contentRuns(text: string): string[][] {
  const runs: string[][] = [];
  let run: string[] = [];
  const flush = (): void => {
    if (run.length) runs.push(run);
    run = [];
  };
  for (const m of stripMarkup(text).matchAll(/[\p{L}\p{N}]+(?:-[\p{L}\p{N}]+)*|[^\s\p{L}\p{N}]/gu)) {
    const token = m[0];
    if (!/[\p{L}\p{N}]/u.test(token)) {
      flush();
      continue;
    }
    const lower = token.toLowerCase();
    if (token.length < 2 || STOP_WORDS.has(lower) || /^\d+$/.test(token)) flush();
    else run.push(token);
  }
  flush();
  return runs;
}

/** Stems of a word; a hyphenated word contributes each of its parts ("protein-drug" → protein, drug). */
function wordStems(word: string, stem: StemFn): string[] {
  return word
    .toLowerCase()
    .split('-')
    .filter((p) => p.length > 1 && !STOP_WORDS.has(p) && !/^\d+$/.test(p))
    .map(stem);
}

/** Acronyms and mixed-case names keep their case; ordinary words are lower-cased. */
function displayWord(word: string): string {
  const capitals = word.replace(/[^\p{Lu}]/gu, '').length;
  return capitals >= 2 ? word : word.toLowerCase();
}
