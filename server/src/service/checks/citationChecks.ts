/**
 * Checks on each citation: `unresolved-citation` (with "did you mean"), `malformed-citation`, `citation-separator`
 * (`[@a, @b]`), and `duplicate-bib-key` on citations whose key is defined twice.
 */
import { closest, distance } from 'fastest-levenshtein';
import type { ResolvedManuscript } from '../analysis';
import type { EntryIndex } from '../resolve/resolve';
import type { Problem } from '../types';
import { problem } from '../problems/problem';
import { mayWriteBib, writeBibPrefixes } from '../markdown/knitrWriteBib';

export function citationProblems(analysis: ResolvedManuscript, index: EntryIndex, duplicateKeys: Set<string>): Problem[] {
  const out: Problem[] = [];
  const list = analysis.referenceFile >= 0 ? analysis.files[analysis.referenceFile].referenceList : null;
  const numbers = list ? list.items.map((i) => i.number).filter((n): n is number => n !== null) : [];
  const maxNumber = numbers.length ? Math.max(...numbers) : 0;
  let keyList: string[] | null = null;
  const keys = (): string[] => (keyList ??= [...index.byKey.keys()]);
  let reportedNoList = false;
  const noListReported = !list && analysis.style === 'numeric' && citesByNumber(analysis);
  const mentionsOnly = index.size === 0 && !citesInBrackets(analysis);
  const unwritten = unwrittenPackageBibPrefixes(analysis, keys);

  for (const file of analysis.files) {
    for (const c of file.citations) {
      if (c.malformed) out.push(problem('malformed-citation', file.uri, c.span, { malformed: c.malformed }));
      for (const slip of c.suffixSlips ?? []) {
        const quoted = file.text.slice(slip.span.start, slip.span.end).replace(/\s+/g, ' ');
        const comma = file.text.slice(slip.separator.start, slip.separator.end).includes(',');
        out.push(problem('citation-separator', file.uri, slip.span, { first: slip.first, second: slip.second, quoted, comma }));
      }
    }
  }
  for (const r of analysis.resolutions) {
    const uri = analysis.files[r.file].uri;
    const { item } = r;
    if (item.kind === 'number') {
      if (r.reference) continue;
      if (!list) {
        // Numeric brackets in a Pandoc manuscript are ordinary text; in a numeric one the list is missing.
        if (noListReported && !reportedNoList) {
          reportedNoList = true;
          out.push(problem('unresolved-citation', uri, item.span, { kind: 'no-reference-list', citation: r.citation.raw }));
        }
        continue;
      }
      out.push(problem('unresolved-citation', uri, item.span, { kind: 'number-not-listed', number: item.number!, count: numbers.length, max: maxNumber }));
      continue;
    }
    if (item.key === '*') continue;
    if (r.entry) {
      if (duplicateKeys.size > 0 && duplicateKeys.has(r.entry.key)) {
        out.push(problem('duplicate-bib-key', uri, item.span, { kind: 'citation', key: item.key! }));
      }
      continue;
    }
    // `@R-base` of a package bibliography `knitr::write_bib` writes at the first knit, not yet written: its
    // `bibliography-not-found` says so once; each citation of it is no error of its own.
    if (unwritten.some((prefix) => item.key!.startsWith(prefix))) continue;
    if (index.size === 0) {
      if (mentionsOnly) continue;
      out.push(problem('unresolved-citation', uri, item.span, { kind: 'no-bibliography', key: item.key! }));
      continue;
    }
    const inText = item.mode === 'AuthorInText';
    // A BibLaTeX alias Pandoc 2.17 does not read (`ids = {key, other}`): say so, and offer the entry's own key.
    const aliased = index.aliasBeforeComma(item.key!);
    if (aliased) {
      out.push(problem('unresolved-citation', uri, item.span, { kind: 'unknown-key', key: item.key!, suggestions: [aliased.key], aliasOf: aliased.key }));
      continue;
    }
    const suggestions = suggestKeys(item.key!, keys(), index);
    out.push(problem('unresolved-citation', uri, item.span, { kind: 'unknown-key', key: item.key!, suggestions, ...(inText ? { inText } : {}) }));
  }
  return out;
}

/**
 * The key prefixes (`R-`) of the package bibliographies the manuscript's `knitr::write_bib` (or papaja's `r_refs`) calls write, when no
 * entry of the bibliographies read has such a key: the file is not written yet (bookdown's template writes
 * `packages.bib` when the book is knitted, and many books do not commit it).
 */
function unwrittenPackageBibPrefixes(analysis: ResolvedManuscript, keys: () => string[]): string[] {
  const prefixes = new Set<string>();
  for (const f of analysis.files) if (mayWriteBib(f.text)) for (const p of writeBibPrefixes(f.text)) if (p) prefixes.add(p);
  return [...prefixes].filter((p) => !keys().some((k) => k.startsWith(p)));
}

/**
 * Fewest numeric citations that make a text with no reference list a numeric manuscript whose list is missing.
 * A review that cites by number does so throughout; one or two bracketed numbers in a text with no list are prose
 * (an R vignette's "uniform on [1,10]", "a subset of [1,N]", a README's "array[1]"), and an error there is a false
 * alarm (seen on Debian's R package vignettes: scripts/vignettes.ts).
 */
const MIN_NUMERIC_CITATIONS_WITHOUT_LIST = 3;

function citesByNumber(analysis: ResolvedManuscript): boolean {
  let n = 0;
  for (const f of analysis.files) for (const c of f.citations) if (c.style === 'numeric' && !c.nocite && ++n >= MIN_NUMERIC_CITATIONS_WITHOUT_LIST) return true;
  return false;
}

/**
 * Whether some Pandoc citation is bracketed (`[@key]`, `[-@key]`). With no bibliography at all and none, the
 * `@name`s of a text are mentions (a README's "thanks to @octocat", a vignette's GitHub handles): Pandoc reads
 * them as citations, but R Markdown and Quarto run citeproc only when a bibliography is named, so they print as
 * written, and an error on each is a false alarm. A bracketed citation shows the text means to cite.
 */
function citesInBrackets(analysis: ResolvedManuscript): boolean {
  return analysis.files.some((f) => f.citations.some((c) => c.style === 'pandoc' && !c.nocite && c.raw.startsWith('[')));
}

/** Keys close to `key`: same up to case first, then the nearest by edit distance (at most a third of the key). */
export function suggestKeys(key: string, keys: string[], index: EntryIndex, limit = 3): string[] {
  const cached = index.suggestions.get(key);
  if (cached) return cached;
  const result = computeSuggestions(key, keys, index, limit);
  index.suggestions.set(key, result);
  return result;
}

function computeSuggestions(key: string, keys: string[], index: EntryIndex, limit: number): string[] {
  const out: string[] = [];
  const sameCase = index.findIgnoringCase(key);
  if (sameCase) out.push(sameCase.key);
  if (keys.length === 0) return out;
  const budget = Math.max(1, Math.floor(key.length / 3));
  const scored: { k: string; d: number }[] = [];
  for (const k of keys) {
    if (Math.abs(k.length - key.length) > budget) continue;
    const d = distance(k.toLowerCase(), key.toLowerCase());
    if (d <= budget) scored.push({ k, d });
  }
  scored.sort((a, b) => a.d - b.d || a.k.localeCompare(b.k));
  for (const s of scored) if (!out.includes(s.k)) out.push(s.k);
  if (out.length === 0) {
    const near = closest(key, keys);
    if (near && distance(near, key) <= budget + 1) out.push(near);
  }
  return out.slice(0, limit);
}
