/**
 * When a poor score becomes an `off-topic-citation`: the calibration docs/topic-fit.md measures on the seven
 * published manuscripts (parameters fitted on all seven together, reported leave-one-manuscript-out).
 *
 * A low score alone flagged 3–12 of every 100 citations of published reviews, nearly all false alarms. What the
 * reading of such warnings found, and what each rule here answers:
 * - **Evidence.** A work with only a title scores low whether right or wrong (a dozen words to match), so it gets
 *   a lower threshold than a work with an abstract (`evidence`).
 * - **Paragraph second opinion.** A claim's topic is often in a neighbouring sentence ("This…", "They…"): a work
 *   is flagged only when the whole paragraph fits it poorly too.
 * - **Cited elsewhere in the paragraph.** The author cites the same work again a sentence later: a second flag of
 *   it there was a false alarm 13 times in 27 in one review.
 * - **Names.** The sentence names the work's first author ("Smith et al.") or a distinctive name the work's own
 *   text uses (a system, dataset or method: "Hetionet", "TransE"): the author says which work they mean.
 *   So does a citation that is itself the noun of the sentence: Pandoc's narrative `@smith2020`, and a bracketed
 *   citation right after a pointing word ("cited by [5]", "described in [@a]", "cf. [3]", see
 *   {@link pointingWord}); Pandoc's numeric output renders a narrative `cited by @a` as `cited by [5]`, so
 *   without this the same text was judged differently in its two forms.
 */
import { STOP_WORDS, stripMarkup } from './terms';
import type { WorkText } from './texts';

/** What a work's text gives to judge by: an abstract (or keywords), or only a title. */
export type Evidence = 'abstract' | 'title';

/** When a fit is flagged, for one kind of evidence: its score and its paragraph's score both below these. */
export interface Rule {
  score: number;
  paragraph: number;
}

/**
 * The decision: works with an abstract are flagged as warnings under `abstract`, works with only a title as
 * information under `title` (weaker evidence, a weaker diagnostic). The user's `citelens.topicFit.threshold`
 * scales both (see {@link calibrationFor}).
 */
export interface Calibration {
  abstract: Rule;
  title: Rule;
}

/** The fitted default (docs/topic-fit.md, "Calibration"; `npm run eval` fits it and reports it left-one-out). */
export const DEFAULT_CALIBRATION: Calibration = { abstract: { score: 0.07, paragraph: 0.2 }, title: { score: 0.1, paragraph: 0.1 } };

/**
 * The calibration for a user's threshold: the default's thresholds in proportion (the setting names the
 * score threshold for works with an abstract, 0.07 by default).
 */
export function calibrationFor(threshold: number, base: Calibration = DEFAULT_CALIBRATION): Calibration {
  const k = threshold / base.abstract.score;
  const scaled = (r: Rule): Rule => ({ score: r.score * k, paragraph: r.paragraph >= 1 ? 1 : Math.min(1, r.paragraph * k) });
  return { abstract: scaled(base.abstract), title: scaled(base.title) };
}

/** What the decision reads of a fit (a subset of `FitResult`). */
export interface FitEvidence {
  score: number;
  judgeable: boolean;
  evidence: Evidence;
  /** The fit of the work with the whole paragraph (the claim's own score when there is no other sentence). */
  paragraphScore: number;
  /** Another sentence of the paragraph cites the work too. */
  citedElsewhereInParagraph: boolean;
  /** A name in the sentence that points at the work (its first author, or a distinctive name from its text). */
  namedInClaim: string | undefined;
}

/** Whether a fit is an `off-topic-citation` under `cal`. */
export function isOffTopic(fit: FitEvidence, cal: Calibration): boolean {
  if (!fit.judgeable || fit.citedElsewhereInParagraph || fit.namedInClaim !== undefined) return false;
  const rule = fit.evidence === 'abstract' ? cal.abstract : cal.title;
  return fit.score < rule.score && fit.paragraphScore < rule.paragraph;
}

/** Abstract (or keywords) of at least this many words: below, a "abstract" is a subtitle or a stub. */
const MIN_ABSTRACT_WORDS = 15;

export function evidenceOf(work: WorkText): Evidence {
  const keywords = Array.isArray(work.keywords) ? work.keywords.join(' ') : (work.keywords ?? '');
  const words = `${work.abstract ?? ''} ${keywords}`.split(/\s+/).filter((w) => /\p{L}{2,}/u.test(w)).length;
  return words >= MIN_ABSTRACT_WORDS ? 'abstract' : 'title';
}

/**
 * A name in the claim that points at the work: the first author's family name written in the sentence with a
 * capital ("Smith et al.", "Smith and Jones"), or a distinctive name from the work's title or abstract, i.e. a
 * word with a capital or digit inside it ("TransE", "word2vec", "GitHub") or a capitalised word inside a sentence
 * ("Hetionet"), that at most `maxWorks` works of the bibliography use (`worksUsing`: how many works use a word,
 * lower-cased). Names of four letters or more; common words are never names.
 */
export function nameInClaim(claimText: string, work: WorkText, worksUsing: (word: string) => number, maxWorks = 2): string | undefined {
  // The sentence's words as a reader reads them: a URL's words (`<https://…/jupyter-…>`) name nothing.
  const claimWords = new Set(stripMarkup(claimText).match(/[\p{L}\p{N}]+(?:-[\p{L}\p{N}]+)*/gu) ?? []);
  const first = work.authors?.[0]?.replace(/[{}]/g, '').trim();
  if (first && first.length >= 3 && /^\p{Lu}/u.test(first) && !STOP_WORDS.has(first.toLowerCase())) {
    const last = first.split(/\s+/).pop()!;
    if (claimWords.has(last)) return last;
  }
  const head = titleHeadName(work.title);
  if (head && worksUsingName(head, worksUsing) <= maxWorks) {
    const named = head.length >= 4 ? [...claimWords].find((w) => w.toLowerCase() === head.toLowerCase()) : claimWords.has(head) ? head : undefined;
    if (named) return named;
  }
  const acronym = titleAcronymIn(claimWords, work.title);
  if (acronym && worksUsingName(acronym, worksUsing) <= maxWorks) return acronym;
  const text = `${work.title ?? ''}. ${work.abstract ?? ''}`.replace(/[{}]/g, '');
  for (const m of text.matchAll(/[\p{L}\p{N}]+(?:-[\p{L}\p{N}]+)*/gu)) {
    const word = m[0];
    if (word.length < 4 || !claimWords.has(word) || STOP_WORDS.has(word.toLowerCase())) continue;
    const inner = /.\p{Lu}|\p{L}\p{N}|\p{N}\p{L}/u.test(word);
    // Capitalised inside a sentence: the last character before it is not a sentence's end.
    const before = text.slice(0, m.index).trimEnd().slice(-1);
    const midSentence = /^\p{Lu}\p{Ll}+$/u.test(word) && before !== '' && !/[.!?:]/.test(before);
    if ((inner || midSentence) && worksUsingName(word, worksUsing) <= maxWorks) return word;
  }
  return undefined;
}

/**
 * A claim word that is the acronym of the work's title: the initials of consecutive content words of the title
 * ("ASAP 2008" for "AGATE Statistical Analysis Program", "CMH-17-1G" for "Composite Materials Handbook", "JSS"
 * for "Journal of Statistical Software"; three capitals at least). Tools, standards and datasets are cited by
 * their acronym, which shares no word with the title. The word's leading capitals count ("CMH" of "CMH-17-1G");
 * the caller also asks that few works use it, so "DNA" in a genetics review names no "Deep Neural Architectures".
 */
export function titleAcronymIn(claimWords: ReadonlySet<string>, title: string | undefined): string | undefined {
  const words = (title ?? '').replace(/[{}]/g, '').match(/[\p{L}\p{N}]+/gu) ?? [];
  if (words.length < 3) return undefined;
  // Function words' initials are left out: with them "NIH" would stand for "Networks In Health care".
  const initials = words.filter((w) => !STOP_WORDS.has(w.toLowerCase())).map((w) => w[0].toUpperCase()).join('');
  for (const word of claimWords) {
    const letters = /^(\p{Lu}{3,8})(?:$|[-\p{N}])/u.exec(word)?.[1];
    if (letters && initials.includes(letters)) return word;
  }
  return undefined;
}

/**
 * The name a title opens with, "Name: what it is" — the way tools, packages, datasets and methods are titled
 * ("bookdown: Authoring Books…", "PKDE4J: Entity and relation extraction…", "ggplot2: Elegant Graphics…"). Such a
 * name is often written in lower case ("built with knitr"), which the capital-letter rule of
 * {@link nameInClaim} misses, and the rest of the title describes the tool, not what the sentence uses it for.
 * One word (hyphens allowed); 1–3 characters only with a capital ("R", "GO"), then matched in the same case.
 */
export function titleHeadName(title: string | undefined): string | undefined {
  const m = /^\s*([\p{L}\p{N}]+(?:-[\p{L}\p{N}]+)*)\s*:\s*\S/u.exec((title ?? '').replace(/[{}]/g, ''));
  if (!m) return undefined;
  const name = m[1];
  if (STOP_WORDS.has(name.toLowerCase())) return undefined;
  return name.length >= 4 || /\p{Lu}/u.test(name) ? name : undefined;
}

/**
 * How many works use a name. The bibliography's words are split at hyphens, so a hyphenated name ("Sci-Hub")
 * is no word of it and counted 0 — every name with a hyphen looked distinctive, and "Sci-Hub", which 43 of the
 * 130 works of a review about it use, vetoed every citation of a sentence naming it. It counts as the least used
 * of its parts (at least as many works use each part as use the whole).
 */
function worksUsingName(word: string, worksUsing: (word: string) => number): number {
  const parts = word.toLowerCase().split('-').filter((p) => p.length >= 2 && !STOP_WORDS.has(p));
  return parts.length ? Math.min(...parts.map(worksUsing)) : 0;
}

/**
 * Words after which a citation is the object they point at ("cited by [5]", "described in [@a]", "see [3]",
 * "Figure 1 of [2]"): the author names the work itself, as a narrative citation does. Prepositions that take a
 * work as their object and the pointers of scholarly prose; "and", "e.g." and the like are not here (they list).
 */
const POINTING_WORDS = new Set(['by', 'in', 'of', 'from', 'see', 'cf', 'cf.']);

/**
 * The pointing word right before a bracketed citation (`before`: the text up to the citation's `[`), or undefined.
 * Whitespace, a no-break space and `&nbsp;` may stand between; any other character (a word, a comma) may not:
 * in "found in mice [5]" the citation supports "mice", it does not stand for a work.
 */
export function pointingWord(before: string): string | undefined {
  const m = /(?:^|[^\p{L}])(\p{L}+\.?)(?:\s|\u00a0|&nbsp;)+$/u.exec(before.slice(-24));
  const word = m?.[1].toLowerCase();
  return word !== undefined && POINTING_WORDS.has(word) ? word : undefined;
}
