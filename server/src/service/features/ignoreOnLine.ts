/**
 * "Ignore <code> on this line", offered for every diagnostic: the suppression comment the README documents,
 * `<!-- citelens-disable-next-line CODE -->`, put where it silences the diagnostic's line without changing how the
 * manuscript renders (`markdown/suppressions.ts` reads it: it silences the line after the one the comment ends on).
 *
 * Where the comment goes, by what the line before the diagnostic's line is:
 * - it already ends with a `citelens-disable-next-line` comment: the code is added to that comment;
 * - nothing (first line), a blank line, a heading, or the diagnostic's line starts a list item: a line of its own
 *   before the diagnostic's line (an HTML block; it would split a paragraph, which is why it is not used there);
 * - a table row: inside its last cell (after the trailing `|` it would add a cell); not after the delimiter row
 *   (`|---|`), which must stay as it is — then nothing is offered;
 * - any other text (a paragraph's previous line, hard-wrapped): the comment at its end, inline HTML that renders
 *   as nothing and keeps the paragraph whole.
 * Nothing is offered inside the front matter (YAML, where a comment would break it).
 */
import type { Manuscript, Span } from '../types';
import type { TextEdit } from './featureTypes';
import type { CodeActionResult, DiagnosticRef } from './quickFixTypes';

/** A comment that ends the line and silences the next line, with where its code list ends. */
const TRAILING_DIRECTIVE = /<!--\s*citelens-disable-next-line\b([^>]*?)\s*-->\s*$/;
const LIST_ITEM = /^\s{0,3}(?:\d{1,9}[.)]|[-*+]|\[\d+\])\s/;
const TABLE_DELIMITER = /^\s*\|?\s*:?-+:?\s*(?:\|\s*:?-+:?\s*)*\|?\s*$/;

/** The "ignore on this line" action of one diagnostic of `manuscript` (kept at `path`), or null. */
export function ignoreOnLine(manuscript: Manuscript, path: string, diagnostic: DiagnosticRef): CodeActionResult | null {
  const edit = ignoreEdit(manuscript, diagnostic.code, diagnostic.span);
  if (!edit) return null;
  return {
    title: `Ignore ${diagnostic.code} on this line`,
    kind: 'quickfix',
    diagnostics: [diagnostic],
    edits: new Map([[path, [edit]]]),
  };
}

/** The edit that silences `code` on the line holding `span.start`, or null where no comment can go. */
export function ignoreEdit(manuscript: Manuscript, code: string, span: Span): TextEdit | null {
  const { text } = manuscript;
  if (span.start > text.length) return null;
  if (manuscript.frontMatter && span.start < manuscript.frontMatter.span.end) return null;
  const lineStart = text.lastIndexOf('\n', span.start - 1) + 1;
  const comment = `<!-- citelens-disable-next-line ${code} -->`;
  const line = text.slice(lineStart, lineEnd(text, lineStart));
  const indent = /^[ \t]*/.exec(line)![0];
  const ownLine: TextEdit = { span: point(lineStart), newText: `${indent}${comment}\n` };
  if (lineStart === 0) return ownLine;
  const prevStart = text.lastIndexOf('\n', lineStart - 2) + 1;
  const prevEnd = lineStart - 1 - (text[lineStart - 2] === '\r' ? 1 : 0);
  const prev = text.slice(prevStart, prevEnd);
  const directive = TRAILING_DIRECTIVE.exec(prev);
  if (directive) {
    const codes = directive[1].split(/[\s,]+/).filter(Boolean);
    // No codes silences every code already; the code listed already: nothing to add.
    if (codes.length === 0 || codes.includes(code)) return null;
    const at = prevStart + directive.index + directive[0].indexOf('-->');
    const before = text[at - 1] === ' ' ? '' : ' ';
    return { span: point(at), newText: `${before}${code} ` };
  }
  if (prev.trim() === '' || /^\s{0,3}#/.test(prev) || LIST_ITEM.test(line)) return ownLine;
  if (/^\s*\|/.test(prev)) {
    if (TABLE_DELIMITER.test(prev)) return null;
    const trimmed = prev.trimEnd();
    if (!trimmed.endsWith('|')) return { span: point(prevStart + trimmed.length), newText: ` ${comment}` };
    return { span: point(prevStart + trimmed.length - 1), newText: `${comment} ` };
  }
  return { span: point(prevStart + prev.trimEnd().length), newText: ` ${comment}` };
}

function lineEnd(text: string, from: number): number {
  const end = text.indexOf('\n', from);
  return end < 0 ? text.length : end;
}

function point(offset: number): Span {
  return { start: offset, end: offset };
}
