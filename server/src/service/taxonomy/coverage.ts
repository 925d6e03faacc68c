/**
 * Taxonomy coverage: how often each term is mentioned in each section, and which works are cited
 * where it is mentioned. Answers the reviewer's question "which parts of my taxonomy does the
 * literature I cite actually support?".
 *
 * A work "supports" a term when a citation of it stands in the same unit (sentence or paragraph,
 * as the caller chooses; by default paragraphs of `text`, else whole sections) as a mention of the
 * term. With `includeDescendants` (the default) a term's row also counts its descendants' mentions,
 * so "Generative AI techniques" covers GANs, VAEs and diffusion models.
 *
 * Input is plain data so the host (LSP server or CLI) decides what sections and units are; uses and
 * citations are expected in reading order (the first location of a cell is the first use given).
 */
import { lastStartingAtOrBefore } from '../util/search';
import type { Span } from '../types';
import { worksByTerm, type DescribedWork } from './bibliographyTerms';
import type { Taxonomy, TermUse } from './model';

/** A section of the manuscript: a column of the matrix. */
export interface CoverageSection {
  title: string;
  /** From the heading to the end of the section. */
  span: Span;
  /** Headings above and including this one, outermost first. */
  headingPath: string[];
  /** Document of the section; defaults to `CoverageInput.uri`. */
  uri?: string;
}

/** A citation occurrence and the works (bibliography keys or reference numbers) it names. */
export interface CoverageCitation {
  span: Span;
  workIds: string[];
  uri?: string;
}

export interface CoverageInput {
  taxonomy: Taxonomy;
  /** The document that sections, uses, citations and units without a `uri` belong to. */
  uri: string;
  sections: CoverageSection[];
  uses: (TermUse & { uri?: string })[];
  citations: CoverageCitation[];
  /** Sentences or paragraphs in which a citation supports a mention. */
  units?: (Span & { uri?: string })[];
  /** Text of `uri`, to cut paragraphs from when `units` is not given. */
  text?: string;
  /** Count a descendant's mentions for its ancestors too (default true). */
  includeDescendants?: boolean;
  /** The bibliography's works with their text, to count how many are about each term. */
  bibliography?: readonly DescribedWork[];
}

/** Where to jump to from a cell. */
export interface CoverageLocation {
  uri: string;
  span: Span;
}

export interface CoverageCell {
  mentions: number;
  /** Distinct works cited in the units that mention the term in this section, sorted. */
  works: string[];
  /** The first mention in this section. */
  first: CoverageLocation | null;
}

export interface CoverageTermRow {
  id: string;
  label: string;
  depth: number;
  parentId: string | null;
  /** Labels from the root down to this term. */
  path: string[];
  description?: string;
  /** Mentions in the whole manuscript. */
  mentions: number;
  /** Distinct works supporting the term anywhere, sorted. */
  works: string[];
  /** Number of sections that mention the term. */
  sectionsMentioning: number;
  /** Mentioned, yet no work is cited where it is mentioned. */
  unsupported: boolean;
  /** Never mentioned. */
  unmentioned: boolean;
  /** One cell per section, in section order. */
  cells: CoverageCell[];
  /**
   * Works of the bibliography whose own text is about the term (when a bibliography was given); the editor's and
   * the CLI's report (`features/taxonomyCoverage.ts`) add the works cited in sentences using the term.
   */
  bibliographyWorks?: string[];
  /** The first mention anywhere. */
  first: CoverageLocation | null;
}

/** The terms × sections matrix. */
export interface Coverage {
  version: 1;
  title?: string;
  sections: { title: string; headingPath: string[]; uri: string; span: Span }[];
  /** Rows in taxonomy (tree) order. */
  terms: CoverageTermRow[];
  /** Largest mention count of any cell, for colour scales. */
  maxMentions: number;
  includeDescendants: boolean;
  totals: { terms: number; mentioned: number; unsupported: number; unmentioned: number; works: number };
}

/** Builds the coverage matrix. */
export function computeCoverage(input: CoverageInput): Coverage {
  const { taxonomy } = input;
  const includeDescendants = input.includeDescendants ?? true;
  const uriOf = (x: { uri?: string }): string => x.uri ?? input.uri;

  const sections = input.sections.map((s) => ({ title: s.title, headingPath: s.headingPath, uri: uriOf(s), span: s.span }));
  const sectionIndex = new SpanIndex(sections.map((s, i) => ({ uri: s.uri, span: s.span, value: i })));
  const needsOutside = input.uses.some((u) => sectionIndex.find(uriOf(u), u.span.start) === null);
  if (needsOutside) sections.unshift({ title: '(outside any section)', headingPath: [], uri: input.uri, span: { start: 0, end: 0 } });
  const shift = needsOutside ? 1 : 0;

  const units: (Span & { uri?: string })[] =
    input.units ?? (input.text !== undefined ? paragraphs(input.text) : input.sections.map((s) => ({ ...s.span, uri: s.uri })));
  const worksByUnit: Set<string>[] = units.map(() => new Set());
  const unitIndex = new SpanIndex(units.map((u, i) => ({ uri: uriOf(u), span: { start: u.start, end: u.end }, value: i })));
  for (const citation of input.citations) {
    const unit = unitIndex.find(uriOf(citation), citation.span.start);
    if (unit !== null) for (const id of citation.workIds) worksByUnit[unit].add(id);
  }

  const rowOf = new Map<string, number>();
  const rows: CoverageTermRow[] = taxonomy.terms.map((term, i) => {
    rowOf.set(term.id, i);
    const row: CoverageTermRow = {
      id: term.id,
      label: term.label,
      depth: term.depth,
      parentId: term.parentId,
      path: term.path,
      mentions: 0,
      works: [],
      sectionsMentioning: 0,
      unsupported: false,
      unmentioned: true,
      cells: sections.map(() => ({ mentions: 0, works: [], first: null })),
      first: null,
    };
    if (term.description) row.description = term.description;
    return row;
  });
  // Sets only for cells that have mentions: most of a large matrix is empty.
  const cellWorks = rows.map(() => new Map<number, Set<string>>());
  const rowWorks = rows.map(() => new Set<string>());

  for (const use of input.uses) {
    const uri = uriOf(use);
    const found = sectionIndex.find(uri, use.span.start);
    const column = found === null ? 0 : found + shift;
    const unit = unitIndex.find(uri, use.span.start);
    const works = unit === null ? null : worksByUnit[unit];
    let id: string | null = use.termId;
    while (id !== null) {
      const r = rowOf.get(id);
      if (r === undefined) break;
      const row = rows[r];
      const cell = row.cells[column];
      cell.mentions++;
      row.mentions++;
      cell.first ??= { uri, span: use.span };
      row.first ??= { uri, span: use.span };
      if (works && works.size > 0) {
        let set = cellWorks[r].get(column);
        if (!set) cellWorks[r].set(column, (set = new Set()));
        for (const w of works) {
          set.add(w);
          rowWorks[r].add(w);
        }
      }
      id = includeDescendants ? (taxonomy.byId.get(id)?.parentId ?? null) : null;
    }
  }

  let maxMentions = 0;
  const allWorks = new Set<string>();
  rows.forEach((row, r) => {
    row.cells.forEach((cell, c) => {
      const set = cellWorks[r].get(c);
      if (set) cell.works = [...set].sort(compareIds);
      if (cell.mentions > 0) row.sectionsMentioning++;
      maxMentions = Math.max(maxMentions, cell.mentions);
    });
    row.works = [...rowWorks[r]].sort(compareIds);
    for (const w of row.works) allWorks.add(w);
    row.unmentioned = row.mentions === 0;
    row.unsupported = row.mentions > 0 && row.works.length === 0;
  });
  if (input.bibliography) {
    const byTerm = worksByTerm(taxonomy, input.bibliography, { includeDescendants });
    for (const row of rows) row.bibliographyWorks = byTerm.get(row.id) ?? [];
  }

  const coverage: Coverage = {
    version: 1,
    sections,
    terms: rows,
    maxMentions,
    includeDescendants,
    totals: {
      terms: rows.length,
      mentioned: rows.filter((r) => !r.unmentioned).length,
      unsupported: rows.filter((r) => r.unsupported).length,
      unmentioned: rows.filter((r) => r.unmentioned).length,
      works: allWorks.size,
    },
  };
  if (taxonomy.title) coverage.title = taxonomy.title;
  return coverage;
}

/** Numbers in numeric order (`2` before `10`), keys alphabetically. One collator: creating one per call is slow. */
const compareIds = new Intl.Collator('en', { numeric: true }).compare;

/** Paragraphs of a text: runs of non-blank lines. */
export function paragraphs(text: string): Span[] {
  const out: Span[] = [];
  const blank = /\n[ \t\r]*\n/g;
  let start = 0;
  for (const m of text.matchAll(blank)) {
    if (m.index > start) out.push({ start, end: m.index });
    start = m.index + m[0].length;
  }
  if (start < text.length) out.push({ start, end: text.length });
  return out;
}

/** Finds the innermost span holding an offset, per document, by binary search (`util/search.ts`). */
class SpanIndex {
  private readonly byUri = new Map<string, { span: Span; value: number }[]>();

  constructor(items: { uri: string; span: Span; value: number }[]) {
    for (const item of items) {
      let list = this.byUri.get(item.uri);
      if (!list) this.byUri.set(item.uri, (list = []));
      list.push({ span: item.span, value: item.value });
    }
    for (const list of this.byUri.values()) list.sort((a, b) => a.span.start - b.span.start || b.span.end - a.span.end);
  }

  /** The value of the innermost span with `start <= offset < end`, or null. */
  find(uri: string, offset: number): number | null {
    const list = this.byUri.get(uri);
    if (!list) return null;
    const last = lastStartingAtOrBefore(list, offset, (item) => item.span.start);
    // Spans may nest (a section inside its parent): walk back to the closest one that contains,
    // a bounded number of steps so offsets between units stay cheap.
    for (let i = last; i >= 0 && i > last - 64; i--) if (offset < list[i].span.end) return list[i].value;
    return null;
  }
}
