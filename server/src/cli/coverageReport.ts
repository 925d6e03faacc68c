/**
 * The text reports of `citelens coverage --format md|json` (product.md §6): the core's coverage matrix
 * (`service/taxonomy/coverage.ts`) and the report around it (`service/features/taxonomyCoverage.ts`: citations per
 * section) rendered as Markdown or versioned JSON. Only the CLI prints these, so they live in its host; the editor's
 * heat map gets the same report as `citelens/coverage` (`lsp/coverageRequest.ts`).
 */
import type { CoverageReport } from '../service/features/taxonomyCoverage';
import type { Coverage } from '../service/taxonomy';

/** Labels "S1", "S2"… of the sections that cite no work, with their titles. */
function sectionsWithoutCitations(report: CoverageReport): { label: string; title: string }[] {
  return report.coverage.sections
    .map((s, i) => ({ label: `S${i + 1}`, title: s.headingPath.join(' › ') || s.title, count: report.sectionCitations[i] }))
    .filter((s) => s.count === 0);
}

/**
 * The Markdown report: the core's matrix, with a "Sections citing no work" line under the summary and those
 * sections marked in the section key.
 */
export function coverageReportToMarkdown(report: CoverageReport): string {
  const base = coverageToMarkdown(report.coverage);
  const empty = sectionsWithoutCitations(report);
  const lines = base.split('\n');
  const marked = new Set(empty.map((s) => s.label));
  const out: string[] = [];
  let summaryDone = false;
  for (const line of lines) {
    const key = /^- (S\d+): /.exec(line);
    out.push(key && marked.has(key[1]) ? `${line} — **cites no work**` : line);
    // The summary is the first paragraph after the title.
    if (!summaryDone && out.length > 2 && line === '' && out[out.length - 2] !== '' && !out[out.length - 2].startsWith('#')) {
      summaryDone = true;
      const what = empty.length
        ? `**Sections citing no work:** ${empty.map((s) => `${s.label} (${escapeInline(s.title)})`).join(', ')}.`
        : '**Sections citing no work:** none.';
      out.push(what, '');
    }
  }
  return out.join('\n');
}

/** The JSON report: the core's matrix, each section with the number of citations in it. */
export function coverageReportToJson(report: CoverageReport): string {
  const sections = report.coverage.sections.map((s, i) => ({ ...s, citations: report.sectionCitations[i] }));
  return coverageToJson({ ...report.coverage, sections });
}

/**
 * A Markdown report: the terms × sections table (cells "mentions/works"), then the section key and
 * the terms that need attention.
 *
 * @example
 * | Term | S1 | S2 | Mentions | Works | |
 * |---|--:|--:|--:|--:|---|
 * | Generative AI techniques | 4/2 | 1/0 | 5 | 2 | |
 * | · Diffusion models | | 1/0 | 1 | 0 | ⚠ no cited work |
 */
export function coverageToMarkdown(coverage: Coverage): string {
  const lines: string[] = [];
  const title = coverage.title ? `Taxonomy coverage: ${coverage.title}` : 'Taxonomy coverage';
  const t = coverage.totals;
  lines.push(`# ${escapeCell(title)}`, '');
  lines.push(
    `${t.mentioned} of ${t.terms} terms mentioned; ${t.unsupported} mentioned without a cited work; ` +
      `${t.unmentioned} never mentioned; ${t.works} distinct works cited where terms are mentioned.`,
    '',
  );
  lines.push(
    'Cells: mentions/works, i.e. how often the term is mentioned in the section and how many distinct works are ' +
      'cited in the same passages' +
      (coverage.includeDescendants ? ' (a term counts the mentions of its narrower terms too).' : '.'),
    '',
  );
  const columns = coverage.sections.map((_, i) => `S${i + 1}`);
  lines.push(`| Term | ${columns.join(' | ')} | Mentions | Works | |`);
  lines.push(`|---|${columns.map(() => '--:|').join('')}--:|--:|---|`);
  for (const row of coverage.terms) {
    const indent = '· '.repeat(row.depth);
    const label = row.depth === 0 ? `**${escapeCell(row.label)}**` : escapeCell(row.label);
    const cells = row.cells.map((c) => (c.mentions === 0 ? '' : `${c.mentions}/${c.works.length}`));
    const flag = row.unsupported ? '⚠ no cited work' : row.unmentioned ? 'never mentioned' : '';
    lines.push(`| ${indent}${label} | ${cells.join(' | ')} | ${row.mentions} | ${row.works.length} | ${flag} |`);
  }
  lines.push('', '## Sections', '');
  coverage.sections.forEach((s, i) => lines.push(`- S${i + 1}: ${escapeInline(s.headingPath.join(' › ') || s.title)}`));
  const unsupported = coverage.terms.filter((r) => r.unsupported);
  if (unsupported.length > 0) {
    lines.push('', '## Mentioned without a cited work', '');
    for (const row of unsupported) {
      const where = row.cells
        .map((c, i) => (c.mentions > 0 ? `S${i + 1}` : ''))
        .filter(Boolean)
        .join(', ');
      lines.push(`- ${escapeInline(row.label)} (${row.mentions} mentions in ${where})`);
    }
  }
  return lines.join('\n') + '\n';
}

/** The matrix as versioned JSON (`{"version":1,…}`), offsets as UTF-16 code units. */
export function coverageToJson(coverage: Coverage): string {
  return JSON.stringify(coverage, null, 2) + '\n';
}

function escapeCell(text: string): string {
  return escapeInline(text).replace(/\|/g, '\\|');
}

function escapeInline(text: string): string {
  return text.replace(/[\\`*_[\]<>]/g, (c) => `\\${c}`).replace(/\s+/g, ' ');
}
