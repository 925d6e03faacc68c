/**
 * Re-locating a bibliography after a small edit without scanning it all again. Typing inside one entry of a
 * 20,000-entry file changes that entry only: the entries before it are unchanged, those after it only moved.
 * So when the edit lies inside one well-formed data entry and the edited text still scans as exactly one
 * well-formed entry of the new length, the old scan is reused with the entries after it shifted. Anything
 * else (an edit across entries, in a `@string`, near a syntax error) returns null and the caller scans the
 * whole text: the result is always what {@link locateBibEntries} would give.
 */
import type { Span } from '../types';
import { HiddenField } from '../util/hiddenField';
import { lastStartingAtOrBefore } from '../util/search';
import { locateOneEntry, type LocatedBibliography, type LocatedEntry, type StringMacro } from './locator';

/**
 * On an entry moved by an edit (a shifted copy), the first scan of the same entry text. Memos of things
 * derived from an entry's text (the completion index) are kept on this instead of hashing every entry again.
 */
const firstScans = new HiddenField<LocatedEntry, LocatedEntry>('first scan');

/** The entry as first scanned with this same text: `entry` itself unless it is a copy moved by an edit. */
export function firstScanOf(entry: LocatedEntry): LocatedEntry {
  return firstScans.get(entry) ?? entry;
}

/** Chunk compared natively (string equality) before comparing characters. */
const CHUNK = 1 << 14;

/** Length of the common prefix of `a` and `b`. */
export function commonPrefix(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  let i = 0;
  while (i + CHUNK <= n && a.slice(i, i + CHUNK) === b.slice(i, i + CHUNK)) i += CHUNK;
  while (i < n && a.charCodeAt(i) === b.charCodeAt(i)) i++;
  return i;
}

/** Length of the common suffix of `a` and `b`, not reaching into the first `floor` characters of either. */
export function commonSuffix(a: string, b: string, floor: number): number {
  const n = Math.min(a.length, b.length) - floor;
  let i = 0;
  while (i + CHUNK <= n && a.slice(a.length - i - CHUNK, a.length - i) === b.slice(b.length - i - CHUNK, b.length - i)) i += CHUNK;
  while (i < n && a.charCodeAt(a.length - 1 - i) === b.charCodeAt(b.length - 1 - i)) i++;
  return i;
}

/**
 * The scan of `newText`, derived from the scan `old` of `oldText` when the edit between them stays inside one
 * data entry; null when it does not (scan the whole text then).
 */
export function relocateAfterEdit(oldText: string, old: LocatedBibliography, newText: string): LocatedBibliography | null {
  const start = commonPrefix(oldText, newText);
  if (start === oldText.length && start === newText.length) return old;
  const suffix = commonSuffix(oldText, newText, start);
  const oldEnd = oldText.length - suffix;
  const delta = newText.length - oldText.length;
  // The entry holding the whole edit: the last one starting at or before `start`.
  const index = lastStartingAtOrBefore(old.entries, start, (e) => e.span.start);
  const entry = index >= 0 ? old.entries[index] : undefined;
  // Strictly inside: an edit touching the `@` or the closing brace may merge or split entries.
  if (!entry || entry.broken || !(entry.span.start < start && oldEnd < entry.span.end)) return null;
  const lineEnd = oldText.indexOf('\n', entry.span.end);
  const quietUntil = lineEnd < 0 ? oldText.length : lineEnd;
  if (old.issues.some((i) => i.span.end > entry.span.start && i.span.start <= quietUntil)) return null;
  if (old.strings.some((m) => m.span.start <= entry.span.end && m.span.end >= entry.span.start)) return null;
  const before = old.strings.filter((m) => m.span.end <= entry.span.start);
  const scanned = locateOneEntry(newText, entry.span.start, before);
  if (!scanned || scanned.entry.broken || scanned.issues.length || scanned.end !== entry.span.end + delta) return null;
  if (scanned.entry.type === 'string' || scanned.entry.type === 'comment' || scanned.entry.type === 'preamble') return null;
  if (delta === 0) {
    const entries = old.entries.slice();
    entries[index] = scanned.entry;
    return { entries, strings: old.strings, issues: old.issues };
  }
  // Shift what follows; macros defined after the entry move too, and entries refer to the moved copies.
  const moved = new Map<StringMacro, StringMacro>();
  const strings = old.strings.map((m) => {
    if (m.span.start < entry.span.end) return m;
    const copy: StringMacro = { name: m.name, span: shift(m.span, delta), uses: m.uses };
    moved.set(m, copy);
    return copy;
  });
  for (const m of moved.values()) m.uses = m.uses.map((u) => moved.get(u) ?? u);
  const entries = old.entries.slice(0, index);
  entries.push(scanned.entry);
  for (let i = index + 1; i < old.entries.length; i++) {
    const e = old.entries[i];
    const copy: LocatedEntry = { ...e, span: shift(e.span, delta), keySpan: shift(e.keySpan, delta), macros: moved.size ? e.macros.map((m) => moved.get(m) ?? m) : e.macros };
    firstScans.set(copy, firstScanOf(e));
    entries.push(copy);
  }
  const issues = old.issues.map((i) => (i.span.start >= entry.span.end ? { message: i.message, span: shift(i.span, delta) } : i));
  return { entries, strings, issues };
}

function shift(span: Span, delta: number): Span {
  return { start: span.start + delta, end: span.end + delta };
}
