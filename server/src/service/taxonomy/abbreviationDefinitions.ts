/**
 * Where a text defines an abbreviation: `Generative Adversarial Networks (GANs)`, or the reverse
 * `GANs (generative adversarial networks)`.
 *
 * A definition is accepted when the words before the parenthesis spell the abbreviation the way
 * Schwartz & Hearst (2003) check it: every letter of the abbreviation appears, in order, in the long
 * form, and the first one starts a word (`electronic health record (EHR)`). Definitions the letters
 * cannot explain (`explainable AI (XAI)`) are still accepted when the long form is a label or alias
 * of the term itself.
 */
import type { Span } from '../types';
import type { Taxonomy, TermUse } from './model';

/** One definition of an abbreviation in the text. */
export interface AbbreviationDefinition {
  termId: string;
  /** The abbreviation as the taxonomy writes it (`GAN`). */
  abbreviation: string;
  /** Span of the whole definition, long form and parenthesis (`Generative … Networks (GANs)`). */
  span: Span;
  /** Span of the abbreviation inside the definition (`GANs`), which is not itself a "use". */
  abbreviationSpan: Span;
}

const PAREN = /\(\s*([^()\s]{1,20})\s*\)/g;

/** All definitions of the taxonomy's abbreviations in `text`, in text order. */
export function findAbbreviationDefinitions(
  text: string,
  uses: readonly TermUse[],
  taxonomy: Taxonomy,
): AbbreviationDefinition[] {
  const termOf = new Map<string, string>();
  for (const term of taxonomy.terms) if (term.abbreviation) termOf.set(singularAbbreviation(term.abbreviation), term.id);
  if (termOf.size === 0) return [];
  const found = new Map<number, AbbreviationDefinition>();

  // Long form before the parenthesis, checked letter by letter.
  for (const m of text.matchAll(PAREN)) {
    const inner = m[1];
    const abbreviation = termOf.has(inner) ? inner : termOf.has(inner.slice(0, -1)) && /[sS]$/.test(inner) ? inner.slice(0, -1) : null;
    if (abbreviation === null) continue;
    const open = m.index;
    const longStart = longFormStart(text, open, abbreviation);
    if (longStart === null) continue;
    const innerStart = open + m[0].indexOf(inner);
    found.set(innerStart, {
      termId: termOf.get(abbreviation) ?? '',
      abbreviation: taxonomy.byId.get(termOf.get(abbreviation) ?? '')?.abbreviation ?? abbreviation,
      span: { start: longStart, end: open + m[0].length },
      abbreviationSpan: { start: innerStart, end: innerStart + inner.length },
    });
  }

  // A label or alias of the term right before `(ABBR)`, or an abbreviation right before `(label)`.
  for (let i = 0; i + 1 < uses.length; i++) {
    const a = uses[i];
    const b = uses[i + 1];
    if (a.termId !== b.termId) continue;
    const between = text.slice(a.span.end, b.span.start);
    if (!/^\s*\(\s*$/.test(between) || !/^\s*\)/.test(text.slice(b.span.end, b.span.end + 3))) continue;
    const close = text.indexOf(')', b.span.end) + 1;
    const term = taxonomy.byId.get(a.termId);
    if (!term?.abbreviation) continue;
    if (a.kind !== 'abbreviation' && b.kind === 'abbreviation' && !found.has(b.span.start)) {
      found.set(b.span.start, {
        termId: term.id,
        abbreviation: term.abbreviation,
        span: { start: a.span.start, end: close },
        abbreviationSpan: b.span,
      });
    } else if (a.kind === 'abbreviation' && b.kind !== 'abbreviation' && !found.has(a.span.start)) {
      found.set(a.span.start, {
        termId: term.id,
        abbreviation: term.abbreviation,
        span: { start: a.span.start, end: close },
        abbreviationSpan: a.span,
      });
    }
  }
  return [...found.values()].sort((x, y) => x.span.start - y.span.start);
}

/** `LLMs` written in the taxonomy stands for `LLM`. */
export function singularAbbreviation(abbreviation: string): string {
  return /[A-Z0-9]s$/.test(abbreviation) ? abbreviation.slice(0, -1) : abbreviation;
}

/**
 * Start offset of the long form ending just before `open` (the parenthesis), or null when the words
 * before it do not spell `abbreviation` (Schwartz & Hearst's backward letter match).
 */
function longFormStart(text: string, open: number, abbreviation: string): number | null {
  const letters = [...abbreviation].filter((c) => /[\p{L}\p{N}]/u.test(c)).length;
  const maxWords = Math.min(letters + 5, letters * 2);
  // Walk back over at most maxWords words, without crossing a sentence or clause boundary.
  let from = open;
  let words = 0;
  let i = open - 1;
  while (i >= 0 && /\s/.test(text[i])) i--;
  const end = i + 1;
  while (i >= 0 && words < maxWords) {
    while (i >= 0 && /[\p{L}\p{N}\-'’]/u.test(text[i])) i--;
    words++;
    from = i + 1;
    let j = i;
    while (j >= 0 && /[ \t*_]/.test(text[j])) j--;
    if (j < 0 || !/[\p{L}\p{N}]/u.test(text[j])) break;
    i = j;
  }
  const long = text.slice(from, end);
  const lower = long.toLowerCase();
  const first = shortFormStart(abbreviation.toLowerCase(), lower);
  if (first < 0) return null;
  // The long form starts at the word holding the first matched letter.
  let startInLong = first;
  while (startInLong > 0 && /[\p{L}\p{N}]/u.test(lower[startInLong - 1])) startInLong--;
  return from + startInLong;
}

/**
 * Schwartz–Hearst's match of a short form in the text before it: the letters and digits of `short` are found right
 * to left in `long` (both lower-cased), the first one at the start of a word. The index in `long` of the first
 * matched character, or -1 when `long` cannot be the short form's expansion.
 *
 * @example
 * shortFormStart('gan', 'generative adversarial networks') // → 0
 */
export function shortFormStart(short: string, long: string): number {
  let s = short.length - 1;
  let l = long.length - 1;
  while (s >= 0) {
    const c = short[s];
    if (!/[\p{L}\p{N}]/u.test(c)) {
      s--;
      continue;
    }
    // The first letter of the abbreviation must start a word of the long form.
    while (l >= 0 && (long[l] !== c || (s === 0 && l > 0 && /[\p{L}\p{N}]/u.test(long[l - 1])))) l--;
    if (l < 0) return -1;
    l--;
    s--;
  }
  return l + 1;
}
