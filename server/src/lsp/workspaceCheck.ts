/**
 * "Check Workspace": every manuscript (`*.md`, `*.qmd`, `*.Rmd`) under the workspace folders, open or not, is
 * analysed and its diagnostics published; the result counts them. Folders that never hold manuscripts
 * (`node_modules`, hidden folders, build output) are skipped.
 */
import { join } from 'node:path';
import type { Diagnostic as LspDiagnostic } from 'vscode-languageserver';
import type { CheckWorkspaceParams, CheckWorkspaceResult } from '../protocol';
import { countSeverities } from './diagnostics';
import { isManuscriptPath } from './fileKinds';
import type { DiagnosticsPublisher } from './publisher';
import type { ServerContext } from './serverContext';
import { uriToPath } from './uris';

const SKIP_DIRS = new Set(['node_modules', 'dist', 'out', 'build', '_site', '_book', '_freeze', 'site-packages', 'venv', '__pycache__']);
const MAX_DEPTH = 8;
const MAX_FILES = 5000;

/** Manuscript files under `root`, breadth-first, sorted by path within each folder. */
export async function findManuscripts(ctx: ServerContext, root: string): Promise<string[]> {
  const found: string[] = [];
  let level = [root];
  for (let depth = 0; depth <= MAX_DEPTH && level.length && found.length < MAX_FILES; depth++) {
    const next: string[] = [];
    for (const dir of level) {
      for (const entry of await ctx.workspace.listEntries(dir)) {
        if (entry.name.startsWith('.')) continue;
        const path = join(dir, entry.name);
        if (entry.directory) {
          if (!SKIP_DIRS.has(entry.name)) next.push(path);
        } else if (isManuscriptPath(entry.name)) found.push(path);
      }
    }
    level = next;
  }
  return found.slice(0, MAX_FILES);
}

/** Checks every manuscript of the workspace (or of `params.folder`); `onChecked` learns each file published. */
export async function checkWorkspace(
  ctx: ServerContext,
  publisher: DiagnosticsPublisher,
  params: CheckWorkspaceParams | undefined,
  onChecked: (path: string) => void,
): Promise<CheckWorkspaceResult> {
  const roots = params?.folder ? [uriToPath(params.folder)] : ctx.workspace.folders();
  const published = new Map<string, LspDiagnostic[]>();
  const covered = new Set<string>();
  for (const root of roots) {
    for (const path of await findManuscripts(ctx, root)) {
      if (covered.has(path)) continue;
      try {
        let analysis = await ctx.analysisFor(path);
        // A large bibliography's works are read, then its topic model learnt, in the background (two rounds,
        // each pending): this check waits for them and reports complete results.
        for (let round = 0; analysis.topicFitPending && round < 4; round++) {
          await analysis.topicFitPending;
          ctx.invalidate();
          analysis = await ctx.analysisFor(path);
        }
        for (const file of analysis.files) covered.add(file.uri);
        const result = await publisher.publishAnalysis(analysis, true);
        for (const [p, list] of result ?? []) published.set(p, list);
        for (const file of analysis.files) onChecked(file.uri);
      } catch (error) {
        ctx.log(`checking ${path} failed: ${error instanceof Error ? error.stack ?? error.message : String(error)}`);
      }
    }
  }
  const counts = countSeverities([...published.values()].flat());
  return { files: published.size, ...counts };
}
