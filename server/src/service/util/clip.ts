/**
 * Text cut for one line of a message, hover or label: at most `max` characters, at a word boundary, with "…".
 * The one place that decides how the core shortens what it quotes (the table of checks keeps its own copy: it is a
 * leaf that imports nothing, `.dependency-cruiser.cjs`).
 */

/** `text` if it fits in `max` characters, else its words up to `max` and "…" (a single long word is cut). */
export function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  return `${text.slice(0, max).replace(/\s+\S*$/, '')}…`;
}

