/**
 * The protocol's {@link CoverageResult} of an analysed manuscript: the core's coverage report with offsets turned
 * into locations, and a note on what it shows. The language server answers `citelens/coverage` with it (the
 * webview renders it) and `citelens coverage --format html` renders it as a file, both with `coverageHtml.ts`.
 * Each host places spans its own way ({@link CoverageHost.locate}).
 */
import type { Location } from 'vscode-languageserver-types';
import type { CoverageCell, CoverageResult, CoverageSection, CoverageTerm } from './protocol';
import type { Analysis } from './service/analysis';
import { coverageReport } from './service/features/taxonomyCoverage';
import type { CoverageLocation } from './service/taxonomy';
import type { Span } from './service/types';

/** How a host names and places what the core knows by path and offsets. */
export interface CoverageHost {
  /** The URI of the file at `path`, as the client knows it. */
  uriOf(path: string): string;
  /** Where `span` of the file at `path` is, or null when the host cannot tell. */
  locate(path: string, span: Span): Promise<Location | null> | Location | null;
}

/** The coverage of the analysed manuscript, or an empty result whose `message` says how to add a taxonomy. */
export async function coverageResult(analysis: Analysis, host: CoverageHost): Promise<CoverageResult> {
  const root = analysis.files[0];
  const uri = root ? host.uriOf(root.uri) : '';
  const name = root ? root.uri.slice(root.uri.lastIndexOf('/') + 1) : 'this file';
  const report = coverageReport(analysis);
  const taxonomy = analysis.taxonomy;
  if (!report || !taxonomy) {
    return {
      uri,
      title: name,
      taxonomyUri: null,
      sections: [],
      terms: [],
      message: `No taxonomy found for ${name}. Put a taxonomy.yaml beside the manuscript, name one in the front matter (taxonomy: …) or set citelens.taxonomy.`,
    };
  }
  const { coverage } = report;
  const sections: CoverageSection[] = [];
  for (const [i, s] of coverage.sections.entries()) {
    const heading = report.sectionHeadings[i];
    const at = await host.locate(s.uri, heading.end > heading.start ? heading : { start: s.span.start, end: s.span.start });
    sections.push({ title: s.title, location: at ?? { uri, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } } });
  }
  // Every mention of a cell, in reading order: clicking the cell steps through them.
  const locate = async (mentions: CoverageLocation[]) => {
    const out: Location[] = [];
    for (const m of mentions) {
      const at = await host.locate(m.uri, m.span);
      if (at) out.push(at);
    }
    return out;
  };
  const terms: CoverageTerm[] = [];
  for (const [r, row] of coverage.terms.entries()) {
    const cells: CoverageCell[] = [];
    for (const [c, cell] of row.cells.entries()) cells.push({ mentions: cell.mentions, works: cell.works.length, locations: await locate(report.mentionsAt[r]?.[c] ?? []) });
    const term: CoverageTerm = { id: row.id, label: row.label, depth: row.depth, cells, bibliographyWorks: row.bibliographyWorks?.length ?? 0 };
    if (row.description) term.description = row.description;
    const defined = taxonomy.byId.get(row.id);
    const definition = defined ? await host.locate(taxonomy.uri, defined.labelSpan) : null;
    if (definition) term.definition = definition;
    terms.push(term);
  }
  const notes: string[] = [];
  const silent = coverage.sections.filter((_, i) => report.sectionCitations[i] === 0).map((s) => s.title);
  if (silent.length) notes.push(`Sections citing no work: ${silent.join('; ')}.`);
  else notes.push('Every section cites at least one work.');
  const t = coverage.totals;
  notes.push(`${t.mentioned} of ${t.terms} terms mentioned; ${t.unsupported} mentioned without a cited work nearby; ${t.unmentioned} never mentioned.`);
  if (taxonomy.problems.length) notes.push(`The taxonomy has ${taxonomy.problems.length} problem(s); see the taxonomy-syntax diagnostics.`);
  return {
    uri,
    title: coverage.title ?? name,
    taxonomyUri: host.uriOf(taxonomy.uri),
    sections,
    terms,
    message: notes.join(' '),
  };
}
