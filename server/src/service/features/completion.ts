/**
 * Completion of citations: keys after `[@`, `; @` and a narrative `@` (matching key, author, title or year),
 * and numbers after `[` in numeric manuscripts (each showing its reference). Nothing inside code, math,
 * comments or front matter (`Manuscript.excluded`). More kinds (taxonomy terms) plug in as
 * {@link CompletionProvider}s.
 *
 * Budget: 20,000 entries in ≤ 15 ms. Matching authors and titles needs each entry's CSL fields, which cost
 * ~0.1 ms each to convert, so the search text is built lazily within a time budget per request and cached per
 * entry; until an entry is indexed it matches on its key, and the result says it is incomplete so the editor
 * asks again as the user types.
 */
import type { Analysis } from '../analysis';
import type { BibEntry, Bibliography, Manuscript, Span } from '../types';
import { bibtexFieldTexts, bibtexIdentity, bibtexSource } from '../bibtex/parseBibliography';
import type { LocatedEntry } from '../bibtex/locator';
import { firstScanOf } from '../bibtex/relocate';
import { describeEntry, type HoverOptions } from './hover';
import { fileIndex } from './locate';
import { authorsAll, authorsShort, cslOf, yearOf } from './referenceText';

export interface CompletionEntry {
  label: string;
  kind: 'key' | 'number' | 'term';
  /** Short text beside the label ("Smith et al. 2020"). */
  description?: string;
  /** One line under the label (the title). */
  detail?: string;
  /** Markdown documentation; for keys it is filled in by the resolve step (`resolveKeyDocumentation`). */
  documentation?: string;
  insertText: string;
  filterText: string;
  sortText: string;
  /** Round-tripped to the resolve step. */
  data?: { key?: string; number?: number };
}

export interface CompletionResult {
  /** The text the chosen item replaces (the partly typed key or number). */
  span: Span;
  items: CompletionEntry[];
  /** True when typing more may bring items not listed now (cap reached or index still being built). */
  isIncomplete: boolean;
}

export interface CompletionContext {
  analysis: Analysis;
  manuscript: Manuscript;
  offset: number;
  /** The user asked for completion explicitly (Ctrl+Space) rather than by typing. */
  explicit: boolean;
}

/** One kind of completion; returns null when the cursor is not in its context. */
export type CompletionProvider = (context: CompletionContext) => CompletionResult | null;

export interface CompletionOptions {
  explicit?: boolean;
  /** Providers tried after the built-in key and number completions. */
  providers?: CompletionProvider[];
  /** Maximum number of keys returned (default 200). */
  limit?: number;
  /** Milliseconds a request may spend indexing authors and titles (default 4). */
  indexBudgetMs?: number;
}

export function getCompletions(analysis: Analysis, path: string, offset: number, options: CompletionOptions = {}): CompletionResult | null {
  const file = fileIndex(analysis, path);
  if (file < 0) return null;
  const manuscript = analysis.files[file];
  if (isExcluded(manuscript, offset)) return null;
  const context: CompletionContext = { analysis, manuscript, offset, explicit: options.explicit ?? false };
  const keys = completeKeys(context, options);
  if (keys) return keys;
  const numbers = completeNumbers(context);
  if (numbers) return numbers;
  for (const provider of options.providers ?? []) {
    try {
      const result = provider(context);
      if (result) return result;
    } catch {
      // one failing provider must not hide the others
    }
  }
  return null;
}

function isExcluded(manuscript: Manuscript, offset: number): boolean {
  return manuscript.excluded.some((s) => s.start < offset && offset < s.end);
}

// ---------------------------------------------------------------------------------------------
// Keys
// ---------------------------------------------------------------------------------------------

const KEY_CHAR = /[\p{L}\p{N}_:.#$%&\-+?<>~/]/u;
const CROSS_REFERENCE = /^(?:fig|tbl|eq|sec|lst):/i;
/** What may stand before the `@` of a citation: not a word character (that would be an e-mail address). */
const BEFORE_AT = /[\s[;\-(]/;

/** The key being typed at `offset`: `@smi|` → span of `smi` (plus key characters after the cursor). */
export function keyContext(text: string, offset: number): { span: Span; prefix: string; braced: boolean } | null {
  let start = offset;
  while (start > 0 && KEY_CHAR.test(text[start - 1]) && offset - start < 200) start--;
  let braced = false;
  if (text[start - 1] === '{' && text[start - 2] === '@') {
    braced = true;
  } else if (text[start - 1] !== '@') return null;
  const at = start - (braced ? 2 : 1);
  if (at > 0 && !BEFORE_AT.test(text[at - 1])) return null;
  let end = offset;
  while (end < text.length && KEY_CHAR.test(text[end]) && end - offset < 200) end++;
  return { span: { start, end }, prefix: text.slice(start, offset), braced };
}

function completeKeys(context: CompletionContext, options: CompletionOptions): CompletionResult | null {
  const { analysis, manuscript, offset } = context;
  const at = keyContext(manuscript.text, offset);
  // `@fig:…`, `@tbl:…`, `@eq:…`, `@sec:…` are cross-references (pandoc-crossref), not citations.
  if (!at || CROSS_REFERENCE.test(at.prefix)) return null;
  const limit = options.limit ?? 200;
  const keys = sortedKeys(analysis);
  const indexComplete = indexEntries(keys, options.indexBudgetMs ?? 4);
  const words = at.prefix.toLowerCase().split(/[\s:;,./-]+/).filter(Boolean);
  const needles = words.map((w) => ' ' + w);
  const prefix = at.prefix.toLowerCase();
  // Keys come sorted, so those starting with the prefix (rank 0) are one run found by binary search; the rest
  // is scanned only when that run is shorter than `limit`, and authors and titles only while rank-2 slots are
  // left (a key containing the prefix, rank 1, is still looked for: it goes before them).
  const buckets: SortedKey[][] = [[], [], []];
  let more = false;
  const first = lowerBound(keys, prefix);
  let last = first;
  while (last < keys.length && keys[last].lower.startsWith(prefix)) last++;
  buckets[0] = keys.slice(first, Math.min(last, first + limit));
  if (last - first >= limit) more = last - first > limit || last < keys.length;
  else {
    const room = limit - buckets[0].length;
    for (let i = 0; i < keys.length; i++) {
      if (i === first) i = last;
      if (i >= keys.length) break;
      const key = keys[i];
      if (key.lower.includes(prefix)) {
        if (buckets[1].length < room) buckets[1].push(key);
        else more = true;
      } else if (buckets[1].length + buckets[2].length < room) {
        if (matchRank(key.lower, index.get(key.entry) ?? null, prefix, words, needles) === 2) buckets[2].push(key);
      } else if (words.length) more = true;
    }
  }
  const chosen = buckets.flatMap((bucket, rank) => bucket.map((key) => ({ key, rank })));
  more ||= chosen.length > limit;
  const items = chosen.slice(0, limit).map(({ key, rank }, i): CompletionEntry => {
    const indexed = index.get(key.entry);
    const label = key.entry.key;
    return {
      label,
      kind: 'key',
      description: indexed?.short || undefined,
      detail: indexed?.title || undefined,
      insertText: label,
      // The editor filters by the typed text; a title or author match must survive that filter.
      filterText: rank >= 2 && at.prefix ? `${at.prefix} ${label}` : label,
      sortText: `${rank}${String(i).padStart(6, '0')}`,
      data: { key: label },
    };
  });
  return { span: at.span, items, isIncomplete: more || !indexComplete };
}

interface SortedKey {
  entry: BibEntry;
  lower: string;
}

/** Index of the first key not below `prefix` (keys sorted by `lower`). */
function lowerBound(keys: SortedKey[], prefix: string): number {
  let lo = 0;
  let hi = keys.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (keys[mid].lower < prefix) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * The analysis' entries sorted by key. Each analysis has its own key map, but the bibliographies behind it are
 * cached by the service, so the sorted list is kept per bibliography set and survives keystrokes.
 */
const sortedCache = new WeakMap<Bibliography, { bibliographies: Bibliography[]; size: number; sorted: SortedKey[] }>();

function sortedKeys(analysis: Analysis): SortedKey[] {
  const hit = cachedSortedKeys(analysis);
  if (hit) return hit;
  const entries = analysis.entriesByKey;
  const first = analysis.bibliographies[0];
  const sorted = [...entries.values()].map((entry) => ({ entry, lower: entry.key.toLowerCase() }));
  sorted.sort((a, b) => (a.lower < b.lower ? -1 : a.lower > b.lower ? 1 : 0));
  if (first) sortedCache.set(first, { bibliographies: analysis.bibliographies.slice(), size: entries.size, sorted });
  return sorted;
}

function cachedSortedKeys(analysis: Analysis): SortedKey[] | undefined {
  const first = analysis.bibliographies[0];
  const hit = first ? sortedCache.get(first) : undefined;
  if (hit && hit.size === analysis.entriesByKey.size && hit.bibliographies.length === analysis.bibliographies.length
    && hit.bibliographies.every((b, i) => b === analysis.bibliographies[i])) return hit.sorted;
  return undefined;
}

interface IndexedEntry {
  /** "Smith et al. 2020" */
  short: string;
  title: string;
  /** ` ` + lower-cased words of the authors, title and year, each after a space, for word-start matching. */
  search: string;
}

/** One entry's completion index, as a host may keep it between sessions (`Workspace.scans`). */
export type CompletionIndexRow = Readonly<IndexedEntry>;

const index = new WeakMap<BibEntry, IndexedEntry>();
/** How far `indexEntries` got through each key list, so a call resumes where the last one stopped. */
const progress = new WeakMap<SortedKey[], number>();

/**
 * Indexes authors, titles and years of the entries for matching, for at most `budgetMs`. Returns true when
 * every entry is indexed. Hosts call it when idle (`warmCompletionIndex`) so requests rarely have to.
 */
function indexEntries(keys: SortedKey[], budgetMs: number): boolean {
  let i = progress.get(keys) ?? 0;
  if (i >= keys.length) return true;
  const deadline = performance.now() + budgetMs;
  for (; i < keys.length; i++) {
    if ((i & 63) === 0 && performance.now() > deadline) break; // the clock costs more than indexing a known entry
    if (!index.has(keys[i].entry)) indexEntry(keys[i].entry);
  }
  progress.set(keys, i);
  return i >= keys.length;
}

/**
 * Indexes the analysis' entries for completion for at most `budgetMs`; returns true when done. The server calls
 * it in small slices while idle, so the first completion in a large bibliography already matches titles.
 */
export function warmCompletionIndex(analysis: Analysis, budgetMs = 10): boolean {
  return indexEntries(sortedKeys(analysis), budgetMs);
}

/**
 * Sorts the analysis' keys for completion if that is not done yet; true when it did. Sorting a large
 * bibliography's keys takes ~10 ms for 20,000, so a host warming the index in slices makes it a slice of its own.
 */
export function sortCompletionKeys(analysis: Analysis): boolean {
  if (cachedSortedKeys(analysis)) return false;
  sortedKeys(analysis);
  return true;
}

/**
 * Indexed entries by BibTeX source text (hashed): an edited or reopened file's unchanged entries are new objects with
 * the same text, and are not indexed again. Bounded; the oldest go first.
 */
const indexedBySource = new Map<string, IndexedEntry>();
const MAX_INDEXED_SOURCES = 60_000;

/**
 * A cache key for an entry's source: its length and a 53-bit hash. Keying by the text itself would keep
 * each version of the file alive (a slice holds its whole parent string) for as long as one key of it does.
 */
function sourceKey(source: string): string {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < source.length; i++) {
    const c = source.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return `${source.length}:${(h2 >>> 0).toString(36)}${(h1 >>> 0).toString(36)}`;
}

/** Indexed entries by {@link bibtexIdentity}: entries an edit only moved are found without hashing. */
const indexedByIdentity = new WeakMap<object, IndexedEntry>();

/**
 * The completion index of a scan's entries as far as it is built, in order, to be kept between sessions: `null`
 * for entries without a key or not indexed (yet). `complete` once every entry completion can offer is indexed —
 * all but a repeated key's later entries, which completion never shows.
 */
export function completionIndexRows(entries: readonly LocatedEntry[]): { rows: (CompletionIndexRow | null)[]; complete: boolean } {
  const rows: (CompletionIndexRow | null)[] = new Array(entries.length);
  const seen = new Set<string>();
  let complete = true;
  for (let i = 0; i < entries.length; i++) {
    const entry = entries[i];
    const row = entry.key ? indexedByIdentity.get(firstScanOf(entry)) ?? null : null;
    rows[i] = row;
    if (!entry.key || seen.has(entry.key)) continue;
    seen.add(entry.key);
    if (!row) complete = false;
  }
  return { rows, complete };
}

/**
 * Makes a kept completion index (from {@link completionIndexRows} of the same text's scan) known for the entries
 * of a scan, so indexing them is a lookup: a 20,000-entry bibliography reopened in a new session is ready for
 * completion at once instead of after ~1 s of indexing.
 */
export function seedCompletionIndex(entries: readonly LocatedEntry[], rows: readonly (CompletionIndexRow | null)[]): void {
  if (rows.length !== entries.length) return;
  for (let i = 0; i < entries.length; i++) {
    const row = rows[i];
    if (row && entries[i].key) indexedByIdentity.set(firstScanOf(entries[i]), row);
  }
}

function indexEntry(entry: BibEntry): IndexedEntry {
  const identity = bibtexIdentity(entry);
  const known = identity && indexedByIdentity.get(identity);
  if (known) {
    index.set(entry, known);
    return known;
  }
  const indexed = indexEntryBySource(entry);
  if (identity) indexedByIdentity.set(identity, indexed);
  return indexed;
}

function indexEntryBySource(entry: BibEntry): IndexedEntry {
  const text = bibtexSource(entry);
  const source = text === undefined ? undefined : sourceKey(text);
  let indexed = source === undefined ? undefined : indexedBySource.get(source);
  if (!indexed) {
    indexed = indexFromBibtex(entry) ?? indexFromCsl(entry);
    if (source !== undefined) {
      if (indexedBySource.size >= MAX_INDEXED_SOURCES) indexedBySource.delete(indexedBySource.keys().next().value!);
      indexedBySource.set(source, indexed);
    }
  }
  index.set(entry, indexed);
  return indexed;
}

/** The BibTeX fields completion reads. */
const INDEXED_FIELDS: ReadonlySet<string> = new Set(['author', 'editor', 'title', 'year', 'date']);

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
  const families = names.map((n) => (n === 'others' ? '' : familyName(n))).filter(Boolean);
  const others = names.length > families.length;
  const year = /\d{4}/.exec(fields.year || fields.date || '')?.[0] ?? '';
  const authors = families.length === 0 ? ''
    : families.length === 1 && !others ? families[0]
      : families.length === 2 && !others ? `${families[0]} & ${families[1]}`
        : `${families[0]} et al.`;
  const title = fields.title ?? '';
  return {
    short: [authors, year].filter(Boolean).join(' '),
    title,
    // The first authors are enough to find a work by; DBLP lists of 50 names would double the index's memory.
    search: ` ${names.slice(0, MAX_SEARCHED_NAMES).join(' ')} ${title} ${year}`.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' '),
  };
}

const MAX_SEARCHED_NAMES = 8;

/** BibTeX's name forms: `Family, Given`, `von Family, Jr, Given`, `Given Family`, `{Corporate Name}`. */
function familyName(name: string): string {
  const comma = name.indexOf(',');
  if (comma >= 0) return name.slice(0, comma).trim();
  const words = name.split(/\s+/);
  return words[words.length - 1];
}

function indexFromCsl(entry: BibEntry): IndexedEntry {
  const csl = cslOf(entry);
  const year = csl ? yearOf(csl) : '';
  return csl
    ? {
        short: [authorsShort(csl), year].filter(Boolean).join(' '),
        title: typeof csl.title === 'string' ? csl.title : '',
        search: ` ${authorsAll(csl)} ${csl.title ?? ''} ${year}`.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' '),
      }
    : { short: '', title: '', search: '' };
}

/** 0: key starts with the prefix; 1: key contains it; 2: a word of the authors/title/year starts with each typed word. */
function matchRank(key: string, indexed: IndexedEntry | null, prefix: string, words: string[], needles: string[]): number {
  if (!prefix || key.startsWith(prefix)) return 0;
  if (key.includes(prefix)) return 1;
  if (!indexed || words.length === 0) return -1;
  for (let i = 0; i < words.length; i++) {
    if (!indexed.search.includes(needles[i]) && !key.includes(words[i])) return -1;
  }
  return 2;
}

// ---------------------------------------------------------------------------------------------
// Numbers
// ---------------------------------------------------------------------------------------------

/** `[`, `[1, `, `[3–` … then optional digits being typed, at the end of the text before the cursor. */
const NUMBER_CONTEXT = /(^|[^!\]\\])\[((?:\s*\d+\s*[-–—,;])*\s*)(\d*)$/;

function completeNumbers(context: CompletionContext): CompletionResult | null {
  const { analysis, manuscript, offset } = context;
  if (analysis.style !== 'numeric' && analysis.style !== 'mixed' && !(analysis.style === 'none' && analysis.references.length)) return null;
  if (analysis.references.length === 0) return null;
  const lineStart = manuscript.text.lastIndexOf('\n', offset - 1) + 1;
  const match = NUMBER_CONTEXT.exec(manuscript.text.slice(Math.max(lineStart, offset - 300), offset));
  if (!match) return null;
  const typed = match[3];
  let end = offset;
  while (end < manuscript.text.length && /\d/.test(manuscript.text[end])) end++;
  // Don't offer numbers inside the reference list itself.
  const list = analysis.referenceFile >= 0 ? analysis.files[analysis.referenceFile] : null;
  if (list === manuscript && list.referenceList && list.referenceList.span.start <= offset && offset <= list.referenceList.span.end) return null;
  const items: CompletionEntry[] = [];
  for (const link of analysis.references) {
    const n = link.item.number;
    if (n === null) continue;
    const text = link.item.text.replace(/\s+/g, ' ').trim();
    const csl = cslOf(link.entry);
    items.push({
      label: String(n),
      kind: 'number',
      description: csl ? [authorsShort(csl), yearOf(csl)].filter(Boolean).join(' ') : undefined,
      detail: text.length > 90 ? text.slice(0, 89) + '…' : text,
      documentation: `**[${n}]** ${text}` + (link.entry ? `\n\nBibTeX: \`${link.entry.key}\`` : ''),
      insertText: String(n),
      filterText: String(n),
      sortText: String(n).padStart(6, '0'),
      data: { number: n },
    });
  }
  return { span: { start: offset - typed.length, end }, items, isIncomplete: false };
}

/** Documentation of a key completion, computed only when the editor shows it (the CSL formatting is costly). */
export function resolveKeyDocumentation(analysis: Analysis, key: string, options: HoverOptions): string | null {
  const entry = analysis.entriesByKey.get(key);
  return entry ? describeEntry(entry, options) : null;
}
