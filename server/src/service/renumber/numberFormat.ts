/**
 * Writing the numbers of a numeric citation: `[3, 4, 5, 9]` → "3–5, 9" in the manuscript's own style, and
 * the smallest edit that turns one bracket content into another.
 */
import { isSuperscriptDigit, isUnicodeSuperscript } from '../markdown/unicodeSuperscripts';
import type { Citation, Manuscript } from '../types';
import type { TextEdit } from './editPlan';

/** How a manuscript writes its numeric groups. */
export interface NumberStyle {
  /** Between segments: ", ", "," or "; ". */
  separator: string;
  /** In ranges: "–" or "-". */
  dash: string;
  /** Write runs of three or more as a range (`3–5`); a run of two stays `3, 4`. */
  compact: boolean;
}

/**
 * The numbers, ascending, as the content of a numeric citation. A number the author wrote twice stays twice
 * (`[8,9,10,10]`: renumbering changes numbers, not what a citation says); it is written after the range it ends.
 *
 * @example
 * formatNumbers([5, 3, 4, 9, 10], { separator: ', ', dash: '–', compact: true }) // "3–5, 9, 10"
 * formatNumbers([10, 8, 9, 10], { separator: ',', dash: '–', compact: false }) // "8,9,10,10"
 */
export function formatNumbers(numbers: readonly number[], style: NumberStyle): string {
  const sorted = [...new Set(numbers)].sort((a, b) => a - b);
  const times = new Map<number, number>();
  for (const n of numbers) times.set(n, (times.get(n) ?? 0) + 1);
  const repeat = (n: number): string[] => Array.from({ length: (times.get(n) ?? 1) - 1 }, () => String(n));
  const parts: string[] = [];
  for (let i = 0; i < sorted.length; ) {
    let j = i;
    while (style.compact && j + 1 < sorted.length && sorted[j + 1] === sorted[j] + 1) j++;
    if (j - i >= 2) {
      parts.push(`${sorted[i]}${style.dash}${sorted[j]}`);
      for (let k = i; k <= j; k++) parts.push(...repeat(sorted[k]));
      i = j + 1;
    } else {
      parts.push(String(sorted[i]), ...repeat(sorted[i]));
      i++;
    }
  }
  return parts.join(style.separator);
}

/**
 * Like {@link formatNumbers}, but when the citation carries a locator (`[3, 5, p. 4]`) the number it follows stays
 * last, so the locator keeps pointing at the same work: `[9, 2, p. 4]` → "2, 9" + locator only if 9 had it.
 */
export function formatLocatedNumbers(numbers: readonly number[], style: NumberStyle, hasLocator: boolean): string {
  const located = numbers[numbers.length - 1];
  const rest = numbers.filter((n) => n !== located);
  if (!hasLocator || rest.length === 0 || rest.every((n) => n < located)) return formatNumbers(numbers, style);
  return `${formatNumbers(rest, style)}${style.separator}${located}`;
}

/** The dash and separator most numeric citations of the manuscript use ("–" and ", " when none says). */
export function documentNumberStyle(files: readonly Manuscript[]): { separator: string; dash: string } {
  const dashes = new Map<string, number>();
  const separators = new Map<string, number>();
  for (const file of files) {
    for (const c of file.citations) {
      if (c.style !== 'numeric' || c.nocite) continue;
      if (c.dash) dashes.set(c.dash, (dashes.get(c.dash) ?? 0) + 1);
      if (c.separator && (c.segments?.length ?? 0) >= 2) separators.set(c.separator, (separators.get(c.separator) ?? 0) + 1);
    }
  }
  return { separator: mostCommon(separators) ?? ', ', dash: mostCommon(dashes) ?? '–' };
}

/** The style for rewriting one citation: its own dash and separator where it shows them, else the document's. */
export function citationNumberStyle(citation: Citation, document: { separator: string; dash: string }, compact: boolean): NumberStyle {
  const ownSeparator = (citation.segments?.length ?? 0) >= 2 ? citation.separator : undefined;
  // Unicode superscripts (`¹⁻³`, `¹,⁴`) join with no space, and a new range takes the superscript minus: a space or
  // an en dash there would no longer read as one citation.
  if (isUnicodeSuperscript(citation)) return { separator: ownSeparator?.trim() || ',', dash: citation.dash ?? '⁻', compact };
  return { separator: ownSeparator ?? document.separator, dash: citation.dash ?? document.dash, compact };
}

/**
 * The edit turning `oldText` (found at `offset`) into `newText`, trimmed to the part that differs but never
 * cutting through a number (so `[17]` → `[18]` edits "17", not "7"). Null when the texts are equal.
 */
export function minimalEdit(oldText: string, newText: string, offset: number): TextEdit | null {
  if (oldText === newText) return null;
  let start = 0;
  const maxStart = Math.min(oldText.length, newText.length);
  while (start < maxStart && oldText[start] === newText[start]) start++;
  while (start > 0 && isDigit(oldText[start - 1]) && (isDigit(oldText[start]) || isDigit(newText[start]))) start--;
  let end = 0;
  const maxEnd = Math.min(oldText.length, newText.length) - start;
  while (end < maxEnd && oldText[oldText.length - 1 - end] === newText[newText.length - 1 - end]) end++;
  while (end > 0 && isDigit(oldText[oldText.length - end]) && (isDigit(oldText[oldText.length - end - 1]) || isDigit(newText[newText.length - end - 1]))) end--;
  return {
    span: { start: offset + start, end: offset + oldText.length - end },
    newText: newText.slice(start, newText.length - end),
  };
}

function isDigit(ch: string | undefined): boolean {
  return ch !== undefined && ((ch >= '0' && ch <= '9') || isSuperscriptDigit(ch));
}

function mostCommon(counts: Map<string, number>): string | undefined {
  let best: string | undefined;
  let bestCount = 0;
  for (const [value, count] of counts) {
    if (count > bestCount) {
      best = value;
      bestCount = count;
    }
  }
  return best;
}
