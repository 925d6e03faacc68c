/**
 * The `citelens/coverage` answer for the heat-map webview (`Requests.coverage`, protocol.ts): the coverage result
 * both hosts build (`coverageResult.ts`) with offsets turned into LSP ranges of the server's line tables. Without
 * a taxonomy the result has no terms and a message saying how to add one.
 */
import { coverageResult } from '../coverageResult';
import type { CoverageResult } from '../protocol';
import type { Analysis } from '../service/analysis';
import { toRange } from './positions';
import type { ServerContext } from './serverContext';

/** The coverage of the analysed manuscript as the protocol's {@link CoverageResult}. */
export function coverageOf(analysis: Analysis, ctx: ServerContext): Promise<CoverageResult> {
  return coverageResult(analysis, {
    uriOf: (path) => ctx.workspace.uriOf(path),
    locate: async (path, span) => {
      const table = await ctx.tableFor(path, analysis);
      return table ? { uri: ctx.workspace.uriOf(path), range: toRange(table, span) } : null;
    },
  });
}
