/**
 * Quick fixes of the citation and numbering diagnostics: "did you mean" for an unknown key (from the diagnostic's
 * `data.suggestions`, else the nearest keys), "separate with `;`" for `[@a, @b]`, and "renumber" for numbering
 * problems (a command the editor runs).
 */
import { cslOf, shortCitation, titleOf } from '../bibtex/workLabels';
import { overlaps, type WorkspaceEdits } from './featureTypes';
import type { CodeActionResult, QuickFixContext } from './quickFixTypes';
import { clip } from '../util/clip';

/** Replace an unknown key by a suggested one: `[@smtih2020]` → `[@smith2020]`. */
export function didYouMean({ analysis, path, manuscript, diagnostic, data }: QuickFixContext<'unresolved-citation'>): CodeActionResult[] {
  const given = suggestionsOf(data?.suggestions);
  const items = manuscript.citations
    .filter((c) => overlaps(c.span, diagnostic.span))
    .flatMap((c) => c.items)
    .filter((i) => i.kind === 'key' && i.key !== undefined && overlaps(i.span, diagnostic.span) && !analysis.entriesByKey.has(i.key));
  const out: CodeActionResult[] = [];
  for (const item of items.slice(0, 1)) {
    const suggestions = given ?? nearestKeys(item.key!, [...analysis.entriesByKey.keys()], 3);
    suggestions.forEach((key, i) => {
      const edits: WorkspaceEdits = new Map([[path, [{ span: item.span, newText: key }]]]);
      out.push({ title: `Change to @${key}${describeKey(analysis, key)}`, kind: 'quickfix', diagnostics: [diagnostic], edits, isPreferred: i === 0 });
    });
  }
  return out;
}

/**
 * `[@a, @b]` → `[@a; @b]`: replaces the separator of the slip the diagnostic underlines (found again in the
 * current reading of the manuscript, so a stale diagnostic gets no fix) by `; `, one edit.
 */
export function separateWithSemicolon({ path, manuscript, diagnostic }: QuickFixContext<'citation-separator'>): CodeActionResult[] {
  for (const c of manuscript.citations) {
    if (!c.suffixSlips || !overlaps(c.span, diagnostic.span)) continue;
    const slip = c.suffixSlips.find((s) => s.span.start === diagnostic.span.start && s.span.end === diagnostic.span.end);
    if (!slip) continue;
    const edits: WorkspaceEdits = new Map([[path, [{ span: slip.separator, newText: '; ' }]]]);
    return [{ title: `Separate @${slip.first} and @${slip.second} with “;”`, kind: 'quickfix', diagnostics: [diagnostic], edits, isPreferred: true }];
  }
  return [];
}

/**
 * What a did-you-mean row shows of the suggested work, so the author picks by title, not by key alone:
 * ` — Smith & Roe 2020, “Deep learning for medical imaging”` (title cut at 60 characters), or nothing.
 */
function describeKey(analysis: QuickFixContext['analysis'], key: string): string {
  const csl = cslOf(analysis.entriesByKey.get(key) ?? null);
  if (!csl) return '';
  const title = titleOf(csl);
  return ` — ${shortCitation(csl)}, “${clip(title, 60)}”`;
}

/** Any numbering problem: renumber the whole list by first citation. */
export function renumber({ diagnostic }: QuickFixContext): CodeActionResult[] {
  return [{
    title: 'Renumber references by first citation',
    kind: 'quickfix',
    diagnostics: [diagnostic],
    command: { name: 'renumberReferences', title: 'Renumber References' },
  }];
}

function suggestionsOf(list: unknown): string[] | null {
  return Array.isArray(list) && list.length && list.every((s) => typeof s === 'string') ? list : null;
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
