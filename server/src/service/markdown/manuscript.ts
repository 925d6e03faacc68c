/**
 * Markdown text → `Manuscript`: the one reduction every feature queries. `caches` (the service's) keep the
 * parsed chunks and front matter between keystrokes.
 */
import type { Settings } from '../settings';
import type { Citation, Manuscript, Problem, ProseBlock, Span } from '../types';
import { exampleLabels, scanCitations } from './citations';
import { isSuperscript, oneNumericForm } from './numericCitations';
import { readFrontMatter } from './frontMatter';
import { metadataCitations } from './metadataCitations';
import { reduceIncrementally } from './chunks';
import { type LineScan, scanText } from './chunkScans';
import { dashTableCaptions } from './dashTableCaptions';
import { dashTableReading, dashTables, withDashTableCells } from './dashTables';
import { gridTableReading } from './gridTables';
import { excludedAt, type MarkdownStructure, normalizeSpans, parseMarkdownStructure } from './parseMarkdown';
import type { ManuscriptCaches } from './manuscriptCaches';
import { findReferenceList } from './referenceList';
import { withoutOtherListsCitations } from './separateLists';
import { floatsReadAtMention } from './floatMentions';
import { parenthesisedCitations } from './parenthesisedCitations';
import { subNumberedCitations } from './subNumbered';
import { readSuppressions } from './suppressions';

export function parseManuscript(
  uri: string,
  text: string,
  settings: Pick<Settings, 'referenceSectionTitles'>,
  caches: ManuscriptCaches,
  version: number | string = 0,
  options: { incremental?: boolean } = {},
): Manuscript {
  const labels = exampleLabels(text);
  let structure: MarkdownStructure;
  let citations: Citation[];
  let lines: LineScan;
  if (options.incremental === false) {
    // The reference implementation: one parse of the whole document.
    structure = parseMarkdownStructure(text);
    citations = scanCitations(text, { excluded: structure.excluded, exampleLabels: labels });
    lines = scanText(text);
  } else {
    ({ structure, citations, lines } = reduceIncrementally(text, labels, caches.chunks));
  }
  if (structure.notes.length) {
    for (const c of citations) if (excludedAt(structure.notes, c.span.start)) c.inNote = true;
  }
  citations = withoutDataFrameNumbers(text, citations);
  const problems: Problem[] = [];
  let frontMatter: Manuscript['frontMatter'] = null;
  let nocite: Span | null = null;
  let metadata: Citation[] = [];
  if (structure.frontMatter) {
    const fm = structure.frontMatter;
    const result = readFrontMatter(uri, fm.yaml, fm.yamlStart, fm.span, caches.frontMatter);
    frontMatter = result.frontMatter;
    nocite = result.nocite;
    problems.push(...result.problems);
    if (result.markdown.length) metadata = metadataCitations(text, result.markdown, labels);
  }
  const referenceList = findReferenceList(text, structure.headings, settings.referenceSectionTitles, structure.excluded, lines.titles);
  // "(1, 2)" as the citation form of a manuscript that cites no other numeric way (parenthesisedCitations.ts).
  const parenthesised = parenthesisedCitations(text, structure.excluded, referenceList, citations);
  if (parenthesised.length) citations = [...citations.filter((c) => c.style !== 'numeric' || c.nocite), ...parenthesised].sort((a, b) => a.span.start - b.span.start);
  // `[12a,b]` of a list item `12. (a) … (b) …` (subNumbered.ts).
  const lettered = subNumberedCitations(text, structure.excluded, referenceList, citations);
  if (lettered.length) citations = [...citations, ...lettered].sort((a, b) => a.span.start - b.span.start);
  // Superscripts with no reference list but a numbered "Notes" section are endnote marks (a paper in Chicago's notes
  // style, converted from Word), not citations: read as citations they were all "no reference list" errors.
  if (!referenceList && citations.some(isSuperscript) && findReferenceList(text, structure.headings, NOTE_TITLES, structure.excluded, lines.titles)) {
    citations = citations.filter((c) => !isSuperscript(c));
  }
  // Pandoc's simple and multiline tables, read once: their reading order here, their cells as blocks below. The
  // whole-text readers of tables run only when the line scans (chunk by chunk) found a line they start from.
  const tables = lines.dashTables ? dashTables(text) : [];
  const captions = lines.captions ? dashTableCaptions(text) : [];
  const grids = lines.gridTables ? gridTableReading(text) : [];
  // Floats after the reference list first: a table there is read where the text names it (floatMentions.ts).
  const floats = referenceList ? floatsReadAtMention(text, structure.blocks, referenceList.span.start) : [];
  orderByReading(citations, structure.notes, structure.noteLabels, structure.noteRefs, [...floats, ...tableCaptionsAfter(text, structure.blocks), ...captions, ...dashTableReading(tables), ...grids]);
  if (nocite) {
    // Pandoc reads `nocite: "@a, @b"` / `"[@*]"` in the metadata as citations of works to list uncited.
    const found = scanCitations(text, { excluded: [], from: nocite.start, to: nocite.end, exampleLabels: labels, noNumeric: [nocite] });
    for (const c of found) c.nocite = true;
    citations.unshift(...found);
  }
  // Citations in the metadata's text (`title:`, `abstract:`…) are read before the body, as Pandoc reads them.
  citations.unshift(...metadata);
  // Citations inside the reference section (its `[n]` markers, `[@key]` in items) are not in-text citations.
  const listed = new Set(referenceList?.items.map((i) => i.number) ?? []);
  const inText = withoutOtherListsCitations(oneNumericForm(citations), referenceList).filter(
    (c) =>
      (!referenceList || c.nocite || ![referenceList.span, ...(referenceList.continuations ?? [])].some((s) => c.span.start >= s.start && c.span.start < s.end)) &&
      !(referenceList && proseBrackets(text, c, listed)),
  );
  // Pandoc's simple and multiline tables: their cells are blocks, as a pipe table's are (dashTables.ts).
  const { blocks, headings } = withDashTableCells(tables, structure.blocks, structure.headings);
  return {
    uri,
    text,
    version,
    frontMatter,
    citations: inText,
    referenceList,
    headings,
    blocks,
    excluded: normalizeSpans([...structure.excluded]),
    suppressions: readSuppressions(text, structure.comments),
    problems,
  };
}

/**
 * Puts citations where Pandoc reads them: inside footnote definitions at the note's first `[^n]` reference, and in
 * a table caption written after its table (`Table: …`) before the table's cells (Pandoc's `Table` holds its caption
 * first). Numbering by first citation and reading order follow the text a reader sees.
 */
/**
 * Table captions written after their table (`Table: Caption [@a].` or `: Caption`, after a blank line), each with
 * where Pandoc reads it: at the table's first cell.
 */
function tableCaptionsAfter(text: string, blocks: ProseBlock[]): { span: Span; readAt: number }[] {
  const out: { span: Span; readAt: number }[] = [];
  /** Captions taken by the table above them: not a caption of the table below. */
  const after = new Set<number>();
  for (let b = 1; b < blocks.length; b++) {
    const block = blocks[b];
    if (block.kind !== 'paragraph' || blocks[b - 1].kind !== 'table-cell') continue;
    if (!CAPTION.test(text.slice(block.span.start, block.span.start + 8))) continue;
    if (!/^[\s|]*$/.test(text.slice(blocks[b - 1].span.end, block.span.start))) continue;
    let first = b - 1;
    while (first > 0 && blocks[first - 1].kind === 'table-cell' && sameTable(text.slice(blocks[first - 1].span.end, blocks[first].span.start))) first--;
    // A table has one caption: after one written before it (`: Caption` or `Table: …`), this is a paragraph.
    const before = blocks[first - 1];
    if (before?.kind === 'paragraph' && !after.has(first - 1) && CAPTION.test(text.slice(before.span.start, before.span.start + 8)) && /^\s*$/.test(text.slice(before.span.end, blocks[first].span.start).replace(/[|:-]/g, ''))) continue;
    after.add(b);
    out.push({ span: block.span, readAt: blocks[first].span.start });
  }
  return out;
}

/**
 * Prose, not a citation (issue 14 item 9): `range [0, 1]` (no work is numbered 0) or `x[2]` (an index right after a
 * word), when this file's reference list has no such numbers (a chapter citing a list in another file keeps them).
 */
function proseBrackets(text: string, c: Citation, listed: Set<number | null>): boolean {
  if (c.style !== 'numeric' || c.items.length === 0) return false;
  if (c.items.every((i) => i.number !== undefined && listed.has(i.number))) return false;
  return c.items.some((i) => i.number === 0) || /[\p{L}\p{N}_]/u.test(text[c.span.start - 1] ?? '');
}

/** Titles of an endnotes section. */
const NOTE_TITLES = ['Notes', 'Endnotes', 'End notes', 'Note'];

/** Pandoc's `tableCaption` marker. */
const CAPTION = /^(?:[Tt]able)?:[ \t]/;

/** Whether the text between two cells is table syntax of one table (pipes, a delimiter row; no blank line). */
function sameTable(gap: string): boolean {
  return /^[\s|:-]*$/.test(gap) && !/\n[ \t]*\r?\n/.test(gap);
}

function orderByReading(
  citations: Citation[],
  notes: Span[],
  labels: string[],
  refs: { label: string; offset: number }[],
  captions: { span: Span; readAt: number }[],
): void {
  if (notes.length === 0 && captions.length === 0) return;
  const firstRef = new Map<string, number>();
  for (const ref of refs) if (!firstRef.has(ref.label)) firstRef.set(ref.label, ref.offset);
  const readAt = (c: Citation): number => {
    const caption = captions.find((x) => c.span.start >= x.span.start && c.span.start < x.span.end);
    if (caption) return caption.readAt;
    const i = notes.findIndex((n) => c.span.start >= n.start && c.span.start < n.end);
    if (i < 0) return c.span.start;
    return firstRef.get(labels[i]) ?? c.span.start;
  };
  const keyed = citations.map((c, index) => ({ c, at: readAt(c), index }));
  keyed.sort((a, b) => a.at - b.at || a.index - b.index);
  keyed.forEach((k, i) => (citations[i] = k.c));
}

/**
 * A pandas DataFrame's HTML (`<table border="1" class="dataframe">`), as a notebook exported to Markdown (Jupyter's
 * nbconvert, Quarto) keeps a cell's output: its cells are data — `[1, 2]` is a list value, `[3]` a one-element list —
 * never a numeric citation, though the text between HTML tags is Markdown to Pandoc (its `[@key]` still cites).
 */
function withoutDataFrameNumbers(text: string, citations: Citation[]): Citation[] {
  if (!text.includes('dataframe')) return citations;
  const tables: Span[] = [];
  for (const m of text.matchAll(/<table\b[^>]*\bclass="[^"]*\bdataframe\b[^"]*"[^>]*>[\s\S]*?(?:<\/table>|$(?![\s\S]))/gi)) {
    tables.push({ start: m.index, end: m.index + m[0].length });
  }
  if (!tables.length) return citations;
  return citations.filter((c) => c.style !== 'numeric' || !excludedAt(tables, c.span.start));
}
