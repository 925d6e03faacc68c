/**
 * Completion of citations: keys after `[@`, `; @` and a narrative `@` (matching key, author, title or year,
 * ranked by `keyRanking.ts`; each row shows "Author Year" and the title), and numbers after `[` in numeric
 * manuscripts (each showing its reference). Nothing inside code, math, comments or front matter
 * (`Manuscript.excluded`). More kinds (taxonomy terms) plug in as {@link CompletionProvider}s.
 *
 * Budget: 20,000 entries in ≤ 15 ms. Keys are matched through the bibliographies' completion index
 * (`bibtex/completionIndex.ts`), which is built lazily within a time budget per request; until an entry is
 * indexed it matches on its key. A key list is always incomplete, so the editor asks again as the user types
 * and the list is the server's ranking of the typed text, not the editor's filter of an earlier list.
 */
import type { Analysis } from '../analysis';
import { completionKeys, completionRowOf, completionSearchOf, indexCompletionKeys, type CompletionKeys } from '../bibtex/completionIndex';
import { authorsShort, cslOf, yearOf } from '../bibtex/workLabels';
import type { Manuscript, Span } from '../types';
import { describeEntry, type HoverOptions } from './hover';
import { fileIndex } from './locate';
import { indexedSearchRows, rankKeys, searchRowsOf, type KeyMatch, type RankMemo, type SearchRows } from './keyRanking';
import { HiddenField } from '../util/hiddenField';

export interface CompletionEntry {
  label: string;
  /** `loading`: the row shown while the bibliography is read (`loadingCompletion`). */
  kind: 'key' | 'number' | 'term' | 'loading';
  /** Short text right after the label ("Smith et al. 2020"; for terms, the abbreviation). */
  description?: string;
  /** One line of what the row is (a key's title, a number's reference): right-aligned on its row and above the documentation. */
  detail?: string;
  /** Markdown documentation; for keys it is filled in by the resolve step (`resolveKeyDocumentation`). */
  documentation?: string;
  insertText: string;
  filterText: string;
  sortText: string;
  /** Round-tripped to the resolve step. */
  data?: { key?: string; number?: number };
}

export interface CompletionResult {
  /** The text the chosen item replaces (the partly typed key or number). */
  span: Span;
  items: CompletionEntry[];
  /** True when typing more may bring items not listed now (cap reached or index still being built). */
  isIncomplete: boolean;
}

export interface CompletionContext {
  analysis: Analysis;
  manuscript: Manuscript;
  offset: number;
  /** The user asked for completion explicitly (Ctrl+Space) rather than by typing. */
  explicit: boolean;
}

/** One kind of completion; returns null when the cursor is not in its context. */
export type CompletionProvider = (context: CompletionContext) => CompletionResult | null;

export interface CompletionOptions {
  explicit?: boolean;
  /** Providers tried after the built-in key and number completions. */
  providers?: CompletionProvider[];
  /** Maximum number of keys returned (default 100). */
  limit?: number;
  /** Milliseconds a request may spend indexing authors and titles (default 4). */
  indexBudgetMs?: number;
}

export function getCompletions(analysis: Analysis, path: string, offset: number, options: CompletionOptions = {}): CompletionResult | null {
  const file = fileIndex(analysis, path);
  if (file < 0) return null;
  const manuscript = analysis.files[file];
  if (isExcluded(manuscript, offset)) return null;
  const context: CompletionContext = { analysis, manuscript, offset, explicit: options.explicit ?? false };
  const keys = completeKeys(context, options);
  if (keys) return keys;
  const numbers = completeNumbers(context);
  if (numbers) return numbers;
  for (const provider of options.providers ?? []) {
    try {
      const result = provider(context);
      if (result) return result;
    } catch {
      // one failing provider must not hide the others
    }
  }
  return null;
}

function isExcluded(manuscript: Manuscript, offset: number): boolean {
  return manuscript.excluded.some((s) => s.start < offset && offset < s.end);
}

// ---------------------------------------------------------------------------------------------
// Keys
// ---------------------------------------------------------------------------------------------

const KEY_CHAR = /[\p{L}\p{N}_:.#$%&\-+?<>~/]/u;
const CROSS_REFERENCE = /^(?:fig|tbl|eq|sec|lst):/i;
/** What may stand before the `@` of a citation: not a word character (that would be an e-mail address). */
const BEFORE_AT = /[\s[;\-(]/;

/** The key being typed at `offset`: `@smi|` → span of `smi` (plus key characters after the cursor). */
export function keyContext(text: string, offset: number): { span: Span; prefix: string; braced: boolean } | null {
  let start = offset;
  while (start > 0 && KEY_CHAR.test(text[start - 1]) && offset - start < 200) start--;
  let braced = false;
  if (text[start - 1] === '{' && text[start - 2] === '@') {
    braced = true;
  } else if (text[start - 1] !== '@') return null;
  const at = start - (braced ? 2 : 1);
  if (at > 0 && !BEFORE_AT.test(text[at - 1])) return null;
  let end = offset;
  while (end < text.length && KEY_CHAR.test(text[end]) && end - offset < 200) end++;
  return { span: { start, end }, prefix: text.slice(start, offset), braced };
}

/** The last ranking of a set's keys (on its sorted keys, which live as long as its bibliographies). */
const lastRanking = new HiddenField<CompletionKeys, { indexed: number; memo: RankMemo }>('last key ranking');

/**
 * What ranking reads of a set's rows: once the word-start index is built (a host builds it while idle after the
 * rows, `bibtex/completionSearch.ts`), its texts, years and candidates; until then each row off its entry.
 */
function searchRows(sorted: CompletionKeys): SearchRows {
  const search = completionSearchOf(sorted);
  return search ? indexedSearchRows(search) : searchRowsOf((i) => completionRowOf(sorted.keys[i].entry)?.search ?? '');
}

/**
 * The entries of the analysis' bibliographies that best match `typed` (start of a key, author, title word or year),
 * best first — key completion's ranking, also the editor's "go to symbol in workspace". Entries not indexed yet
 * match by key only; each call indexes more, within `indexBudgetMs`.
 */
export function rankedKeys(analysis: Analysis, typed: string, limit: number, indexBudgetMs = 4): KeyMatch[] {
  const sorted = completionKeys(analysis);
  indexCompletionKeys(sorted, indexBudgetMs);
  // The last ranking on these keys narrows the next one while the typed text grows, if no entry was indexed since.
  const last = lastRanking.get(sorted);
  const previous = last && last.indexed === sorted.indexed ? last.memo : undefined;
  const { matches, memo } = rankKeys(sorted.keys, searchRows(sorted), typed, citedKeys(analysis), limit, previous);
  if (memo) lastRanking.set(sorted, { indexed: sorted.indexed, memo });
  return matches;
}

function completeKeys(context: CompletionContext, options: CompletionOptions): CompletionResult | null {
  const { analysis, manuscript, offset } = context;
  const at = keyContext(manuscript.text, offset);
  // `@fig:…`, `@tbl:…`, `@eq:…`, `@sec:…` are cross-references (pandoc-crossref), not citations.
  if (!at || CROSS_REFERENCE.test(at.prefix)) return null;
  const items = rankedKeys(analysis, at.prefix, options.limit ?? 100, options.indexBudgetMs).map(({ key, filterText }, i): CompletionEntry => {
    const row = completionRowOf(key.entry);
    const label = key.entry.key;
    return {
      label,
      kind: 'key',
      description: row?.short || undefined,
      detail: row?.title || undefined,
      insertText: label,
      filterText,
      sortText: String(i).padStart(6, '0'),
      data: { key: label },
    };
  });
  // Always incomplete: the editor asks again at each keystroke, so the list is this ranking of what is typed
  // (authors, titles, years) rather than the editor's filter of the first list by key.
  return { span: at.span, items, isIncomplete: true };
}

/** A bibliography being read: its file name and how far (0–100). */
export interface LoadingState {
  file: string;
  percentage: number;
}

/**
 * What key completion offers before the manuscript's bibliographies are read (a large file takes seconds): one
 * row saying so, "Loading bibliography (42 %)…", which inserts nothing new (the typed text). The list is
 * incomplete, so the editor asks again as the user types and the keys appear once the file is read. Only the
 * text decides (the manuscript may not be parsed yet either): a `[@` in a code span gets the row too.
 */
export function loadingCompletion(text: string, offset: number, loading: LoadingState | null): CompletionResult | null {
  const at = keyContext(text, offset);
  if (!at || CROSS_REFERENCE.test(at.prefix)) return null;
  const percentage = Math.max(0, Math.min(100, Math.round(loading?.percentage ?? 0)));
  const typed = text.slice(at.span.start, at.span.end);
  return {
    span: at.span,
    items: [{
      label: `Loading bibliography (${percentage} %)…`,
      kind: 'loading',
      detail: loading ? `Reading ${loading.file}: keys, authors and titles appear as you type once it is read` : 'Keys, authors and titles appear as you type once the bibliography is read',
      insertText: typed,
      filterText: at.prefix,
      sortText: '000000',
    }],
    isIncomplete: true,
  };
}

/** The keys the manuscript cites (completion offers them first). */
function citedKeys(analysis: Analysis): Set<string> {
  const out = new Set<string>();
  for (const file of analysis.files) {
    for (const citation of file.citations) for (const item of citation.items) if (item.key) out.add(item.key);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Numbers
// ---------------------------------------------------------------------------------------------

/** `[`, `[1, `, `[3–` … then optional digits being typed, at the end of the text before the cursor. */
const NUMBER_CONTEXT = /(^|[^!\]\\])\[((?:\s*\d+\s*[-–—,;])*\s*)(\d*)$/;

function completeNumbers(context: CompletionContext): CompletionResult | null {
  const { analysis, manuscript, offset } = context;
  if (analysis.style !== 'numeric' && analysis.style !== 'mixed' && !(analysis.style === 'none' && analysis.references.length)) return null;
  if (analysis.references.length === 0) return null;
  const lineStart = manuscript.text.lastIndexOf('\n', offset - 1) + 1;
  const match = NUMBER_CONTEXT.exec(manuscript.text.slice(Math.max(lineStart, offset - 300), offset));
  if (!match) return null;
  const typed = match[3];
  let end = offset;
  while (end < manuscript.text.length && /\d/.test(manuscript.text[end])) end++;
  // Don't offer numbers inside the reference list itself.
  const list = analysis.referenceFile >= 0 ? analysis.files[analysis.referenceFile] : null;
  if (list === manuscript && list.referenceList && list.referenceList.span.start <= offset && offset <= list.referenceList.span.end) return null;
  const items: CompletionEntry[] = [];
  for (const link of analysis.references) {
    const n = link.item.number;
    if (n === null) continue;
    const text = link.item.text.replace(/\s+/g, ' ').trim();
    const csl = cslOf(link.entry);
    items.push({
      label: String(n),
      kind: 'number',
      description: csl ? [authorsShort(csl), yearOf(csl)].filter(Boolean).join(' ') : undefined,
      detail: text.length > 90 ? text.slice(0, 89) + '…' : text,
      documentation: `**[${n}]** ${text}` + (link.entry ? `\n\nBibTeX: \`${link.entry.key}\`` : ''),
      insertText: String(n),
      filterText: String(n),
      sortText: String(n).padStart(6, '0'),
      data: { number: n },
    });
  }
  return { span: { start: offset - typed.length, end }, items, isIncomplete: false };
}

/** Documentation of a key completion, computed only when the editor shows it (the CSL formatting is costly). */
export function resolveKeyDocumentation(analysis: Analysis, key: string, options: HoverOptions): string | null {
  const entry = analysis.entriesByKey.get(key);
  return entry ? describeEntry(entry, options) : null;
}
