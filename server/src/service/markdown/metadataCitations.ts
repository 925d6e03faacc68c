/**
 * Citations in the front matter's text (issue 14 item 7): Pandoc parses each metadata string as Markdown, so
 * `title: A study of [@a]` or an `abstract: |` block cites `a` (and an abstract's `[1]` its first work), while raw HTML there (`header-includes:
 * <meta content="@handle">`) holds none, as in the body. Each string's *value* (YAML unquoted, unescaped,
 * unindented) is parsed and scanned like a document of its own; the citations found are placed back on the source
 * by aligning the value to the source text (the value is the source minus indentation, quotes and escapes).
 */
import type { Citation, Span } from '../types';
import { scanCitations } from './citations';
import { type MetadataString, NUMERIC_FIELDS } from './frontMatter';
import { parseMarkdownStructure } from './parseMarkdown';

/**
 * The citations of the metadata strings, on the document's offsets, in order; numeric citations only in the
 * abstract (`NUMERIC_FIELDS`).
 */
export function metadataCitations(text: string, strings: MetadataString[], exampleLabels: Set<string>): Citation[] {
  const out: Citation[] = [];
  for (const s of strings) {
    const structure = parseMarkdownStructure(s.value, { documentStart: false });
    const noNumeric = NUMERIC_FIELDS.has(s.field) ? undefined : [{ start: 0, end: s.value.length }];
    const found = scanCitations(s.value, { excluded: structure.excluded, exampleLabels, noNumeric });
    if (found.length === 0) continue;
    const at = alignment(s.value, text, s.source);
    for (const c of found) {
      const placed = place(c, s.value, at, text);
      if (placed) out.push(placed);
    }
  }
  return out;
}

/**
 * Where each character of `value` is in `text[source]`: greedy, since the value is the source with characters
 * left out (indentation, quotes, escapes, line breaks folded to a space match a space of the indentation). -1
 * from where the alignment fails (an escape like `\u0040` that spells a character differently).
 */
function alignment(value: string, text: string, source: Span): Int32Array {
  const at = new Int32Array(value.length).fill(-1);
  let j = source.start;
  for (let i = 0; i < value.length; i++) {
    let k = j;
    while (k < source.end && text[k] !== value[i] && k - j < 64) k++;
    if (k >= source.end || text[k] !== value[i]) break;
    at[i] = k;
    j = k + 1;
  }
  return at;
}

/** `c` (found in `value`) moved onto the source, or null where a key or number does not read the same there. */
function place(c: Citation, value: string, at: Int32Array, text: string): Citation | null {
  const span = mapSpan(c.span, at);
  if (!span) return null;
  const items = [];
  for (const item of c.items) {
    const keySpan = mapSpan(item.span, at);
    // A key reads the same on the source; a number (its segment, `2–4`) too.
    if (!keySpan || text.slice(keySpan.start, keySpan.end) !== (item.kind === 'number' ? value.slice(item.span.start, item.span.end) : item.key)) return null;
    items.push({ ...item, span: keySpan });
  }
  const placed: Citation = { ...c, span, raw: text.slice(span.start, span.end), items };
  if (c.segments) {
    const segments = [];
    for (const segment of c.segments) {
      const mapped = mapSpan(segment.span, at);
      if (!mapped) return null;
      segments.push({ ...segment, span: mapped });
    }
    placed.segments = segments;
  }
  // A slip in a metadata string has no single source separator to fix reliably: not reported there.
  delete placed.suffixSlips;
  return placed;
}

function mapSpan(span: Span, at: Int32Array): Span | null {
  if (span.end <= span.start) return null;
  const start = at[span.start];
  const last = at[span.end - 1];
  return start < 0 || last < 0 ? null : { start, end: last + 1 };
}
