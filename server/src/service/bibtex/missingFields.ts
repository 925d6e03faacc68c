/**
 * `missing-bib-field`: an entry without a title, without an author or editor, or without a year —
 * the fields every citation style needs and that Citelens matches references by.
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
  if (!has('author', 'editor', 'organization')) missing.push('author');
  // A work in press has no year yet: BibLaTeX's `pubstate = {inpress}` (or `forthcoming`) stands for it, as
  // Pandoc's citeproc prints "in press".
  if (!has('year', 'date', 'pubstate')) missing.push('year');
  return missing;
}

function missingInCsl(item: CslItem | null): MissingField[] {
  if (!item) return ['title', 'author', 'year'];
  const missing: MissingField[] = [];
  if (!item.title) missing.push('title');
  if (!item.author?.length && !item.editor?.length) missing.push('author');
  if ((!item.issued || (!item.issued['date-parts']?.[0]?.[0] && !item.issued.literal)) && !item.status) missing.push('year');
  return missing;
}
