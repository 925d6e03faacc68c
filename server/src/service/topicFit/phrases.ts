/**
 * Salient phrases for explanations: "the claim is about diffusion models, medical image synthesis". A phrase is
 * a noun phrase of the text (`nounPhrases.ts`: a head noun with its modifiers) or a shorter part of it that keeps
 * its head ("image augmentation" of "GAN-based synthetic medical image augmentation"), of up to three words,
 * ranked by the summed rarity of its words across the bibliography, so the words that set a text apart are named
 * first.
 */
import { hasTwoCapitals, nounPhrases, type PhraseWord } from './nounPhrases';
import { STOP_WORDS, stripMarkup, type StemFn } from './terms';

/** Rarity of a stem (e.g. BM25 IDF); `name`: the word is written as a name (an acronym, "GitHub"). */
export type Rarity = (stem: string, name: boolean) => number;

interface Phrase {
  text: string;
  stems: string[];
  weight: number;
}

/** Words a phrase has at most: a message names two phrases a side within 200 characters. */
const MAX_WORDS = 3;

/**
 * The `max` most salient phrases of `text`, best first, no two sharing a stem (`stem`: the model's memo).
 * Acronyms and names keep their case ("GANs", "GDPR", "Alexandra Elbakyan"); other words are lower-cased.
 */
export function salientPhrases(text: string, rarity: Rarity, stem: StemFn, max = 2): string[] {
  const candidates: Phrase[] = [];
  // Emphasis and code marks are not part of a word ("_bioRxiv_ preprint").
  for (const np of nounPhrases(stripMarkup(text).replace(/[*_`]+/g, ' '))) {
    // Every right-headed part of up to MAX_WORDS words is a candidate; longer parts win when all words are rare.
    for (let i = Math.max(0, np.length - MAX_WORDS); i < np.length; i++) {
      const words = np.slice(i);
      // A part opens with a content word, not a stop word ("new methods" → "methods"), nor, in a longer part, a
      // verb form or adverb the tagger read as an adjective ("increased CNN performance" → "CNN performance").
      if (opensNothing(words[0]) || (words.length > 1 && VERB_LIKE.test(words[0].text) && !words[0].cased)) continue;
      const stems: string[] = [];
      const weights: number[] = [];
      for (const w of words) {
        const name = hasTwoCapitals(w.text);
        for (const st of wordStems(w.text, stem)) {
          stems.push(st);
          weights.push(rarity(st, name));
        }
      }
      if (stems.length === 0) continue;
      // A phrase is only as good as its weakest word: adding a common word must not beat a rare one.
      let weight = weights.reduce((a, b) => a + b, 0) * Math.min(...weights) / Math.max(...weights);
      // A lone gerund ("learning", "modelling") names less than a noun of the same rarity.
      if (words.length === 1 && VERB_LIKE.test(words[0].text) && !words[0].cased) weight *= 0.5;
      candidates.push({ text: display(words), stems, weight });
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

/** A word of stop words and numbers only ("new", "large-scale" is not: "scale" names something). */
function opensNothing(word: PhraseWord): boolean {
  return word.text
    .toLowerCase()
    .split('-')
    .every((p) => p.length < 2 || STOP_WORDS.has(p) || /^\d+$/.test(p));
}

/** Stems of a word; a hyphenated word contributes each of its parts ("protein-drug" → protein, drug). */
function wordStems(word: string, stem: StemFn): string[] {
  return word
    .toLowerCase()
    .split('-')
    .filter((p) => p.length > 1 && !STOP_WORDS.has(p) && !/^\d+$/.test(p))
    .map(stem);
}

/**
 * Acronyms keep their case ("GDPR", "GAN-based"); so does a name of two capitalised words or more inside a
 * sentence ("Alexandra Elbakyan", "American Chemical Society"). A lone capitalised word is lower-cased: authors
 * capitalise themes and table cells ("Challenges"), and a title's capitals name nothing.
 */
function display(words: PhraseWord[]): string {
  const name = words.length > 1 && words.every((w) => w.cased);
  const acronym = (w: PhraseWord): boolean => w.text.split('-').some(hasTwoCapitals);
  return words.map((w) => (name || acronym(w) ? w.text : w.text.toLowerCase())).join(' ');
}
