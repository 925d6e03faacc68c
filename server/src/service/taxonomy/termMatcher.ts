/**
 * Finds taxonomy terms in prose.
 *
 * Rules (what an author sees):
 * - Labels and aliases match case-insensitively, word by word, with inflections tolerated: the
 *   words' Porter stems agree and their lengths differ by at most
 *   {@link MAX_INFLECTION_LENGTH_DIFFERENCE} (`Diffusion Models` / `diffusion model` / `diffusion
 *   modeling`; not `fair` for `fairness`).
 * - Abbreviations match case-sensitively, with a plural `s` (`GAN`, `GANs`; not `gan`).
 * - Matches start and end on word boundaries; words of a name may be separated in the text by
 *   spaces, one line break, hyphens or emphasis markers (`large-language models`, `*diffusion* models`).
 * - Leftmost-longest: `large language models` wins over `language models`; matches do not overlap.
 * - Nothing inside an excluded span (code, math, comments, link targets…) matches.
 *
 * Speed: the names are compiled once per taxonomy into a word trie (cached per `Taxonomy` object);
 * the text is read once, with one cached key lookup per word.
 */
import type { Span } from '../types';
import type { Taxonomy, TermUse } from './model';
import { MAX_INFLECTION_LENGTH_DIFFERENCE, scanWords, tokenizeWords, wordKey, type WordScan } from './wordTokens';

interface TrieNode {
  /** Edges by word key (labels and aliases). */
  words: Map<string, WordEdge> | null;
  /** Edges by exact word (abbreviations). */
  exact: Map<string, TrieNode> | null;
  hit: { termId: string; kind: TermUse['kind'] } | null;
}

interface WordEdge {
  node: TrieNode;
  /** Shortest and longest name word that leads here, for the inflection length check. */
  minLength: number;
  maxLength: number;
}

/** A compiled matcher for one taxonomy. */
export interface TermMatcher {
  /** Term uses in `text`, in text order, skipping `excluded` spans. */
  find(text: string, excluded?: readonly Span[]): TermUse[];
}

const newNode = (): TrieNode => ({ words: null, exact: null, hit: null });
const matcherCache = new WeakMap<Taxonomy, TermMatcher>();

/** The matcher of a taxonomy, compiled on first use and cached for the taxonomy object. */
export function termMatcherFor(taxonomy: Taxonomy): TermMatcher {
  let matcher = matcherCache.get(taxonomy);
  if (!matcher) {
    matcher = compileTermMatcher(taxonomy);
    matcherCache.set(taxonomy, matcher);
  }
  return matcher;
}

/**
 * Finds every use of a taxonomy term in `text` (see the rules above).
 *
 * @example
 * findTermUses(tax, 'Large language models (LLMs) and GANs', [])
 * // → [{termId: 'llm', surface: 'Large language models', kind: 'label', …},
 * //    {termId: 'llm', surface: 'LLMs', kind: 'abbreviation', …}, {termId: 'gan', surface: 'GANs', …}]
 */
export function findTermUses(taxonomy: Taxonomy, text: string, excluded: readonly Span[] = []): TermUse[] {
  return termMatcherFor(taxonomy).find(text, excluded);
}

/**
 * Ids of the terms `text` mentions, in order of first mention; with `includeAncestors`, each
 * term's ancestors follow it (once), so a mention of "GANs" also counts for "Generative AI techniques".
 */
export function conceptsOf(
  taxonomy: Taxonomy,
  text: string,
  options: { includeAncestors?: boolean; excluded?: readonly Span[] } = {},
): string[] {
  const seen = new Set<string>();
  for (const use of findTermUses(taxonomy, text, options.excluded ?? [])) {
    let id: string | null = use.termId;
    while (id !== null && !seen.has(id)) {
      seen.add(id);
      id = options.includeAncestors ? (taxonomy.byId.get(id)?.parentId ?? null) : null;
    }
  }
  return [...seen];
}

/** Compiles the labels, aliases and abbreviations of a taxonomy into a word trie. */
export function compileTermMatcher(taxonomy: Taxonomy): TermMatcher {
  const root = newNode();
  // First two characters of every name's first word (lower case) and of every abbreviation (as
  // written): a word whose start is not among them cannot start a match, and needs no key lookup.
  // Stemming never changes the first two letters of a word, so this filter loses nothing.
  const prefixes = new PrefixSet();
  const addName = (name: string, termId: string, kind: 'label' | 'alias'): void => {
    let node = root;
    const words = tokenizeWords(name);
    if (words.length === 0) return;
    prefixes.add(words[0].text.toLowerCase());
    for (const word of words) {
      const key = wordKey(word.text);
      node.words ??= new Map();
      let edge = node.words.get(key);
      if (!edge) {
        edge = { node: newNode(), minLength: word.text.length, maxLength: word.text.length };
        node.words.set(key, edge);
      }
      edge.minLength = Math.min(edge.minLength, word.text.length);
      edge.maxLength = Math.max(edge.maxLength, word.text.length);
      node = edge.node;
    }
    node.hit ??= { termId, kind };
  };
  const addAbbreviation = (abbreviation: string, termId: string): void => {
    // An abbreviation written as a plural (`LLMs`) is stored as its singular; the plural `s` is
    // tolerated in prose anyway.
    const base = /[A-Z0-9]s$/.test(abbreviation) ? abbreviation.slice(0, -1) : abbreviation;
    const words = tokenizeWords(base);
    if (words.length === 0 || base.length < 2) return;
    prefixes.add(words[0].text);
    let node = root;
    for (const word of words) {
      node.exact ??= new Map();
      let next = node.exact.get(word.text);
      if (!next) {
        next = newNode();
        node.exact.set(word.text, next);
      }
      node = next;
    }
    node.hit ??= { termId, kind: 'abbreviation' };
  };
  // Labels first, then aliases, then abbreviations: when two terms share a name (a diagnosed
  // taxonomy problem), the preferred label wins.
  for (const term of taxonomy.terms) addName(term.label, term.id, 'label');
  for (const term of taxonomy.terms) for (const alias of term.aliases) addName(alias, term.id, 'alias');
  for (const term of taxonomy.terms) if (term.abbreviation) addAbbreviation(term.abbreviation, term.id);

  return { find: (text, excluded = []) => findWithTrie(root, prefixes, text, excluded) };
}

/**
 * The set of two-unit word starts that can begin a match: a bitmap for ASCII pairs (almost every
 * word of an English text), a Set for the rest.
 */
class PrefixSet {
  private readonly ascii = new Uint8Array(128 * 129);
  private readonly other = new Set<number>();

  add(word: string): void {
    this.set(word.charCodeAt(0), word.length > 1 ? word.charCodeAt(1) : 0);
  }

  private set(c0: number, c1: number): void {
    if (c0 < 128 && c1 < 128) this.ascii[c0 * 129 + c1] = 1;
    else this.other.add(c0 * 65536 + c1);
  }

  /** Whether the word `text[start, end)`, as written or in lower case, may start a match. */
  mayStart(text: string, start: number, end: number): boolean {
    const c0 = text.charCodeAt(start);
    const c1 = end - start > 1 ? text.charCodeAt(start + 1) : 0;
    if (c0 < 128 && c1 < 128) {
      if (this.ascii[c0 * 129 + c1] === 1) return true;
      const l0 = c0 >= 65 && c0 <= 90 ? c0 + 32 : c0;
      const l1 = c1 >= 65 && c1 <= 90 ? c1 + 32 : c1;
      return this.ascii[l0 * 129 + l1] === 1;
    }
    const lower = text.slice(start, Math.min(end, start + 2)).toLowerCase();
    const l0 = lower.charCodeAt(0);
    const l1 = lower.length > 1 ? lower.charCodeAt(1) : 0;
    return this.has(c0, c1) || this.has(l0, l1);
  }

  private has(c0: number, c1: number): boolean {
    return c0 < 128 && c1 < 128 ? this.ascii[c0 * 129 + c1] === 1 : this.other.has(c0 * 65536 + c1);
  }
}

function findWithTrie(root: TrieNode, prefixes: PrefixSet, text: string, excluded: readonly Span[]): TermUse[] {
  const scan = scanWords(text);
  const blocked = blockedTokens(scan, excluded);
  const uses: TermUse[] = [];
  const search: Search = { scan, words: new Map(), blocked, text, first: 0, best: null };
  const { starts, ends, count } = scan;
  let i = 0;
  while (i < count) {
    const start = starts[i];
    if (blocked[i] || !prefixes.mayStart(text, start, ends[i])) {
      i++;
      continue;
    }
    search.first = i;
    search.best = null;
    visit(search, root, i);
    const best = search.best as Match | null;
    if (best) {
      const matchEnd = ends[best.last];
      uses.push({ termId: best.termId, kind: best.kind, span: { start, end: matchEnd }, surface: text.slice(start, matchEnd) });
      i = best.last + 1;
    } else {
      i++;
    }
  }
  return uses;
}

interface Match {
  termId: string;
  kind: TermUse['kind'];
  last: number;
}

/** State of the longest-match search (plain functions, no closures: this runs once per word). */
interface Search {
  scan: WordScan;
  /** Words sliced so far, by token index. */
  words: Map<number, string>;
  blocked: Uint8Array;
  text: string;
  /** Token where the current match starts. */
  first: number;
  best: Match | null;
}

function wordAt(search: Search, index: number): string {
  let word = search.words.get(index);
  if (word === undefined) {
    word = search.text.slice(search.scan.starts[index], search.scan.ends[index]);
    search.words.set(index, word);
  }
  return word;
}

function visit(search: Search, node: TrieNode, index: number): void {
  const { starts, ends } = search.scan;
  if (index > search.first && (search.blocked[index] || !isWordGap(search.text, ends[index - 1], starts[index]))) return;
  const word = wordAt(search, index);
  if (node.words) {
    const edge = node.words.get(wordKey(word));
    if (
      edge &&
      word.length >= edge.minLength - MAX_INFLECTION_LENGTH_DIFFERENCE &&
      word.length <= edge.maxLength + MAX_INFLECTION_LENGTH_DIFFERENCE
    ) {
      consider(search, edge.node, index);
    }
  }
  if (node.exact) {
    const exact = node.exact.get(word);
    if (exact) consider(search, exact, index);
    if (word.length > 1 && word.charCodeAt(word.length - 1) === 115 /* s */) {
      const singular = node.exact.get(word.slice(0, -1));
      // The plural `s` only ends an abbreviation (`GANs`), never sits inside one.
      if (singular?.hit?.kind === 'abbreviation' && (!search.best || search.best.last < index)) {
        search.best = { termId: singular.hit.termId, kind: 'abbreviation', last: index };
      }
    }
  }
}

function consider(search: Search, node: TrieNode, index: number): void {
  if (node.hit && (!search.best || search.best.last < index)) {
    search.best = { termId: node.hit.termId, kind: node.hit.kind, last: index };
  }
  if ((node.words || node.exact) && index + 1 < search.scan.count) visit(search, node, index + 1);
}

/**
 * Whether the text between two words keeps them in one name: spaces and tabs, at most one line
 * break, hyphens and emphasis markers; nothing else (no punctuation, no paragraph break).
 */
function isWordGap(text: string, from: number, to: number): boolean {
  if (to - from > 6) return false;
  let newlines = 0;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) {
      if (++newlines > 1) return false;
    } else if (!(c === 32 || c === 9 || c === 13 || c === 45 || c === 42 || c === 95 || c === 0x2010 || c === 0x2011 || c === 0xa0)) {
      return false;
    }
  }
  return true;
}

/** Marks tokens that overlap an excluded span. */
function blockedTokens(scan: WordScan, excluded: readonly Span[]): Uint8Array {
  const blocked = new Uint8Array(scan.count);
  if (excluded.length === 0) return blocked;
  const spans = [...excluded].sort((a, b) => a.start - b.start);
  let s = 0;
  let reach = -1; // the furthest end among spans starting before the current token ends
  for (let t = 0; t < scan.count; t++) {
    while (s < spans.length && spans[s].start < scan.ends[t]) reach = Math.max(reach, spans[s++].end);
    if (reach > scan.starts[t]) blocked[t] = 1;
  }
  return blocked;
}
