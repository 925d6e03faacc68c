/**
 * Markdown text → `Manuscript`: the one reduction every feature queries. `caches` (the service's) keep the
 * parsed chunks and front matter between keystrokes.
 */
import type { Settings } from '../settings';
import type { Citation, Manuscript, Problem, Span } from '../types';
import { exampleLabels, scanCitations } from './citations';
import { readFrontMatter } from './frontMatter';
import { reduceIncrementally } from './chunks';
import { excludedAt, type MarkdownStructure, normalizeSpans, parseMarkdownStructure } from './parseMarkdown';
import type { ManuscriptCaches } from './manuscriptCaches';
import { findReferenceList } from './referenceList';
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
  if (options.incremental === false) {
    // The reference implementation: one parse of the whole document.
    structure = parseMarkdownStructure(text);
    citations = scanCitations(text, { excluded: structure.excluded, exampleLabels: labels });
  } else {
    ({ structure, citations } = reduceIncrementally(text, labels, caches.chunks));
  }
  if (structure.notes.length) {
    for (const c of citations) if (excludedAt(structure.notes, c.span.start)) c.inNote = true;
  }
  const problems: Problem[] = [];
  let frontMatter: Manuscript['frontMatter'] = null;
  let nocite: Span | null = null;
  if (structure.frontMatter) {
    const fm = structure.frontMatter;
    const result = readFrontMatter(uri, fm.yaml, fm.yamlStart, fm.span, caches.frontMatter);
    frontMatter = result.frontMatter;
    nocite = result.nocite;
    problems.push(...result.problems);
  }
  const referenceList = findReferenceList(text, structure.headings, settings.referenceSectionTitles, structure.excluded);
  orderNotes(citations, structure.notes, structure.noteLabels, structure.noteRefs);
  if (nocite) {
    // Pandoc reads `nocite: "@a, @b"` / `"[@*]"` in the metadata as citations of works to list uncited.
    const found = scanCitations(text, { excluded: [], from: nocite.start, to: nocite.end, exampleLabels: labels, noNumeric: [nocite] });
    for (const c of found) c.nocite = true;
    citations.unshift(...found);
  }
  // Citations inside the reference section (its `[n]` markers, `[@key]` in items) are not in-text citations.
  const inText = referenceList
    ? citations.filter((c) => c.nocite || c.span.start < referenceList.span.start || c.span.start >= referenceList.span.end)
    : citations;
  return {
    uri,
    text,
    version,
    frontMatter,
    citations: inText,
    referenceList,
    headings: structure.headings,
    blocks: structure.blocks,
    excluded: normalizeSpans([...structure.excluded]),
    suppressions: readSuppressions(text, structure.comments),
    problems,
  };
}

/**
 * Puts citations inside footnote definitions where the note is read (at its first `[^n]` reference), as
 * Pandoc does: numbering by first citation and reading order follow the text a reader sees.
 */
function orderNotes(citations: Citation[], notes: Span[], labels: string[], refs: { label: string; offset: number }[]): void {
  if (notes.length === 0) return;
  const firstRef = new Map<string, number>();
  for (const ref of refs) if (!firstRef.has(ref.label)) firstRef.set(ref.label, ref.offset);
  const readAt = (c: Citation): number => {
    const i = notes.findIndex((n) => c.span.start >= n.start && c.span.start < n.end);
    if (i < 0) return c.span.start;
    return firstRef.get(labels[i]) ?? c.span.start;
  };
  const keyed = citations.map((c, index) => ({ c, at: readAt(c), index }));
  keyed.sort((a, b) => a.at - b.at || a.index - b.index);
  keyed.forEach((k, i) => (citations[i] = k.c));
}
