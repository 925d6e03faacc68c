/**
 * Rows of the checks on the works a manuscript lists and numbers (`checks/numberingChecks.ts`,
 * `checks/referenceChecks.ts`), with the claims topic fit finds for an orphaned list item
 * (`topicFit/orphanPlacement.ts`, folded in by `topicFit/mergeOrphanFits.ts`).
 *
 * `work` in the facts is how messages name a work, in the author's terms: `Shorten & Khoshgoftaar 2019, “A survey
 * on image data augmentation…”` (`checks/describe.ts`).
 */
import { check } from './check';

/** A claim where a work would fit, as the quick fix reads it back: the claim's span and the fit there. */
export interface FitPlace {
  uri: string;
  span: { start: number; end: number };
  score: number;
}

/** A claim an orphaned work would fit best (topic fit's placement), with the claim's text. */
export interface ClaimFit extends FitPlace {
  claim: string;
}

/** What `orphaned-reference` found. */
export type OrphanedReference =
  /** A numbered list item no citation uses; `fits`: the claims it would fit best, when topic fit found some. */
  | { kind: 'list-item'; number: number; work: string; fits?: ClaimFit[] }
  /** A BibTeX entry no citation uses (only with the setting `citelens.unusedBibEntries`). */
  | { kind: 'bib-entry'; key: string; work: string };

/** What the "cite it here" quick fix reads: the list item's number and the claims it would fit. */
export type OrphanedReferenceData =
  | { number: number }
  | { number: number; fitsAt: FitPlace[]; topicFit: true }
  | { unusedEntry: true };

export const orphanedReference = check<OrphanedReference, OrphanedReferenceData>({
  severity: 'warning',
  summary: 'a reference-list item is never cited (in a manuscript that cites by number: the numbered list of an author–year review is not judged); BibTeX entries never cited only with `citelens.unusedBibEntries`',
  setting: 'A reference-list item that is never cited (BibTeX entries only with `#citelens.unusedBibEntries#`).',
  message: (f) => {
    if (f.kind === 'bib-entry') return `The entry “${f.key}” (${f.work}) is never cited in the manuscript.`;
    const advice = f.fits
      ? ` It would fit best at: ${f.fits.map((x) => `“${clipText(x.claim, 60)}” (fit ${x.score.toFixed(2)})`).join('; ')}.`
      : ' Cite it where it supports a claim, or remove it from the list.';
    return `Reference [${f.number}] (${f.work}) is never cited.${advice}`;
  },
  data: (f) => {
    if (f.kind === 'bib-entry') return { unusedEntry: true };
    if (!f.fits) return { number: f.number };
    return { number: f.number, fitsAt: f.fits.map((x) => ({ uri: x.uri, span: x.span, score: x.score })), topicFit: true };
  },
});

/** How a first citation breaks the order of first citation. */
export type CitationOrderBreak =
  /** Cited before `[lower]`, a lower number not yet cited. */
  | { kind: 'cited-before'; lower: number }
  /** Cited earlier than its number says, with no lower number waiting. */
  | { kind: 'cited-early' }
  /** First cited after `[higher]`. */
  | { kind: 'cited-after'; higher: number };

/** What `citation-order` found: `[number]`, first cited as the `expected`th work, and how the order breaks. */
export type CitationOrder = CitationOrderBreak & {
  number: number;
  expected: number;
  /** How many works first cited after it are off by the same amount (one renumbering fixes them all). */
  following: number;
};

export const citationOrder = check<CitationOrder, { expected: number }>({
  severity: 'warning',
  summary: 'numeric: a work is first cited out of first-citation order; reported where the order breaks, naming the expected number (not on a list numbered alphabetically)',
  setting: 'Numeric: a reference first cited before a lower-numbered one.',
  message: (f) => {
    const should = `numbered by first citation it would be [${f.expected}].`;
    let message =
      f.kind === 'cited-before' ? `[${f.number}] is cited before [${f.lower}] has been; ${should}`
      : f.kind === 'cited-early' ? `[${f.number}] is the ${ordinal(f.expected)} work cited; ${should}`
      : `[${f.number}] is first cited after [${f.higher}]; ${should}`;
    if (f.following > 0) message += ` The ${f.following} reference${f.following === 1 ? '' : 's'} first cited after it shift the same way; “Citelens: Renumber References” fixes all of them.`;
    return message;
  },
  data: (f) => ({ expected: f.expected }),
});

/** What `reference-numbering` found in the list's own numbers. */
export type ReferenceNumbering =
  | { kind: 'starts-at'; first: number }
  /** `number` is used a second time (the first use is the related location). */
  | { kind: 'used-twice'; number: number }
  | { kind: 'descending'; number: number; previous: number }
  | { kind: 'gap'; number: number; previous: number };

export const referenceNumbering = check<ReferenceNumbering>({
  severity: 'warning',
  summary: 'list numbers with gaps or duplicates, not starting at 1, or not ascending',
  setting: 'Reference-list numbers with gaps or duplicates, not starting at 1, or not ascending.',
  message: (f) => {
    switch (f.kind) {
      case 'starts-at':
        return `The reference list starts at ${f.first}; it should start at 1.`;
      case 'used-twice':
        return `Number ${f.number} is used twice in the reference list; each reference needs its own number.`;
      case 'descending':
        return `Reference ${f.number} comes after ${f.previous}; the list must be in ascending order.`;
      case 'gap': {
        const missing = f.number - f.previous === 2 ? `number ${f.previous + 1} is missing` : `numbers ${f.previous + 1}–${f.number - 1} are missing`;
        return `The reference list jumps from ${f.previous} to ${f.number}: ${missing}.`;
      }
    }
  },
});

/** What `duplicate-reference` found: list item `[number]` is the same work as the earlier `[duplicateOf]`. */
export interface DuplicateReference {
  number: number | null;
  work: string;
  duplicateOf: number;
}

export const duplicateReference = check<DuplicateReference, { duplicateOf: number }>({
  severity: 'warning',
  summary: 'one work listed twice (same entry; or same title, and same DOI or same year and first author)',
  setting: 'One work listed twice (same entry; or same title, and same DOI or same year and first author).',
  message: (f) => `Reference [${f.number}] (${f.work}) is the same work as [${f.duplicateOf}]; list it once and cite that number.`,
  data: (f) => ({ duplicateOf: f.duplicateOf }),
});

/**
 * What `reference-not-in-bib` found: list item `[number]` is linked to no bibliography entry, because it matches
 * none, or because it matches the different works `ambiguous` (keys) equally well.
 */
export interface ReferenceNotInBib {
  number: number | null;
  work: string;
  ambiguous?: string[];
}

export const referenceNotInBib = check<ReferenceNotInBib>({
  severity: 'information',
  summary: 'a list item matches no BibTeX entry while a bibliography exists',
  setting: 'A reference-list item that matches no BibTeX entry.',
  message: (f) =>
    f.ambiguous?.length
      ? `Reference [${f.number}] (${f.work}) matches ${f.ambiguous.length} different entries equally well (${f.ambiguous.map((k) => `“${k}”`).join(', ')}); add its DOI or “@key” to the item to say which.`
      : `Reference [${f.number}] (${f.work}) matches no entry in the bibliography (by DOI, @key or title with year or first author); add it to the .bib to get hovers and checks for it.`,
});

function ordinal(n: number): string {
  const s = ['th', 'st', 'nd', 'rd'];
  const v = n % 100;
  return n + (s[(v - 20) % 10] || s[v] || s[0]);
}

/** A claim's text on one line, cut at a word boundary after at most `max` characters. */
function clipText(text: string, max: number): string {
  const t = text.replace(/\s+/g, ' ').trim();
  return t.length <= max ? t : `${t.slice(0, max).replace(/\s+\S*$/, '')}…`;
}
