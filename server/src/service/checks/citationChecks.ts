/**
 * Checks on each citation: `unresolved-citation` (with "did you mean"), `malformed-citation`, and
 * `duplicate-bib-key` on citations whose key is defined twice.
 */
import { closest, distance } from 'fastest-levenshtein';
import type { ResolvedManuscript } from '../analysis';
import type { EntryIndex } from '../resolve/resolve';
import type { Problem } from '../types';

export function citationProblems(analysis: ResolvedManuscript, index: EntryIndex, duplicateKeys: Set<string>): Problem[] {
  const out: Problem[] = [];
  const list = analysis.referenceFile >= 0 ? analysis.files[analysis.referenceFile].referenceList : null;
  const numbers = list ? list.items.map((i) => i.number).filter((n): n is number => n !== null) : [];
  const maxNumber = numbers.length ? Math.max(...numbers) : 0;
  let keyList: string[] | null = null;
  const keys = (): string[] => (keyList ??= [...index.byKey.keys()]);
  let reportedNoList = false;

  for (const file of analysis.files) {
    for (const c of file.citations) {
      if (c.malformed) out.push({ code: 'malformed-citation', message: c.malformed, span: c.span, uri: file.uri });
    }
  }
  for (const r of analysis.resolutions) {
    const uri = analysis.files[r.file].uri;
    const { item } = r;
    if (item.kind === 'number') {
      if (r.reference) continue;
      if (!list) {
        // Numeric brackets in a Pandoc manuscript are ordinary text; in a numeric one the list is missing.
        if (analysis.style === 'numeric' && !reportedNoList) {
          reportedNoList = true;
          out.push({
            code: 'unresolved-citation',
            message: `${r.citation.raw} cites a numbered reference, but the manuscript has no reference list: add a section titled “References” with a numbered list.`,
            span: item.span,
            uri,
          });
        }
        continue;
      }
      out.push({
        code: 'unresolved-citation',
        message: `[${item.number}] has no item in the reference list (it numbers ${numbers.length === maxNumber ? `1–${maxNumber}` : numbers.length + ' works, up to ' + maxNumber}); add the reference or correct the number.`,
        span: item.span,
        uri,
      });
      continue;
    }
    if (item.key === '*') continue;
    if (r.entry) {
      if (duplicateKeys.size > 0 && duplicateKeys.has(r.entry.key.toLowerCase())) {
        out.push({
          code: 'duplicate-bib-key',
          message: `The key “${item.key}” is defined more than once in the bibliography, so this citation is ambiguous; keep one entry or rename the other.`,
          span: item.span,
          uri,
        });
      }
      continue;
    }
    if (index.size === 0) {
      out.push({
        code: 'unresolved-citation',
        message: `@${item.key} cannot be resolved: no bibliography was found. Name one in the front matter (bibliography: refs.bib), in the setting citelens.bibliography, or put a .bib file beside the manuscript.`,
        span: item.span,
        uri,
      });
      continue;
    }
    const suggestions = suggestKeys(item.key!, keys(), index);
    out.push({
      code: 'unresolved-citation',
      message: `No bibliography entry has the key “${item.key}”.${suggestions.length ? ` Did you mean “${suggestions[0]}”?` : ''}`,
      span: item.span,
      uri,
      data: { suggestions },
    });
  }
  return out;
}

/** Keys close to `key`: same up to case first, then the nearest by edit distance (at most a third of the key). */
export function suggestKeys(key: string, keys: string[], index: EntryIndex, limit = 3): string[] {
  const cached = index.suggestions.get(key);
  if (cached) return cached;
  const result = computeSuggestions(key, keys, index, limit);
  index.suggestions.set(key, result);
  return result;
}

function computeSuggestions(key: string, keys: string[], index: EntryIndex, limit: number): string[] {
  const out: string[] = [];
  const sameCase = index.findIgnoringCase(key);
  if (sameCase) out.push(sameCase.key);
  if (keys.length === 0) return out;
  const budget = Math.max(1, Math.floor(key.length / 3));
  const scored: { k: string; d: number }[] = [];
  for (const k of keys) {
    if (Math.abs(k.length - key.length) > budget) continue;
    const d = distance(k.toLowerCase(), key.toLowerCase());
    if (d <= budget) scored.push({ k, d });
  }
  scored.sort((a, b) => a.d - b.d || a.k.localeCompare(b.k));
  for (const s of scored) if (!out.includes(s.k)) out.push(s.k);
  if (out.length === 0) {
    const near = closest(key, keys);
    if (near && distance(near, key) <= budget + 1) out.push(near);
  }
  return out.slice(0, limit);
}
