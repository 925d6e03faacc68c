/**
 * `citelens check`: analyse every manuscript under the given paths and print the diagnostics.
 */
import { relative } from 'node:path';
import type { CitelensService } from '../service/service';
import type { Diagnostic } from '../service/types';
import type { Workspace } from '../service/workspace';
import { findMarkdownFiles } from './findManuscripts';
import { type FileReport, formatJson, formatSarif, formatText, summary } from './formatDiagnostics';
import { UsageError } from './usageError';

export interface CheckOptions {
  format: 'text' | 'json' | 'sarif';
  maxWarnings: number;
  color: boolean;
  version: string;
}

export async function runCheck(service: CitelensService, workspace: Workspace, paths: string[], options: CheckOptions): Promise<number> {
  const { files, missing } = findMarkdownFiles(paths);
  if (missing.length) throw new UsageError(`No such file or folder: ${missing.join(', ')}`);
  const byPath = new Map<string, Diagnostic[]>();
  const covered = new Set<string>();
  for (const file of files) {
    if (covered.has(file)) continue;
    const analysis = await service.analyze(file);
    // Chapters are checked as part of their manuscript (alone, numbering would be misjudged): analyse each once.
    for (const f of analysis.files) {
      covered.add(f.uri);
      if (!byPath.has(f.uri)) byPath.set(f.uri, []);
    }
    if (!byPath.has(file)) byPath.set(file, []);
    // Once per manuscript, on stderr (the output formats stay as they are): why no `citation-order` is reported.
    if (analysis.listOrder?.numbering === 'alphabetical' && analysis.referenceFile >= 0) {
      const how = analysis.listOrder.source === 'setting' ? ' (--numbering)' : '';
      process.stderr.write(`${relative(process.cwd(), analysis.files[analysis.referenceFile].uri)}: the reference list is numbered alphabetically (by first author)${how}: order of first citation not checked.\n`);
    }
    for (const d of analysis.diagnostics) {
      const list = byPath.get(d.uri) ?? [];
      list.push(d);
      byPath.set(d.uri, list);
    }
  }
  const reports: FileReport[] = [];
  for (const [path, diagnostics] of byPath) {
    const text = await workspace.readText(path);
    reports.push({ path, text: typeof text === 'string' ? text : '', diagnostics: dedupe(diagnostics) });
  }
  const out = options.format === 'json' ? formatJson(reports) : options.format === 'sarif' ? formatSarif(reports, options.version) : formatText(reports, options.color);
  process.stdout.write(out + '\n');
  const s = summary(reports);
  return s.errors > 0 || s.warnings > options.maxWarnings ? 1 : 0;
}

/** A bibliography shared by two manuscripts reports its problems once. */
function dedupe(list: Diagnostic[]): Diagnostic[] {
  const seen = new Set<string>();
  return list.filter((d) => {
    const id = `${d.code}|${d.span.start}|${d.span.end}|${d.message}`;
    if (seen.has(id)) return false;
    seen.add(id);
    return true;
  });
}
