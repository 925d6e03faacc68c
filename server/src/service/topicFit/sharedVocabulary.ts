/**
 * Whether a manuscript's sentences and its works are written in one vocabulary. Topic fit compares words (and a
 * latent space learnt from their co-occurrence): a thesis written in Spanish or German citing English works shares
 * almost no word with them, every citation scores 0 and would be flagged — on a Spanish rendering of a 12-citation
 * review, 4 off-topic notes ("the claim is about agudas del hipocampo, con los husos"), all false.
 *
 * The measure is the share of the sentences' content words (every occurrence, stop words aside) that some work of
 * the bibliography uses. On the seven published manuscripts of the eval it is 0.49–0.88 (with titles only 0.44–0.60;
 * the example, whose works have no abstracts, 0.35); Spanish sentences against English works, 0.01. Below
 * {@link MIN_SHARED_VOCABULARY} topic fit judges nothing in the manuscript and says why in the hover. It is a
 * property of the whole manuscript, not of one sentence: single English sentences about a topic no work covers go
 * below 0.2 (3 of the example's 19), and they are what the check exists to flag.
 */
import type { Term } from './terms';

/** Below this share of the sentences' words used by some work, the two are taken to be written apart. */
export const MIN_SHARED_VOCABULARY = 0.15;

/** Fewer content words than this in the sentences (a manuscript just begun) is too little to decide on. */
const MIN_WORDS = 30;

/** The share of the words of `sentences` that `known` (some work uses the stem) accepts, and how many words. */
export function sharedVocabulary(sentences: Iterable<readonly Term[]>, known: (stem: string) => boolean): { share: number; words: number } {
  let words = 0;
  let shared = 0;
  for (const terms of sentences) {
    for (const t of terms) {
      words++;
      if (known(t.stem)) shared++;
    }
  }
  return { share: words ? shared / words : 1, words };
}

/** True when the sentences and the works are written apart (see the module comment). */
export function writtenApart(measure: { share: number; words: number }): boolean {
  return measure.words >= MIN_WORDS && measure.share < MIN_SHARED_VOCABULARY;
}

/**
 * English function words: a title of four words or more holding none of them is not English. Only words no other
 * language commonly writes ("in", "an", "die", "on" are German, Dutch, Italian or French words too).
 */
const ENGLISH = new Set(['the', 'of', 'and', 'for', 'with', 'from', 'to', 'by', 'is', 'are', 'its', 'their', 'this', 'that', 'using', 'between', 'towards', 'toward', 'into', 'through', 'how', 'what', 'why', 'when', 'does', 'can', 'versus', 'without', 'within', 'among', 'based', 'new']);

/**
 * Function words of the other languages reviews cite most (French, German, Spanish, Portuguese, Italian, Dutch) that
 * are no English words (so not "per", "met", "van", "os"): positive evidence of another language, which the absence of English words is not
 * ("Denoising Diffusion Probabilistic Models" has none of either).
 */
const FOREIGN = new Set([
  'le', 'la', 'les', 'des', 'du', 'une', 'et', 'sur', 'pour', 'dans', 'avec', 'aux', 'au', 'chez', 'entre',
  'der', 'das', 'und', 'mit', 'von', 'zur', 'zum', 'bei', 'für', 'über', 'eine', 'einer', 'eines', 'im', 'nach', 'aus',
  'el', 'los', 'las', 'del', 'con', 'para', 'por', 'una', 'sobre', 'desde',
  'dos', 'com', 'uma', 'em', 'na', 'nas', 'nos', 'ao',
  'il', 'gli', 'della', 'delle', 'dei', 'degli', 'nel', 'nella', 'tra',
  'het', 'een', 'voor', 'en', 'bij', 'naar', 'uit',
]);

/**
 * A work known by its title only, written in another language than the rest: an English review citing "Illusions
 * et hallucinations visuelles : une porte sur la perception" (meta-review does). Its words are no English
 * sentence's, so it scores 0 wherever it is cited. Taken as such when its title has at least four words, a function
 * word of another language and none of English, and none of its content words (`contentWords`, lower-cased) is used
 * by another work of the bibliography (`worksUsing`: how many works use a word). On the seven eval manuscripts' 577
 * works and the example's 20 it is that one title.
 */
export function titleWrittenApart(title: string, contentWords: readonly string[], worksUsing: (word: string) => number): boolean {
  const words = title.toLowerCase().match(/\p{L}+/gu) ?? [];
  if (words.length < 4 || words.some((w) => ENGLISH.has(w)) || !words.some((w) => FOREIGN.has(w))) return false;
  return contentWords.length > 0 && contentWords.every((w) => worksUsing(w) <= 1);
}
