/**
 * BibTeX/BibLaTeX text → {@link Bibliography}. The locator finds entries, keys and syntax problems
 * at once (fast, positions exact); each entry's fields are converted to CSL-JSON by citation-js only
 * when someone asks (`getCsl()`), one entry at a time, shared by entry text through the service's
 * {@link EntryTextCaches} — so a broken entry costs only itself, and keys and diagnostics are ready long before
 * fields are.
 */
import { problem } from '../problems/problem';
import type { BibEntry, Bibliography, CslItem, Problem, Span } from '../types';
import { HiddenField } from '../util/hiddenField';
import { convertEntry, type Conversion } from './convertEntry';
import type { EntryTextCaches } from './entryTextCaches';
import { runSteps, runStepsInSlices } from '../slices';
import { duplicateKeyProblemSteps, STEP } from './duplicateKeys';
import { locateBibEntries, locateBibEntriesInSlices, scanEntryFields, type LocatedBibliography, type LocatedEntry, type SliceOptions } from './locator';
import { firstScanOf } from './relocate';
import { texToPlain } from './texToPlain';

/** State shared by the entries of one parsed file. */
class FileContext {
  /** The service's caches by entry text (a private field: not part of the bibliography's data). */
  readonly #texts: EntryTextCaches | null;

  constructor(readonly uri: string, readonly text: string, readonly problems: Problem[], texts: EntryTextCaches | null) {
    this.#texts = texts;
  }

  get texts(): EntryTextCaches | null {
    return this.#texts;
  }

  convert(entry: LocatedEntry): Conversion {
    return convertEntry(this.text, entry, this.#texts?.conversions ?? null);
  }
}

/** A located BibTeX entry whose fields are converted on first use. */
class BibTexEntry implements BibEntry {
  readonly key: string;
  readonly type: string;
  readonly span: Span;
  readonly keySpan: Span;
  private conversion: Conversion | undefined;

  constructor(private readonly file: FileContext, readonly located: LocatedEntry) {
    this.key = located.key;
    this.type = located.type;
    this.span = located.span;
    this.keySpan = located.keySpan;
  }

  get uri(): string {
    return this.file.uri;
  }

  get fileText(): string {
    return this.file.text;
  }

  get texts(): EntryTextCaches | null {
    return this.file.texts;
  }

  getCsl(): CslItem | null {
    if (!this.conversion) {
      this.conversion = this.file.convert(this.located);
      if (this.conversion.error) {
        // Reported lazily: the locator rejects what citation-js's grammar rejects, so this is rare.
        const at = this.span.start + this.conversion.error.offset;
        const span = { start: Math.min(at, this.span.end - 1), end: Math.min(at + 1, this.span.end) };
        this.file.problems.push(problem('bib-syntax', this.file.uri, span, { kind: 'citation-js', key: this.key, error: this.conversion.error.message }));
      }
    }
    return this.conversion.item;
  }
}

/**
 * Reads a BibTeX/BibLaTeX file. Never throws: syntax errors become `bib-syntax` problems at their
 * position and the other entries still load; repeated keys become `duplicate-bib-key`.
 *
 * `problems` may grow later by one `bib-syntax` problem per entry whose syntax citation-js rejects
 * when its `getCsl()` is first called (rare: the locator already reports what citation-js rejects).
 *
 * @example
 * const bib = parseBibliography('file:///refs.bib', '@article{smith2020, title = {Deep {L}earning}, year = 2020}');
 * bib.entries[0].key;              // "smith2020"
 * bib.entries[0].getCsl()?.title;  // "Deep Learning"
 */
export function parseBibliography(uri: string, text: string): Bibliography {
  return bibliographyOf(uri, text, locateBibEntries(text));
}

/**
 * {@link parseBibliography} with the scan done in slices (see {@link locateBibEntriesInSlices}), for hosts
 * that must keep answering requests while a large file loads, with the service's caches by entry text.
 * Same result.
 */
export async function parseBibliographyInSlices(uri: string, text: string, options: SliceOptions, texts: EntryTextCaches | null): Promise<Bibliography> {
  return bibliographyOfInSlices(uri, text, await locateBibEntriesInSlices(text, options), options, texts);
}

/** On each bibliography read from BibTeX, the scan it was built from, for re-scanning only what an edit changed (`relocate.ts`). */
const scans = new HiddenField<Bibliography, LocatedBibliography>('scan');

/** The scan `bib` was built from, if it was read from BibTeX. */
export function scanOf(bib: Bibliography): LocatedBibliography | undefined {
  return scans.get(bib);
}

/**
 * A bibliography from a finished scan of `text`. Entries convert lazily, as with {@link parseBibliography},
 * sharing what is derived from their texts through `texts`, the service's caches, or each on its own (null, the
 * default).
 */
export function bibliographyOf(uri: string, text: string, located: LocatedBibliography, texts: EntryTextCaches | null = null): Bibliography {
  return runSteps(bibliographySteps(uri, text, located, texts));
}

/**
 * {@link bibliographyOf} with pauses: its entries and duplicate keys are gathered a few milliseconds at a time
 * (`options.sliceMs`, default 20) with `options.pause()` between slices. For 20,000 entries this was ~25 ms in
 * one go, right after the sliced scan. Same result.
 */
export function bibliographyOfInSlices(uri: string, text: string, located: LocatedBibliography, options: SliceOptions, texts: EntryTextCaches | null = null): Promise<Bibliography> {
  return runStepsInSlices(bibliographySteps(uri, text, located, texts), options);
}

/** The work of {@link bibliographyOf}, yielding every few hundred entries. */
function* bibliographySteps(uri: string, text: string, located: LocatedBibliography, texts: EntryTextCaches | null): Generator<void, Bibliography> {
  const file = new FileContext(uri, text, [], texts);
  const entries: BibEntry[] = [];
  for (let i = 0; i < located.entries.length; i++) {
    if (i % STEP === STEP - 1) yield;
    const entry = located.entries[i];
    if (entry.key) entries.push(new BibTexEntry(file, entry));
  }
  for (const issue of located.issues) {
    file.problems.push(problem('bib-syntax', uri, issue.span, { kind: 'bibtex', issue: issue.message }));
  }
  file.problems.push(...(yield* duplicateKeyProblemSteps(uri, entries)));
  file.problems.sort((a, b) => a.span.start - b.span.start);
  const bib: Bibliography = { uri, entries, problems: file.problems };
  scans.set(bib, located);
  return bib;
}

/** Lower-case field names of a BibTeX entry as written (undefined for entries not read from BibTeX). */
export function bibtexFieldNames(entry: BibEntry): readonly string[] | undefined {
  return entry instanceof BibTexEntry ? entry.located.fields : undefined;
}

/**
 * Fast plain-text field values of a BibTeX entry, without citation-js (~0.01 ms per entry instead
 * of ~0.1): lower-case field name → text (`{\"u}` → `ü`, braces and commands dropped). Meant for
 * whole-bibliography statistics (topic fit over thousands of entries); use `getCsl()` for exact
 * names and dates. Undefined for entries not read from BibTeX.
 *
 * @example
 * bibtexFieldTexts(entry) // { title: "Über Physik", author: "Müller, Jörg and Doe, J.", year: "2020", … }
 */
export function bibtexFieldTexts(entry: BibEntry, only?: ReadonlySet<string>): Record<string, string> | undefined {
  if (!(entry instanceof BibTexEntry)) return undefined;
  const text = entry.fileText;
  const out: Record<string, string> = {};
  for (const field of scanEntryFields(text, entry.located)) {
    // `only` skips converting what the caller does not read (abstracts are most of a file's text).
    if (!(field.name in out) && (!only || only.has(field.name))) out[field.name] = texToPlain(text.slice(field.valueSpan.start, field.valueSpan.end));
  }
  return out;
}

/**
 * An object that stands for a BibTeX entry's exact text while its file is edited elsewhere: the same object
 * for the entry in every version of the file where only other entries changed (`relocate.ts`), so memos of
 * things derived from the text can be kept on it (`util/hiddenField.ts`). Undefined for entries not read from
 * BibTeX.
 */
export function bibtexIdentity(entry: BibEntry): object | undefined {
  return entry instanceof BibTexEntry ? firstScanOf(entry.located) : undefined;
}

/**
 * The source text of a BibTeX entry (from `@` to its closing brace), e.g. to key caches of things derived
 * from it so an edited file re-derives only its edited entries. Undefined for entries not read from BibTeX.
 */
export function bibtexSource(entry: BibEntry): string | undefined {
  return entry instanceof BibTexEntry ? entry.fileText.slice(entry.span.start, entry.span.end) : undefined;
}

/** The service's caches by entry text that a BibTeX entry was read with; null for one-shot reads and other formats. */
export function entryTextCachesOf(entry: BibEntry): EntryTextCaches | null {
  return entry instanceof BibTexEntry ? entry.texts : null;
}

/** The `crossref` target of a BibTeX entry, if it has one. */
export function bibtexCrossref(entry: BibEntry): string | undefined {
  return entry instanceof BibTexEntry ? entry.located.crossref : undefined;
}
