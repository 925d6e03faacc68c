/**
 * `citelens coverage FILE|FOLDER [--format md|json|html]`: the taxonomy terms × sections matrix of each
 * manuscript, with the works cited where terms are mentioned and the sections that cite no work at all.
 */
import { relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { renderCoverageHtml } from '../coverageHtml';
import { coverageResult, type CoverageHost } from '../coverageResult';
import type { Analysis } from '../service/analysis';
import { coverageReport, type CoverageReport } from '../service/features/taxonomyCoverage';
import type { CitelensService } from '../service/service';
import { LineIndex } from '../service/text/lineIndex';
import { coverageReportToJson, coverageReportToMarkdown } from './coverageReport';
import { findMarkdownFiles } from './findManuscripts';
import { UsageError } from './usageError';

export type CoverageFormat = 'md' | 'json' | 'html';

/** The coverage reports of the manuscripts under `paths` (each multi-file manuscript once), and those lacking a taxonomy. */
export async function collectCoverage(service: CitelensService, paths: string[]): Promise<{ reports: { path: string; report: CoverageReport }[]; withoutTaxonomy: string[] }> {
  const { files, missing } = findMarkdownFiles(paths);
  if (missing.length) throw new UsageError(`No such file or folder: ${missing.join(', ')}`);
  const done = new Set<string>();
  const reports: { path: string; report: CoverageReport }[] = [];
  const withoutTaxonomy: string[] = [];
  for (const file of files) {
    if (done.has(file)) continue;
    const analysis = await service.analyze(file);
    for (const f of analysis.files) done.add(f.uri);
    const report = coverageReport(analysis);
    if (report) reports.push({ path: file, report });
    else withoutTaxonomy.push(file);
  }
  return { reports, withoutTaxonomy };
}

export async function runCoverage(service: CitelensService, paths: string[], format: CoverageFormat): Promise<number> {
  const { reports, withoutTaxonomy } = await collectCoverage(service, paths);
  const shown = (p: string): string => relative(process.cwd(), p) || p;
  if (reports.length === 0) {
    const which = withoutTaxonomy.length ? withoutTaxonomy.map(shown).join(', ') : paths.join(', ');
    process.stderr.write(`citelens: no taxonomy found for ${which}. Put a taxonomy.yaml beside the manuscript, name it in the front matter (taxonomy:), or pass --taxonomy FILE.\n`);
    return 2;
  }
  // A folder may hold notes without a taxonomy; say so only when some manuscript does have one.
  for (const p of withoutTaxonomy) process.stderr.write(`citelens: ${shown(p)} has no taxonomy; skipped.\n`);
  if (format === 'json') {
    if (reports.length === 1) process.stdout.write(coverageReportToJson(reports[0].report));
    else {
      const list = reports.map((r) => ({ path: shown(r.path), ...JSON.parse(coverageReportToJson(r.report)) as object }));
      process.stdout.write(JSON.stringify({ version: 1, manuscripts: list }, null, 2) + '\n');
    }
  } else if (format === 'html') {
    if (reports.length > 1) process.stderr.write(`citelens: HTML shows one manuscript; showing ${shown(reports[0].path)} (give one file for another).\n`);
    // The page the editor's webview shows, as a file (no script: nothing to reveal).
    const analysis = await service.analyze(reports[0].path);
    process.stdout.write(renderCoverageHtml(await coverageResult(analysis, fileLocations(analysis))));
  } else {
    const parts = reports.map((r) => (reports.length > 1 ? `<!-- ${shown(r.path)} -->\n\n` : '') + coverageReportToMarkdown(r.report));
    process.stdout.write(parts.join('\n'));
  }
  return 0;
}

/** Files by `file:` URI and spans by line and character, as the language server would send them. */
function fileLocations(analysis: Analysis): CoverageHost {
  const indexes = new Map(analysis.files.map((f) => [f.uri, new LineIndex(f.text)]));
  const uriOf = (path: string): string => pathToFileURL(path).href;
  return {
    uriOf,
    locate: (path, span) => {
      const index = indexes.get(path);
      return index ? { uri: uriOf(path), range: { start: index.position(span.start), end: index.position(span.end) } } : null;
    },
  };
}
