/**
 * What other parts of Citelens contribute to the editor features: the CSL formatter for hovers and completion
 * documentation, extra hover sections (topic fit, taxonomy), quick-fix providers and completion providers.
 * Adding a contribution means adding it to a list here; the handlers never change.
 */
import type { CoverageResult } from '../protocol';
import type { Analysis } from '../service/analysis';
import type { CodeActionResult, QuickFixProvider } from '../service/features/codeActions';
import type { CompletionProvider } from '../service/features/completion';
import type { HoverSection } from '../service/features/hover';
import type { ServerContext } from './serverContext';

/** Formats a reference in a CSL style (citation-js; never throws, falls back to a plain rendering). */
export { formatReference, prepareStyle } from '../service/bibtex/formatReference';

/** Sections appended to citation hovers, in order. */
export const hoverSections: HoverSection[] = [];

/** Quick fixes by diagnostic code, in addition to the built-in ones. */
export const quickFixProviders: Partial<Record<string, QuickFixProvider[]>> = {};

/** Completion kinds tried after keys and numbers (taxonomy terms…). */
export const completionProviders: CompletionProvider[] = [];

export type { CodeActionResult };

/**
 * Taxonomy coverage of an analysed manuscript, for the `citelens/coverage` request (`protocol.ts`), or null
 * while no taxonomy support is wired in (the client then shows the message the server sends).
 */
export async function coverageOf(_analysis: Analysis, _ctx: ServerContext): Promise<CoverageResult | null> {
  return null;
}
