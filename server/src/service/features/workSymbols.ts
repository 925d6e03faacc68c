/**
 * The works as symbols: a bibliography's outline (each entry by key, with its authors, year and title), and "go to
 * symbol in workspace" over the bibliographies of a manuscript — the picker a reference manager has, ranked as key
 * completion ranks (`completion.ts` `rankedKeys`: start of a key, an author, a title word or the year).
 */
import type { Analysis } from '../analysis';
import { completionRowOf, indexedRowOf, type CompletionIndexRow } from '../bibtex/completionIndex';
import type { BibEntry, Bibliography, Span } from '../types';
import { clip } from '../util/clip';
import { rankedKeys } from './completion';

export interface WorkSymbol {
  /** The entry's key. */
  name: string;
  /** "article · Smith et al. 2020 · Deep learning for…" (the type alone for an entry the outline had no time to read). */
  detail: string;
  /** "smith2020deep — Smith et al. 2020, Deep learning for…": what a picker shows and filters by. */
  label: string;
  path: string;
  /** The whole entry, and its key. */
  span: Span;
  selection: Span;
}

/**
 * How long one outline may spend naming entries not yet indexed (~0.1–0.25 ms each: their author and title fields
 * read): a 2,800-entry file takes ~0.3–0.7 s the first time. Beyond the budget an entry shows its key and type; each
 * later outline (the editor asks again after an edit) names more, and the server indexes a manuscript's
 * bibliographies while idle for completion anyway. A large file's entries (beyond {@link DETAILED_OUTLINE}) are named
 * only once completion has indexed them: an outline of 35,000 keys is for jumping by key.
 */
const OUTLINE_BUDGET_MS = 60;
const DETAILED_OUTLINE = 5_000;

/** The entries of one bibliography file, in file order. */
export function bibliographySymbols(bibliography: Bibliography, budgetMs = OUTLINE_BUDGET_MS): WorkSymbol[] {
  let deadline = bibliography.entries.length <= DETAILED_OUTLINE ? performance.now() + budgetMs : 0;
  const out: WorkSymbol[] = [];
  for (const [i, entry] of bibliography.entries.entries()) {
    // The clock is read every 16 entries: reading it costs more than an entry already indexed.
    if (deadline && (i & 15) === 0 && performance.now() > deadline) deadline = 0;
    out.push(symbolOf(entry, completionRowOf(entry) ?? (deadline ? indexedRowOf(entry) : undefined)));
  }
  return out;
}

/** The entries of the analysis' bibliographies that best match `query`, best first (at most `limit`). */
export function searchWorkSymbols(analysis: Analysis, query: string, limit = 100): WorkSymbol[] {
  return rankedKeys(analysis, query.trim(), limit).map((match) => symbolOf(match.key.entry, indexedRowOf(match.key.entry)));
}

function symbolOf(entry: BibEntry, row: CompletionIndexRow | undefined): WorkSymbol {
  const title = row?.title && clip(row.title, 80);
  const who = [row?.short, title].filter(Boolean).join(', ');
  return {
    name: entry.key,
    detail: [entry.type, row?.short, title].filter(Boolean).join(' · '),
    label: who ? `${entry.key} — ${who}` : entry.key,
    path: entry.uri,
    span: entry.span,
    selection: entry.keySpan,
  };
}
