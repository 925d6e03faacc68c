/**
 * Quick fixes for diagnostics, one provider per diagnostic code. Built in: "did you mean" for an unresolved key
 * (from the diagnostic's `data.suggestions`, else the nearest keys), and "renumber" for numbering problems (a
 * command the editor runs). Other fixes (off-topic replacement, preferred term, abbreviation) register
 * providers for their codes.
 */
import type { Analysis } from '../analysis';
import type { DiagnosticCode, Manuscript, Span } from '../types';
import { overlaps, type WorkspaceEdits } from './featureTypes';
import { fileIndex } from './locate';

/** A diagnostic as the editor sends it back with a code-action request (offsets already converted). */
export interface DiagnosticRef {
  code: string;
  span: Span;
  message?: string;
  data?: unknown;
}

/** A command the editor runs instead of an edit (names of `ClientCommands` in `protocol.ts`). */
export interface ActionCommand {
  name: 'renumberReferences' | 'updateReferenceList';
  title: string;
}

export interface CodeActionResult {
  title: string;
  kind: 'quickfix' | 'refactor' | 'source';
  /** The diagnostics this action fixes. */
  diagnostics: DiagnosticRef[];
  edits?: WorkspaceEdits;
  command?: ActionCommand;
  isPreferred?: boolean;
}

export interface QuickFixContext {
  analysis: Analysis;
  path: string;
  manuscript: Manuscript;
  diagnostic: DiagnosticRef;
}

export type QuickFixProvider = (context: QuickFixContext) => CodeActionResult[];

/** The built-in quick fixes by diagnostic code. */
export const builtinQuickFixes: Partial<Record<DiagnosticCode, QuickFixProvider[]>> = {
  'unresolved-citation': [didYouMean],
  'citation-order': [renumber],
  'reference-numbering': [renumber],
};

/**
 * The code actions for the diagnostics the editor sent for `range` of `path`. `providers` add to (not replace)
 * the built-in ones.
 */
export function getCodeActions(
  analysis: Analysis,
  path: string,
  range: Span,
  diagnostics: DiagnosticRef[],
  providers: Partial<Record<string, QuickFixProvider[]>> = {},
): CodeActionResult[] {
  const file = fileIndex(analysis, path);
  if (file < 0) return [];
  const manuscript = analysis.files[file];
  const out: CodeActionResult[] = [];
  for (const diagnostic of diagnostics) {
    if (!overlaps(diagnostic.span, range) && !overlaps(range, diagnostic.span)) continue;
    const list = [...(builtinQuickFixes[diagnostic.code as DiagnosticCode] ?? []), ...(providers[diagnostic.code] ?? [])];
    for (const provider of list) {
      try {
        out.push(...provider({ analysis, path, manuscript, diagnostic }));
      } catch {
        // a failing provider loses its own fixes only
      }
    }
  }
  // One renumber action is enough however many numbering diagnostics are in range.
  return out.filter((a, i) => !a.command || out.findIndex((b) => b.command?.name === a.command!.name) === i);
}

/** Replace an unknown key by a suggested one: `[@smtih2020]` → `[@smith2020]`. */
function didYouMean({ analysis, path, manuscript, diagnostic }: QuickFixContext): CodeActionResult[] {
  const given = suggestionsOf(diagnostic.data);
  const items = manuscript.citations
    .filter((c) => overlaps(c.span, diagnostic.span))
    .flatMap((c) => c.items)
    .filter((i) => i.kind === 'key' && i.key !== undefined && overlaps(i.span, diagnostic.span) && !analysis.entriesByKey.has(i.key));
  const out: CodeActionResult[] = [];
  for (const item of items.slice(0, 1)) {
    const suggestions = given ?? nearestKeys(item.key!, [...analysis.entriesByKey.keys()], 3);
    suggestions.forEach((key, i) => {
      const edits: WorkspaceEdits = new Map([[path, [{ span: item.span, newText: key }]]]);
      out.push({ title: `Change to @${key}`, kind: 'quickfix', diagnostics: [diagnostic], edits, isPreferred: i === 0 });
    });
  }
  return out;
}

function renumber({ diagnostic }: QuickFixContext): CodeActionResult[] {
  return [{
    title: 'Renumber references by first citation',
    kind: 'quickfix',
    diagnostics: [diagnostic],
    command: { name: 'renumberReferences', title: 'Renumber References' },
  }];
}

function suggestionsOf(data: unknown): string[] | null {
  const list = (data as { suggestions?: unknown } | null | undefined)?.suggestions;
  return Array.isArray(list) && list.length && list.every((s) => typeof s === 'string') ? (list as string[]) : null;
}

/** The `count` keys closest to `key` by edit distance (case-insensitive), if reasonably close. */
export function nearestKeys(key: string, keys: string[], count: number): string[] {
  const target = key.toLowerCase();
  const limit = Math.max(2, Math.floor(target.length / 3));
  const scored: { key: string; d: number }[] = [];
  for (const candidate of keys) {
    if (Math.abs(candidate.length - target.length) > limit) continue;
    const d = editDistance(target, candidate.toLowerCase(), limit);
    if (d <= limit) scored.push({ key: candidate, d });
  }
  return scored.sort((a, b) => a.d - b.d || a.key.localeCompare(b.key)).slice(0, count).map((s) => s.key);
}

/** Levenshtein distance with transpositions, giving up (returning limit + 1) once it exceeds `limit`. */
function editDistance(a: string, b: string, limit: number): number {
  let prev2: number[] = [];
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, prev2[j - 2] + 1);
      row.push(v);
      best = Math.min(best, v);
    }
    if (best > limit) return limit + 1;
    prev2 = prev;
    prev = row;
  }
  return prev[b.length];
}
