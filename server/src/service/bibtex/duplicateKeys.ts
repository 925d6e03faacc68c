/**
 * `duplicate-bib-key`: a key defined twice in one bibliography file, or twice up to letter case
 * (BibTeX compares keys case-insensitively, so `Smith2020` and `smith2020` clash there even though
 * Pandoc would keep them apart).
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
    const folded = entry.key.toLowerCase();
    const earlier = first.get(folded);
    if (!earlier) {
      first.set(folded, entry);
      continue;
    }
    if (!report(earlier, entry)) continue;
    const facts = { kind: 'definition', key: entry.key, firstKey: earlier.key, firstUri: earlier.uri === entry.uri ? null : earlier.uri } as const;
    const related = [{ uri: uri ?? earlier.uri, span: earlier.keySpan, message: `First definition of "${earlier.key}"` }];
    problems.push(problem('duplicate-bib-key', uri ?? entry.uri, entry.keySpan, facts, related));
  }
  return problems;
}
