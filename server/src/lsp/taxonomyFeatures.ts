/**
 * The taxonomy's editor features over LSP: term hovers, term completion (honouring the while-typing setting),
 * and the `citelens/coverage` answer for the heat-map webview (`coverageResult.ts`, with offsets turned into
 * LSP ranges of the open documents). The features themselves live in `service/features/taxonomy*.ts`.
 */
import { coverageResult } from '../coverageResult';
import type { CoverageResult } from '../protocol';
import type { Analysis } from '../service/analysis';
import type { CompletionProvider } from '../service/features/completion';
import { taxonomyCompletion } from '../service/features/taxonomyCompletion';
import { toRange } from './positions';
import type { ServerContext } from './serverContext';

export { getTermHover } from '../service/features/taxonomyHover';
export { taxonomyQuickFixes } from '../service/features/taxonomyQuickFixes';

/** Term completion: on explicit invocation, and while typing when `citelens.completion.taxonomyWhileTyping` is on. */
export function taxonomyCompletionFor(ctx: ServerContext): CompletionProvider {
  return taxonomyCompletion({ whileTyping: () => ctx.service.settings.taxonomyCompleteWhileTyping });
}

/** The coverage of the analysed manuscript as the protocol's {@link CoverageResult}, with LSP ranges from the server's line tables. */
export function taxonomyCoverage(analysis: Analysis, ctx: ServerContext): Promise<CoverageResult> {
  return coverageResult(analysis, {
    uriOf: (path) => ctx.workspace.uriOf(path),
    locate: async (path, span) => {
      const table = await ctx.tableFor(path, analysis);
      return table ? { uri: ctx.workspace.uriOf(path), range: toRange(table, span) } : null;
    },
  });
}
