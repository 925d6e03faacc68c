/**
 * Reading BibTeX text at the character level: what is whitespace, an identifier or a digit (as citation-js's
 * lexer has them), skipping blanks and `%` comments, and finding where lines and entries start. The base of the
 * value reader and the entry scanner; it never throws.
 */

export const AT = 64, LBRACE = 123, RBRACE = 125, LPAREN = 40, RPAREN = 41, COMMA = 44, EQ = 61;
export const QUOTE = 34, HASH = 35, PERCENT = 37, NL = 10, BACKSLASH = 92, MINUS = 45;

/** JavaScript `\s`, which is what citation-js's lexer skips. */
export function isWs(c: number): boolean {
  if (c === 32 || (c >= 9 && c <= 13)) return true;
  if (c < 0xa0) return false;
  return c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 ||
    c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
}
export function isIdentStart(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95;
}
/** citation-js identifiers: `[a-zA-Z_][a-zA-Z0-9_:+-]*`. */
export function isIdentPart(c: number): boolean {
  return isIdentStart(c) || (c >= 48 && c <= 57) || c === 58 || c === 43 || c === MINUS;
}
export function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/** A BibTeX text and the moves over it that every part of the scanner makes. */
export class BibtexText {
  constructor(readonly text: string) {}

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

  protected endOfLine(p: number): number {
    const nl = this.text.indexOf('\n', p);
    return nl < 0 ? this.text.length : nl + 1;
  }

  /** Only blanks between the previous newline (or the file start) and `p`? Stops at the first non-blank. */
  protected blankBefore(p: number): boolean {
    for (let i = p - 1; i >= 0; i--) {
      const c = this.text.charCodeAt(i);
      if (c === NL) return true;
      if (!isWs(c)) return false;
    }
    return true;
  }

  /** Does the line after the newline at `nl` start (after blanks) with `@type{` or `@type(`? */
  protected entryStartsAfterNewline(nl: number): boolean {
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
  protected atEntryStart(p: number): boolean {
    const text = this.text;
    let q = this.skipWs(p + 1);
    if (!isIdentStart(text.charCodeAt(q))) return false;
    while (q < text.length && isIdentPart(text.charCodeAt(q))) q++;
    q = this.skipWs(q);
    const c = text.charCodeAt(q);
    return c === LBRACE || c === LPAREN;
  }

  /** The next line (after `p`) that starts with `@`, where scanning resumes after an error. */
  protected nextEntryLine(p: number): number {
    const text = this.text;
    for (let at = text.indexOf('@', p); at >= 0; at = text.indexOf('@', at + 1)) {
      if (this.blankBefore(at)) return at;
    }
    return text.length;
  }

  protected trimEnd(start: number, end: number): number {
    while (end > start && isWs(this.text.charCodeAt(end - 1))) end--;
    return end;
  }
}
