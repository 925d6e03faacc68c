/**
 * Numeric citations typed as Unicode superscript digits — `cities¹`, `warmer.²³`, `nights¹⁻³`, `size¹,⁴` — as a review
 * pasted from Word, a PDF or a web page writes AMA's and Nature's superscripts when the formatting is lost but the
 * characters stay. To Pandoc they are text; to a reader, the citation `^1^`. Read by the superscript rules
 * (`numericCitations.ts`: after a word of three letters or more, "et al", punctuation or a two-capital acronym; not
 * in a paragraph of names; not in code or math), and by stricter ones, since these characters also write powers and
 * units in plain text: not after a digit (`10⁶`), a one- or two-letter unit or variable (`m²`, `km²`, `x²`, `R²`), a
 * unit of three letters (`mol²`, `kPa²`), nor a parenthesised formula (`(a + b)²`); a run that starts with the
 * superscript minus (`s⁻¹`, `10⁻³`) is an exponent. The analysis keeps them only where the manuscript has a
 * reference list (`pipeline/discovery/bracketedYears.ts`) and cites no other numeric way (`oneNumericForm`).
 * Renumbering writes them back as superscripts (`renumber/numberFormat.ts`).
 */
import type { Citation, Span } from '../types';
import { excludedAt } from './parseMarkdown';
import { BEFORE_SUPERSCRIPT, namesOnly, numericCitation, SHORT_ACRONYM } from './numericCitations';

/** ⁰–⁹: ¹²³ are Latin-1's (U+00B9, U+00B2, U+00B3), the others U+2070, U+2074–U+2079. */
const DIGITS = '⁰¹²³⁴⁵⁶⁷⁸⁹';
const DIGIT = '[⁰¹²³⁴-⁹]';
/** A range's dash between superscripts: the superscript minus `⁻` or a dash typed on the line (`¹–³`, `¹-³`). */
const RANGE_DASH = '[⁻–\\-\u2010\u2011]';
/**
 * Numbers of up to four superscript digits, joined by `,` or `;` (no space: `¹, ²` reads as a mark and a word) or a
 * range dash; not followed by a charge's sign (`calcium²⁺`, `sulfate²⁻`).
 */
const RUN = new RegExp(`^${DIGIT}{1,4}(?:(?:[,;]|${RANGE_DASH})${DIGIT}{1,4})*(?![\\p{N}⁺⁻])`, 'u');

/** Whether `ch` is a superscript digit. */
export function isSuperscriptDigit(ch: string | undefined): boolean {
  return ch !== undefined && DIGITS.includes(ch);
}

/** Units of three letters or more a power follows (`mol²`, `kPa²`); shorter ones fail the word rule already. */
const UNIT_BEFORE = /(?:^|[^\p{L}])(?:mol|mmol|µmol|μmol|nmol|kcal|kPa|MPa|GPa|hPa|mbar|kHz|MHz|GHz|sec|min)$/u;
/** An operator: a bracket holding one is a formula (`(a + b)²`, `(n = 45)²`). */
const OPERATOR = /[=+×·*/^<>]/;

/**
 * The superscript citation at `at` (its first digit), or null. The caller skips the rest of a run that is not read
 * (`runEnd`), so a run is never read from its middle.
 */
export function readUnicodeSuperscript(text: string, at: number, excluded: Span[]): Citation | null {
  const m = RUN.exec(text.slice(at, at + 60));
  if (!m || isSuperscriptDigit(text[at - 1]) || text[at - 1] === '⁻') return null;
  const end = at + m[0].length;
  const before = text.slice(Math.max(0, at - 8), at);
  const ascii = fromSuperscript(m[0]).replace(/⁻/g, '-');
  const list = /\d[,;\-–\u2010\u2011]\d/.test(ascii);
  const cites = BEFORE_SUPERSCRIPT.test(before) || SHORT_ACRONYM.test(before) || (/\p{L}$/u.test(before) && list);
  if (!cites || UNIT_BEFORE.test(before) || closesFormula(text, at) || namesOnly(text, at)) return null;
  for (let q = at; q < end; q++) if (excludedAt(excluded, q)) return null;
  // The content maps one character to one (each digit and dash is one UTF-16 unit), so the segments' spans hold.
  const citation = numericCitation(text, at - 1, end, ascii, false, undefined);
  citation.span = { start: at, end };
  citation.raw = m[0];
  const dash = new RegExp(RANGE_DASH).exec(m[0])?.[0];
  if (dash) citation.dash = dash;
  else delete citation.dash;
  return citation;
}

/** The end of the superscript run starting at `at` (digits, separators, dashes). */
export function runEnd(text: string, at: number): number {
  let q = at;
  while (q < text.length && (isSuperscriptDigit(text[q]) || (/[,;⁻]/.test(text[q]) && isSuperscriptDigit(text[q + 1])))) q++;
  return Math.max(q, at + 1);
}

/** `(a + b)²`, `f(x)²`, `[x]²`: a closing bracket right before whose content is a formula, not words. */
function closesFormula(text: string, at: number): boolean {
  const close = text[at - 1];
  if (close !== ')' && close !== ']') return false;
  const open = text.lastIndexOf(close === ')' ? '(' : '[', at - 1);
  if (open < 0 || at - 1 - open > 200) return false;
  const content = text.slice(open + 1, at - 1);
  return OPERATOR.test(content) || !/\p{L}{3}/u.test(content);
}

/** A numeric citation written in Unicode superscript digits (`¹,²`). */
export function isUnicodeSuperscript(c: Citation): boolean {
  return c.style === 'numeric' && isSuperscriptDigit(c.raw[0]);
}

/** `text` with its superscript digits as ASCII digits, one character for one (a malformed citation's numbers). */
export function fromSuperscript(text: string): string {
  return text.replace(/[⁰¹²³⁴-⁹]/gu, (d) => String(DIGITS.indexOf(d)));
}

/** `text` (ASCII digits and dashes, as renumbering writes them) in superscript digits. */
export function toSuperscript(text: string): string {
  return text.replace(/\d/g, (d) => DIGITS[Number(d)]);
}
