/**
 * Text renderings of a {@link Coverage} matrix for the CLI (`citelens coverage --format md|json`).
 */
import type { Coverage } from './coverage';

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
