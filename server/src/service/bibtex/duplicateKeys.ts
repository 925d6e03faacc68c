/**
 * `duplicate-bib-key`: a key defined twice in one bibliography file, or twice up to letter case in BibTeX
 * (BibTeX compares keys case-insensitively, so `Smith2020` and `smith2020` clash there even though
 * Pandoc would keep them apart). CSL-JSON/YAML ids (and Pandoc's inline `references:`) are compared exactly:
 * BibTeX's rule is not theirs, and `Smith2020` and `smith2020` there are two works.
 */
import { runSteps } from '../slices';
import { problem } from '../problems/problem';
import type { BibEntry, Bibliography, Problem } from '../types';

/** Entries between the steps of a stepwise computation (~0.1 ms of work). */
export const STEP = 256;

/**
 * One problem per repeated definition, on the later key, with the first definition as related
 * information.
 *
 * @example
 * // @article{smith2020,…} … @book{Smith2020,…}
 * // → duplicate-bib-key on "Smith2020": 'The key "Smith2020" is already used by an earlier entry ("smith2020")…'
 */
export function duplicateKeyProblems(uri: string, entries: readonly BibEntry[]): Problem[] {
  return runSteps(duplicates(entries, () => true, uri));
}

/**
 * {@link duplicateKeyProblems} as steps: the generator yields every few hundred entries so a host can pause
 * between slices (`bibliographyOfInSlices`); its return value is the same list.
 */
export function duplicateKeyProblemSteps(uri: string, entries: readonly BibEntry[]): Generator<void, Problem[]> {
  return duplicates(entries, () => true, uri);
}

/**
 * `duplicate-bib-key` for keys defined in two different files of one manuscript's bibliographies
 * (repeats inside one file are already in that file's `problems`). Reported in the later file.
 */
export function crossFileDuplicateKeyProblems(bibliographies: readonly Bibliography[]): Problem[] {
  if (bibliographies.length < 2) return []; // runs on every analysis: skip 20,000 lower-casings for nothing
  return runSteps(duplicates(bibliographies.flatMap((b) => b.entries), (earlier, later) => earlier.uri !== later.uri));
}

/** Yields every {@link STEP} entries. */
function* duplicates(entries: readonly BibEntry[], report: (earlier: BibEntry, later: BibEntry) => boolean, uri?: string): Generator<void, Problem[]> {
  const first = new Map<string, BibEntry>();
  const problems: Problem[] = [];
  for (let i = 0; i < entries.length; i++) {
    if (i % STEP === STEP - 1) yield;
    const entry = entries[i];
    if (!entry.key) continue;
    const earlier = earlierDefinition(first, entry);
    if (!earlier) continue;
    if (!report(earlier, entry)) continue;
    const facts = { kind: 'definition', key: entry.key, firstKey: earlier.key, firstUri: earlier.uri === entry.uri ? null : earlier.uri } as const;
    const related = [{ uri: uri ?? earlier.uri, span: earlier.keySpan, message: `First definition of "${earlier.key}"` }];
    problems.push(problem('duplicate-bib-key', uri ?? entry.uri, entry.keySpan, facts, related));
  }
  return problems;
}

/** Whether `entry` comes from a CSL-JSON/YAML file or a Markdown front matter's `references:` (not BibTeX). */
export function isCslEntry(entry: BibEntry): boolean {
  return !/\.(bib|bibtex)$/i.test(entry.uri);
}

/**
 * The entry `entry`'s key repeats, among those `seen` so far, which it joins: an exact repeat, or a BibTeX key
 * repeating a BibTeX key up to case. `seen` holds every key exactly and BibTeX keys also folded (`\0` + lower case).
 */
export function earlierDefinition(seen: Map<string, BibEntry>, entry: BibEntry): BibEntry | undefined {
  const bibtex = !isCslEntry(entry);
  const folded = bibtex ? `\0${entry.key.toLowerCase()}` : null;
  const earlier = seen.get(entry.key) ?? (folded === null ? undefined : seen.get(folded));
  if (!seen.has(entry.key)) seen.set(entry.key, entry);
  if (folded !== null && !seen.has(folded)) seen.set(folded, entry);
  return earlier;
}
