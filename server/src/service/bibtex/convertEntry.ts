/**
 * One located BibTeX entry → one CSL-JSON item, through citation-js, shared by entry text in the service's
 * {@link ConversionCache}.
 *
 * citation-js throws on the whole entry when one value holds TeX it does not know (`\enquote*{…}`,
 * a lone `$`, `{\~}`), although BibTeX reads such entries fine. So a failing entry is retried in two
 * steps: the file grammar alone (a failure there is a real syntax error, with a position), then each
 * field's TeX alone, repairing or dropping only the fields citation-js cannot interpret.
 */
import { LRUCache } from 'lru-cache';
import type { CslItem } from '../types';
import { bibtexToCsl, bibtexToRawEntries, rawEntriesToCsl, type RawBibEntry } from './citationJs';
import { scanEntryFields, type LocatedEntry, type StringMacro } from './locator';

/** What one entry's text converted to (shared by every bibliography holding that same text). */
export interface Conversion {
  item: CslItem | null;
  /** citation-js's grammar could not read the entry: message and offset relative to the entry start. */
  error?: { message: string; offset: number };
}

/**
 * Conversions by source text (the needed `@string`s + the entry), owned by the service (`EntryTextCaches`):
 * every version of an edited file, and every file holding the same entry, converts it once. Bounded, least
 * recently used first out.
 */
export class ConversionCache extends LRUCache<string, Conversion> {
  constructor() {
    super({ max: 40_000 });
  }
}

/**
 * Converts `entry` (located in `text`) to CSL-JSON with `id` = its key, through `cache` (null: converts anew).
 * Never throws.
 */
export function convertEntry(text: string, entry: LocatedEntry, cache: ConversionCache | null): Conversion {
  const { source, prefixLines } = entrySource(text, entry);
  const cached = cache?.get(source);
  if (cached) return cached;
  const conversion = convertSource(source, prefixLines, text, entry);
  cache?.set(source, conversion);
  return conversion;
}

/** A bare value that opens with a digit and goes on as a name: `1--5`, `2nd`, `2020a` (not a plain number). */
const BARE_WORD = /^-?\d+[A-Za-z_:+-][\w:+-]*$/;
/** A quick test of an entry's text for one (the fields are scanned only then). */
const MAY_HAVE_BARE_WORD = /=\s*-?\d+[A-Za-z_:+-]/;

/**
 * The entry's text, its bare values that are no number braced (`pages = 1--5` → `pages = {1--5}`): Pandoc reads
 * such a word (so the locator accepts it, `valueReader.ts`), citation-js's grammar does not. Same length plus two a
 * value, on the same lines, so error offsets still point into the entry.
 */
function entryText(text: string, entry: LocatedEntry): string {
  let raw = text.slice(entry.span.start, entry.span.end);
  if (!MAY_HAVE_BARE_WORD.test(raw)) return raw;
  for (const field of scanEntryFields(text, entry).reverse()) {
    const value = text.slice(field.valueSpan.start, field.valueSpan.end);
    if (!BARE_WORD.test(value)) continue;
    const at = field.valueSpan.start - entry.span.start;
    raw = `${raw.slice(0, at)}{${value}}${raw.slice(at + value.length)}`;
  }
  return raw;
}

/** The entry text with the `@string` definitions it needs (transitively, in file order) before it. */
function entrySource(text: string, entry: LocatedEntry): { source: string; prefixLines: number } {
  const raw = entryText(text, entry);
  if (entry.macros.length === 0) return { source: raw, prefixLines: 0 };
  const needed = new Set<StringMacro>();
  const visit = (m: StringMacro): void => {
    if (needed.has(m)) return;
    needed.add(m);
    m.uses.forEach(visit);
  };
  entry.macros.forEach(visit);
  const prefix = [...needed].sort((a, b) => a.span.start - b.span.start).map((m) => text.slice(m.span.start, m.span.end)).join('\n') + '\n';
  return { source: prefix + raw, prefixLines: countLines(prefix) };
}

function convertSource(source: string, prefixLines: number, text: string, entry: LocatedEntry): Conversion {
  // `@misc{key}` is valid BibTeX that citation-js's grammar rejects: there is nothing to convert anyway.
  if (entry.fields.length === 0) return { item: { id: entry.key, type: cslType(entry.type) } };
  if (entry.broken) return { item: minimalItem(text, entry) }; // the locator has reported why
  try {
    return { item: pick(bibtexToCsl(source), entry) };
  } catch {
    // fall through to the slow path below
  }
  let raw: RawBibEntry[];
  try {
    raw = bibtexToRawEntries(source);
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    return { item: minimalItem(text, entry), error: { message: firstLine(message), offset: errorOffset(message, source, prefixLines) } };
  }
  const own = raw.find((r) => r.label === entry.key) ?? raw[raw.length - 1];
  if (!own) return { item: minimalItem(text, entry) };
  const properties: Record<string, string | number> = {};
  for (const [field, value] of Object.entries(own.properties)) {
    const usable = readableValue(own, field, value);
    if (usable !== undefined) properties[field] = usable;
  }
  try {
    return { item: pick(rawEntriesToCsl([{ ...own, properties }]), entry) };
  } catch {
    return { item: minimalItem(text, entry) };
  }
}

function pick(items: Record<string, unknown>[], entry: LocatedEntry): CslItem {
  const item = items.find((i) => i['citation-key'] === entry.key) ?? items[items.length - 1];
  return { ...(composeAccents(item) as Record<string, unknown>), id: entry.key } as CslItem;
}

/**
 * citation-js turns `{\'\i}` into a dotless ı plus a combining accent; authors mean `í`. Compose
 * accents (NFC) in every string of the item.
 */
function composeAccents(value: unknown): unknown {
  if (typeof value === 'string') {
    return /[\u0300-\u036f]/.test(value) ? value.replace(/ı(?=[\u0300-\u036f])/g, 'i').replace(/ȷ(?=[\u0300-\u036f])/g, 'j').normalize('NFC') : value;
  }
  if (Array.isArray(value)) return value.map(composeAccents);
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = composeAccents(v);
    return out;
  }
  return value;
}

/** Repairs applied in turn to a value whose TeX citation-js cannot interpret. */
const REPAIRS: ((value: string) => string)[] = [
  (v) => v.replace(/(\\[a-zA-Z]+)\*/g, '$1'), // \enquote*{x} → \enquote{x}
  (v) => v.replace(/(^|[^\\])\$/g, '$1\\$'), // a lone $ → \$
  (v) => v.replace(/\\([^a-zA-Z\s])(?=[}\s])/g, '$1'), // {\~} → {~}
  (v) => plainValue(v).replace(/[$%&#_^~]/g, (c) => '\\' + c),
];

/** The value itself if citation-js reads it, else the first repair it reads, else undefined (drop it). */
function readableValue(entry: RawBibEntry, field: string, value: string | number): string | number | undefined {
  if (typeof value !== 'string') return value;
  const reads = (v: string): boolean => {
    try {
      rawEntriesToCsl([{ type: entry.type, label: entry.label, properties: { [field]: v } }]);
      return true;
    } catch {
      return false;
    }
  };
  if (reads(value)) return value;
  let repaired = value;
  for (const repair of REPAIRS) {
    repaired = repair(repaired);
    if (reads(repaired)) return repaired;
  }
  return undefined;
}

function firstLine(message: string): string {
  return message.split('\n')[0].replace(/\s*at line \d+ col \d+:?\s*$/, '').trim() || 'syntax error';
}

/** Maps citation-js's "at line L col C" (1-based) to an offset into the entry text (0 when unknown). */
function errorOffset(message: string, source: string, prefixLines: number): number {
  const m = /line (\d+) col (\d+)/.exec(message);
  if (!m) return 0;
  const line = Number(m[1]) - 1 - prefixLines;
  if (line < 0) return 0;
  const body = source.slice(indexOfLine(source, prefixLines));
  return Math.min(indexOfLine(body, line) + Number(m[2]) - 1, body.length);
}

function countLines(s: string): number {
  let n = 0;
  for (let i = s.indexOf('\n'); i >= 0; i = s.indexOf('\n', i + 1)) n++;
  return n;
}

function indexOfLine(s: string, line: number): number {
  let at = 0;
  for (; line > 0; line--) {
    const nl = s.indexOf('\n', at);
    if (nl < 0) break;
    at = nl + 1;
  }
  return at;
}

/** Best effort when citation-js cannot read an entry: key, type, title, names, year and DOI as written. */
function minimalItem(text: string, entry: LocatedEntry): CslItem {
  const item: CslItem = { id: entry.key, type: cslType(entry.type) };
  for (const field of scanEntryFields(text, entry)) {
    const value = plainValue(text.slice(field.valueSpan.start, field.valueSpan.end));
    if (!value) continue;
    if (field.name === 'title') item.title = value;
    else if (field.name === 'author' || field.name === 'editor') {
      item[field.name] = value.split(/\s+and\s+/).map((name) => {
        const [family, given] = name.split(/\s*,\s*/);
        return given ? { family, given } : { literal: name };
      });
    } else if ((field.name === 'year' || field.name === 'date') && !item.issued) {
      const year = /\d{4}/.exec(value);
      if (year) item.issued = { 'date-parts': [[Number(year[0])]] };
    } else if (field.name === 'doi') item.DOI = value;
    else if (field.name === 'journal' || field.name === 'journaltitle' || field.name === 'booktitle') item['container-title'] = value;
  }
  return item;
}

/** `{Deep {L}earning}` → `Deep Learning` (enough for a fallback; citation-js does the real work). */
function plainValue(raw: string): string {
  return raw.replace(/\\[a-zA-Z]+\*?\s*|\\(.)/g, '$1').replace(/[{}"]/g, '').replace(/\s+/g, ' ').trim();
}

const CSL_TYPES: Record<string, string> = {
  article: 'article-journal', book: 'book', inbook: 'chapter', incollection: 'chapter', inproceedings: 'paper-conference',
  conference: 'paper-conference', proceedings: 'book', phdthesis: 'thesis', mastersthesis: 'thesis', thesis: 'thesis',
  techreport: 'report', report: 'report', online: 'webpage', www: 'webpage', manual: 'book', unpublished: 'manuscript',
  patent: 'patent', dataset: 'dataset', software: 'software',
};

function cslType(type: string): string {
  return CSL_TYPES[type] ?? 'document';
}
