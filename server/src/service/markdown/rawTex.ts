/**
 * Raw LaTeX as Pandoc's `raw_tex` reads it: an environment `\begin{name}…\end{name}` is a raw block (anywhere,
 * across blank lines: `\begin{figure}\caption{[@d]}\end{figure}` holds no citation), and a command with the
 * arguments that follow it directly (`\textbf{[@a]}`, `\cite[p.~3]{k}`) is raw inline TeX. Pandoc's reading of
 * unknown commands followed by a space and `[…]` (an optional argument) is not followed: that text stays prose.
 */
import type { Span } from '../types';
import { lastStartingAtOrBefore } from '../util/search';

/** A bound on an environment's length, so an unclosed one cannot make a scan quadratic. */
const MAX_ENVIRONMENT = 200_000;

/** Raw TeX spans in `text`, outside the sorted `excluded` spans, in order. */
export function rawTexSpans(text: string, excluded: Span[]): Span[] {
  const out: Span[] = [];
  let i = text.indexOf('\\');
  while (i >= 0 && i < text.length) {
    const e = lastStartingAtOrBefore(excluded, i, (s) => s.start);
    if (e >= 0 && i < excluded[e].end) {
      i = text.indexOf('\\', excluded[e].end);
      continue;
    }
    const command = /^\\([A-Za-z]+)/.exec(text.slice(i, i + 64));
    if (!command) {
      // `\x` escapes the next character.
      i = text.indexOf('\\', i + 2);
      continue;
    }
    let end = i + command[0].length;
    const env = command[1] === 'begin' ? /^\{([A-Za-z*]+)\}/.exec(text.slice(end, end + 64)) : null;
    if (env) {
      const close = environmentEnd(text, i, env[1]);
      if (close < 0) {
        i = text.indexOf('\\', end);
        continue;
      }
      end = close;
    } else {
      end = argumentsEnd(text, end);
    }
    out.push({ start: i, end });
    i = text.indexOf('\\', end);
  }
  return out;
}

/** The end of `\end{name}` closing the environment begun at `at` (same-name nesting counted), or -1. */
function environmentEnd(text: string, at: number, name: string): number {
  const begin = `\\begin{${name}}`;
  const endTag = `\\end{${name}}`;
  let depth = 0;
  let q = at;
  const limit = Math.min(text.length, at + MAX_ENVIRONMENT);
  while (q < limit) {
    const b = text.indexOf(begin, q);
    const e = text.indexOf(endTag, q);
    if (e < 0 || e >= limit) return -1;
    if (b >= 0 && b < e) {
      depth++;
      q = b + begin.length;
    } else {
      depth--;
      q = e + endTag.length;
      if (depth === 0) return q;
    }
  }
  return -1;
}

/** After a command name at `from`: the end of the `{…}` and `[…]` arguments that follow directly (balanced). */
function argumentsEnd(text: string, from: number): number {
  let q = from;
  for (;;) {
    const open = text[q];
    const closeCh = open === '{' ? '}' : open === '[' ? ']' : '';
    if (!closeCh) return q;
    let depth = 0;
    let r = q;
    for (; r < text.length && r - q < 4_000; r++) {
      const ch = text[r];
      if (ch === '\\') r++;
      else if (ch === open) depth++;
      else if (ch === closeCh && --depth === 0) break;
      else if (ch === '\n' && text[r + 1] === '\n') return q;
    }
    if (r >= text.length || text[r] !== closeCh) return q;
    q = r + 1;
  }
}
