/**
 * `missing-bib-field`: an entry without a title, without an author or editor, or without a year —
 * the fields every citation style needs and that Citelens matches references by.
 *
 * Only where the entry's type needs them: a field that BibTeX's standard styles or BibLaTeX's manual list as
 * optional for the type is not asked for (whichever of the two is lenient). Citeproc formats such a reference
 * without it (the title stands first; "n.d." for the date), and real libraries are full of them: a conference's
 * `@proceedings` volume without editors (dblp, the anthologies), a `@misc` web page or `@software` without a
 * year, a `@manual` without an author.
 */
import type { MissingField } from '../problems/catalog/bibliography';
import { problem } from '../problems/problem';
import type { BibEntry, Bibliography, CslItem, Problem } from '../types';
import { HiddenField } from '../util/hiddenField';
import { bibtexCrossref, bibtexFieldNames } from './parseBibliography';

/** One `missing-bib-field` problem per incomplete entry, on its key, naming the missing fields. */
export function missingFieldProblems(bib: Bibliography): Problem[] {
  return missingFieldProblemsOf(bib, bib.entries);
}

/**
 * The `missing-bib-field` problems of some entries of `bib` (those a manuscript cites), in their order. A
 * `crossref` parent is looked up in the whole bibliography, cited or not (BibTeX and Biber read it either way).
 * Each entry's problem is computed once per bibliography object (the service keeps those while their text is
 * unchanged), so an analysis per keystroke hands out the same problem objects.
 */
export function missingFieldProblemsOf(bib: Bibliography, entries: readonly BibEntry[]): Problem[] {
  const state = memo.getOrMake(bib, () => ({ byKey: undefined, problems: new Map() }));
  const lookup = (key: string): BibEntry | undefined => {
    if (!state.byKey) {
      state.byKey = new Map();
      for (const entry of bib.entries) if (!state.byKey.has(entry.key.toLowerCase())) state.byKey.set(entry.key.toLowerCase(), entry);
    }
    return state.byKey.get(key.toLowerCase());
  };
  const problems: Problem[] = [];
  for (const entry of entries) {
    let found = state.problems.get(entry);
    if (found === undefined) state.problems.set(entry, (found = missingFieldProblem(bib, entry, lookup)));
    if (found) problems.push(found);
  }
  return problems;
}

/** On each bibliography: its entries by lower-cased key (for `crossref`) and each entry's problem (null: none). */
const memo = new HiddenField<Bibliography, { byKey: Map<string, BibEntry> | undefined; problems: Map<BibEntry, Problem | null> }>('missing fields');

function missingFieldProblem(bib: Bibliography, entry: BibEntry, lookup: (key: string) => BibEntry | undefined): Problem | null {
  // BibLaTeX entry sets and `@xdata` containers are not works.
  if (entry.type === 'set' || entry.type === 'xdata') return null;
  const fields = bibtexFieldNames(entry);
  const missing = fields ? missingInBibtex(entry, fields, lookup) : missingInCsl(entry.getCsl());
  if (missing.length === 0) return null;
  return problem('missing-bib-field', bib.uri, entry.keySpan, { key: entry.key, missing, format: fields !== undefined ? 'bibtex' : 'csl' });
}

function missingInBibtex(entry: BibEntry, fields: readonly string[], lookup: (key: string) => BibEntry | undefined): MissingField[] {
  // Fields inherited through `crossref` count as present (BibTeX and Biber copy them).
  const parentKey = bibtexCrossref(entry);
  const parent = parentKey ? lookup(parentKey) : undefined;
  const inherited = (parent && bibtexFieldNames(parent)) || [];
  const has = (...names: string[]): boolean => names.some((n) => fields.includes(n) || inherited.includes(n));
  const missing: MissingField[] = [];
  if (!has('title')) missing.push('title');
  // A translator stands for the author as citeproc formats it (BibLaTeX's `translator`, CSL's `translator`).
  if (!BIBTEX_NO_AUTHOR_NEEDED.has(entry.type) && !has('author', 'editor', 'organization', 'translator')) missing.push('author');
  // A work in press has no year yet: BibLaTeX's `pubstate = {inpress}` (or `forthcoming`) stands for it, as
  // Pandoc's citeproc prints "in press".
  if (!BIBTEX_NO_YEAR_NEEDED.has(entry.type) && !has('year', 'date', 'pubstate')) missing.push('year');
  return missing;
}

/**
 * BibTeX/BibLaTeX types whose author (or editor) is optional: BibTeX's `misc`, `manual`, `booklet` and
 * `proceedings` (`editor` optional), BibLaTeX's `proceedings`/`mvproceedings` and `periodical` issues, and the
 * web and software types (`online` and its aliases `electronic`, `www`, `webpage`; `software`, `dataset`), which
 * BibLaTeX's standard styles treat as `misc`.
 */
const BIBTEX_NO_AUTHOR_NEEDED = new Set(['misc', 'manual', 'booklet', 'proceedings', 'mvproceedings', 'periodical', 'online', 'electronic', 'www', 'webpage', 'software', 'dataset']);

/**
 * BibTeX/BibLaTeX types whose year is optional: BibTeX's `misc`, `manual`, `booklet` and `unpublished`, and the
 * web and software types (a web page has its `urldate`; citeproc prints "n.d." for the rest).
 */
const BIBTEX_NO_YEAR_NEEDED = new Set(['misc', 'manual', 'booklet', 'unpublished', 'online', 'electronic', 'www', 'webpage', 'software', 'dataset']);

/**
 * CSL types without an author as a rule (web pages, posts, software, data, standards and legal texts). `''` is
 * what Pandoc's own conversion (`pandoc -f biblatex -t csljson`) writes for a `@misc` or `@online`: generic, like
 * `document`. An item without any `type` (a hand-written YAML `references:` list) is not generic: it is asked for all.
 */
const CSL_NO_AUTHOR_NEEDED = new Set(['', 'webpage', 'post', 'post-weblog', 'software', 'dataset', 'document', 'standard', 'legislation', 'legal_case', 'bill', 'regulation', 'treaty']);

/** CSL types without a date as a rule (web pages, posts, software, data, `document` — Zotero's "document" — and `''`). */
const CSL_NO_YEAR_NEEDED = new Set(['', 'webpage', 'post', 'post-weblog', 'software', 'dataset', 'document']);

function missingInCsl(item: CslItem | null): MissingField[] {
  if (!item) return ['title', 'author', 'year'];
  const missing: MissingField[] = [];
  if (!item.title) missing.push('title');
  // No `type` at all is not the generic `''` (see CSL_NO_AUTHOR_NEEDED).
  const type = typeof item.type === 'string' ? item.type : undefined;
  const names = (field: string): boolean => Array.isArray(item[field]) && (item[field] as unknown[]).length > 0;
  if (!(type !== undefined && CSL_NO_AUTHOR_NEEDED.has(type)) && !names('author') && !names('editor') && !names('translator')) missing.push('author');
  if (!(type !== undefined && CSL_NO_YEAR_NEEDED.has(type)) && (!item.issued || (!item.issued['date-parts']?.[0]?.[0] && !item.issued.literal)) && !item.status) missing.push('year');
  return missing;
}
