/**
 * The file format of the scan store (`scanStore.ts`): a {@link StoredScan} as bytes, compact and quick to read
 * back. `node:v8` serialisation of a 20,000-entry scan takes ~55 ms to read; this layout takes a few: numbers
 * go in one `Int32Array`, names and field lists in small tables (entries with the same fields share one list),
 * keys are not stored at all (each key is the text at its span), completion rows are UTF-16 (read by copying).
 *
 * ```text
 * "CITELENS-SCAN\n"  u32 format version  u32 header bytes  header (JSON)  padding to 4  i32 × header.ints
 *                                                          completion rows (UTF-16LE, only if header.completion)
 * header = { tag, textLength, hash, littleEndian, types, fields, fieldLists, macros, crossrefs, issues, … }
 * entry  = type, keyStart, keyEnd, start, end, flags (1 broken, 2 crossref), field list, #macros, macro…
 * macro  = start, end, #uses, use…                     (indices into the header's tables and the macro list)
 * ```
 *
 * Decoding checks everything against the text it is for (length, hash, spans inside the text, indices inside
 * their tables, lengths adding up) and returns undefined for anything else: a damaged or foreign file is a miss.
 */
import type { LocatedBibliography, LocatedEntry, StringMacro, SyntaxIssue } from '../service/bibtex/locator';
import type { CompletionIndexRow } from '../service/bibtex/completionIndex';
import { runSteps } from '../service/slices';
import type { StoredScan } from '../service/workspace';

/** Bump when the layout changes; files of another version are never read. */
export const SCAN_FORMAT_VERSION = 1;
const MAGIC = Buffer.from('CITELENS-SCAN\n', 'latin1');
const BROKEN = 1;
const CROSSREF = 2;
/** Separators of the completion rows (fields, rows): control characters no indexed text holds. */
const FIELD_SEP = '\u0001';
const ROW_SEP = '\u0002';
/** A row for an entry without a key. */
const NO_ROW = '\u0003';
const SEPARATORS = /[\u0001-\u0003]/;

interface Header {
  /** The Citelens build the file was written by (see `ScanStore`): another build's file is not read. */
  tag: string;
  textLength: number;
  hash: string;
  littleEndian: boolean;
  types: string[];
  fields: string[];
  /** Lists of field names (indices into `fields`), shared by the entries that have the same fields. */
  fieldLists: number[][];
  macros: string[];
  crossrefs: string[];
  issues: SyntaxIssue[];
  entries: number;
  ints: number;
  completion: boolean;
}

/** Entries per step of the stepwise encoding and decoding (a few ms of work in a new process). */
export const STEP = 4096;

const littleEndian = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

/**
 * The bytes of `stored`, a scan of a text of `textLength` code units whose hash is `hash`; undefined when the
 * scan cannot be written faithfully (a macro outside the scan's list, a separator inside an indexed text).
 */
export function encodeScan(stored: StoredScan, textLength: number, hash: string, tag: string): Buffer | undefined {
  return runSteps(encodeScanSteps(stored, textLength, hash, tag));
}

/** {@link encodeScan} in steps of {@link STEP} entries, so a host can let other work run between them. */
export function* encodeScanSteps(stored: StoredScan, textLength: number, hash: string, tag: string): Generator<void, Buffer | undefined> {
  const { scan } = stored;
  const types = new Table();
  const fields = new Table();
  const fieldLists = new Table();
  const macroIndex = new Map<StringMacro, number>(scan.strings.map((m, i) => [m, i]));
  const ints: number[] = [];
  for (const m of scan.strings) {
    ints.push(m.span.start, m.span.end, m.uses.length);
    for (const use of m.uses) {
      const i = macroIndex.get(use);
      if (i === undefined) return undefined;
      ints.push(i);
    }
  }
  const crossrefs: string[] = [];
  for (let n = 0; n < scan.entries.length; n++) {
    if (n % STEP === STEP - 1) yield;
    const e = scan.entries[n];
    const hasCrossref = e.crossref !== undefined;
    if (hasCrossref) crossrefs.push(e.crossref!);
    ints.push(types.of(e.type), e.keySpan.start, e.keySpan.end, e.span.start, e.span.end, (e.broken ? BROKEN : 0) | (hasCrossref ? CROSSREF : 0));
    ints.push(fieldLists.of(e.fields.map((f) => fields.of(f)).join(',')));
    ints.push(e.macros.length);
    for (const m of e.macros) {
      const i = macroIndex.get(m);
      if (i === undefined) return undefined;
      ints.push(i);
    }
  }
  const rows = stored.completion && stored.completion.length === scan.entries.length ? yield* completionText(stored.completion) : undefined;
  const header: Header = {
    tag,
    textLength,
    hash,
    littleEndian,
    types: types.names,
    fields: fields.names,
    fieldLists: fieldLists.names.map((list) => (list ? list.split(',').map(Number) : [])),
    macros: scan.strings.map((m) => m.name),
    crossrefs,
    issues: scan.issues.map((i) => ({ message: i.message, span: { start: i.span.start, end: i.span.end } })),
    entries: scan.entries.length,
    ints: ints.length,
    completion: rows !== undefined,
  };
  const headerBytes = Buffer.from(JSON.stringify(header), 'utf8');
  const lead = MAGIC.length + 8 + headerBytes.length;
  const padding = (4 - (lead % 4)) % 4;
  const numbers = Buffer.from(Int32Array.from(ints).buffer);
  const prefix = Buffer.alloc(MAGIC.length + 8);
  MAGIC.copy(prefix);
  prefix.writeUInt32LE(SCAN_FORMAT_VERSION, MAGIC.length);
  prefix.writeUInt32LE(headerBytes.length, MAGIC.length + 4);
  const parts = [prefix, headerBytes, Buffer.alloc(padding), numbers];
  if (rows !== undefined) parts.push(Buffer.from(rows, 'utf16le'));
  return Buffer.concat(parts);
}

/** The completion rows as one string; undefined if a text holds a separator (then the index is not kept). */
function* completionText(rows: readonly (CompletionIndexRow | null)[]): Generator<void, string | undefined> {
  const out: string[] = new Array(rows.length);
  for (let i = 0; i < rows.length; i++) {
    if (i % STEP === STEP - 1) yield;
    const row = rows[i];
    if (!row) {
      out[i] = NO_ROW;
      continue;
    }
    if (SEPARATORS.test(row.short) || SEPARATORS.test(row.title) || SEPARATORS.test(row.search)) return undefined;
    out[i] = row.short + FIELD_SEP + row.title + FIELD_SEP + row.search;
  }
  return out.join(ROW_SEP);
}

/**
 * The {@link StoredScan} in `bytes` if they were written by {@link encodeScan} for exactly this text (its
 * length and `hash`) by the build `tag`; undefined otherwise. Never throws.
 */
export function decodeScan(bytes: Uint8Array, text: string, hash: string, tag: string): StoredScan | undefined {
  return runSteps(decodeScanSteps(bytes, text, hash, tag));
}

/**
 * {@link decodeScan} in steps of {@link STEP} entries, so a host can let other work run between them (reading
 * 20,000 entries and their completion index takes 25–45 ms in a new process). Never throws.
 */
export function* decodeScanSteps(bytes: Uint8Array, text: string, hash: string, tag: string): Generator<void, StoredScan | undefined> {
  try {
    return yield* decode(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), text, hash, tag);
  } catch {
    return undefined;
  }
}

function* decode(bytes: Buffer, text: string, hash: string, tag: string): Generator<void, StoredScan | undefined> {
  if (bytes.length < MAGIC.length + 8 || !bytes.subarray(0, MAGIC.length).equals(MAGIC)) return undefined;
  if (bytes.readUInt32LE(MAGIC.length) !== SCAN_FORMAT_VERSION) return undefined;
  const headerLength = bytes.readUInt32LE(MAGIC.length + 4);
  const headerStart = MAGIC.length + 8;
  if (headerStart + headerLength > bytes.length) return undefined;
  const header = JSON.parse(bytes.toString('utf8', headerStart, headerStart + headerLength)) as Header;
  if (header.tag !== tag || header.hash !== hash || header.textLength !== text.length || header.littleEndian !== littleEndian) return undefined;
  const { types, fields, macros: names, crossrefs } = header;
  if (![types, fields, header.fieldLists, names, crossrefs, header.issues].every(Array.isArray) || !Number.isSafeInteger(header.ints) || header.ints < 0) return undefined;
  // Entries with the same fields share one array, as they share one list in the file (nothing changes them).
  const fieldLists = header.fieldLists.map((list) => list.map((i) => {
    if (!Number.isInteger(i) || i < 0 || i >= fields.length) throw new RangeError('field outside its table');
    return fields[i];
  }));
  const lead = headerStart + headerLength;
  const intsStart = lead + ((4 - (lead % 4)) % 4);
  const intsEnd = intsStart + 4 * header.ints;
  if (intsEnd > bytes.length) return undefined;
  // A copy: the file's buffer need not be 4-byte aligned.
  const ints = new Int32Array(bytes.buffer.slice(bytes.byteOffset + intsStart, bytes.byteOffset + intsEnd));
  const n = text.length;
  let p = 0;
  const next = (): number => {
    if (p >= ints.length) throw new RangeError('truncated');
    return ints[p++];
  };
  const span = (): { start: number; end: number } => {
    const start = next();
    const end = next();
    if (start < 0 || end < start || end > n) throw new RangeError('span outside the text');
    return { start, end };
  };
  const index = (size: number): number => {
    const i = next();
    if (i < 0 || i >= size) throw new RangeError('index outside its table');
    return i;
  };
  const strings: StringMacro[] = names.map((name) => ({ name: String(name), span: { start: 0, end: 0 }, uses: [] }));
  for (const m of strings) {
    m.span = span();
    const count = next();
    for (let k = 0; k < count; k++) m.uses.push(strings[index(strings.length)]);
  }
  const entries: LocatedEntry[] = new Array(header.entries);
  let crossref = 0;
  for (let i = 0; i < header.entries; i++) {
    if (i % STEP === STEP - 1) yield;
    const type = types[index(types.length)];
    const keySpan = span();
    const entrySpan = span();
    const flags = next();
    const entryFields = fieldLists[index(fieldLists.length)];
    const macroCount = next();
    if (macroCount < 0 || macroCount > ints.length) throw new RangeError('macro count');
    const entryMacros: StringMacro[] = new Array(macroCount);
    for (let k = 0; k < macroCount; k++) entryMacros[k] = strings[index(strings.length)];
    // Built with the scanner's property order, so a kept entry is indistinguishable from a scanned one.
    const entry: LocatedEntry = {
      type, key: text.slice(keySpan.start, keySpan.end), keySpan, span: entrySpan, fields: entryFields, macros: entryMacros, broken: (flags & BROKEN) !== 0,
    };
    if (flags & CROSSREF) {
      if (crossref >= crossrefs.length) throw new RangeError('crossref');
      entry.crossref = crossrefs[crossref++];
    }
    entries[i] = entry;
  }
  if (p !== ints.length || crossref !== crossrefs.length) return undefined;
  const issues: SyntaxIssue[] = header.issues.map((issue) => {
    if (typeof issue?.message !== 'string' || !(issue.span?.start >= 0 && issue.span.end >= issue.span.start && issue.span.end <= n)) throw new RangeError('issue');
    return { message: issue.message, span: { start: issue.span.start, end: issue.span.end } };
  });
  const scan: LocatedBibliography = { entries, strings, issues };
  if (!header.completion) return intsEnd === bytes.length ? { scan } : undefined;
  if ((bytes.length - intsEnd) % 2) return undefined;
  yield;
  const completion = yield* completionRows(bytes.toString('utf16le', intsEnd), entries.length);
  return completion ? { scan, completion } : undefined;
}

function* completionRows(text: string, count: number): Generator<void, (CompletionIndexRow | null)[] | undefined> {
  const rows = text.split(ROW_SEP);
  if (rows.length !== count) return undefined;
  const out: (CompletionIndexRow | null)[] = new Array(count);
  for (let i = 0; i < count; i++) {
    if (i % STEP === STEP - 1) yield;
    const row = rows[i];
    if (row === NO_ROW) {
      out[i] = null;
      continue;
    }
    const a = row.indexOf(FIELD_SEP);
    const b = row.indexOf(FIELD_SEP, a + 1);
    if (a < 0 || b < 0 || row.indexOf(FIELD_SEP, b + 1) >= 0) return undefined;
    out[i] = { short: row.slice(0, a), title: row.slice(a + 1, b), search: row.slice(b + 1) };
  }
  return out;
}

/** Names numbered in order of first use. */
class Table {
  readonly names: string[] = [];
  private readonly numbers = new Map<string, number>();

  of(name: string): number {
    let i = this.numbers.get(name);
    if (i === undefined) {
      i = this.names.length;
      this.names.push(name);
      this.numbers.set(name, i);
    }
    return i;
  }
}
