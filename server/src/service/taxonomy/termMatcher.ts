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
 * Speed: the names are compiled once per taxonomy into a word trie (kept on the `Taxonomy` object);
 * the text is read once, with one memoised key lookup per word (the matcher's {@link WordKeys}).
 */
import type { Span } from '../types';
import { derivedFrom, type Taxonomy, type TermUse } from './model';
import { MAX_INFLECTION_LENGTH_DIFFERENCE, scanWords, tokenizeWords, WordKeys, type WordScan } from './wordTokens';

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
const MATCHER = Symbol('term matcher');

/** The matcher of a taxonomy, compiled on first use and kept on the taxonomy object. */
export function termMatcherFor(taxonomy: Taxonomy): TermMatcher {
  return derivedFrom(taxonomy, MATCHER, compileTermMatcher);
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
  const keys = new WordKeys();
  // Which word starts can begin a match, so most words of a text need no slicing or key lookup.
  const prefixes = new StartFilter();
  const addName = (name: string, termId: string, kind: 'label' | 'alias'): void => {
    let node = root;
    const words = tokenizeWords(name);
    if (words.length === 0) return;
    prefixes.addStem(keys.of(words[0].text));
    for (const word of words) {
      const key = keys.of(word.text);
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
    prefixes.addExact(words[0].text);
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

  return { find: (text, excluded = []) => findWithTrie(root, prefixes, keys, text, excluded) };
}

/**
 * A cheap test of whether a word can start a match, by its first three characters.
 *
 * Names: the Porter stemmer only rewrites the end of a word, and the stem keeps at least two
 * letters before any rewritten suffix, so a word whose stem is S (three letters or more) starts
 * with S's first three letters (or with `y` where S has the `i` of step 1c: `say` → `sai`). Stems
 * shorter than three letters are kept whole and tested with `startsWith`. Abbreviations are tested
 * as written (case-sensitive), by their first three characters or whole when shorter.
 */
class StartFilter {
  private readonly three = new Set<number>();
  private readonly short: string[] = [];
  private readonly exactThree = new Set<number>();
  private readonly exactShort: string[] = [];

  addStem(stem: string): void {
    if (stem.length < 3) {
      if (!this.short.includes(stem)) this.short.push(stem);
      return;
    }
    this.three.add(code3(stem, 0));
    if (stem[2] === 'i') this.three.add(code3(stem.slice(0, 2) + 'y', 0));
  }

  addExact(word: string): void {
    if (word.length < 3) {
      if (!this.exactShort.includes(word)) this.exactShort.push(word);
    } else {
      this.exactThree.add(code3(word, 0));
    }
  }

  /** Whether the word `text[start, end)` may start a match. */
  mayStart(text: string, start: number, end: number): boolean {
    const length = end - start;
    if (length >= 3) {
      if (this.exactThree.has(code3(text, start)) || this.three.has(lowerCode3(text, start))) return true;
    }
    if (this.short.length === 0 && this.exactShort.length === 0) return false;
    const word = text.slice(start, end);
    for (const a of this.exactShort) if (word.startsWith(a)) return true;
    if (this.short.length === 0) return false;
    const lower = word.toLowerCase();
    for (const stem of this.short) if (lower.startsWith(stem)) return true;
    return false;
  }
}

/** The first three UTF-16 units at `start` as one number (exact for ASCII; a hash otherwise). */
function code3(text: string, start: number): number {
  return ((text.charCodeAt(start) * 65599 + text.charCodeAt(start + 1)) * 65599 + text.charCodeAt(start + 2)) % 4294967291;
}

function lowerAscii(c: number): number {
  return c >= 65 && c <= 90 ? c + 32 : c;
}

/** {@link code3} of the lower-cased characters (ASCII fast path). */
function lowerCode3(text: string, start: number): number {
  const a = text.charCodeAt(start);
  const b = text.charCodeAt(start + 1);
  const c = text.charCodeAt(start + 2);
  if (a < 128 && b < 128 && c < 128) return ((lowerAscii(a) * 65599 + lowerAscii(b)) * 65599 + lowerAscii(c)) % 4294967291;
  return code3(text.slice(start, start + 3).toLowerCase(), 0);
}

function findWithTrie(root: TrieNode, prefixes: StartFilter, keys: WordKeys, text: string, excluded: readonly Span[]): TermUse[] {
  const scan = scanWords(text);
  const blocked = blockedTokens(scan, excluded);
  const uses: TermUse[] = [];
  const search: Search = { scan, blocked, text, keys, first: 0, best: null };
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
  blocked: Uint8Array;
  text: string;
  keys: WordKeys;
  /** Token where the current match starts. */
  first: number;
  best: Match | null;
}

function wordAt(search: Search, index: number): string {
  return search.text.slice(search.scan.starts[index], search.scan.ends[index]);
}

function visit(search: Search, node: TrieNode, index: number): void {
  const { starts, ends } = search.scan;
  if (index > search.first && (search.blocked[index] || !isWordGap(search.text, ends[index - 1], starts[index]))) return;
  const word = wordAt(search, index);
  if (node.words) {
    const edge = node.words.get(search.keys.of(word));
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
