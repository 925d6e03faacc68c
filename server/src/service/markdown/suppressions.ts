/**
 * Suppression comments, as in ESLint and markdownlint:
 *
 *   <!-- citelens-disable-next-line orphaned-reference -->   silences the next line
 *   <!-- citelens-disable off-topic-citation -->             silences until
 *   <!-- citelens-enable off-topic-citation -->              (or the end of the file)
 *
 * No codes means every code.
 */
import type { Span, Suppression } from '../types';

const DIRECTIVE = /^<!--\s*citelens-(disable-next-line|disable|enable)\b([^>]*?)-->/;

export function readSuppressions(text: string, comments: { span: Span; text: string }[]): Suppression[] {
  const out: Suppression[] = [];
  const open: { codes: string[]; start: number }[] = [];
  for (const comment of comments) {
    const m = DIRECTIVE.exec(comment.text.trim());
    if (!m) continue;
    const codes = m[2].split(/[\s,]+/).filter(Boolean);
    if (m[1] === 'disable-next-line') {
      const lineStart = text.indexOf('\n', comment.span.end);
      if (lineStart < 0) continue;
      const lineEnd = text.indexOf('\n', lineStart + 1);
      out.push({ codes, span: { start: lineStart + 1, end: lineEnd < 0 ? text.length : lineEnd } });
    } else if (m[1] === 'disable') {
      open.push({ codes, start: comment.span.end });
    } else {
      // `enable X` closes the matching `disable X`; a bare `enable` closes everything.
      for (let i = open.length - 1; i >= 0; i--) {
        const region = open[i];
        if (codes.length === 0 || codes.join(' ') === region.codes.join(' ')) {
          out.push({ codes: region.codes, span: { start: region.start, end: comment.span.start } });
          open.splice(i, 1);
        }
      }
    }
  }
  for (const region of open) out.push({ codes: region.codes, span: { start: region.start, end: text.length } });
  return out;
}

/** True when a problem of `code` starting at `offset` is silenced. */
export function isSuppressed(suppressions: Suppression[], code: string, offset: number): boolean {
  return suppressions.some((s) => offset >= s.span.start && offset <= s.span.end && (s.codes.length === 0 || s.codes.includes(code)));
}
