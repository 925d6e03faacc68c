/**
 * Bibliographies of a given size made of real entries from the bench files (`../shared/bench/*.bib`): each
 * source file contributes its `@string` macros (so entries keep their meaning) and a seeded sample of its
 * entries, in file order. Same seed, same files → the same text.
 */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { locateBibEntries } from '../../server/src/service/bibtex/locator';
import { sampleIndices, seededRandom } from './random';

export interface BenchBibliography {
  text: string;
  /** Keys of the entries, in file order. */
  keys: string[];
  /** Entries per source file. */
  sources: Record<string, number>;
}

/**
 * `size` entries sampled from `files` in proportion to their entry counts (every entry of the smaller files
 * when `size` exceeds their total share).
 */
export function makeBibliography(files: string[], size: number, seed: number): BenchBibliography {
  const random = seededRandom(seed);
  const located = files.map((file) => {
    const text = readFileSync(file, 'utf8');
    const bib = locateBibEntries(text);
    return { file, text, strings: bib.strings, entries: bib.entries.filter((e) => e.key && !e.broken) };
  });
  const total = located.reduce((n, f) => n + f.entries.length, 0);
  const parts: string[] = [];
  const keys: string[] = [];
  const sources: Record<string, number> = {};
  let left = Math.min(size, total);
  located.forEach((f, i) => {
    const share = i === located.length - 1 ? left : Math.min(left, Math.round((size * f.entries.length) / total));
    left -= share;
    const picked = sampleIndices(f.entries.length, share, random).map((k) => f.entries[k]);
    sources[basename(f.file)] = picked.length;
    parts.push(`% ---- ${basename(f.file)}: ${picked.length} of ${f.entries.length} entries\n`);
    for (const s of f.strings) parts.push(f.text.slice(s.span.start, s.span.end), '\n');
    for (const e of picked) {
      parts.push(f.text.slice(e.span.start, e.span.end), '\n\n');
      keys.push(e.key);
    }
  });
  return { text: parts.join(''), keys, sources };
}
