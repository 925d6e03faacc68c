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
 * (repeats inside one file are already in that file's `problems`). Reported in the later file — unless the two
 * are one work (`sameWork`, given by the caller: `resolve.sameWork`): the same entry in a chapter's `.bib` and the
 * thesis's, or in a library and a project's export. Pandoc then takes either and prints the same reference, so
 * there is nothing ambiguous to report.
 */
export function crossFileDuplicateKeyProblems(bibliographies: readonly Bibliography[], sameWork: (a: BibEntry, b: BibEntry) => boolean = () => false): Problem[] {
  if (bibliographies.length < 2) return []; // runs on every analysis: skip 20,000 lower-casings for nothing
  return runSteps(duplicates(bibliographies.flatMap((b) => b.entries), (earlier, later) => earlier.uri !== later.uri && !sameWork(earlier, later)));
}

/** Yields every {@link STEP} entries. */
function* duplicates(entries: readonly BibEntry[], report: (earlier: BibEntry, later: BibEntry) => boolean, uri?: string): Generator<void, Problem[]> {
  const seen = new KeyDefinitions();
  const problems: Problem[] = [];
  for (let i = 0; i < entries.length; i++) {
    if (i % STEP === STEP - 1) yield;
    const entry = entries[i];
    if (!entry.key) continue;
    const earlier = seen.earlier(entry);
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
 * The keys defined so far, for finding each entry's earlier definition ({@link KeyDefinitions.earlier}): an exact
 * repeat, or a BibTeX key repeating a BibTeX key up to case.
 *
 * Budget: this runs over every entry when a bibliography is read and again for each new entry index, so after an
 * edit of one entry of a 35,000-entry file twice. A map keyed by each key and by its lower-cased form cost
 * ~40–90 ms a pass (two fresh strings per entry to make and hash); here the entries are grouped by a hash of the
 * key's lower-cased characters, computed without making the string (BibTeX keys are ASCII but for rare ones), and
 * keys are compared only within a group, where a repeat is.
 */
export class KeyDefinitions {
  /** The entries seen so far, in order, and the hash of each key's lower-cased form. */
  private readonly entries: BibEntry[] = [];
  private hashes = new Int32Array(1024);
  /** Open addressing (linear probing) by that hash: 1 + an index into `entries`, 0 for an empty slot. */
  private slots = new Int32Array(2048);

  /**
   * The earlier definition `entry`'s key repeats, among the entries seen so far, which it joins: the first entry
   * with exactly its key, else (for a BibTeX entry) the first BibTeX entry with its key up to case.
   */
  earlier(entry: BibEntry): BibEntry | undefined {
    const h = foldedHash(entry.key);
    const mask = this.slots.length - 1;
    let exact: BibEntry | undefined;
    let folded: BibEntry | undefined;
    let slot = h & mask;
    // Entries of the same hash sit along the probe sequence in the order they came: the first found is the first.
    for (let at = this.slots[slot]; at !== 0; slot = (slot + 1) & mask, at = this.slots[slot]) {
      if (this.hashes[at - 1] !== h) continue;
      const other = this.entries[at - 1];
      if (other.key === entry.key) {
        exact = other;
        break;
      }
      if (!folded && !isCslEntry(other) && other.key.toLowerCase() === entry.key.toLowerCase()) folded = other;
    }
    this.add(entry, h);
    return exact ?? (isCslEntry(entry) ? undefined : folded);
  }

  private add(entry: BibEntry, h: number): void {
    const n = this.entries.length;
    if (n === this.hashes.length) {
      const hashes = new Int32Array(n * 2);
      hashes.set(this.hashes);
      this.hashes = hashes;
    }
    this.entries.push(entry);
    this.hashes[n] = h;
    if ((n + 1) * 2 > this.slots.length) {
      // Rehash in the order of arrival, so each probe sequence keeps it.
      this.slots = new Int32Array(this.slots.length * 2);
      for (let i = 0; i < n; i++) this.place(i);
    }
    this.place(n);
  }

  private place(i: number): void {
    const mask = this.slots.length - 1;
    let slot = this.hashes[i] & mask;
    while (this.slots[slot] !== 0) slot = (slot + 1) & mask;
    this.slots[slot] = i + 1;
  }
}

/** FNV-1a of `key.toLowerCase()`, computed without making the string when the key is ASCII (31 bits). */
function foldedHash(key: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) {
    let c = key.charCodeAt(i);
    if (c >= 128) return foldedHashOf(key.toLowerCase());
    if (c >= 65 && c <= 90) c += 32;
    h = Math.imul(h ^ c, 0x01000193);
  }
  return h >>> 1;
}

function foldedHashOf(lower: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < lower.length; i++) h = Math.imul(h ^ lower.charCodeAt(i), 0x01000193);
  return h >>> 1;
}
