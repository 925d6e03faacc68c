/**
 * The plain data model of the Citelens core. Everything here is editor-independent: ranges are
 * offsets into the document's JavaScript string (UTF-16 code units), converted to line/character
 * positions in exactly one place (`text/lineIndex.ts`).
 */
import type { DiagnosticCode, ProblemData, ProblemFacts, Severity } from './problems/catalog';

export type { DiagnosticCode, Severity };

/** A half-open span `[start, end)` of UTF-16 code-unit offsets into one document's text. */
export interface Span {
  start: number;
  end: number;
}

/** A place a problem concerns besides its own span (the first definition of a duplicate key…), with a caption. */
export interface RelatedLocation {
  uri: string;
  span: Span;
  message: string;
}

/**
 * A problem found while reading input or by a check; `Problem<'orphaned-reference'>` is one of one code. Made by
 * `problem()` (`problems/problem.ts`) from the row of its code in the table of checks (`problems/catalog.ts`), which
 * also defines the codes, their facts and their data. Parsers never throw; they return these.
 */
export type Problem<C extends DiagnosticCode = DiagnosticCode> = { [K in C]: ProblemOf<K> }[C];

interface ProblemOf<C extends DiagnosticCode> {
  code: C;
  message: string;
  span: Span;
  /** Document the span refers to (a manuscript, `.bib` or taxonomy URI). */
  uri: string;
  /** What the check found: the message and `data` are made of it. */
  facts: ProblemFacts[C];
  /** What the diagnostic carries for quick fixes (hosts send it to the editor, which sends it back). */
  data?: ProblemData[C];
  /** Related locations (e.g. the other definition of a duplicate key). */
  related?: RelatedLocation[];
}

/** A diagnostic as the core reports it: a problem with its (configured) severity. */
export type Diagnostic<C extends DiagnosticCode = DiagnosticCode> = { [K in C]: ProblemOf<K> & { severity: Severity } }[C];

// ---------------------------------------------------------------------------------------------
// Manuscript
// ---------------------------------------------------------------------------------------------

/**
 * One work named inside a citation.
 *
 * Pandoc: in `[see @smith2020, p. 4; -@doe]` there are two items, `smith2020` (prefix "see",
 * suffix ", p. 4") and `doe` (mode SuppressAuthor). Numeric: in `[1, 3–5]` there are four items,
 * 1, 3, 4 and 5; 3, 4 and 5 share the span of the segment `3–5`.
 */
export interface CiteItem {
  /** The work as the text names it: "6" for `[6]`, "smith2020" for `@smith2020`. */
  ref: string;
  kind: 'number' | 'key';
  /** For numbers: the number. */
  number?: number;
  /** For keys: the key without `@` or braces. */
  key?: string;
  /** Span of the key (without `@` and braces) or of the number (or range segment) in the text. */
  span: Span;
  /** Pandoc citation mode. */
  mode?: 'NormalCitation' | 'AuthorInText' | 'SuppressAuthor';
  prefix?: string;
  suffix?: string;
}

/** A numeric segment: `3` or `3–5` inside `[1, 3–5]`. */
export interface NumericSegment {
  from: number;
  to: number;
  span: Span;
}

/** One citation occurrence: a bracketed group or a narrative `@key`. */
export interface Citation {
  style: 'numeric' | 'pandoc';
  /** Span of the whole citation, brackets included (`[@a; @b]`, `@key [p. 4]`, `[1, 4]`). */
  span: Span;
  /** The source text of the citation (`text.slice(span.start, span.end)`). */
  raw: string;
  items: CiteItem[];
  /** Numeric citations only: the segments as written, in order. */
  segments?: NumericSegment[];
  /** Separator style of a numeric group (", " or "," or "; "), for renumbering. */
  separator?: string;
  /** Dash used in ranges ("-", "–"), for renumbering. */
  dash?: string;
  /** An IEEE range, each end in its own brackets (`[2]–[4]`): one citation of 2, 3 and 4. */
  bracketed?: boolean;
  /**
   * Numbers written as links to the reference list (`\[[2](#B2)–[4](#B4)\]`, `^[5](#B5)^`; a review converted from
   * HTML): per segment, the spans of its numbers' link texts (one, or a range's two), which renumbering rewrites.
   * Offsets from the citation's start (so the citation moves without them).
   */
  linked?: Span[][];
  /** Problems that make this citation malformed (empty group, `[5–3]`, `[1,,2]`). */
  malformed?: string;
  /** Inside a footnote definition. */
  inNote?: boolean;
  /** Read from the front matter's `nocite:` (lists works without citing them in the text). */
  nocite?: boolean;
  /** Pandoc citations: `[@a, @b]` / `[@a @b]`, where the separator made `@b` part of `@a`'s suffix. */
  suffixSlips?: SuffixSlip[];
}

/**
 * `,` or spaces alone between a key and the next `@key` of a bracketed group: Pandoc reads the second as an
 * in-text citation inside the first one's suffix (`[@a, @b]`), almost always a slip for `[@a; @b]`.
 */
export interface SuffixSlip {
  /** The key whose suffix swallowed the next one. */
  first: string;
  /** The key read as an in-text citation in that suffix. */
  second: string;
  /** From the first `@` to the end of the second key: what the diagnostic underlines and quotes. */
  span: Span;
  /** The separator written between them (`, `, `,`, ` `), which the quick fix replaces by `; `. */
  separator: Span;
}

/** One item of the numbered reference list. */
export interface ReferenceItem {
  /** The number as written (`6` for `6.` or `[6]`); null when the item has none. */
  number: number | null;
  /** Span of the whole item. */
  span: Span;
  /** Span of the number marker (`6.` / `[6]`), or of the digits. */
  numberSpan: Span;
  /** The item's text after its marker, as written (Markdown). */
  text: string;
  textSpan: Span;
  /** DOI found in the item text, normalised to lower case. */
  doi?: string;
  /** An explicit `@key` in the item text. */
  explicitKey?: string;
  /**
   * An item written as lettered paragraphs, `[2a] Author…` `[2b] Author…` (or `2a.` `2b.`): the span of the
   * digits of each part's marker, the first one's included. The parts are one item, number 2, whose works are cited
   * `[2a]`, `[2b]` (`markdown/subNumbered.ts`); renumbering rewrites every part's digits.
   */
  parts?: Span[];
}

export interface ReferenceList {
  /** The heading that opens the reference section. */
  heading: { text: string; span: Span };
  /** How items are numbered: an ordered Markdown list, or `[n] …` paragraphs. */
  kind: 'ordered-list' | 'bracketed';
  items: ReferenceItem[];
  /** Span from the heading to the end of the section. */
  span: Span;
  /**
   * Sections that continue the list under a title of their own, numbering on (Nature's "Methods references"): their
   * items are among `items`, and their spans, like `span`, hold no in-text citations.
   */
  continuations?: Span[];
  /**
   * Other titled lists in the same file, each numbered from 1 on its own (`count` items): a chapter's, in a file
   * holding a thesis's chapters each with its list. Not this list's: `markdown/separateLists.ts` leaves unread the
   * numbers that cite them.
   */
  separate?: { span: Span; count: number }[];
}

export interface Heading {
  depth: number;
  /** Plain text of the heading (Markdown emphasis removed). */
  text: string;
  span: Span;
}

/** A block of prose (paragraph, list item paragraph, table cell row, heading) with its heading path. */
export interface ProseBlock {
  span: Span;
  /** Headings above this block, outermost first. */
  headingPath: string[];
  kind: 'paragraph' | 'heading' | 'table-cell' | 'list-item';
}

/** Front matter that Citelens reads (`bibliography:`, `taxonomy:`, `citelens.files`, `csl:`). */
export interface FrontMatter {
  span: Span;
  /** The YAML text between the fences. */
  yaml: Span;
  bibliography: string[];
  taxonomy?: string;
  files?: string[];
  csl?: string;
  /** The whole parsed YAML value, for hosts that need more. */
  data: Record<string, unknown>;
}

/** An inline suppression comment: `<!-- citelens-disable-next-line CODE -->` etc. */
export interface Suppression {
  /** Codes silenced; empty = all codes. */
  codes: string[];
  /** The silenced region of the document. */
  span: Span;
}

/** The reduction of one Markdown file. Features query this, never the syntax tree. */
export interface Manuscript {
  uri: string;
  text: string;
  /** Version of the text the model was built from (editor version or a content hash). */
  version: number | string;
  frontMatter: FrontMatter | null;
  citations: Citation[];
  referenceList: ReferenceList | null;
  headings: Heading[];
  blocks: ProseBlock[];
  /** Spans where nothing is a citation or a term: code, math, comments, front matter, link targets… */
  excluded: Span[];
  suppressions: Suppression[];
  /** Problems found while reading (front matter YAML errors…). */
  problems: Problem[];
}

// ---------------------------------------------------------------------------------------------
// Bibliography
// ---------------------------------------------------------------------------------------------

/** CSL-JSON as citation-js produces it (only the fields Citelens reads are typed). */
export interface CslItem {
  id: string;
  type?: string;
  title?: string;
  author?: { family?: string; given?: string; literal?: string }[];
  editor?: { family?: string; given?: string; literal?: string }[];
  issued?: { 'date-parts'?: (number | string)[][]; literal?: string };
  'container-title'?: string;
  DOI?: string;
  PMID?: string;
  URL?: string;
  abstract?: string;
  keyword?: string;
  [field: string]: unknown;
}

/** One entry of a bibliography file. */
export interface BibEntry {
  key: string;
  /** `article`, `inproceedings`, … (lower case) or the CSL type for CSL-JSON. */
  type: string;
  uri: string;
  /** Span of the whole entry `@article{…}` in its file. */
  span: Span;
  /** Span of the key. */
  keySpan: Span;
  /** Fields as CSL-JSON, converted by citation-js (lazily: call `getCsl`). */
  getCsl(): CslItem | null;
}

export interface Bibliography {
  uri: string;
  entries: BibEntry[];
  /** `bib-syntax` and `duplicate-bib-key` problems, with spans in this file. */
  problems: Problem[];
}

/**
 * How a numeric manuscript's reference list is numbered, by the setting `citelens.numbering` or detected
 * (`resolve/listOrder.ts`).
 */
export interface ListOrder {
  /** How the list's numbers are assigned. */
  numbering: 'citation-order' | 'alphabetical';
  /** Decided by the setting `citelens.numbering`, or detected (`auto`). */
  source: 'setting' | 'detected';
  /** How many first citations are out of order (works first cited after a higher number). */
  outOfCitationOrder: number;
  /**
   * Items with a sort key, and how many of them are out of alphabetical place: read only when detection needs them
   * (`auto`, first citations out of order in two places or more).
   */
  keyed?: number;
  outOfAlphabet?: number;
}
