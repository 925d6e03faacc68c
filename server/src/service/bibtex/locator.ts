/**
 * A fast, fault-tolerant BibTeX/BibLaTeX scanner. It finds where each entry is — type, key, spans —
 * and what is wrong with the syntax, without converting any field. citation-js does the conversion
 * later, one entry at a time (see `parseBibliography.ts`), because it reports no positions and stops
 * at the first error.
 *
 * The grammar follows citation-js's BibTeX lexer (so an entry this scanner accepts, citation-js
 * reads too) with BibTeX's and Biber's conventions on top:
 *
 * ```bibtex
 * Text outside entries is a comment.        % so is this (BibLaTeX line comment)
 * @string{jmlr = "J. Mach. Learn. Res."}
 * @article{smith2020,                       % key, then a comma
 *   author  = {M{\"u}ller, Jan and Doe, J.},
 *   journal = jmlr # { (online)},           % macros and concatenation
 *   month   = mar, year = 2020,
 * }
 * @comment{ignored}  @preamble{"\newcommand{\x}{y}"}
 * ```
 *
 * Invariants: the scanner never throws and never loops; every offset is a UTF-16 offset into the
 * given string (a leading BOM is skipped, not removed); after a syntax error it resumes at the next
 * line that starts with `@`, so one broken entry costs at most that entry.
 */
import { AT, COMMA, LBRACE, LPAREN, RBRACE, RPAREN } from './bibtexText';
import { EntryScanner } from './entryScanner';
import type { LocatedBibliography, LocatedEntry, LocatedField, StringMacro, SyntaxIssue } from './located';

export type { LocatedBibliography, LocatedEntry, LocatedField, StringMacro, SyntaxIssue } from './located';

/**
 * Finds every entry, `@string` macro and syntax problem of a BibTeX/BibLaTeX text.
 *
 * @example
 * locateBibEntries('@article{smith2020, title = {X}}').entries[0].keySpan // { start: 9, end: 18 }
 */
export function locateBibEntries(text: string): LocatedBibliography {
  const scanner = new EntryScanner(text);
  scanner.run();
  return { entries: scanner.entries, strings: scanner.strings, issues: scanner.issues };
}

/**
 * Scans the single entry whose `@` is at `at`, with the `@string` macros defined before it, for re-scanning one
 * edited entry (`relocate.ts`). Null when no data entry starts there.
 */
export function locateOneEntry(text: string, at: number, macros: readonly StringMacro[]): { entry: LocatedEntry; issues: SyntaxIssue[]; end: number } | null {
  if (text.charCodeAt(at) !== AT) return null;
  const scanner = new EntryScanner(text);
  for (const m of macros) scanner.defineMacro(m);
  const end = scanner.scanOne(at);
  const entry = scanner.entries[0];
  if (scanner.entries.length !== 1 || scanner.strings.length || entry.span.start !== at) return null;
  return { entry, issues: scanner.issues, end };
}

/** How {@link locateBibEntriesInSlices} shares the thread. */
export interface SliceOptions {
  /** Milliseconds of scanning between pauses (default 20). */
  sliceMs?: number;
  /** Resolves when the host has had its turn (e.g. `setImmediate`), so requests are answered between slices. */
  pause: () => Promise<void>;
  /** Called after each slice with the UTF-16 offset reached and the text length. */
  onProgress?: (done: number, total: number) => void;
}

/**
 * {@link locateBibEntries} in slices of a few milliseconds with a pause between them: the same result, but a
 * 20,000-entry file no longer holds the thread for a third of a second.
 */
export async function locateBibEntriesInSlices(text: string, options: SliceOptions): Promise<LocatedBibliography> {
  const scanner = new EntryScanner(text);
  const sliceMs = options.sliceMs ?? 20;
  while (!scanner.run(performance.now() + sliceMs)) {
    options.onProgress?.(scanner.pos, text.length);
    await options.pause();
  }
  options.onProgress?.(text.length, text.length);
  return { entries: scanner.entries, strings: scanner.strings, issues: scanner.issues };
}

/**
 * The fields of one located entry with their value spans (a second, on-demand pass used when
 * citation-js cannot read the entry and for tools that need field positions).
 */
export function scanEntryFields(text: string, entry: LocatedEntry): LocatedField[] {
  const scanner = new EntryScanner(text);
  scanner.collected = [];
  const copy: LocatedEntry = { ...entry, fields: [], macros: [], span: { ...entry.span } };
  let p = scanner.skipWsComments(entry.keySpan.end);
  if (text.charCodeAt(p) === COMMA) p++;
  let open = entry.span.start;
  while (open < text.length && text.charCodeAt(open) !== LBRACE && text.charCodeAt(open) !== LPAREN) open++;
  const close = text.charCodeAt(open) === LPAREN ? RPAREN : RBRACE;
  try {
    scanner.fieldList(p, close, copy);
  } catch {
    // keep the fields read before the error
  }
  return scanner.collected;
}
