/**
 * Taxonomy coverage of an analysed manuscript, for the CLI (`citelens coverage`) and the editor's heat map
 * (`citelens/coverage`): the manuscript's sections, term uses and citations (with the works they resolve to)
 * fed to `computeCoverage`, plus how many citations each section holds, so a report can say which sections cite
 * no work at all, and where each cell's mentions are, so the heat map can step through them.
 *
 * Sections are the manuscript's top-level headings: the shallowest heading level, or the next one when the
 * shallowest is only the document's title (`# Title` over `## 1. Introduction`…). The paper's front and back
 * matter are not sections, and terms in them are not mentions (issue 16 item 10): the text before the first
 * section (title, authors, affiliations), sections named like {@link FRONT_AND_BACK_MATTER} (Abstract, Keywords,
 * Acknowledgements, Funding…) — they summarise or thank, they cite nothing by design, so a column for them only
 * reads "cites no work" — and the reference list (terms in it are reference titles).
 */
import type { Analysis } from '../analysis';
import { computeCoverage, paragraphs, type Coverage, type CoverageCitation, type CoverageLocation, type CoverageSection } from '../taxonomy';
import type { Heading, Manuscript, Span } from '../types';
import { coveringWorksByTerm, workIdOf } from './taxonomyWorks';

/** The coverage matrix with what the report adds about sections. */
export interface CoverageReport {
  coverage: Coverage;
  /** Citations in each of `coverage.sections` (same order); null for the "(outside any section)" column. */
  sectionCitations: (number | null)[];
  /** Span of each section's heading (empty for a section without one), same order as `coverage.sections`. */
  sectionHeadings: Span[];
  /** Every mention counted in each cell (`[term row][section]`), in reading order: what a click steps through. */
  mentionsAt: CoverageLocation[][][];
}

/**
 * Titles of the paper's front and back matter (numbering like `1.` ignored): summaries and formalities, which cite
 * nothing by design. Their text is left out of the coverage.
 */
const FRONT_AND_BACK_MATTER = /^(?:abstract|summary|plain language summary|graphical abstract|highlights|key ?words|acknowledge?ments?|funding|conflicts? of interest|competing interests|declarations?|author contributions|data availability(?: statement)?|ethics statement)$/i;

/** The coverage report of an analysis, or null when the manuscript has no taxonomy. */
export function coverageReport(analysis: Analysis): CoverageReport | null {
  const taxonomy = analysis.taxonomy;
  if (!taxonomy || analysis.files.length === 0) return null;
  const sections: (CoverageSection & { heading: Span })[] = [];
  for (const file of analysis.files) sections.push(...sectionsOf(file));
  // Only text inside a section counts: not the front and back matter, not the reference list.
  const inSection = (uri: string, offset: number): boolean =>
    sections.some((s) => s.uri === uri && s.span.start <= offset && offset < s.span.end);

  const uses = analysis.files.flatMap((f, i) => (analysis.termUses[i] ?? [])
    .filter((u) => inSection(f.uri, u.span.start))
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
  return { coverage, sectionCitations, sectionHeadings, mentionsAt: mentionsByCell(analysis, coverage, uses) };
}

/** The mentions of each cell, as `computeCoverage` counts them (a narrower term's mention counts for its broader ones). */
function mentionsByCell(analysis: Analysis, coverage: Coverage, uses: { termId: string; span: Span; uri: string }[]): CoverageLocation[][][] {
  const rowOf = new Map(coverage.terms.map((t, r) => [t.id, r]));
  const out = coverage.terms.map(() => coverage.sections.map((): CoverageLocation[] => []));
  const taxonomy = analysis.taxonomy!;
  for (const use of uses) {
    const column = coverage.sections.findIndex((s) => s.uri === use.uri && s.span.start <= use.span.start && use.span.start < s.span.end);
    if (column < 0) continue;
    for (let id: string | null = use.termId; id !== null; id = coverage.includeDescendants ? (taxonomy.byId.get(id)?.parentId ?? null) : null) {
      const r = rowOf.get(id);
      if (r === undefined) break;
      out[r][column].push({ uri: use.uri, span: use.span });
    }
  }
  return out;
}

/** The top-level sections of one file (see the file comment). */
export function sectionsOf(file: Manuscript): (CoverageSection & { heading: Span })[] {
  const listStart = file.referenceList?.span.start ?? Infinity;
  const end = Math.min(file.text.length, listStart);
  const headings = file.headings.filter((h) => h.span.start < end && !inFrontMatter(file, h));
  if (headings.length === 0) {
    const start = file.frontMatter?.span.end ?? 0;
    return [{ title: baseName(file.uri), span: { start, end }, headingPath: [], uri: file.uri, heading: { start: 0, end: 0 } }];
  }
  let depth = Math.min(...headings.map((h) => h.depth));
  const top = headings.filter((h) => h.depth === depth);
  const title = top.length === 1 && top[0] === headings[0] && headings.some((h) => h.depth > depth) ? top[0] : null;
  if (title) depth = Math.min(...headings.filter((h) => h.depth > depth).map((h) => h.depth));
  const out: (CoverageSection & { heading: Span })[] = [];
  const level = headings.filter((h) => h.depth <= depth && h !== title);
  // Under a title heading, the text before the first section (authors, affiliations) is front matter: no section.
  // Without one, prose before the first heading is a section of its own.
  const firstStart = level.length ? level[0].span.start : end;
  let before = file.text.slice(0, firstStart);
  const yaml = file.frontMatter?.span;
  if (yaml && yaml.end <= firstStart) before = ' '.repeat(yaml.end) + before.slice(yaml.end);
  if (!title && before.trim()) {
    out.push({ title: '(before the first heading)', span: { start: yaml && yaml.end <= firstStart ? yaml.end : 0, end: firstStart }, headingPath: [baseName(file.uri)], uri: file.uri, heading: { start: 0, end: 0 } });
  }
  level.forEach((h: Heading, i) => {
    const next = i + 1 < level.length ? level[i + 1].span.start : end;
    if (FRONT_AND_BACK_MATTER.test(h.text.replace(/^[\dIVXivx]+(?:\.\d+)*\.?\s+/, '').trim())) return;
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
