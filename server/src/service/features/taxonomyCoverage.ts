/**
 * Taxonomy coverage of an analysed manuscript, for the CLI (`citelens coverage`) and the editor's heat map
 * (`citelens/coverage`): the manuscript's sections, term uses and citations (with the works they resolve to)
 * fed to `computeCoverage`, plus how many citations each section holds, so a report can say which sections cite
 * no work at all.
 *
 * Sections are the manuscript's top-level headings: the shallowest heading level, or the next one when the
 * shallowest is only the document's title (`# Title` over `## 1. Introduction`…). Text before the first section
 * (authors, affiliations) is a section "Title" whose heading path is the title itself. The reference list is not a section, and terms in it (reference titles)
 * are not mentions.
 */
import type { Analysis } from '../analysis';
import { computeCoverage, paragraphs, type Coverage, type CoverageCitation, type CoverageSection } from '../taxonomy';
import type { Heading, Manuscript, Span } from '../types';
import { coveringWorksByTerm, workIdOf } from './taxonomyWorks';

/** The coverage matrix with what the report adds about sections. */
export interface CoverageReport {
  coverage: Coverage;
  /** Citations in each of `coverage.sections` (same order); null for the "(outside any section)" column. */
  sectionCitations: (number | null)[];
  /** Span of each section's heading (empty for a section without one), same order as `coverage.sections`. */
  sectionHeadings: Span[];
}

/** The coverage report of an analysis, or null when the manuscript has no taxonomy. */
export function coverageReport(analysis: Analysis): CoverageReport | null {
  const taxonomy = analysis.taxonomy;
  if (!taxonomy || analysis.files.length === 0) return null;
  const sections: (CoverageSection & { heading: Span })[] = [];
  for (const file of analysis.files) sections.push(...sectionsOf(file));
  const list = analysis.referenceFile >= 0 ? analysis.files[analysis.referenceFile] : null;
  const listSpan = list?.referenceList?.span;
  const inList = (uri: string, offset: number): boolean =>
    !!listSpan && uri === list!.uri && listSpan.start <= offset && offset < listSpan.end;

  const uses = analysis.files.flatMap((f, i) => (analysis.termUses[i] ?? [])
    .filter((u) => !inList(f.uri, u.span.start))
    .map((u) => ({ ...u, uri: f.uri })));
  const byCitation = new Map<object, CoverageCitation>();
  for (const r of analysis.resolutions) {
    if (r.citation.nocite) continue;
    const uri = analysis.files[r.file].uri;
    let citation = byCitation.get(r.citation);
    if (!citation) byCitation.set(r.citation, (citation = { span: r.citation.span, workIds: [], uri }));
    const id = workIdOf(r);
    if (!citation.workIds.includes(id)) citation.workIds.push(id);
  }
  const citations = [...byCitation.values()];
  const units = analysis.files.flatMap((f) => paragraphs(f.text).map((p) => ({ ...p, uri: f.uri })));
  const coverage = computeCoverage({
    taxonomy,
    uri: analysis.files[0].uri,
    sections,
    uses,
    citations,
    units,
  });
  // The Works column: works covering each term — cited in a sentence using it, or named by their own text.
  const covering = coveringWorksByTerm(analysis);
  for (const row of coverage.terms) row.bibliographyWorks = covering.get(row.id) ?? [];
  const shift = coverage.sections.length - sections.length;
  const sectionCitations = coverage.sections.map((s, i) => {
    if (i < shift) return null;
    return citations.filter((c) => c.uri === s.uri && s.span.start <= c.span.start && c.span.start < s.span.end).length;
  });
  const sectionHeadings = coverage.sections.map((_, i) => (i < shift ? { start: 0, end: 0 } : sections[i - shift].heading));
  return { coverage, sectionCitations, sectionHeadings };
}

/** The top-level sections of one file (see the file comment). */
export function sectionsOf(file: Manuscript): (CoverageSection & { heading: Span })[] {
  const listStart = file.referenceList?.span.start ?? Infinity;
  const end = Math.min(file.text.length, listStart);
  const headings = file.headings.filter((h) => h.span.start < end && !inFrontMatter(file, h));
  if (headings.length === 0) return [{ title: baseName(file.uri), span: { start: 0, end }, headingPath: [], uri: file.uri, heading: { start: 0, end: 0 } }];
  let depth = Math.min(...headings.map((h) => h.depth));
  const top = headings.filter((h) => h.depth === depth);
  const title = top.length === 1 && top[0] === headings[0] && headings.some((h) => h.depth > depth) ? top[0] : null;
  if (title) depth = Math.min(...headings.filter((h) => h.depth > depth).map((h) => h.depth));
  const out: (CoverageSection & { heading: Span })[] = [];
  const level = headings.filter((h) => h.depth <= depth && h !== title);
  const firstStart = level.length ? level[0].span.start : end;
  // Text before the first section is a section only when it holds more than the front matter and title.
  let before = file.text.slice(0, firstStart);
  for (const cut of [title?.span, file.frontMatter?.span]) if (cut && cut.end <= firstStart) before = before.slice(0, cut.start) + ' '.repeat(cut.end - cut.start) + before.slice(cut.end);
  if (before.trim()) {
    // Named "Title" (the heading path has the title itself): columns of a heat map need short names.
    const name = title ? 'Title' : '(before the first heading)';
    out.push({ title: name, span: { start: 0, end: firstStart }, headingPath: [title?.text || baseName(file.uri)], uri: file.uri, heading: title?.span ?? { start: 0, end: 0 } });
  }
  level.forEach((h: Heading, i) => {
    const next = i + 1 < level.length ? level[i + 1].span.start : end;
    out.push({ title: h.text, span: { start: h.span.start, end: next }, headingPath: [h.text], uri: file.uri, heading: h.span });
  });
  return out;
}

function inFrontMatter(file: Manuscript, h: Heading): boolean {
  const fm = file.frontMatter?.span;
  return !!fm && fm.start <= h.span.start && h.span.start < fm.end;
}

function baseName(path: string): string {
  return path.slice(Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1);
}
