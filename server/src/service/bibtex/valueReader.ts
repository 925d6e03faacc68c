/**
 * Reading BibTeX values: `{braced}` (nested), `"quoted"`, numbers and `@string` macro names joined by `#`,
 * with the macros a value uses. A value that does not end where BibTeX would end it throws a {@link Stop}
 * naming the culprit ("this "{" is never closed").
 */
import { BACKSLASH, BibtexText, EQ, HASH, isDigit, isIdentPart, isIdentStart, LBRACE, MINUS, NL, QUOTE, RBRACE } from './bibtexText';
import type { StringMacro } from './located';
import { Stop, syntaxMessages as say } from './syntaxIssues';

/** The characters that matter inside a braced value. */
const BRACED_SPECIAL = /[{}\\\n]/g;
/** The characters that matter inside a quoted value. */
const QUOTED_SPECIAL = /["{}\\\n]/g;

/** The value-level reader: the macros defined so far, and the value expressions of entries and `@string`s. */
export class ValueReader extends BibtexText {
  protected readonly macros = new Map<string, StringMacro>();

  /** A value expression: parts joined by `#`. Returns the offset after it. */
  protected value(p: number, macroUses: StringMacro[] | null): number {
    const text = this.text;
    for (;;) {
      const c = text.charCodeAt(p);
      if (c === LBRACE) p = this.braced(p);
      else if (c === QUOTE) p = this.quoted(p);
      else if (isDigit(c) || (c === MINUS && isDigit(text.charCodeAt(p + 1)))) {
        // A bare value opening with a digit runs on over the characters of a name, as Pandoc reads it:
        // `pages = 1--5`, `edition = 2nd`, `year = 2020a` (BibTeX wants braces there; Pandoc 2.17 takes the word).
        p++;
        while (p < text.length && isIdentPart(text.charCodeAt(p))) p++;
      } else if (isIdentStart(c)) {
        const s = p;
        while (p < text.length && isIdentPart(text.charCodeAt(p))) p++;
        const macro = this.macros.get(text.slice(s, p).toLowerCase());
        if (macro && macroUses && !macroUses.includes(macro)) macroUses.push(macro);
      } else if (p >= text.length) {
        throw new Stop(say.fileEndsInValue(), Math.max(0, p - 1), p);
      } else {
        throw new Stop(say.notAValue(text[p]), p);
      }
      const q = this.skipWsComments(p);
      if (text.charCodeAt(q) !== HASH) return p;
      p = this.skipWsComments(q + 1);
    }
  }

  /** `{…}` with nested braces; `\{` and `\}` do not count (as in citation-js). */
  protected braced(open: number): number {
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
    throw new Stop(say.braceNeverClosed(), open);
  }

  /** `"…"`: ends at a `"` outside braces. */
  protected quoted(open: number): number {
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
    throw new Stop(depth > 0 ? say.unbalancedInQuotes() : say.quoteNeverClosed(), open);
  }

  protected expectClose(p: number, close: number, what: string): number {
    if (this.text.charCodeAt(p) === close) return p + 1;
    throw new Stop(say.notEnded(close, what), Math.min(p, this.text.length - 1));
  }

  /** After a field name candidate at `p`: is it `name =`? (for lenient recovery from a missing comma) */
  protected fieldFollows(p: number): boolean {
    const text = this.text;
    while (p < text.length && isIdentPart(text.charCodeAt(p))) p++;
    return text.charCodeAt(this.skipWsComments(p)) === EQ;
  }
}
