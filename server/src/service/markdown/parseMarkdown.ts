/**
 * Markdown → the structural facts Citelens needs, read once from remark's syntax tree: where citations can
 * never be (code, math, comments, front matter, link targets, definitions, footnote markers, images), the
 * headings, the prose blocks with their heading paths, footnote definitions and the front matter.
 *
 * Citations themselves are read from the *source text* (see `pandocCitations.ts`), guided by these spans:
 * text nodes' `value` loses escapes and entities, so offsets computed inside it would drift.
 */
import type { Nodes, Root } from 'mdast';
import { toString } from 'mdast-util-to-string';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import type { Heading, ProseBlock, Span } from '../types';
import { lastStartingAtOrBefore } from '../util/search';
import { dashTables, MAY_HAVE_DASH_TABLE } from './dashTables';
import { asBullets, definitionMarkers } from './definitionLists';
import { pandocMathSpans } from './pandocMath';
import { rawTexSpans } from './rawTex';

export interface MarkdownStructure {
  /** Spans where no citation or term can start, sorted by start and non-overlapping. */
  excluded: Span[];
  headings: Heading[];
  blocks: ProseBlock[];
  /** Spans of footnote definitions (`[^1]: …`), for `inNote`, with their labels. */
  notes: Span[];
  noteLabels: string[];
  /** Footnote references (`[^1]`): where each note is read. */
  noteRefs: { label: string; offset: number }[];
  /** The YAML front matter block, if any: its span and the YAML text inside the fences. */
  frontMatter: FrontMatterBlock | null;
  /** HTML comments (for suppression comments). */
  comments: { span: Span; text: string }[];
  /** Top-level block spans, in order (for incremental re-parsing by block). */
  topLevel: Span[];
}

const processor = unified().use(remarkParse).use(remarkGfm);

/** The front matter block: its span (fences included), the YAML between the fences and where that starts. */
export interface FrontMatterBlock {
  span: Span;
  yaml: string;
  yamlStart: number;
}

const OPENING_FENCE = /^\ufeff?---[ \t]*\r?\n/;
/** A closing fence line (made per call: a global pattern's `lastIndex` is state). */
const CLOSING_FENCE = String.raw`^(?:---|\.\.\.)[ \t]*\r?$`;

/**
 * Pandoc's YAML metadata block (`yamlMetaBlock`) at the start of a document: a `---` line *not followed by a blank
 * line* (`---` then a blank line is a horizontal rule), up to the first line that is `---` or `...`, holding a
 * YAML mapping. remark's
 * front matter extension knows only `---` … `---` and takes `---` + blank line for a block, so this is read here.
 */
export function findFrontMatter(text: string): FrontMatterBlock | null {
  const open = OPENING_FENCE.exec(text);
  if (!open) return null;
  const yamlStart = open[0].length;
  const nl = text.indexOf('\n', yamlStart);
  if (text.slice(yamlStart, nl < 0 ? text.length : nl).trim() === '') return null;
  const closing = new RegExp(CLOSING_FENCE, 'gm');
  closing.lastIndex = yamlStart;
  const close = closing.exec(text);
  if (!close) return null;
  const yaml = text.slice(yamlStart, close.index).replace(/\r?\n$/, '');
  // Pandoc keeps the block only if its YAML is a mapping (or empty); `---\nHello [@a]\n---` is Markdown. Judged by
  // the first line that is not a comment: a `key:`, a `? key` or a `{…}` mapping (a broken mapping stays front
  // matter, reported as `front-matter-syntax`, as Pandoc stops on it).
  const first = /^[ \t]*(?!#)\S.*$/m.exec(yaml);
  if (first && !/^(?:[^\s#:][^:]*?|"[^"]*"|'[^']*'):(?:[ \t]|$)|^\?[ \t]|^\{/.test(first[0].trim())) return null;
  return { span: { start: 0, end: close.index + close[0].replace(/\r$/, '').length }, yaml, yamlStart };
}

/**
 * Parses Markdown; never throws (remark is total over strings). At a document's start (`documentStart`, the
 * default) the front matter is read by {@link findFrontMatter} and blanked for remark (offsets kept): elsewhere a
 * `---` is a thematic break.
 */
export function parseMarkdownStructure(text: string, options: { documentStart?: boolean } = {}): MarkdownStructure {
  const frontMatter = options.documentStart === false ? null : findFrontMatter(text);
  const withoutFrontMatter = frontMatter ? text.slice(0, frontMatter.span.end).replace(/[^\r\n]/g, ' ') + text.slice(frontMatter.span.end) : text;
  const fences = divFences(withoutFrontMatter);
  // Definitions with a second paragraph are read as bullets, so that paragraph is prose (definitionLists.ts).
  const source = asBullets(fences.length ? blank(withoutFrontMatter, fences) : withoutFrontMatter, definitionMarkers(withoutFrontMatter));
  const tree = processor.parse(source) as Root;
  const out: MarkdownStructure = {
    excluded: [],
    headings: [],
    blocks: [],
    notes: [],
    noteLabels: [],
    noteRefs: [],
    frontMatter: null,
    comments: [],
    topLevel: [],
  };
  if (frontMatter) {
    out.frontMatter = frontMatter;
    out.excluded.push(frontMatter.span);
  }
  out.excluded.push(...fences);
  const path: { depth: number; text: string }[] = [];
  // Pandoc's simple and multiline tables in this text (dashTables.ts), for rows remark takes for indented code.
  const tables = MAY_HAVE_DASH_TABLE.test(source) ? dashTables(source).map((t) => t.span) : [];
  const inTableRows = (span: Span): boolean =>
    tables.some((t) => span.start >= t.start && span.end <= t.end) && !/^[ \t]*(?:`{3,}|~{3,})/.test(text.slice(span.start, span.start + 40));

  const spanOf = (node: Nodes): Span | null => {
    const start = node.position?.start.offset;
    const end = node.position?.end.offset;
    return start === undefined || end === undefined ? null : { start, end };
  };

  const visit = (node: Nodes, inTable: boolean): void => {
    const span = spanOf(node);
    switch (node.type) {
      case 'footnoteReference':
        if (span) {
          out.excluded.push(span);
          out.noteRefs.push({ label: node.identifier, offset: span.start });
        }
        return;
      case 'image':
        // Pandoc reads citations in a caption (`![Caption [@a].](fig.png){#fig:x}`, one line or several): only
        // `](destination "title")` is never prose.
        if (span) out.excluded.push({ start: altEnd(text, span), end: span.end });
        return;
      case 'code':
        // A simple table's rows indented four spaces or more (a right-aligned first column: `     12     [@a]`) are
        // indented code to remark, cells to Pandoc: only their code spans are excluded.
        if (span && inTableRows(span)) {
          out.excluded.push(...codeSpansIn(text, span));
          return;
        }
        if (span) out.excluded.push(span);
        return;
      case 'inlineCode':
      case 'definition':
      case 'imageReference':
        if (span) out.excluded.push(span);
        return;
      case 'html':
        if (span) {
          out.excluded.push(...rawHtmlParts(text, span));
          if (node.value.startsWith('<!--')) out.comments.push({ span, text: node.value });
          const heading = htmlHeading(node.value, span.start);
          if (heading) out.headings.push(heading);
        }
        return;
      case 'link': {
        if (!span) return;
        const children = node.children;
        const last = children[children.length - 1];
        const textEnd = last?.position?.end.offset;
        // Autolinks (`<a@b.org>`, bare URLs and e-mails) have their URL as text: exclude all of it.
        const isAutolink = children.length === 1 && last?.type === 'text' && toString(node) === node.url.replace(/^mailto:/, '');
        if (isAutolink || textEnd === undefined) {
          out.excluded.push(span);
        } else {
          for (const child of children) visit(child, inTable);
          // `](destination "title")` is never prose.
          out.excluded.push({ start: textEnd, end: span.end });
        }
        return;
      }
      case 'heading': {
        if (!span) return;
        const headingText = cleanHeading(toString(node));
        while (path.length && path[path.length - 1].depth >= node.depth) path.pop();
        out.headings.push({ depth: node.depth, text: headingText, span });
        out.blocks.push({ span, headingPath: path.map((h) => h.text), kind: 'heading' });
        path.push({ depth: node.depth, text: headingText });
        for (const child of node.children) visit(child, inTable);
        return;
      }
      case 'paragraph':
        // Start at the first character of prose: micromark may include indentation, and a `+ item` it reads as a
        // paragraph (context decides) is the same prose as the list item a chunk-wise parse sees.
        if (span) {
          const lead = /^[ \t]*(?:[-+*][ \t]+|\d{1,9}[.)][ \t]+)?/.exec(text.slice(span.start, Math.min(span.end, span.start + 16)));
          if (lead && lead[0].length < span.end - span.start) span.start += lead[0].length;
          out.blocks.push({ span, headingPath: path.map((h) => h.text), kind: inTable ? 'table-cell' : 'paragraph' });
        }
        for (const child of node.children) visit(child, inTable);
        return;
      case 'tableCell':
        if (span) out.blocks.push({ span, headingPath: path.map((h) => h.text), kind: 'table-cell' });
        for (const child of node.children) visit(child, true);
        return;
      case 'footnoteDefinition':
        if (span) {
          out.notes.push(span);
          out.noteLabels.push(node.identifier);
        }
        for (const child of node.children) visit(child, inTable);
        return;
      default:
        if ('children' in node) for (const child of node.children as Nodes[]) visit(child, inTable);
    }
  };

  for (const child of tree.children) {
    const span = spanOf(child);
    if (span) out.topLevel.push(span);
    visit(child, false);
  }
  out.excluded = normalizeSpans(out.excluded);
  // Raw TeX (`\begin{figure}…\end{figure}`, `\textbf{…}`), then math by Pandoc's rules (not remark-math's:
  // `$5 … $6` is no math, `$$ x $$ {#eq:l}` closes on its line).
  if (text.includes('\\')) {
    const tex = rawTexSpans(text, out.excluded);
    if (tex.length) out.excluded = normalizeSpans([...out.excluded, ...tex]);
  }
  const math = pandocMathSpans(text, out.excluded);
  if (math.length) out.excluded = normalizeSpans([...out.excluded, ...math]);
  return out;
}

/**
 * bookdown's theorem-like chunks (` ```{theorem, thm-label, name="…"} ` … ` ``` `): knitr hands their body to
 * bookdown's engines, which write it out as Markdown (a `::: {.theorem}` div, or a LaTeX environment around it), so
 * Pandoc reads the citations of the knitted book there. These engines only — bookdown's `theorem_abbr` (theorem,
 * lemma, corollary, proposition, conjecture, definition, example, exercise, hypothesis) and its unnumbered
 * `label_names_math2` (proof, remark, solution); ` ```{r} ` and every other chunk stay code. The engine is knitr's
 * first word after `{` (`{theorem}`, `{lemma, lem-x}`, `{proof name="…"}`); a chunk option (`name="… [@a]"`) is R
 * code, not read, as `fig.cap` is (docs/pandoc-differences.md). Backticks only: knitr's chunk header.
 */
const BOOKDOWN_THEOREM = /^ {0,3}(`{3,})[ \t]*\{(?:theorem|lemma|corollary|proposition|conjecture|definition|example|exercise|hypothesis|proof|remark|solution)(?=[\s,}])[^\n]*\}[ \t]*\r?$/;

/**
 * The lines that are no prose but hold prose between them, so that remark reads them as blank lines:
 *
 * - Pandoc's fenced divs (`::: {.callout-note}`, `::: {#fig-grid layout-ncol=2}`, `:::: columns`, `:::`) — remark,
 *   which knows no divs, would read them into the paragraph that follows (its claim, its topic) and an `@` in
 *   their attributes as a citation, where Pandoc ends a paragraph at a fence;
 * - the opening and closing fences of bookdown's theorem-like chunks ({@link BOOKDOWN_THEOREM}), whose body is
 *   Markdown, not code.
 *
 * Code fences are tracked (a stack: bookdown 0.30 allows a ` ``` ` code chunk inside a ` ```` ` theorem), so a
 * `:::` or a theorem header inside code stays code.
 */
function divFences(text: string): Span[] {
  if (!text.includes(':::') && !/```[ \t]*\{/.test(text)) return [];
  const out: Span[] = [];
  /** Open fences, innermost last; `markdown` for a theorem chunk (its body is read). */
  const open: { fence: string; markdown: boolean }[] = [];
  const lineSpan = (m: RegExpMatchArray): Span => ({ start: m.index!, end: m.index! + m[0].replace(/\r$/, '').length });
  for (const m of text.matchAll(/^.*$/gm)) {
    const line = m[0];
    const top = open[open.length - 1];
    if (top) {
      const trimmed = line.trim();
      if (trimmed.startsWith(top.fence) && trimmed.replace(/[`~]/g, '') === '') {
        open.pop();
        if (top.markdown) out.push(lineSpan(m));
        continue;
      }
      if (!top.markdown) continue;
    }
    const theorem = BOOKDOWN_THEOREM.exec(line);
    const code = theorem ? null : /^ {0,3}(`{3,}|~{3,})/.exec(line);
    if (theorem) {
      open.push({ fence: theorem[1], markdown: true });
      out.push(lineSpan(m));
    } else if (code) open.push({ fence: code[1], markdown: false });
    else if (/^[ \t]*:{3,}[ \t]*(?:\{[^{}\n]*\}|[\w-]+)?[ \t]*:*[ \t]*\r?$/.test(line)) out.push(lineSpan(m));
  }
  return out;
}

/** `text` with the spans turned to spaces (line breaks and offsets kept). */
function blank(text: string, spans: Span[]): string {
  let out = '';
  let at = 0;
  for (const span of spans) {
    out += text.slice(at, span.start) + ' '.repeat(span.end - span.start);
    at = span.end;
  }
  return out + text.slice(at);
}

/** Verbatim HTML blocks: their content is never Markdown. */
const VERBATIM_HTML = /^[ \t]*<(pre|script|style|textarea)[\s>]/i;
/** Inside an HTML block, what is raw to Pandoc: comments (closed or not), tags with their attributes, code spans. */
const RAW_IN_HTML = /<!--[\s\S]*?(?:-->|$(?![\s\S]))|<\/?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?\/?>|(`+)[\s\S]*?\1/g;

/**
 * The raw parts of an HTML node. Pandoc reads Markdown between block tags (`markdown_in_html_blocks`:
 * `<div>\n… [@a] …\n</div>`, `<p align="justify">…</p>`) and after a comment that opens a line (`<!-- TODO --> Text
 * [@b].`), so only the tags, comments and code spans are excluded — except in `<pre>`, `<script>`, `<style>` and
 * `<textarea>`, which are verbatim.
 */
function rawHtmlParts(text: string, span: Span): Span[] {
  const value = text.slice(span.start, span.end);
  if (VERBATIM_HTML.test(value)) return [span];
  const parts: Span[] = [];
  for (const m of value.matchAll(RAW_IN_HTML)) parts.push({ start: span.start + m.index, end: span.start + m.index + m[0].length });
  return parts;
}

/**
 * A raw HTML heading opening an HTML block, `<h2>References</h2>`, `<h2 id="refs"><b>References</b></h2>` (what
 * conversions from HTML and Word pages keep): a heading of its depth, so it can title the reference list and end a
 * section. Pandoc renders it as a heading in HTML output, and its Markdown reader (`markdown_in_html_blocks`) reads
 * the text as a heading's. Not put in the heading path of the blocks after it: that path is Markdown headings'.
 */
const HTML_HEADING = /^[ \t]*<h([1-6])(?:\s[^<>]*)?>([^\n]*?)<\/h\1\s*>/i;

function htmlHeading(value: string, start: number): Heading | null {
  const m = HTML_HEADING.exec(value);
  if (!m) return null;
  const headingText = m[2].replace(/<[^<>]*>/g, '').replace(/&nbsp;|&#160;/g, ' ').replace(/&amp;/g, '&').trim();
  return headingText ? { depth: Number(m[1]), text: headingText, span: { start, end: start + m[0].length } } : null;
}

/** The code spans (`` `x` ``) inside `span` of `text`. */
function codeSpansIn(text: string, span: Span): Span[] {
  const out: Span[] = [];
  for (const m of text.slice(span.start, span.end).matchAll(/(`+)[\s\S]*?\1/g)) out.push({ start: span.start + m.index, end: span.start + m.index + m[0].length });
  return out;
}

/** The offset of the `]` closing an image's alt text (balanced brackets, escapes skipped), or its start if none. */
function altEnd(text: string, span: Span): number {
  let depth = 0;
  for (let q = span.start + 2; q < span.end; q++) {
    const ch = text[q];
    if (ch === '\\') q++;
    else if (ch === '[') depth++;
    else if (ch === ']' && depth-- === 0) return q;
  }
  return span.start;
}

/** Heading text without Pandoc attributes (`{#refs .unnumbered}`) and surrounding whitespace. */
export function cleanHeading(text: string): string {
  // `[]{#_Toc123 .anchor}`: an empty span, Word's bookmark as `pandoc -f docx` writes it, is no part of the title.
  return text.replace(/\[\]\{[^{}]*\}/g, '').replace(/\s*\{[^{}]*\}\s*$/, '').trim();
}

/**
 * Sorts spans and merges overlapping ones. Touching spans stay apart: a tag right after a code span
 * ("`Makefile`<sup>27</sup>") keeps its own start, where the citation reader looks for `<sup>`.
 */
export function normalizeSpans(spans: Span[]): Span[] {
  const sorted = spans.filter((s) => s.end > s.start).sort((a, b) => a.start - b.start || a.end - b.end);
  const out: Span[] = [];
  for (const span of sorted) {
    const last = out[out.length - 1];
    if (last && span.start < last.end) last.end = Math.max(last.end, span.end);
    else out.push({ ...span });
  }
  return out;
}

/** The span containing `offset` among sorted, non-overlapping spans (binary search), or null. */
export function excludedAt(excluded: Span[], offset: number): Span | null {
  const i = lastStartingAtOrBefore(excluded, offset, (span) => span.start);
  return i >= 0 && offset < excluded[i].end ? excluded[i] : null;
}

/** True when `offset` lies inside any of the sorted spans. */
export function isInside(spans: Span[], offset: number): boolean {
  return excludedAt(spans, offset) !== null;
}
