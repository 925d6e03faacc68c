/**
 * The result of analysing one manuscript (one file or several chapters) against its bibliographies:
 * what every citation resolves to, and the diagnostics. Editor features (hover, definition, references,
 * rename, completion, code actions) and the CLI query this; none of them re-parses anything.
 */
import type { Taxonomy, TermUse } from './taxonomy/model';
import type { Fit } from './topicFit/fit';
import type { BibEntry, Bibliography, Citation, CiteItem, Diagnostic, ListOrder, Manuscript, ReferenceItem } from './types';

/** What one work named by a citation resolves to. */
export interface Resolution {
  /** Index of the manuscript file (in `Analysis.files`) holding the citation. */
  file: number;
  citation: Citation;
  item: CiteItem;
  /** The BibTeX/CSL entry, when one is found (directly by key, or via the reference-list item). */
  entry: BibEntry | null;
  /** Numeric citations: the reference-list item the number names. */
  reference: ReferenceItem | null;
}

/** A reference-list item and the bibliography entry it was matched to. */
export interface ReferenceLink {
  file: number;
  item: ReferenceItem;
  entry: BibEntry | null;
  /** How the match was made, for hovers and debugging. */
  via: 'doi' | 'key' | 'title' | null;
  /**
   * Other entries the item matched that are the same work as `entry` (same title, and same DOI or same year
   * and first author): duplicates in the bibliography, reported there (`duplicate-bib-entry`).
   */
  twins?: BibEntry[];
  /** With no entry: the different works the item matched equally well (no guess is made between them). */
  ambiguous?: BibEntry[];
}

/**
 * A manuscript as resolution leaves it: its files, bibliographies and taxonomy, and what every citation and term
 * resolves to. The checks read this; the {@link Analysis} adds topic fit and the diagnostics.
 */
export interface ResolvedManuscript {
  /** The manuscript's files in reading order; the first is the one the analysis was asked for (or the root). */
  files: Manuscript[];
  /** Citation style the manuscript uses, judged from its citations. */
  style: 'numeric' | 'pandoc' | 'mixed' | 'none';
  /** Bibliography files used (paths), loaded and parsed. */
  bibliographies: Bibliography[];
  /** Every entry by key (first definition wins; duplicates are diagnosed). */
  entriesByKey: Map<string, BibEntry>;
  /** Every cited work, in document order across files. */
  resolutions: Resolution[];
  /** Links of the (single) numbered reference list to the bibliography. */
  references: ReferenceLink[];
  /** Index in `files` of the file that holds the reference list, or -1. */
  referenceFile: number;
  /**
   * How the reference list is numbered (by first citation or alphabetically), detected or set
   * (`resolve/listOrder.ts`); absent without a numbered list.
   */
  listOrder: ListOrder | null;
  /** The review's taxonomy, when one is found (front matter, setting, `taxonomy.yaml` beside or at the root). */
  taxonomy: Taxonomy | null;
  /** Term uses per file (same order as `files`); empty without a taxonomy. */
  termUses: TermUse[][];
}

/** The result of analysing one manuscript: the resolved manuscript, the topic fit of its citations, its diagnostics. */
export interface Analysis extends ResolvedManuscript {
  /** Topic fit of each resolution (same order as `resolutions`); null where there is nothing to judge. */
  fits: (Fit | null)[];
  /**
   * Set while the topic model of a large bibliography is being built in the background (hosts that can pause):
   * `fits` are then empty and no `off-topic-citation` is reported; analyse again once it resolves.
   */
  topicFitPending?: Promise<void>;
  /** Diagnostics of the manuscript files (each carries its own `uri`) after severities and suppressions. */
  diagnostics: Diagnostic[];
}
