/**
 * What other parts of Citelens contribute to the editor features: the CSL formatter for hovers and completion
 * documentation, extra hover sections (topic fit, taxonomy), quick-fix providers and completion providers.
 * Adding a contribution means adding it to a list here; the handlers never change.
 */
import type { CoverageResult } from '../protocol';
import type { Analysis } from '../service/analysis';
import type { CodeActionResult, QuickFixProvider } from '../service/features/codeActions';
import type { CompletionProvider } from '../service/features/completion';
import type { HoverResult, HoverSection } from '../service/features/hover';
import type { Settings } from '../service/settings';
import { topicFitHoverSection } from '../service/features/topicFitHover';
import { topicFitQuickFixes } from '../service/features/topicFitQuickFixes';
import { DEFAULT_THRESHOLD } from '../service/topicFit/threshold';
import type { ServerContext } from './serverContext';
import { getTermHover, taxonomyCompletionFor, taxonomyCoverage, taxonomyQuickFixes } from './taxonomyFeatures';

/** Formats a reference in a CSL style (citation-js; never throws, falls back to a plain rendering). */
export { formatReference, prepareStyle } from '../service/bibtex/formatReference';

/** The server's current settings, for contributions that depend on them (see {@link bindSettings}). */
let currentSettings: (() => Settings) | null = null;

/**
 * Lets contributions read the current settings (the topic-fit hover's threshold). The server calls it once
 * with its service; without it they use the defaults.
 */
export function bindSettings(settings: () => Settings): void {
  currentSettings = settings;
}

/** Sections appended to citation hovers, in order. */
export const hoverSections: HoverSection[] = [
  topicFitHoverSection({ threshold: () => currentSettings?.().topicFitThreshold ?? DEFAULT_THRESHOLD }),
];

/** Quick fixes by diagnostic code, in addition to the built-in ones. */
export const quickFixProviders: Partial<Record<string, QuickFixProvider[]>> = {
  ...taxonomyQuickFixes,
  ...topicFitQuickFixes,
};

/** Completion kinds tried after keys and numbers (taxonomy terms…). */
export const completionProviders: CompletionProvider[] = [];

/** Completion providers that need the server's state (settings): built per request, tried after the static ones. */
export function completionProvidersFor(ctx: ServerContext): CompletionProvider[] {
  return [...completionProviders, taxonomyCompletionFor(ctx)];
}

/** Hovers on what is not a citation, list item or key (taxonomy terms), tried in order when no citation hover applies. */
export const hoverProviders: ((analysis: Analysis, path: string, offset: number) => HoverResult | null)[] = [getTermHover];

export type { CodeActionResult };

/**
 * Taxonomy coverage of an analysed manuscript, for the `citelens/coverage` request (`protocol.ts`); without a
 * taxonomy the result has no terms and a message saying how to add one.
 */
export async function coverageOf(analysis: Analysis, ctx: ServerContext): Promise<CoverageResult | null> {
  return taxonomyCoverage(analysis, ctx);
}
