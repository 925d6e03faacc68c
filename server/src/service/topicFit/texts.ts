/**
 * What the topic model reads: works and citing sentences as plain text, knowing nothing of the editor or the
 * analysis. Kept apart from the model so that hosts (the worker thread, the eval) and the analysis layer can
 * name the inputs without importing the model's machinery.
 */

/** A work as topic fit sees it: plain text fields (BibTeX title, abstract, keywords, venue). */
export interface WorkText {
  id: string;
  title?: string;
  abstract?: string;
  /** Keywords as one string ("a; b, c") or a list. */
  keywords?: string | string[];
  /** Journal, proceedings or publisher name. */
  venue?: string;
  /** Family names of the authors (for the author-name veto: a sentence that names "Smith et al." cites Smith). */
  authors?: string[];
}

/** A citing sentence. */
export interface ClaimText {
  id: string;
  /** The sentence holding the citation (citation markers may be left in; they are ignored). */
  text: string;
  /** Neighbouring sentences (previous and next), as context. */
  context?: string;
  /** Headings above the sentence, outermost first. */
  headingPath: string[];
  /** Claims with the same paragraph id pool their cited works for the co-citation signal. */
  paragraphId?: string;
  /** The whole paragraph holding the sentence: the second opinion on a poor fit (see `calibration.ts`). */
  paragraph?: string;
  /** Works cited in this sentence. */
  citedWorkIds: string[];
  /**
   * The sentence's citation groups in order, each with the offset in `text` where it stands (a group is one
   * `[…]`, or a run of adjacent ones cited together). With two or more groups, each group is judged against
   * the words leading up to it: in "genetic medicine [4], radiology [5]" work 4 must fit "genetic medicine".
   */
  citations?: { offset: number; workIds: string[] }[];
}

export function keywordText(keywords: WorkText['keywords']): string {
  return Array.isArray(keywords) ? keywords.join('; ') : (keywords ?? '');
}

/** Title, abstract and keywords as one text (what taxonomy concepts are looked for in). */
export function workFullText(work: WorkText): string {
  return [work.title, work.abstract, keywordText(work.keywords)].filter(Boolean).join('. ');
}

/** The works with distinct ids: the last work with an id wins, as the last claim does. */
export function uniqueWorks(works: readonly WorkText[]): WorkText[] {
  return [...new Map(works.map((w) => [w.id, w])).values()];
}
