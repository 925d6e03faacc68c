/**
 * The entry scanner: walks a BibTeX/BibLaTeX text from `@` to `@` and records each data entry (type, key,
 * spans, field names, the macros it uses, `crossref`), each `@string` macro and each syntax issue, resuming
 * after an error at the next line that starts with `@`. It can stop at a deadline and resume (sliced scanning)
 * and scan one entry alone (`relocate.ts`). The grammar and its invariants are described in `locator.ts`.
 */
import { AT, COMMA, EQ, isIdentPart, isIdentStart, isWs, LBRACE, LPAREN, NL, PERCENT, QUOTE, RBRACE, RPAREN } from './bibtexText';
import type { LocatedEntry, LocatedField, StringMacro, SyntaxIssue } from './located';
import { Stop, syntaxMessages as say } from './syntaxIssues';
import { ValueReader } from './valueReader';

export class EntryScanner extends ValueReader {
  pos = 0;
  readonly entries: LocatedEntry[] = [];
  readonly strings: StringMacro[] = [];
  readonly issues: SyntaxIssue[] = [];
  /** Value spans (start, end, start, end, …) of the entry being scanned, for error messages. */
  private readonly values: number[] = [];
  /** Filled only by `scanEntryFields` (`locator.ts`). */
  collected: LocatedField[] | null = null;

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
        this.issues.push({
          message: typeEnd > typeStart ? say.noOpeningBrace(text.slice(typeStart, typeEnd)) : say.noEntryType(),
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
    if (!isIdentStart(text.charCodeAt(p))) throw new Stop(say.noMacroName(), p);
    while (isIdentPart(text.charCodeAt(p))) p++;
    const name = text.slice(nameStart, p).toLowerCase();
    p = this.skipWsComments(p);
    if (text.charCodeAt(p) !== EQ) throw new Stop(say.noEqualsAfterMacro(text.slice(nameStart, p).trim()), p);
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
      throw new Stop(say.unclosedWithoutKey(type), at, openAt + 1);
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
        message: say.noKey(type),
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
        this.issues.push({ message: say.noCommaAfterKey(entry.key), span: { ...entry.keySpan } });
      } else if (afterKey >= text.length || c === AT) {
        throw new Stop(say.notClosed(`"${entry.key}"`, close), at, openAt + 1);
      } else throw new Stop(say.noCommaAfterKey(entry.key), keyStart, keyEnd);
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
      if (p >= text.length) throw this.notClosed(say.notClosed(label, close), entry);
      let c = text.charCodeAt(p);
      if (c === close) return p + 1;
      if (c === AT && this.atEntryStart(p)) {
        const stop = this.notClosed(say.notClosedBeforeNext(label, close), entry);
        stop.resume = p;
        throw stop;
      }
      if (!isIdentStart(c)) {
        throw new Stop(c === COMMA ? say.twoCommas() : say.noFieldName(text[p], close, label), p);
      }
      const nameStart = p;
      while (p < text.length && isIdentPart(text.charCodeAt(p))) p++;
      const name = text.slice(nameStart, p).toLowerCase();
      p = this.skipWsComments(p);
      if (text.charCodeAt(p) !== EQ) throw new Stop(say.noEqualsAfterField(text.slice(nameStart, p).trim()), p);
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
          this.issues.push({ message: say.noCommaAfterValue(name), span: { start: valueEnd - 1, end: valueEnd } });
        } else if (p >= text.length || (c === AT && this.atEntryStart(p))) {
          continue; // reported as "not closed" above
        } else throw new Stop(say.unexpectedAfterValue(text[p], name, close), p);
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
        return new Stop(say.valueSwallowedFields(field), start);
      }
    }
    return new Stop(message, entry.span.start, entry.keySpan.end || entry.span.start + 1);
  }
}

function stripBraces(value: string): string {
  return value.replace(/^["{]|["}]$/g, '').trim();
}
