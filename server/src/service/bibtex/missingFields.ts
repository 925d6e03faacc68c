/**
 * `missing-bib-field`: an entry without a title, without an author or editor, or without a year —
 * the fields every citation style needs and that Citelens matches references by.
 */
import type { BibEntry, Bibliography, CslItem, Problem } from '../types';
import { bibtexCrossref, bibtexFieldNames } from './parseBibliography';

type Missing = 'title' | 'author' | 'year';

/** One `missing-bib-field` problem per incomplete entry, on its key, naming the missing fields. */
export function missingFieldProblems(bib: Bibliography): Problem[] {
  const byKey = new Map<string, BibEntry>();
  for (const entry of bib.entries) if (!byKey.has(entry.key.toLowerCase())) byKey.set(entry.key.toLowerCase(), entry);
  const problems: Problem[] = [];
  for (const entry of bib.entries) {
    const fields = bibtexFieldNames(entry);
    const missing = fields ? missingInBibtex(entry, fields, byKey) : missingInCsl(entry.getCsl());
    if (missing.length === 0) continue;
    problems.push({
      code: 'missing-bib-field',
      uri: bib.uri,
      span: entry.keySpan,
      message: message(entry.key, missing, fields !== undefined),
      data: { key: entry.key, missing },
    });
  }
  return problems;
}

function missingInBibtex(entry: BibEntry, fields: readonly string[], byKey: Map<string, BibEntry>): Missing[] {
  // Fields inherited through `crossref` count as present (BibTeX and Biber copy them).
  const parentKey = bibtexCrossref(entry);
  const parent = parentKey ? byKey.get(parentKey.toLowerCase()) : undefined;
  const inherited = (parent && bibtexFieldNames(parent)) || [];
  const has = (...names: string[]): boolean => names.some((n) => fields.includes(n) || inherited.includes(n));
  const missing: Missing[] = [];
  if (!has('title')) missing.push('title');
  if (!has('author', 'editor', 'organization')) missing.push('author');
  if (!has('year', 'date')) missing.push('year');
  return missing;
}

function missingInCsl(item: CslItem | null): Missing[] {
  if (!item) return ['title', 'author', 'year'];
  const missing: Missing[] = [];
  if (!item.title) missing.push('title');
  if (!item.author?.length && !item.editor?.length) missing.push('author');
  if (!item.issued || (!item.issued['date-parts']?.[0]?.[0] && !item.issued.literal)) missing.push('year');
  return missing;
}

function message(key: string, missing: Missing[], bibtex: boolean): string {
  const names: Record<Missing, string> = bibtex
    ? { title: 'title', author: 'author or editor', year: 'year (or date)' }
    : { title: '"title"', author: '"author" or "editor"', year: '"issued" date' };
  const list = missing.map((m) => names[m]);
  const joined = list.length === 1 ? list[0] : `${list.slice(0, -1).join(', ')} and ${list[list.length - 1]}`;
  const what = list.length === 1 ? 'this field' : 'these fields';
  return `The entry "${key}" has no ${joined}; add ${what} so the reference can be formatted and matched.`;
}
