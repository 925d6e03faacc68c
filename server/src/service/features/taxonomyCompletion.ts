/**
 * Completion of taxonomy terms in prose: the words before the cursor that begin a term's label, alias or
 * abbreviation offer the term, always under its preferred label (an abbreviation also offers itself). Each item
 * shows where the term sits in the taxonomy and, in its documentation, the description and how many works of
 * the bibliography cover it.
 *
 * @example "… images with diff|" → Diffusion models (detail "Generative AI techniques"), inserting
 * "diffusion models" (the label in the case the sentence needs).
 *
 * Offered on explicit invocation (Ctrl+Space); while typing only when the host says so (setting
 * `citelens.completion.taxonomyWhileTyping`). Never inside code, math, comments or front matter (the caller,
 * `getCompletions`, skips `Manuscript.excluded`) nor inside citations.
 */
import { derivedFrom, type Taxonomy, type TaxonomyTerm } from '../taxonomy';
import type { Span } from '../types';
import type { CompletionContext, CompletionEntry, CompletionProvider, CompletionResult } from './completion';
import { describeTerm } from './taxonomyHover';

export interface TaxonomyCompletionOptions {
  /** Whether to offer terms on completions the user did not ask for explicitly (default: never). */
  whileTyping?: () => boolean;
  /** Most items returned (default 100). */
  limit?: number;
}

/** One name of a term, lower-cased for prefix matching. */
interface TermName {
  term: TaxonomyTerm;
  index: number;
  name: string;
  lower: string;
  kind: 'label' | 'abbreviation' | 'alias';
}

const KIND_RANK = { label: 0, abbreviation: 1, alias: 2 } as const;
const WORD_CHAR = /[\p{L}\p{N}'’-]/u;
/** How many words before the cursor a multi-word name ("large lang|") may span. */
const MAX_WORDS = 5;

const NAMES = Symbol('completion names');

/** The names completion matches against, listed once per taxonomy (kept on it). */
function namesOf(taxonomy: Taxonomy): TermName[] {
  return derivedFrom(taxonomy, NAMES, () => {
    const names: TermName[] = [];
    taxonomy.terms.forEach((term, index) => {
      const add = (name: string | undefined, kind: TermName['kind']): void => {
        if (name && name.trim()) names.push({ term, index, name, lower: normalize(name), kind });
      };
      add(term.label, 'label');
      add(term.abbreviation, 'abbreviation');
      for (const alias of term.aliases) add(alias, 'alias');
    });
    return names;
  });
}

function normalize(text: string): string {
  return text.toLowerCase().replace(/\s+/g, ' ');
}

/** A completion provider of taxonomy terms for `getCompletions`. */
export function taxonomyCompletion(options: TaxonomyCompletionOptions = {}): CompletionProvider {
  return (context) => completeTerms(context, options);
}

/** The taxonomy terms to offer at the cursor, or null outside prose or when nothing matches. */
export function completeTerms(context: CompletionContext, options: TaxonomyCompletionOptions = {}): CompletionResult | null {
  const { analysis, manuscript, offset, explicit } = context;
  const taxonomy = analysis.taxonomy;
  if (!taxonomy || taxonomy.terms.length === 0) return null;
  if (!explicit && !(options.whileTyping?.() ?? false)) return null;
  const text = manuscript.text;
  if (manuscript.citations.some((c) => c.span.start < offset && offset < c.span.end)) return null;
  // `@…` is a key being typed (handled by key completion), `[…` a number: not prose.
  let end = offset;
  while (end < text.length && WORD_CHAR.test(text[end]) && end - offset < 100) end++;
  const starts = wordStarts(text, offset);
  if (starts.length && /[@\\]/.test(text[starts[0] - 1] ?? '')) return null;
  if (!explicit && starts.length === 0) return null;
  const names = namesOf(taxonomy);
  // The longest run of words before the cursor that begins some name wins: "large lang|" completes
  // "Large language models" over words starting with "lang".
  for (let i = starts.length - 1; i >= 0; i--) {
    const typed = text.slice(starts[i], offset);
    const lower = normalize(typed);
    const matches = names.filter((n) => n.lower.startsWith(lower));
    if (matches.length) return result(context, { start: starts[i], end }, typed, matches, options);
  }
  if (!explicit) return null;
  // Asked explicitly with nothing that begins a name: every term, in taxonomy order.
  const partial = starts.length ? starts[0] : offset;
  return result(context, { start: partial, end }, '', names.filter((n) => n.kind === 'label'), options);
}

/**
 * Offsets where the words before the cursor start, nearest first: for "use large lang|" the starts of "lang",
 * "large lang" and "use large lang". Stops at line breaks and punctuation other than hyphens.
 */
function wordStarts(text: string, offset: number): number[] {
  const starts: number[] = [];
  let i = offset;
  while (i > 0 && WORD_CHAR.test(text[i - 1]) && offset - i < 100) i--;
  if (i === offset) return starts; // the cursor follows a space or punctuation: no word being typed
  starts.push(i);
  while (starts.length < MAX_WORDS) {
    let j = i;
    while (j > 0 && (text[j - 1] === ' ' || text[j - 1] === '\t')) j--;
    if (j === i || j === 0 || !WORD_CHAR.test(text[j - 1])) break;
    while (j > 0 && WORD_CHAR.test(text[j - 1])) j--;
    starts.push(j);
    i = j;
  }
  return starts;
}

function result(context: CompletionContext, span: Span, typed: string, matches: TermName[], options: TaxonomyCompletionOptions): CompletionResult {
  const { analysis } = context;
  const limit = options.limit ?? 100;
  // One item per term, from its best-ranked matching name.
  const best = new Map<TaxonomyTerm, TermName>();
  for (const m of matches) {
    const seen = best.get(m.term);
    if (!seen || KIND_RANK[m.kind] < KIND_RANK[seen.kind]) best.set(m.term, m);
  }
  const chosen = [...best.values()].sort((a, b) => KIND_RANK[a.kind] - KIND_RANK[b.kind] || a.index - b.index);
  const items: CompletionEntry[] = [];
  for (const [rank, m] of chosen.entries()) {
    if (items.length >= limit) break;
    const term = m.term;
    const documentation = describeTerm(analysis, term);
    const detail = term.path.length > 1 ? term.path.slice(0, -1).join(' › ') : 'Top-level taxonomy term';
    const sort = String(rank).padStart(5, '0');
    items.push({
      label: term.label,
      kind: 'term',
      description: term.abbreviation,
      detail,
      documentation,
      insertText: casedLike(term.label, typed),
      // The editor filters by the typed words; the name that matched keeps the item in the list.
      filterText: m.kind === 'label' || !typed ? term.label : m.name,
      sortText: `${sort}0`,
    });
    // The abbreviation itself, when what was typed begins it as written ("VA" → VAE, not "va").
    if (term.abbreviation && typed && term.abbreviation.startsWith(typed)) {
      items.push({
        label: term.abbreviation,
        kind: 'term',
        description: term.label,
        detail: `Abbreviation of ${term.label}`,
        documentation,
        insertText: term.abbreviation,
        filterText: term.abbreviation,
        sortText: `${sort}1`,
      });
    }
  }
  return { span, items, isIncomplete: false };
}

/**
 * The label in the case of what was typed: "diff" → "diffusion models", "Diff" → "Diffusion models". Labels
 * that are names (Title Case) keep their capitals; acronyms inside a label always do.
 */
export function casedLike(label: string, typed: string): string {
  if (!typed || !label) return label;
  const first = typed[0];
  if (first.toUpperCase() === first) return label[0].toUpperCase() + label.slice(1);
  const words = label.split(/\s+/);
  const sentenceCase = /^\p{Lu}\p{Ll}/u.test(words[0]) && !words.slice(1).some((w) => /^\p{Lu}\p{Ll}/u.test(w));
  return sentenceCase ? label[0].toLowerCase() + label.slice(1) : label;
}
