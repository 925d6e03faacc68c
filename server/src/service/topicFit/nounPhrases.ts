/**
 * Noun phrases of a text, for explanations: a head noun with the adjectives and nouns before it ("GAN-based
 * synthetic medical image augmentation", "big data", "healthcare systems"). Parts of speech come from compromise
 * (its tagger, `compromise/two`), so a verb ("systems respond"), an adjective without its noun ("large-scale
 * medical") or a word cut from its phrase ("health care, big") is never a phrase. Measured against wink-nlp in
 * docs/topic-fit.md ("Messages"): compromise/two adds ~170 KB gzipped to a bundle, wink-nlp's model ~1 MB.
 */
import type nlpFn from 'compromise/two';

/** One word of a noun phrase: hyphenated compounds are one word ("GAN-based", "COVID-19"). */
export interface PhraseWord {
  /** As written in the text. */
  text: string;
  /** Written with capitals that name something ("GDPR", "Elsevier" inside a sentence), not a sentence's or title's first capital. */
  cased: boolean;
}

type Tagged = { text: string; start: number; tags: Set<string>; pre: string; post: string; first: boolean };

/**
 * The tagger, loaded on the first explanation (a flagged citation's message, a hover), never at start-up:
 * requiring compromise and tagging a first text took 0.5–0.85 s on a loaded 2-core machine, and the server's
 * start has a budget (BENCHMARKS.md). Not state of ours: `require` keeps the loaded module in the process's (or
 * the bundle's) module registry, which every service in the process shares whatever we do; compromise's lexicon
 * is read-only once loaded.
 */
function tagger(): typeof nlpFn {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require('compromise/two') as typeof nlpFn;
}

/**
 * Loads the tagger now (and tags a few words, which compiles its hot paths): ~0.25 s on this machine, which the
 * language server spends while idle rather than in the first check that explains a flag (`lsp/citelensServer.ts`).
 */
export function loadPhraseTagger(): void {
  tagger()('Loading the tagger of noun phrases.').json();
}

/**
 * The noun phrases of `text`, in order, each as its words (the last is the head noun): runs of adjectives and
 * nouns ending at a noun, cut at punctuation other than a hyphen and at any other word.
 */
export function nounPhrases(text: string): PhraseWord[][] {
  const words = compoundWords(tagged(text));
  const phrases: PhraseWord[][] = [];
  let run: { word: PhraseWord; noun: boolean }[] = [];
  const flush = (): void => {
    // A phrase ends at its last noun: adjectives after it modify nothing here.
    let end = run.length;
    while (end > 0 && !run[end - 1].noun) end--;
    if (end) phrases.push(run.slice(0, end).map((w) => w.word));
    run = [];
  };
  words.forEach((w, k) => {
    if (/[([{"“‘]/.test(w.pre)) flush();
    const role = roleOf(w, run.length > 0, words[k - 1]);
    if (role === null) {
      flush();
      return;
    }
    // An adjective after a noun goes on with the phrase: "denoising diffusion probabilistic models" is one, and
    // its parts that keep the head are "probabilistic models" and "diffusion probabilistic models", not "diffusion".
    run.push({ word: { text: w.text, cased: w.cased }, noun: role === 'noun' });
    if (/[^\s-]/.test(w.post)) flush();
  });
  flush();
  return phrases;
}

interface Word {
  text: string;
  tags: Set<string>;
  pre: string;
  post: string;
  cased: boolean;
}

/**
 * A word's part in a noun phrase: `noun` (a head or a noun modifier: "image" in "image augmentation"),
 * `modifier` (an adjective: "synthetic"), or none. A gerund after a modifier is a noun ("deep learning",
 * "image denoising"); pure numbers and pronouns are not words of a phrase, nor a singular noun after a copula.
 */
function roleOf(w: Word, inPhrase: boolean, previous: Word | undefined): 'noun' | 'modifier' | null {
  if (/^[\d.,]+$/.test(w.text) || w.tags.has('Pronoun') || w.tags.has('Determiner')) return null;
  // A singular noun straight after "is" with no article is a predicate ("an image is worth 16x16 words").
  if (previous?.tags.has('Copula') && w.tags.has('Singular') && !w.cased) return null;
  if (w.tags.has('Noun') && !w.tags.has('Gerund')) return 'noun';
  if (w.tags.has('Gerund')) return inPhrase ? 'noun' : null;
  if (w.tags.has('Adjective')) return 'modifier';
  return null;
}

/** Joins hyphenated parts ("GAN" "-" "based") into one word; its part of speech is that of its last part. */
function compoundWords(terms: Tagged[]): Word[] {
  const words: Word[] = [];
  let i = 0;
  while (i < terms.length) {
    let j = i;
    while (j + 1 < terms.length && terms[j].post === '-') j++;
    const parts = terms.slice(i, j + 1);
    const last = parts[parts.length - 1];
    let tags = last.tags;
    // "GAN-based", "data-driven": a compound ending in a verb form modifies the noun after it.
    if (parts.length > 1 && !tags.has('Noun') && !/^\d+$/.test(last.text)) tags = new Set(['Adjective']);
    // "COVID-19": a name with a number is a noun.
    if (parts.length > 1 && /^\d+$/.test(last.text)) tags = new Set(['Noun']);
    const text = parts.map((p) => p.text).join('-');
    words.push({ text, tags, pre: parts[0].pre, post: last.post, cased: parts.some((p) => namedCase(p)) });
    i = j + 1;
  }
  return words;
}

/** Two capitals or more: an acronym or a name written so ("GDPR", "GANs", "GitHub"), whatever its place. */
export function hasTwoCapitals(word: string): boolean {
  return word.replace(/[^\p{Lu}]/gu, '').length >= 2;
}

/** Capitals that name something: two or more ("GDPR", "GitHub"), or one that opens no sentence in prose. */
function namedCase(t: Tagged): boolean {
  return hasTwoCapitals(t.text) || (!t.first && /^\p{Lu}\P{Lu}*$/u.test(t.text));
}

/**
 * The text's terms with their tags and offsets. A title in Title Case is tagged in lower case: compromise reads
 * capitalised words as names ("Simple Framework" a proper noun), and a title's capitals name nothing. Words
 * with two capitals or more (acronyms, "GitHub") keep them.
 */
function tagged(text: string): Tagged[] {
  const title = titleCased(text);
  const input = title ? text.replace(/(?<![\p{L}\p{N}])\p{Lu}(?=\p{Ll}*(?![\p{L}\p{N}]))/gu, (c) => c.toLowerCase()) : text;
  const out: Tagged[] = [];
  let at = 0;
  for (const sentence of tagger()(input).docs) {
    sentence.forEach((term, k) => {
      const start = at + term.pre.length;
      // compromise keeps the text whole (pre + text + post); the written form is read back from the original.
      const written = text.slice(start, start + term.text.length);
      const same = written.toLowerCase() === term.text.toLowerCase();
      out.push({ text: same ? written : term.text, start, tags: term.tags ?? new Set(), pre: term.pre, post: term.post, first: title || k === 0 });
      if (same) at = start + term.text.length + term.post.length;
    });
  }
  return out;
}

/** Title Case: most words of four letters or more start with a capital ("A Simple Framework for Contrastive …"). */
function titleCased(text: string): boolean {
  const words = text.match(/(?<![\p{L}\p{N}])\p{L}{4,}/gu) ?? [];
  if (words.length < 2) return false;
  return words.filter((w) => /^\p{Lu}/u.test(w)).length >= 0.8 * words.length;
}
