/**
 * The syntax problems the BibTeX scanner reports, in one place: the exception that stops scanning one entry
 * ({@link Stop}) and the text of every message, so the scanner's code reads as grammar and the messages can be
 * read (and reviewed) together. Each message says what is wrong and, where it can, how to write it instead.
 */

/** Thrown inside the entry scanner only, caught per entry: a syntax error at `at`. */
export class Stop {
  /** Where scanning resumes, when known better than "the next line starting with @". */
  resume?: number;
  constructor(readonly message: string, readonly at: number, readonly end = at + 1) {}
}

/** `"}"` or `")"`: the character that closes an entry opened with `{` or `(`. */
function char(code: number): string {
  return String.fromCharCode(code);
}

export const syntaxMessages = {
  /** `@article title = …`: a type without `{`. */
  noOpeningBrace: (type: string): string => `"@${type}" is not followed by "{": an entry must look like @type{key, field = {value}, …}.`,
  /** A lone `@` at the start of a line. */
  noEntryType: (): string => '"@" at the start of a line is not followed by an entry type: write @type{key, …}, or remove the "@".',
  noMacroName: (): string => 'Expected a macro name after "@string{", as in @string{jmlr = "J. Mach. Learn. Res."}.',
  noEqualsAfterMacro: (name: string): string => `Expected "=" after the macro name "${name}".`,
  /** `close` not where an `@string` (`what` = `@string "name"`) or `@preamble` (`the @preamble`) ends. */
  notEnded: (close: number, what: string): string => `Expected "${char(close)}" to end ${what}.`,
  unclosedWithoutKey: (type: string): string => `This @${type} entry is not closed and has no key.`,
  noKey: (type: string): string => `This @${type} entry has no key: write @${type}{yourKey, …} so it can be cited.`,
  noCommaAfterKey: (key: string): string => `Missing "," after the key "${key}".`,
  /** `label` is the key in quotes, or `@type` for an entry without one. */
  notClosed: (label: string, close: number): string => `The entry ${label} is not closed: add "${char(close)}" at its end.`,
  notClosedBeforeNext: (label: string, close: number): string => `The entry ${label} is not closed before the next entry: add "${char(close)}" at its end.`,
  twoCommas: (): string => 'Unexpected "," (two commas in a row?).',
  noFieldName: (found: string, close: number, label: string): string => `Unexpected "${found}": expected a field name, as in title = {…}, or "${char(close)}" to end the entry ${label}.`,
  noEqualsAfterField: (name: string): string => `Expected "=" after the field name "${name}".`,
  noCommaAfterValue: (field: string): string => `Missing "," after the value of the field "${field}".`,
  unexpectedAfterValue: (found: string, field: string, close: number): string => `Unexpected "${found}" after the value of "${field}": expected "," or "${char(close)}".`,
  /** A braced or quoted value ran over the fields after it. */
  valueSwallowedFields: (field: string): string => `Unbalanced braces: the value of "${field}" is closed only after the following fields (a "}" is probably missing in it).`,
  fileEndsInValue: (): string => 'The file ends where a value was expected.',
  notAValue: (found: string): string => `Unexpected "${found}": a value must be {braced}, "quoted", a number or a @string macro.`,
  braceNeverClosed: (): string => 'Unbalanced braces: this "{" is never closed (check for a missing "}").',
  unbalancedInQuotes: (): string => 'Unbalanced braces inside this quoted value (check for a missing "}").',
  quoteNeverClosed: (): string => 'This quoted value is never closed (missing \'"\').',
};
