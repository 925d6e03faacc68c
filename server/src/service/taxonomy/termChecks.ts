/**
 * Diagnostics about how the prose names taxonomy terms:
 *
 * - `non-preferred-term`: every use of an alias as written, up to case and plural (not of an
 *   abbreviation: abbreviations are preferred short forms, not synonyms). Quick fix data: `{ replacement, termId }`, the label with
 *   its first letter cased like the text's (`interpretability` → `explainability`).
 * - `undefined-abbreviation`: per abbreviation, only the first use that comes before the first
 *   definition, or the first use at all when the text never defines it. One diagnostic per
 *   abbreviation is enough to fix the text (the fix defines it there) and keeps a review that uses
 *   "GANs" eighty times readable. An abbreviation inside its own definition is not a use. Quick fix
 *   data: `{ expansion, termId, abbreviation }`, e.g. `Generative adversarial networks (GANs)`,
 *   which replaces the use's span.
 */
import { problem } from '../problems/problem';
import type { Problem, Span } from '../types';
import { findAbbreviationDefinitions } from './abbreviationDefinitions';
import type { Taxonomy, TaxonomyTerm, TermUse } from './model';
import { tokenizeWords } from './wordTokens';

/** A `non-preferred-term` problem for every alias use. */
export function nonPreferredTerms(uses: readonly TermUse[], taxonomy: Taxonomy, uri: string): Problem<'non-preferred-term'>[] {
  const problems: Problem<'non-preferred-term'>[] = [];
  const asWritten = new Map<string, boolean>(); // by term and surface: reviews repeat their phrases
  for (const use of uses) {
    if (use.kind !== 'alias') continue;
    const term = taxonomy.byId.get(use.termId);
    if (!term) continue;
    // Only the alias as written (up to case and plural) gets the fix: the matcher also accepts
    // other inflections (`interpretable` for `interpretability`), where swapping in the label
    // would break the sentence.
    const key = `${term.id}\u0000${use.surface}`;
    let same = asWritten.get(key);
    if (same === undefined) asWritten.set(key, (same = term.aliases.some((alias) => sameWords(alias, use.surface))));
    if (!same) continue;
    const replacement = caseLike(term.label, use.surface);
    problems.push(problem('non-preferred-term', uri, use.span, { alias: use.surface, label: term.label, replacement, termId: term.id }));
  }
  return problems;
}

/**
 * An `undefined-abbreviation` problem for the first use of each abbreviation that comes before its
 * definition (see the file comment). `alreadyDefined` holds abbreviations that earlier chapters of
 * the manuscript define, as the taxonomy writes them; `excluded` (code, comments…) holds no
 * definitions. `uses` are those of `findTermUses` on the same text.
 */
export function undefinedAbbreviations(
  text: string,
  uses: readonly TermUse[],
  taxonomy: Taxonomy,
  uri: string,
  options: { alreadyDefined?: Iterable<string>; excluded?: readonly Span[] } = {},
): Problem<'undefined-abbreviation'>[] {
  const excluded = options.excluded ?? [];
  const isExcluded = (offset: number): boolean => excluded.some((e) => e.start <= offset && offset < e.end);
  // A "definition" inside code or a comment does not define anything for the reader.
  const definitions = findAbbreviationDefinitions(text, uses, taxonomy).filter((d) => !isExcluded(d.abbreviationSpan.start));
  const firstDefinition = new Map<string, Span>();
  const insideDefinition = new Set<number>();
  for (const d of definitions) {
    if (!firstDefinition.has(d.termId)) firstDefinition.set(d.termId, d.span);
    insideDefinition.add(d.abbreviationSpan.start);
  }
  const defined = new Set(options.alreadyDefined ?? []);
  const reported = new Set<string>();
  const problems: Problem<'undefined-abbreviation'>[] = [];
  for (const use of uses) {
    if (use.kind !== 'abbreviation' || reported.has(use.termId) || insideDefinition.has(use.span.start)) continue;
    const term = taxonomy.byId.get(use.termId);
    if (!term?.abbreviation || defined.has(term.abbreviation)) continue;
    const definition = firstDefinition.get(term.id);
    if (definition && definition.start <= use.span.start) continue;
    reported.add(term.id);
    const facts = { use: use.surface, definedLater: !!definition, expansion: expansionOf(term, use, text), termId: term.id, abbreviation: term.abbreviation };
    const related = definition && [{ uri, span: definition, message: `“${use.surface}” is defined here` }];
    problems.push(problem('undefined-abbreviation', uri, use.span, facts, related));
  }
  return problems;
}

/** Whether two names have the same words, up to letter case, hyphens and a plural `s`/`es`. */
function sameWords(a: string, b: string): boolean {
  const words = (name: string): string[] =>
    tokenizeWords(name).map((t) => t.text.toLowerCase().replace(/(?<=[^s])(es|s)$/, ''));
  const x = words(a);
  const y = words(b);
  return x.length === y.length && x.every((w, i) => w === y[i]);
}

/** `Generative adversarial networks (GANs)`: the label, in the number and case the use needs. */
export function expansionOf(term: TaxonomyTerm, use: TermUse, text: string): string {
  const plural = use.surface !== term.abbreviation && /s$/.test(use.surface);
  let long = plural ? pluralize(term.label) : singularize(term.label);
  if (!atSentenceStart(text, use.span.start) && isSentenceCase(long)) long = long[0].toLowerCase() + long.slice(1);
  else if (atSentenceStart(text, use.span.start)) long = long[0].toUpperCase() + long.slice(1);
  return `${long} (${use.surface})`;
}

/** The label with its first letter cased like `surface` (unless the label is Title Case). */
function caseLike(label: string, surface: string): string {
  if (label === '' || surface === '') return label;
  const upper = surface[0] !== surface[0].toLowerCase();
  if (upper) return label[0].toUpperCase() + label.slice(1);
  return isSentenceCase(label) ? label[0].toLowerCase() + label.slice(1) : label;
}

/**
 * `Magnetic resonance imaging` is sentence case (its capital is only the sentence's); `General Data
 * Protection Regulation` is a name and keeps its capitals. Acronyms (`AI`) do not make a name.
 */
function isSentenceCase(label: string): boolean {
  const words = label.split(/\s+/);
  if (!/^\p{Lu}\p{Ll}/u.test(words[0] ?? '')) return false;
  return !words.slice(1).some((w) => /^\p{Lu}\p{Ll}/u.test(w));
}

function atSentenceStart(text: string, offset: number): boolean {
  let i = offset - 1;
  while (i >= 0 && /[ \t*_#>"“+-]/.test(text[i])) i--;
  if (i < 0) return true;
  if (text[i] === '\n') {
    // A line break after a blank line, a heading or a list marker starts a block.
    let j = i - 1;
    while (j >= 0 && /[ \t\r]/.test(text[j])) j--;
    return j < 0 || text[j] === '\n';
  }
  return /[.!?:]/.test(text[i]);
}

function lastWord(label: string): { head: string; word: string } {
  const m = /^(.*?)(\p{L}+)$/su.exec(label);
  return m ? { head: m[1], word: m[2] } : { head: label, word: '' };
}

function isPluralWord(word: string): boolean {
  return /s$/i.test(word) && !/(ss|us|is)$/i.test(word);
}

function pluralize(label: string): string {
  const { head, word } = lastWord(label);
  if (word === '' || isPluralWord(word)) return label;
  if (/[^aeiou]y$/i.test(word)) return head + word.slice(0, -1) + 'ies';
  if (/(s|x|z|ch|sh)$/i.test(word)) return head + word + 'es';
  return head + word + 's';
}

function singularize(label: string): string {
  const { head, word } = lastWord(label);
  if (!isPluralWord(word)) return label;
  if (/ies$/i.test(word)) return head + word.slice(0, -3) + 'y';
  return head + word.slice(0, -1);
}
