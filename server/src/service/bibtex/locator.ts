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
import type { Span } from '../types';

/** One data entry (`@article{key, …}`), located but not converted. */
export interface LocatedEntry {
  /** Entry type in lower case (`article`, `online`, …). */
  type: string;
  /** The key as written; `''` when the entry has none. */
  key: string;
  /** Span of the key (empty, after the opening brace, when there is no key). */
  keySpan: Span;
  /** From `@` to the closing brace inclusive (or to where the scanner gave up). */
  span: Span;
  /** Lower-case names of the fields found, in order. */
  fields: string[];
  /** `@string` macros this entry uses that the file defines before it (directly). */
  macros: StringMacro[];
  /** Value of a `crossref` field (braces removed), if any. */
  crossref?: string;
  /** The scanner reported a syntax problem inside this entry. */
  broken: boolean;
}

/** An `@string{name = value}` definition. */
export interface StringMacro {
  /** Lower-case macro name (BibTeX macro names are case-insensitive). */
  name: string;
  span: Span;
  /** Macros used in this definition's value (for transitive prepending). */
  uses: StringMacro[];
}

/** A syntax problem with its span. */
export interface SyntaxIssue {
  message: string;
  span: Span;
}

/** Result of {@link locateBibEntries}. */
export interface LocatedBibliography {
  entries: LocatedEntry[];
  strings: StringMacro[];
  issues: SyntaxIssue[];
}

/** A field with the span of its value, for {@link scanEntryFields}. */
export interface LocatedField {
  name: string;
  /** Span of the whole value expression (`{…}`, `"…"`, `2020`, `jan # "~1"`). */
  valueSpan: Span;
}

const AT = 64, LBRACE = 123, RBRACE = 125, LPAREN = 40, RPAREN = 41, COMMA = 44, EQ = 61;
const QUOTE = 34, HASH = 35, PERCENT = 37, NL = 10, BACKSLASH = 92, MINUS = 45;

/** JavaScript `\s`, which is what citation-js's lexer skips. */
function isWs(c: number): boolean {
  if (c === 32 || (c >= 9 && c <= 13)) return true;
  if (c < 0xa0) return false;
  return c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 ||
    c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
}
function isIdentStart(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95;
}
/** citation-js identifiers: `[a-zA-Z_][a-zA-Z0-9_:+-]*`. */
function isIdentPart(c: number): boolean {
  return isIdentStart(c) || (c >= 48 && c <= 57) || c === 58 || c === 43 || c === MINUS;
}
function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/** The characters that matter inside a braced value. */
const BRACED_SPECIAL = /[{}\\\n]/g;
/** The characters that matter inside a quoted value. */
const QUOTED_SPECIAL = /["{}\\\n]/g;

/** Thrown inside the entry scanner only, caught per entry: a syntax error at `at`. */
class Stop {
  /** Where scanning resumes, when known better than "the next line starting with @". */
  resume?: number;
  constructor(readonly message: string, readonly at: number, readonly end = at + 1) {}
}

class Scanner {
  pos = 0;
  readonly entries: LocatedEntry[] = [];
  readonly strings: StringMacro[] = [];
  readonly issues: SyntaxIssue[] = [];
  private readonly macros = new Map<string, StringMacro>();
  /** Value spans (start, end, start, end, …) of the entry being scanned, for error messages. */
  private readonly values: number[] = [];
  /** Filled only by {@link scanEntryFields}. */
  collected: LocatedField[] | null = null;

  constructor(readonly text: string) {}

  private started = false;

  /**
   * Scans from where the last call stopped until the end of the text (returns true) or until
   * `performance.now()` passes `deadline` (returns false; call again to resume).
   */
  run(deadline = Infinity): boolean {
    const text = this.text;
    const n = text.length;
    if (!this.started) {
      this.started = true;
      this.pos = text.charCodeAt(0) === 0xfeff ? 1 : 0;
    }
    let steps = 0;
    while (this.pos < n) {
      if ((++steps & 127) === 0 && deadline !== Infinity && performance.now() > deadline) return false;
      const at = text.indexOf('@', this.pos);
      if (at < 0) break;
      // Look back to the line start or the previous entry's end (never further, so a file on one
      // line stays linear): a `%` there comments the `@` out (BibLaTeX convention).
      let blank = true;
      let commented = false;
      let i = at - 1;
      for (; i >= this.pos; i--) {
        const c = text.charCodeAt(i);
        if (c === NL) break;
        if (c === PERCENT) commented = true;
        else if (blank && !isWs(c)) blank = false;
      }
      if (commented) {
        this.pos = this.endOfLine(at);
        continue;
      }
      const atLineStart = blank && (i >= this.pos || i < 0 || text.charCodeAt(i) === NL || (i === 0 && text.charCodeAt(0) === 0xfeff));
      this.pos = this.entry(at, atLineStart);
    }
    this.pos = n;
    return true;
  }

  /** Makes `macro` known, as if its `@string` had been scanned (for scanning from the middle of a file). */
  defineMacro(macro: StringMacro): void {
    this.macros.set(macro.name, macro);
  }

  /** Scans the one construct whose `@` is at `at`; returns where it ends. */
  scanOne(at: number): number {
    this.started = true;
    return (this.pos = this.entry(at, true));
  }

  /** Scans one `@…` construct starting at `at`; returns where scanning continues. */
  private entry(at: number, atLineStart: boolean): number {
    const text = this.text;
    let p = this.skipWs(at + 1);
    const typeStart = p;
    while (p < text.length && isIdentPart(text.charCodeAt(p))) p++;
    const typeEnd = p;
    p = this.skipWs(p);
    const open = text.charCodeAt(p);
    if (typeEnd === typeStart || !isIdentStart(text.charCodeAt(typeStart)) || (open !== LBRACE && open !== LPAREN)) {
      // `@comment rest of line` (BibTeX and citation-js read it so).
      if (text.slice(typeStart, typeEnd).toLowerCase() === 'comment') return this.endOfLine(at);
      // `@` inside free text (an e-mail address) is a comment; at the start of a line it is a broken entry.
      if (atLineStart) {
        const end = Math.max(typeEnd, at + 1);
        const what = typeEnd > typeStart ? `"@${text.slice(typeStart, typeEnd)}"` : '"@"';
        this.issues.push({
          message: typeEnd > typeStart
            ? `${what} is not followed by "{": an entry must look like @type{key, field = {value}, …}.`
            : `${what} at the start of a line is not followed by an entry type: write @type{key, …}, or remove the "@".`,
          span: { start: at, end },
        });
        return this.endOfLine(at);
      }
      return at + 1;
    }
    const type = text.slice(typeStart, typeEnd).toLowerCase();
    const close = open === LBRACE ? RBRACE : RPAREN;
    if (type === 'comment') return this.comment(p, close);
    try {
      if (type === 'preamble') {
        const end = this.preamble(p + 1, close);
        return end;
      }
      if (type === 'string') return this.stringDef(at, p + 1, close);
      return this.dataEntry(at, type, p, close);
    } catch (e) {
      if (!(e instanceof Stop)) throw e;
      this.issues.push({ message: e.message, span: { start: e.at, end: Math.min(Math.max(e.end, e.at), text.length) } });
      const last = this.entries[this.entries.length - 1];
      const own = last && last.span.start === at ? last : undefined;
      const resume = e.resume ?? this.nextEntryLine(Math.max(e.at, at + 1, own ? own.keySpan.end : 0));
      if (own) {
        own.broken = true;
        own.span.end = Math.max(this.trimEnd(at, resume), own.keySpan.end);
      }
      return resume;
    }
  }

  /** `@comment{…}`: skipped as a balanced group (Biber), or to the end of the line if unbalanced. */
  private comment(openAt: number, close: number): number {
    const text = this.text;
    let depth = 0;
    for (let p = openAt; p < text.length; p++) {
      const c = text.charCodeAt(p);
      if (c === LBRACE || (c === LPAREN && close === RPAREN && depth === 0 && p === openAt)) depth++;
      else if (c === RBRACE || (c === RPAREN && close === RPAREN && depth === 1)) {
        if (--depth === 0) return p + 1;
      } else if (c === NL && this.entryStartsAfterNewline(p)) break;
    }
    return this.endOfLine(openAt);
  }

  private preamble(p: number, close: number): number {
    p = this.value(this.skipWsComments(p), null);
    p = this.skipWsComments(p);
    return this.expectClose(p, close, 'the @preamble');
  }

  private stringDef(at: number, p: number, close: number): number {
    const text = this.text;
    p = this.skipWsComments(p);
    const nameStart = p;
    if (!isIdentStart(text.charCodeAt(p))) throw new Stop('Expected a macro name after "@string{", as in @string{jmlr = "J. Mach. Learn. Res."}.', p);
    while (isIdentPart(text.charCodeAt(p))) p++;
    const name = text.slice(nameStart, p).toLowerCase();
    p = this.skipWsComments(p);
    if (text.charCodeAt(p) !== EQ) throw new Stop(`Expected "=" after the macro name "${text.slice(nameStart, p).trim()}".`, p);
    const uses: StringMacro[] = [];
    p = this.value(this.skipWsComments(p + 1), uses);
    p = this.skipWsComments(p);
    const end = this.expectClose(p, close, `@string "${name}"`);
    const macro: StringMacro = { name, span: { start: at, end }, uses };
    this.strings.push(macro);
    this.macros.set(name, macro);
    return end;
  }

  private dataEntry(at: number, type: string, openAt: number, close: number): number {
    const text = this.text;
    let p = this.skipWsComments(openAt + 1);
    if (p >= text.length || (text.charCodeAt(p) === AT && this.atEntryStart(p))) {
      throw new Stop(`This @${type} entry is not closed and has no key.`, at, openAt + 1);
    }
    const keyStart = p;
    let sawEq = false;
    for (; p < text.length; p++) {
      const c = text.charCodeAt(p);
      if (c === COMMA || c === close || isWs(c)) break;
      if (c === EQ) sawEq = true;
    }
    let keyEnd = p;
    const entry: LocatedEntry = {
      type, key: '', keySpan: { start: keyStart, end: keyStart }, span: { start: at, end: text.length },
      fields: [], macros: [], broken: false,
    };
    this.entries.push(entry);
    let afterKey = this.skipWsComments(p);
    const looksLikeField = sawEq || (keyEnd > keyStart && text.charCodeAt(afterKey) === EQ);
    if (keyEnd === keyStart || looksLikeField) {
      // `@article{, …}` or `@article{title = …}`: BibTeX needs a key first.
      entry.broken = true;
      this.issues.push({
        message: `This @${type} entry has no key: write @${type}{yourKey, …} so it can be cited.`,
        span: { start: at, end: openAt + 1 },
      });
      if (looksLikeField) {
        keyEnd = keyStart;
        afterKey = keyStart;
      } else if (text.charCodeAt(afterKey) === COMMA) afterKey++;
    } else {
      entry.key = text.slice(keyStart, keyEnd);
      entry.keySpan = { start: keyStart, end: keyEnd };
      const c = text.charCodeAt(afterKey);
      if (c === close) {
        entry.span.end = afterKey + 1;
        return afterKey + 1; // `@misc{key}`: valid BibTeX, no fields.
      }
      if (c === COMMA) afterKey++;
      else if (isIdentStart(c) && this.fieldFollows(afterKey)) {
        entry.broken = true;
        this.issues.push({ message: `Missing "," after the key "${entry.key}".`, span: { ...entry.keySpan } });
      } else if (afterKey >= text.length || c === AT) {
        throw new Stop(`The entry "${entry.key}" is not closed: add "${String.fromCharCode(close)}" at its end.`, at, openAt + 1);
      } else throw new Stop(`Missing "," after the key "${entry.key}".`, keyStart, keyEnd);
    }
    const end = this.fieldList(afterKey, close, entry);
    entry.span.end = end;
    return end;
  }

  /** Fields until the closing delimiter; returns the offset after it. */
  fieldList(p: number, close: number, entry: LocatedEntry): number {
    const text = this.text;
    const label = entry.key ? `"${entry.key}"` : `@${entry.type}`;
    this.values.length = 0;
    for (;;) {
      p = this.skipWsComments(p);
      if (p >= text.length) throw this.notClosed(`The entry ${label} is not closed: add "${String.fromCharCode(close)}" at its end.`, entry);
      let c = text.charCodeAt(p);
      if (c === close) return p + 1;
      if (c === AT && this.atEntryStart(p)) {
        const stop = this.notClosed(`The entry ${label} is not closed before the next entry: add "${String.fromCharCode(close)}" at its end.`, entry);
        stop.resume = p;
        throw stop;
      }
      if (!isIdentStart(c)) {
        throw new Stop(c === COMMA ? 'Unexpected "," (two commas in a row?).' : `Unexpected "${text[p]}": expected a field name, as in title = {…}, or "${String.fromCharCode(close)}" to end the entry ${label}.`, p);
      }
      const nameStart = p;
      while (p < text.length && isIdentPart(text.charCodeAt(p))) p++;
      const name = text.slice(nameStart, p).toLowerCase();
      p = this.skipWsComments(p);
      if (text.charCodeAt(p) !== EQ) throw new Stop(`Expected "=" after the field name "${text.slice(nameStart, p).trim()}".`, p);
      p = this.skipWsComments(p + 1);
      const valueStart = p;
      p = this.value(p, entry.macros);
      const valueEnd = p;
      this.values.push(valueStart, valueEnd);
      entry.fields.push(name);
      if (this.collected) this.collected.push({ name, valueSpan: { start: valueStart, end: p } });
      if (name === 'crossref') entry.crossref = stripBraces(text.slice(valueStart, p));
      p = this.skipWsComments(p);
      c = text.charCodeAt(p);
      if (c === COMMA) p++;
      else if (c !== close) {
        if (isIdentStart(c) && this.fieldFollows(p)) {
          entry.broken = true;
          this.issues.push({ message: `Missing "," after the value of the field "${name}".`, span: { start: valueEnd - 1, end: valueEnd } });
        } else if (p >= text.length || (c === AT && this.atEntryStart(p))) {
          continue; // reported as "not closed" above
        } else throw new Stop(`Unexpected "${text[p]}" after the value of "${name}": expected "," or "${String.fromCharCode(close)}".`, p);
      }
    }
  }

  /**
   * An entry ran to the next entry or the end of the file. If a value swallowed what look like
   * further fields (`title = {A {B},` then `year = …`), its unclosed "{" is the real culprit.
   */
  private notClosed(message: string, entry: LocatedEntry): Stop {
    const swallowed = /\n[ \t]*[A-Za-z_][\w:+-]*[ \t]*=/;
    for (let i = 0; i < this.values.length; i += 2) {
      const start = this.values[i];
      const open = this.text.charCodeAt(start);
      if ((open === LBRACE || open === QUOTE) && swallowed.test(this.text.slice(start, this.values[i + 1]))) {
        const field = entry.fields[i / 2];
        return new Stop(`Unbalanced braces: the value of "${field}" is closed only after the following fields (a "}" is probably missing in it).`, start);
      }
    }
    return new Stop(message, entry.span.start, entry.keySpan.end || entry.span.start + 1);
  }

  /** A value expression: parts joined by `#`. Returns the offset after it. */
  private value(p: number, macroUses: StringMacro[] | null): number {
    const text = this.text;
    for (;;) {
      const c = text.charCodeAt(p);
      if (c === LBRACE) p = this.braced(p);
      else if (c === QUOTE) p = this.quoted(p);
      else if (isDigit(c) || (c === MINUS && isDigit(text.charCodeAt(p + 1)))) {
        p++;
        while (isDigit(text.charCodeAt(p))) p++;
      } else if (isIdentStart(c)) {
        const s = p;
        while (p < text.length && isIdentPart(text.charCodeAt(p))) p++;
        const macro = this.macros.get(text.slice(s, p).toLowerCase());
        if (macro && macroUses && !macroUses.includes(macro)) macroUses.push(macro);
      } else if (p >= text.length) {
        throw new Stop('The file ends where a value was expected.', Math.max(0, p - 1), p);
      } else {
        throw new Stop(`Unexpected "${text[p]}": a value must be {braced}, "quoted", a number or a @string macro.`, p);
      }
      const q = this.skipWsComments(p);
      if (text.charCodeAt(q) !== HASH) return p;
      p = this.skipWsComments(q + 1);
    }
  }

  /** `{…}` with nested braces; `\{` and `\}` do not count (as in citation-js). */
  private braced(open: number): number {
    const text = this.text;
    let depth = 0;
    const special = BRACED_SPECIAL;
    for (let p = open; p < text.length; p++) {
      special.lastIndex = p;
      if (!special.test(text)) break;
      p = special.lastIndex - 1;
      const c = text.charCodeAt(p);
      if (c === LBRACE) depth++;
      else if (c === RBRACE) {
        if (--depth === 0) return p + 1;
      } else if (c === BACKSLASH) {
        const d = text.charCodeAt(p + 1);
        if (d === LBRACE || d === RBRACE || d === BACKSLASH) p++;
      } else if (c === NL && this.entryStartsAfterNewline(p)) break;
    }
    throw new Stop('Unbalanced braces: this "{" is never closed (check for a missing "}").', open);
  }

  /** `"…"`: ends at a `"` outside braces. */
  private quoted(open: number): number {
    const text = this.text;
    let depth = 0;
    const special = QUOTED_SPECIAL;
    for (let p = open + 1; p < text.length; p++) {
      special.lastIndex = p;
      if (!special.test(text)) break;
      p = special.lastIndex - 1;
      const c = text.charCodeAt(p);
      if (c === QUOTE && depth === 0) return p + 1;
      if (c === LBRACE) depth++;
      else if (c === RBRACE) {
        if (depth > 0) depth--; // a stray "}" at depth 0 is text to citation-js
      } else if (c === BACKSLASH) {
        const d = text.charCodeAt(p + 1);
        if (d === LBRACE || d === BACKSLASH || (d === RBRACE && depth > 0)) p++;
      } else if (c === NL && this.entryStartsAfterNewline(p)) break;
    }
    throw new Stop(depth > 0 ? 'Unbalanced braces inside this quoted value (check for a missing "}").' : 'This quoted value is never closed (missing \'"\').', open);
  }

  private expectClose(p: number, close: number, what: string): number {
    if (this.text.charCodeAt(p) === close) return p + 1;
    throw new Stop(`Expected "${String.fromCharCode(close)}" to end ${what}.`, Math.min(p, this.text.length - 1));
  }

  /** After a field name candidate at `p`: is it `name =`? (for lenient recovery from a missing comma) */
  private fieldFollows(p: number): boolean {
    const text = this.text;
    while (p < text.length && isIdentPart(text.charCodeAt(p))) p++;
    return text.charCodeAt(this.skipWsComments(p)) === EQ;
  }

  skipWs(p: number): number {
    const text = this.text;
    while (p < text.length && isWs(text.charCodeAt(p))) p++;
    return p;
  }

  /** Whitespace and `%` line comments (which may end the file without a newline). */
  skipWsComments(p: number): number {
    const text = this.text;
    for (;;) {
      while (p < text.length && isWs(text.charCodeAt(p))) p++;
      if (text.charCodeAt(p) !== PERCENT) return p;
      p = this.endOfLine(p);
    }
  }

  private endOfLine(p: number): number {
    const nl = this.text.indexOf('\n', p);
    return nl < 0 ? this.text.length : nl + 1;
  }

  /** Only blanks between the previous newline (or the file start) and `p`? Stops at the first non-blank. */
  private blankBefore(p: number): boolean {
    for (let i = p - 1; i >= 0; i--) {
      const c = this.text.charCodeAt(i);
      if (c === NL) return true;
      if (!isWs(c)) return false;
    }
    return true;
  }

  /** Does the line after the newline at `nl` start (after blanks) with `@type{` or `@type(`? */
  private entryStartsAfterNewline(nl: number): boolean {
    const text = this.text;
    let p = nl + 1;
    while (p < text.length) {
      const c = text.charCodeAt(p);
      if (c !== 32 && c !== 9 && c !== 13) break;
      p++;
    }
    return text.charCodeAt(p) === AT && this.atEntryStart(p);
  }

  /** Is `@` at `p` followed by `type{` / `type(`? */
  private atEntryStart(p: number): boolean {
    const text = this.text;
    let q = this.skipWs(p + 1);
    if (!isIdentStart(text.charCodeAt(q))) return false;
    while (q < text.length && isIdentPart(text.charCodeAt(q))) q++;
    q = this.skipWs(q);
    const c = text.charCodeAt(q);
    return c === LBRACE || c === LPAREN;
  }

  /** The next line (after `p`) that starts with `@`, where scanning resumes after an error. */
  private nextEntryLine(p: number): number {
    const text = this.text;
    for (let at = text.indexOf('@', p); at >= 0; at = text.indexOf('@', at + 1)) {
      if (this.blankBefore(at)) return at;
    }
    return text.length;
  }

  private trimEnd(start: number, end: number): number {
    while (end > start && isWs(this.text.charCodeAt(end - 1))) end--;
    return end;
  }
}

function stripBraces(value: string): string {
  return value.replace(/^["{]|["}]$/g, '').trim();
}

/**
 * Finds every entry, `@string` macro and syntax problem of a BibTeX/BibLaTeX text.
 *
 * @example
 * locateBibEntries('@article{smith2020, title = {X}}').entries[0].keySpan // { start: 9, end: 18 }
 */
export function locateBibEntries(text: string): LocatedBibliography {
  const scanner = new Scanner(text);
  scanner.run();
  return { entries: scanner.entries, strings: scanner.strings, issues: scanner.issues };
}

/**
 * Scans the single entry whose `@` is at `at`, with the `@string` macros defined before it, for re-scanning one
 * edited entry (`relocate.ts`). Null when no data entry starts there.
 */
export function locateOneEntry(text: string, at: number, macros: readonly StringMacro[]): { entry: LocatedEntry; issues: SyntaxIssue[]; end: number } | null {
  if (text.charCodeAt(at) !== AT) return null;
  const scanner = new Scanner(text);
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
  const scanner = new Scanner(text);
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
  const scanner = new Scanner(text);
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
