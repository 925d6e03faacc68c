/**
 * The completion index of a set of bibliographies: their entries sorted by key, and for each entry the text
 * completion matches by (authors, title, year) with its "Smith et al. 2020" label. It belongs with the
 * bibliographies, not with the completion feature, because the pipeline keeps it too: a host stores it with a
 * large file's scan between sessions (`Workspace.scans`) and seeds it back on load.
 *
 * Budget: 20,000 entries in ≤ 15 ms per completion. Matching authors and titles needs each entry's fields;
 * the rows are built lazily within a time budget per request (and by hosts while idle, {@link
 * warmCompletionIndex}); until an entry is indexed completion matches it by key only.
 *
 * Where the state lives: the sorted keys and how far indexing got on the set's first bibliography; each entry's
 * row on the entry, and on its {@link bibtexIdentity} so the entries an edit only moved (`relocate.ts`) are not
 * indexed again (see `util/hiddenField.ts`); and by entry text in the service's {@link EntryTextCaches}, so a
 * file scanned again (new entries, same texts) is not indexed again either.
 */
import type { BibEntry, Bibliography } from '../types';
import { HiddenField } from '../util/hiddenField';
import type { LocatedEntry } from './locator';
import { CompletionSearchBuilder, type CompletionSearch } from './completionSearch';
import { entryTextKey, type CompletionIndexRow, type EntryTextCaches } from './entryTextCaches';
import { bibtexFieldTexts, bibtexIdentity, bibtexSource, entryTextCachesOf } from './parseBibliography';
import { firstScanOf } from './relocate';
import { authorsShort, cslOf, familyNamesLabel, yearOf } from './workLabels';

/** The bibliographies completion offers and their entries by key (an `Analysis` is one). */
export interface IndexedBibliographies {
  readonly bibliographies: readonly Bibliography[];
  readonly entriesByKey: ReadonlyMap<string, BibEntry>;
}

/** One entry of the sorted key list. */
export interface SortedKey {
  entry: BibEntry;
  /** The key in lower case, what the list is sorted and searched by. */
  lower: string;
}

export type { CompletionIndexRow } from './entryTextCaches';

/** What completion matches and shows of one entry. */
type IndexedEntry = CompletionIndexRow;

export type { CompletionSearch } from './completionSearch';

/** The sorted keys of one set of bibliographies, and how many of them are indexed so far. */
export interface CompletionKeys {
  readonly keys: SortedKey[];
  /** Entries of `keys` indexed so far, in order: indexing resumes here. */
  indexed: number;
}

interface KeptKeys extends CompletionKeys {
  bibliographies: readonly Bibliography[];
  size: number;
}

/**
 * The sorted keys of a set of bibliographies, on its first bibliography. Each analysis has its own key map, but
 * the bibliographies behind it are kept by the service while unchanged, so the list survives keystrokes.
 */
const keptKeys = new HiddenField<Bibliography, KeptKeys>('completion keys');
/** An entry's completion row. */
const rows = new HiddenField<BibEntry, IndexedEntry>('completion row');
/** The completion row of an entry text (on its {@link bibtexIdentity}). */
const rowsByIdentity = new HiddenField<object, IndexedEntry>('completion row of the entry text');

/** The word-start index of a set's rows once built, else its builder (`completionSearch.ts`). */
const searchIndexes = new HiddenField<CompletionKeys, CompletionSearch | CompletionSearchBuilder>('completion search index');

/** The set's entries sorted by key (lower case), with the indexing progress. */
export function completionKeys(set: IndexedBibliographies): CompletionKeys {
  const hit = cachedKeys(set);
  if (hit) return hit;
  const entries = set.entriesByKey;
  const first = set.bibliographies[0];
  const keys = [...entries.values()].map((entry) => ({ entry, lower: entry.key.toLowerCase() }));
  keys.sort((a, b) => (a.lower < b.lower ? -1 : a.lower > b.lower ? 1 : 0));
  const kept: KeptKeys = { bibliographies: set.bibliographies.slice(), size: entries.size, keys, indexed: 0 };
  if (first) keptKeys.set(first, kept);
  return kept;
}

function cachedKeys(set: IndexedBibliographies): KeptKeys | undefined {
  const first = set.bibliographies[0];
  const hit = first ? keptKeys.get(first) : undefined;
  if (hit && hit.size === set.entriesByKey.size && hit.bibliographies.length === set.bibliographies.length
    && hit.bibliographies.every((b, i) => b === set.bibliographies[i])) return hit;
  return undefined;
}

/** The entry's completion row if it is indexed. */
export function completionRowOf(entry: BibEntry): CompletionIndexRow | undefined {
  return rows.get(entry);
}

/** The entry's row, indexing the entry now if it is not yet (a bibliography's outline names every entry). */
export function indexedRowOf(entry: BibEntry): CompletionIndexRow {
  return rows.get(entry) ?? indexEntry(entry);
}

/**
 * Indexes authors, titles and years of the entries for matching, for at most `budgetMs`. Returns true when
 * every entry is indexed. Hosts call it when idle ({@link warmCompletionIndex}) so requests rarely have to.
 */
export function indexCompletionKeys(sorted: CompletionKeys, budgetMs: number): boolean {
  const keys = sorted.keys;
  let i = sorted.indexed;
  if (i >= keys.length) return true;
  const deadline = performance.now() + budgetMs;
  for (; i < keys.length; i++) {
    if ((i & 63) === 0 && performance.now() > deadline) break; // the clock costs more than indexing a known entry
    if (!rows.get(keys[i].entry)) indexEntry(keys[i].entry);
  }
  sorted.indexed = i;
  return i >= keys.length;
}

/**
 * Indexes the set's entries for completion for at most `budgetMs`, then (in later calls) builds the word-start
 * index of the rows; returns true when both are done. The server calls it in small slices while idle, so the
 * first completion in a large bibliography already matches titles, and soon without reading every row.
 */
export function warmCompletionIndex(set: IndexedBibliographies, budgetMs = 10): boolean {
  const sorted = completionKeys(set);
  const deadline = performance.now() + budgetMs;
  if (!indexCompletionKeys(sorted, budgetMs)) return false;
  return buildCompletionSearch(sorted, Math.max(0, deadline - performance.now()));
}

/**
 * Builds the word-start index of a completely indexed set's rows for at most `budgetMs` (in slices, resuming);
 * true once it is built. False, doing nothing, while entries are still to be indexed.
 */
export function buildCompletionSearch(sorted: CompletionKeys, budgetMs: number): boolean {
  if (sorted.indexed < sorted.keys.length) return false;
  const known = searchIndexes.get(sorted);
  if (known && !(known instanceof CompletionSearchBuilder)) return true;
  let builder = known;
  if (!builder) {
    builder = new CompletionSearchBuilder(sorted.keys.map((k) => k.lower), (i) => rows.get(sorted.keys[i].entry)?.search ?? '');
    searchIndexes.set(sorted, builder);
  }
  const built = builder.build(budgetMs);
  if (built) searchIndexes.set(sorted, built);
  return built !== undefined;
}

/** The word-start index of the set's rows, once built ({@link buildCompletionSearch}). */
export function completionSearchOf(sorted: CompletionKeys): CompletionSearch | undefined {
  const known = searchIndexes.get(sorted);
  return known instanceof CompletionSearchBuilder ? undefined : known;
}

/**
 * Sorts the set's keys for completion if that is not done yet; true when it did. Sorting a large
 * bibliography's keys takes ~10 ms for 20,000, so a host warming the index in slices makes it a slice of its own.
 */
export function sortCompletionKeys(set: IndexedBibliographies): boolean {
  if (cachedKeys(set)) return false;
  completionKeys(set);
  return true;
}

/**
 * The completion index of a scan's entries as far as it is built, in order, to be kept between sessions: `null`
 * for entries without a key or not indexed (yet). `complete` once every entry completion can offer is indexed —
 * all but a repeated key's later entries, which completion never shows.
 */
export function completionIndexRows(entries: readonly LocatedEntry[]): { rows: (CompletionIndexRow | null)[]; complete: boolean } {
  const out: (CompletionIndexRow | null)[] = new Array(entries.length);
  const seen = new Set<string>();
  let complete = true;
  for (let i = 0; i < entries.length; i++) {
    const entry = entries[i];
    const row = entry.key ? rowsByIdentity.get(firstScanOf(entry)) ?? null : null;
    out[i] = row;
    if (!entry.key || seen.has(entry.key)) continue;
    seen.add(entry.key);
    if (!row) complete = false;
  }
  return { rows: out, complete };
}

/**
 * Makes a kept completion index (from {@link completionIndexRows} of the same text's scan) known for the entries
 * of a scan, so indexing them is a lookup: a 20,000-entry bibliography reopened in a new session is ready for
 * completion at once instead of after ~1 s of indexing.
 */
export function seedCompletionIndex(entries: readonly LocatedEntry[], kept: readonly (CompletionIndexRow | null)[]): void {
  if (kept.length !== entries.length) return;
  for (let i = 0; i < entries.length; i++) {
    const row = kept[i];
    if (row && entries[i].key) rowsByIdentity.set(firstScanOf(entries[i]), row);
  }
}

function indexEntry(entry: BibEntry): IndexedEntry {
  const identity = bibtexIdentity(entry);
  const known = identity && rowsByIdentity.get(identity);
  if (known) return rows.set(entry, known);
  const indexed = indexEntryByText(entry);
  if (identity) rowsByIdentity.set(identity, indexed);
  return rows.set(entry, indexed);
}

/** The entry's row from the service's rows by entry text, else made (and kept there). */
function indexEntryByText(entry: BibEntry): IndexedEntry {
  const caches: EntryTextCaches | null = entryTextCachesOf(entry);
  const text = caches ? bibtexSource(entry) : undefined;
  const key = text === undefined ? undefined : entryTextKey(text);
  const known = key === undefined ? undefined : caches!.completionRows.get(key);
  if (known) return known;
  const indexed = indexFromBibtex(entry) ?? indexFromCsl(entry);
  if (key !== undefined) caches!.completionRows.set(key, indexed);
  return indexed;
}

/** The BibTeX fields completion reads. */
const INDEXED_FIELDS: ReadonlySet<string> = new Set(['author', 'editor', 'title', 'year', 'date']);

/** Authors searched at most per entry: the first are enough to find a work by, and DBLP lists 50. */
const MAX_SEARCHED_NAMES = 8;

/**
 * The sections of a row's `search`, in this order, separated by `|`: the family names (first author first),
 * the title, the given names, the year. Completion ranks a match by the section it falls in, and the first
 * occurrence of a word is in the best section because they come in the order of rank.
 */
export const SEARCH_SECTIONS = ['family', 'title', 'given', 'year'] as const;
export type SearchSection = (typeof SEARCH_SECTIONS)[number];

/**
 * Text as completion matches it: lower case, accents removed ("Müller" → "muller", so `@mul` finds it), every run
 * of other characters than letters and digits one space, with a space before each word (`" deep learning"`).
 */
export function searchWords(text: string): string {
  const words = text.normalize('NFD').replace(/\p{M}+/gu, '').toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
  return words ? ' ' + words : '';
}

/** A row's `search` text from its sections (see {@link SEARCH_SECTIONS}). */
function searchText(families: readonly string[], title: string, given: readonly string[], year: string): string {
  return [families.join(' '), title, given.join(' '), year].map(searchWords).join('|');
}

/**
 * BibTeX entries are indexed from their plain field texts (~0.01 ms each) rather than their CSL (~0.1 ms, and
 * ~5 KB of memory each): a 20,000-entry bibliography is ready for completion in a fraction of a second and
 * citation-js converts only the entries someone hovers or cites.
 */
function indexFromBibtex(entry: BibEntry): IndexedEntry | null {
  const fields = bibtexFieldTexts(entry, INDEXED_FIELDS);
  if (!fields) return null;
  const people = fields.author || fields.editor || '';
  const names = people ? people.split(/\s+and\s+/i).map((n) => n.trim()).filter(Boolean) : [];
  const parts = names.map((n) => (n === 'others' ? null : bibtexNameParts(n))).filter((p): p is NameParts => !!p && !!p.family);
  const families = parts.map((p) => p.family);
  const year = /\d{4}/.exec(fields.year || fields.date || '')?.[0] ?? '';
  const authors = familyNamesLabel(families, { etAl: names.length > families.length });
  const title = fields.title ?? '';
  const searched = parts.slice(0, MAX_SEARCHED_NAMES);
  return {
    short: [authors, year].filter(Boolean).join(' '),
    title,
    search: searchText(searched.map((p) => p.family), title, searched.map((p) => p.given), year),
  };
}

interface NameParts {
  family: string;
  given: string;
}

/** Family and given names in BibTeX's name forms: `Family, Given`, `von Family, Jr, Given`, `Given Family`, `{Corporate Name}`. */
function bibtexNameParts(name: string): NameParts {
  const comma = name.indexOf(',');
  if (comma >= 0) return { family: name.slice(0, comma).trim(), given: name.slice(name.lastIndexOf(',') + 1).trim() };
  const words = name.split(/\s+/);
  return { family: words[words.length - 1], given: words.slice(0, -1).join(' ') };
}

function indexFromCsl(entry: BibEntry): IndexedEntry {
  const csl = cslOf(entry);
  if (!csl) return { short: '', title: '', search: '' };
  const year = String(yearOf(csl) ?? '');
  const title = typeof csl.title === 'string' ? csl.title : '';
  const people = [...(csl.author?.length ? csl.author : csl.editor ?? [])].slice(0, MAX_SEARCHED_NAMES);
  const families = people.map((p) => p.family ?? p.literal ?? '').filter(Boolean);
  const given = people.map((p) => p.given ?? '').filter(Boolean);
  return { short: [authorsShort(csl), year].filter(Boolean).join(' '), title, search: searchText(families, title, given, year) };
}
