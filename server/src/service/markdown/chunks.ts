/**
 * Incremental reduction: the document is cut into chunks at top-level block boundaries, each chunk is parsed
 * and scanned on its own, and the results are cached by the chunk's text. An edit re-parses only the chunk it
 * touched (remark reads about 1 MB/s: a 50,000-word manuscript costs ~400 ms whole, a paragraph well under 1 ms).
 *
 * A boundary is a blank line followed by a line that starts at column 0 (but not `: ` or `~ `, a definition or a
 * table's caption, read with what is above it), outside fenced code, `$$` math,
 * HTML comments, raw `<pre>/<script>/<style>/<textarea>` blocks, raw LaTeX environments and the front matter.
 * What parsing a chunk alone cannot know is supplied: footnote definitions living in other chunks (so `[^1]` is
 * still a note reference).
 * `test/unit/incremental.test.ts` checks the result equals a whole-document parse.
 */
import { LRUCache } from 'lru-cache';
import type { Citation, Span } from '../types';
import { scanCitations } from './citations';
import { addChunkScan, emptyScan, type LineScan, scanChunk } from './chunkScans';
import { findFrontMatter, type MarkdownStructure, normalizeSpans, parseMarkdownStructure } from './parseMarkdown';
import { runSteps, type Steps } from '../slices';
import { textFingerprint } from '../util/hash';

/**
 * Splits `text` into chunks (covering it exactly, in order). Runs on every keystroke over the whole text, so an
 * ordinary line (most of them) is read in place: only a line that may open or close a fence, math, a comment or a
 * raw block is cut out of the text as a string (slicing and trimming every line was ~1 MB of garbage a keystroke
 * on a 50,000-word manuscript).
 */
export function splitChunks(text: string): Span[] {
  const chunks: Span[] = [];
  let chunkStart = 0;
  let pos = 0;
  let fence: string | null = null;
  let closeTag: RegExp | null = null;
  let inMath = false;
  let inComment = false;
  let previousBlank = false;
  const frontMatterEnd = findFrontMatter(text)?.span.end ?? 0;
  /** The first `<!--` at or after `pos` (-1: none left). */
  let commentAt = text.indexOf('<!--');
  while (pos < text.length) {
    const nl = text.indexOf('\n', pos);
    const end = nl < 0 ? text.length : nl + 1;
    // The line without its `\r\n` or `\n`.
    let lineEnd = nl < 0 ? text.length : nl;
    if (nl >= 0 && lineEnd > pos && text.charCodeAt(lineEnd - 1) === 13) lineEnd--;
    const blank = isBlank(text, pos, lineEnd);
    if (commentAt >= 0 && commentAt < pos) commentAt = text.indexOf('<!--', pos);
    if (pos < frontMatterEnd) {
      // Inside the front matter (Pandoc's rule, `findFrontMatter`): no chunk boundary.
    } else if (fence) {
      const line = text.slice(pos, lineEnd);
      if (line.trimStart().startsWith(fence) && line.trim().replace(/[`~]/g, '') === '' && line.trim().length >= fence.length) fence = null;
    } else if (inMath) {
      if (/\$\$\s*(\{[^{}]*\}\s*)?$/.test(text.slice(pos, lineEnd))) inMath = false;
    } else if (inComment) {
      if (text.slice(pos, lineEnd).includes('-->')) inComment = false;
    } else if (closeTag) {
      if (closeTag.test(text.slice(pos, lineEnd))) closeTag = null;
    } else {
      const c = text.charCodeAt(pos);
      // Not before a definition or a caption (`:   Definition`, `: Caption`): what it belongs to, the term or the
      // table above the blank line, decides how it is read (definitionLists.ts).
      const definition = (c === 58 || c === 126) && (text.charCodeAt(pos + 1) === 32 || text.charCodeAt(pos + 1) === 9);
      if (previousBlank && !blank && c !== 32 && c !== 9 && !definition && pos > chunkStart) {
        chunks.push({ start: chunkStart, end: pos });
        chunkStart = pos;
      }
      if (mayOpen(text, pos, lineEnd) || (commentAt >= 0 && commentAt + 4 <= lineEnd)) {
        const line = text.slice(pos, lineEnd);
        // CommonMark: a backtick fence's info string holds no backtick, so "```x``` is code" is inline code.
        const f = /^ {0,3}(`{3,}(?=[^`]*$)|~{3,})/.exec(line);
        if (f) fence = f[1];
        else if (/^ {0,3}\$\$/.test(line) && !/^ {0,3}\$\$.*\$\$\s*(\{[^{}]*\}\s*)?$/.test(line.trim() === '$$' ? '' : line)) inMath = true;
        else if (line.includes('<!--') && !line.slice(line.lastIndexOf('<!--')).includes('-->')) inComment = true;
        else {
          const tag = /^ {0,3}<(pre|script|style|textarea)[\s>]/i.exec(line);
          const env = /^\\begin\{([A-Za-z*]+)\}/.exec(line);
          if (tag && !new RegExp(`</${tag[1]}>`, 'i').test(line)) closeTag = new RegExp(`</${tag[1]}>`, 'i');
          // A raw LaTeX environment is one raw block, blank lines included (Pandoc's `raw_tex`).
          else if (env && !line.includes(`\\end{${env[1]}}`)) closeTag = new RegExp(`\\\\end\\{${env[1].replace('*', '\\*')}\\}`);
        }
      }
    }
    previousBlank = blank;
    pos = end;
  }
  if (chunkStart < text.length || chunks.length === 0) chunks.push({ start: chunkStart, end: text.length });
  return chunks;
}

/** Whether `text[from, to)` is white space only (what `trim()` removes: `\s`), read in place. */
function isBlank(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c === 32 || (c >= 9 && c <= 13)) continue;
    if (c < 128 || !/\s/.test(text[i])) return false;
  }
  return true;
}

/**
 * Whether the line `text[from, to)` may open a fence, `$$` math, a raw HTML block or a LaTeX environment: its first
 * character after up to three spaces is one of `` ` ~ $ < `` or it starts with `\` (a comment is found apart).
 */
function mayOpen(text: string, from: number, to: number): boolean {
  let i = from;
  while (i < to && i < from + 3 && text.charCodeAt(i) === 32) i++;
  const c = text[i];
  return c === '`' || c === '~' || c === '$' || c === '<' || text[from] === '\\';
}

interface ChunkResult {
  structure: MarkdownStructure;
  citations: Citation[];
  /** The whole-text line scans' share of this chunk (`chunkScans.ts`). */
  lines: LineScan;
  /** The copies last merged into a document, at `at` (see `merge`). */
  merged?: Shifted;
}

/** A chunk's structure and citations shifted to a document offset, as `merge` hands them out. */
interface Shifted {
  at: number;
  structure: MarkdownStructure;
  citations: Citation[];
}

/**
 * Caches chunk results by what they were made from (`context`: first chunk or not, example labels, footnote
 * trailer; and the chunk's text); bounded to `limit` chunks, least recently used first out. One per service
 * (`ManuscriptCaches`).
 *
 * Keyed by a number (`textFingerprint`: the text's length and three characters) with the context and text
 * compared on a hit: a key holding the whole text meant building and hashing a copy of the document on every
 * keystroke, and a key string of the context, length and ends was ~200 KB of garbage a keystroke.
 */
export class ChunkCache {
  /** Chunks by fingerprint: usually one per fingerprint, more when texts share length and ends. */
  private readonly lists: LRUCache<number, { context: string; text: string; result: ChunkResult }[]>;
  /** The chunks of the text split last: the server primes the chunks of a text, then parses it (`parseFiles.ts`). */
  private lastSplit: { text: string; chunks: readonly Span[] } | null = null;

  constructor(limit = 20000) {
    this.lists = new LRUCache({ maxSize: limit, sizeCalculation: (list) => list.length });
  }

  get(context: string, text: string, make: () => ChunkResult): ChunkResult {
    const key = textFingerprint(text);
    const list = this.lists.get(key);
    if (list) for (const x of list) if (x.text === text && x.context === context) return x.result;
    const result = make();
    // A new array, so the cache counts the new size.
    this.lists.set(key, [...(list ?? []), { context, text, result }]);
    return result;
  }

  /** `splitChunks(text)`, kept for the last text (not to be changed by the caller). */
  split(text: string): readonly Span[] {
    if (this.lastSplit?.text !== text) this.lastSplit = { text, chunks: splitChunks(text) };
    return this.lastSplit.chunks;
  }
}

const NOTE_DEF = /^ {0,3}\[\^([^\]\s]+)\]:/gm;
const NOTE_REF = /\[\^([^\]\s]+)\]/g;

/** The document's structure and citations (see `reduceIncrementally`) and its line scans (`chunkScans.ts`). */
export interface Reduced {
  structure: MarkdownStructure;
  citations: Citation[];
  lines: LineScan;
}

/**
 * The structure and citations of the whole document, built from cached chunks. Offsets are document offsets;
 * heading paths run across chunks. Citations are not yet filtered (reference list) nor ordered (notes).
 */
export function reduceIncrementally(text: string, exampleLabels: Set<string>, cache: ChunkCache): Reduced {
  return runSteps(reduceSteps(text, exampleLabels, cache));
}

/**
 * Parses the chunks of `text` not in the cache yet, yielding after each (see `slices.ts`): a host that can pause
 * runs this before analysing a changed document, so its first parse (~50 ms for 5 KB with a cold JIT, ~400
 * ms for 50,000 words) does not hold the thread; `reduceIncrementally` then finds every chunk cached. Nothing
 * is merged here: after a keystroke every chunk but one is cached, and merging them twice was ~2 ms a keystroke.
 */
export function* primeChunkSteps(text: string, exampleLabels: Set<string>, cache: ChunkCache): Steps<void> {
  yield* chunkSteps(text, exampleLabels, cache);
}

/** Each chunk of `text` with its result, parsing those not cached (yielding after each parsed). */
function* chunkSteps(text: string, exampleLabels: Set<string>, cache: ChunkCache): Steps<{ start: number; result: ChunkResult }[]> {
  const defined = new Set<string>();
  // Footnotes are rare; the definitions' pattern scanned every line of a long document on every keystroke.
  if (text.includes('[^')) for (const m of text.matchAll(NOTE_DEF)) defined.add(m[1]);
  const labelsKey = [...exampleLabels].sort().join(' ');
  // The contexts of chunks without a footnote trailer, made once (not a string per chunk).
  const firstContext = `F|${labelsKey}|`;
  const otherContext = `C|${labelsKey}|`;
  const parts: { start: number; result: ChunkResult }[] = [];
  for (const chunk of cache.split(text)) {
    const chunkText = text.slice(chunk.start, chunk.end);
    // Footnotes defined elsewhere: append their definitions so `[^n]` parses as a reference here too.
    let trailer = '';
    if (defined.size && chunkText.includes('[^')) {
      const missing = new Set<string>();
      for (const m of chunkText.matchAll(NOTE_REF)) if (defined.has(m[1])) missing.add(m[1]);
      for (const m of chunkText.matchAll(NOTE_DEF)) missing.delete(m[1]);
      trailer = [...missing].map((l) => `\n\n[^${l}]: .`).join('');
    }
    const first = chunk.start === 0;
    let parsed = false;
    const context = trailer ? `${first ? 'F' : 'C'}|${labelsKey}|${trailer}` : first ? firstContext : otherContext;
    const result = cache.get(context, chunkText, () => {
      parsed = true;
      return reduceChunk(chunkText, trailer, exampleLabels, first);
    });
    parts.push({ start: chunk.start, result });
    if (parsed) yield;
  }
  return parts;
}

/** {@link reduceIncrementally} as steps that yield after each chunk parsed (not after cache hits). */
function* reduceSteps(text: string, exampleLabels: Set<string>, cache: ChunkCache): Steps<Reduced> {
  const parts = yield* chunkSteps(text, exampleLabels, cache);
  const out: MarkdownStructure = { excluded: [], headings: [], blocks: [], notes: [], noteLabels: [], noteRefs: [], frontMatter: null, comments: [], topLevel: [] };
  const citations: Citation[] = [];
  const lines = emptyScan();
  // Heading paths across chunks: a heading's own path is the headings above it. The blocks under one heading
  // share one array (read-only, as every heading path is): one per block was ~2,000 arrays a keystroke.
  const headings = { path: [] as { depth: number; text: string }[], names: [] as string[] };
  for (const { start, result } of parts) {
    merge(out, citations, result, start, start === 0, headings);
    addChunkScan(lines, result.lines, text, start);
  }
  out.excluded = normalizeSpans(out.excluded);
  return { structure: out, citations, lines };
}

/**
 * Above these, one top-level block is read without remark: micromark's text resolution is quadratic in the
 * brackets of a paragraph (100,000 citations on one line took a minute) and reads ~1 MB/s.
 */
const HUGE_CHUNK = 500_000;
const HUGE_BRACKETS = 5_000;

/** Whether a block is too big or bracket-laden to parse with remark in bounded time. */
function pathological(chunkText: string): boolean {
  if (chunkText.length > HUGE_CHUNK) return true;
  if (chunkText.length < HUGE_BRACKETS) return false;
  let brackets = 0;
  for (let i = chunkText.indexOf('['); i >= 0; i = chunkText.indexOf('[', i + 1)) if (++brackets > HUGE_BRACKETS) return true;
  return false;
}

/**
 * The structure of a pathological block, read in linear time: one paragraph, with code spans, `$$` math and
 * HTML comments excluded. Coarser than remark, but bounded.
 */
function plainStructure(chunkText: string): MarkdownStructure {
  const excluded: Span[] = [];
  const comments: { span: Span; text: string }[] = [];
  const unclosed = new Set<string>();
  let i = 0;
  while (i < chunkText.length) {
    const c = chunkText[i];
    if (c === '`') {
      let j = i;
      while (chunkText[j] === '`') j++;
      const run = chunkText.slice(i, j);
      const close = unclosed.has(run) ? -1 : chunkText.indexOf(run, j);
      if (close < 0) unclosed.add(run);
      else excluded.push({ start: i, end: (j = close + run.length) });
      i = j;
    } else if (c === '<' && chunkText.startsWith('<!--', i)) {
      const close = chunkText.indexOf('-->', i + 4);
      const end = close < 0 ? chunkText.length : close + 3;
      excluded.push({ start: i, end });
      comments.push({ span: { start: i, end }, text: chunkText.slice(i, end) });
      i = end;
    } else if (c === '$' && chunkText[i + 1] === '$') {
      const close = chunkText.indexOf('$$', i + 2);
      const end = close < 0 ? chunkText.length : close + 2;
      excluded.push({ start: i, end });
      i = end;
    } else i++;
  }
  const start = chunkText.length - chunkText.trimStart().length;
  const end = chunkText.trimEnd().length;
  const span = { start, end: Math.max(start, end) };
  return { excluded, headings: [], blocks: end > start ? [{ span, headingPath: [], kind: 'paragraph' }] : [], notes: [], noteLabels: [], noteRefs: [], frontMatter: null, comments, topLevel: [span] };
}

function reduceChunk(chunkText: string, trailer: string, exampleLabels: Set<string>, documentStart: boolean): ChunkResult {
  const huge = pathological(chunkText) && !(documentStart && /^\ufeff?---/.test(chunkText));
  const structure = huge ? plainStructure(chunkText) : parseMarkdownStructure(chunkText + trailer, { documentStart });
  const limit = chunkText.length;
  const inside = (s: Span): boolean => s.start < limit;
  const clip = (s: Span): Span => ({ start: s.start, end: Math.min(s.end, limit) });
  const notesKept = structure.notes.map((s, i) => ({ s, l: structure.noteLabels[i] })).filter((n) => inside(n.s));
  const trimmed: MarkdownStructure = {
    excluded: structure.excluded.filter(inside).map(clip),
    headings: structure.headings.filter((x) => inside(x.span)),
    blocks: structure.blocks.filter((x) => inside(x.span)),
    notes: notesKept.map((n) => clip(n.s)),
    noteLabels: notesKept.map((n) => n.l),
    noteRefs: structure.noteRefs.filter((r) => r.offset < limit),
    frontMatter: structure.frontMatter,
    comments: structure.comments.filter((c) => inside(c.span)),
    topLevel: structure.topLevel.filter(inside).map(clip),
  };
  const citations = scanCitations(chunkText, { excluded: trimmed.excluded, exampleLabels });
  return { structure: trimmed, citations, lines: scanChunk(chunkText, documentStart) };
}

/**
 * Adds a cached chunk result to the document result, shifted to the chunk's offset (the cache's own result stays
 * intact), and sets its blocks' heading paths (`headings`: the path so far, carried from chunk to chunk). A chunk
 * merged at the same offset as last time (every chunk before an edit) hands out the same copies: copying a
 * thousand citations and two thousand blocks was the largest garbage of a keystroke. The copies are not changed
 * once made (a block whose heading path changed, after an edited heading above it, is copied again), except for
 * `inNote`, which depends only on the chunk's own notes and so is the same each time.
 */
function merge(out: MarkdownStructure, citations: Citation[], r: ChunkResult, at: number, first: boolean, headings: { path: { depth: number; text: string }[]; names: string[] }): void {
  let m = r.merged;
  if (!m || m.at !== at) m = r.merged = shifted(r, at);
  const s = m.structure;
  for (const x of s.excluded) out.excluded.push(x);
  for (const x of s.headings) out.headings.push(x);
  const depthAt = s.headings.length ? new Map(s.headings.map((x) => [x.span.start, x])) : null;
  const { path } = headings;
  for (let b = 0; b < s.blocks.length; b++) {
    const heading = s.blocks[b].kind === 'heading' ? depthAt?.get(s.blocks[b].span.start) : undefined;
    if (heading) {
      while (path.length && path[path.length - 1].depth >= heading.depth) path.pop();
      headings.names = path.map((x) => x.text);
    }
    if (!sameStrings(s.blocks[b].headingPath, headings.names)) s.blocks[b] = { ...s.blocks[b], headingPath: headings.names };
    out.blocks.push(s.blocks[b]);
    if (heading) {
      path.push({ depth: heading.depth, text: heading.text });
      headings.names = path.map((x) => x.text);
    }
  }
  for (const x of s.notes) out.notes.push(x);
  for (const x of s.noteLabels) out.noteLabels.push(x);
  for (const x of s.noteRefs) out.noteRefs.push(x);
  for (const x of s.comments) out.comments.push(x);
  for (const x of s.topLevel) out.topLevel.push(x);
  if (first && s.frontMatter) out.frontMatter = s.frontMatter;
  for (const c of m.citations) citations.push(c);
}

/** A chunk result's structure and citations shifted by `at` (new objects; the cached result stays intact). */
function shifted(r: ChunkResult, at: number): Shifted {
  const s = r.structure;
  const structure: MarkdownStructure = {
    excluded: s.excluded.map((x) => shiftSpan(x, at)),
    headings: s.headings.map((x) => ({ ...x, span: shiftSpan(x.span, at) })),
    blocks: s.blocks.map((x) => ({ ...x, span: shiftSpan(x.span, at) })),
    notes: s.notes.map((x) => shiftSpan(x, at)),
    noteLabels: s.noteLabels,
    noteRefs: s.noteRefs.map((x) => ({ label: x.label, offset: x.offset + at })),
    frontMatter: s.frontMatter,
    comments: s.comments.map((x) => ({ span: shiftSpan(x.span, at), text: x.text })),
    topLevel: s.topLevel.map((x) => shiftSpan(x, at)),
  };
  const citations = r.citations.map((c) => {
    const copy: Citation = {
      ...c,
      span: shiftSpan(c.span, at),
      items: c.items.map((i) => ({ ...i, span: shiftSpan(i.span, at) })),
    };
    if (c.segments) copy.segments = c.segments.map((g) => ({ ...g, span: shiftSpan(g.span, at) }));
    if (c.suffixSlips) copy.suffixSlips = c.suffixSlips.map((g) => ({ ...g, span: shiftSpan(g.span, at), separator: shiftSpan(g.separator, at) }));
    return copy;
  });
  return { at, structure, citations };
}

function shiftSpan(s: Span, by: number): Span {
  return { start: s.start + by, end: s.end + by };
}

function sameStrings(a: readonly string[], b: readonly string[]): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
