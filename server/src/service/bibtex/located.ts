/**
 * What the BibTeX scanner finds (`locator.ts`): entries located but not converted, `@string` macros, syntax
 * issues and, on demand, field value spans. Plain data: a host may keep a scan between sessions
 * (`Workspace.scans`) and rebuild the bibliography from it.
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
