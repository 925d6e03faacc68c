/**
 * The `citelens/coverage` answer for the heat-map webview (`Requests.coverage`, protocol.ts): the core's coverage
 * matrix (`service/features/taxonomyCoverage.ts`) with offsets turned into LSP locations. Without a taxonomy the
 * result has no terms and a message saying how to add one.
 */
import type { CoverageCell, CoverageResult, CoverageSection, CoverageTerm } from '../protocol';
import type { Analysis } from '../service/analysis';
import { coverageReport } from '../service/features/taxonomyCoverage';
import type { CoverageLocation } from '../service/taxonomy';
import type { Span } from '../service/types';
import { toRange } from './positions';
import type { ServerContext } from './serverContext';

/** The coverage of the analysed manuscript as the protocol's {@link CoverageResult}. */
export async function coverageOf(analysis: Analysis, ctx: ServerContext): Promise<CoverageResult> {
  const root = analysis.files[0];
  const uri = root ? ctx.workspace.uriOf(root.uri) : '';
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
  const location = async (path: string, span: Span) => {
    const table = await ctx.tableFor(path, analysis);
    return table ? { uri: ctx.workspace.uriOf(path), range: toRange(table, span) } : null;
  };
  const { coverage } = report;
  const sections: CoverageSection[] = [];
  for (const [i, s] of coverage.sections.entries()) {
    const heading = report.sectionHeadings[i];
    const at = await location(s.uri, heading.end > heading.start ? heading : { start: s.span.start, end: s.span.start });
    sections.push({ title: s.title, location: at ?? { uri, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } } });
  }
  const reveal = async (first: CoverageLocation | null) => {
    const at = first ? await location(first.uri, first.span) : null;
    return at ? [at] : [];
  };
  const terms: CoverageTerm[] = [];
  for (const row of coverage.terms) {
    const cells: CoverageCell[] = [];
    for (const cell of row.cells) cells.push({ mentions: cell.mentions, works: cell.works.length, locations: await reveal(cell.first) });
    const term: CoverageTerm = { id: row.id, label: row.label, depth: row.depth, cells, bibliographyWorks: row.bibliographyWorks?.length ?? 0 };
    if (row.description) term.description = row.description;
    const defined = taxonomy.byId.get(row.id);
    const definition = defined ? await location(taxonomy.uri, defined.labelSpan) : null;
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
    taxonomyUri: ctx.workspace.uriOf(taxonomy.uri),
    sections,
    terms,
    message: notes.join(' '),
  };
}
