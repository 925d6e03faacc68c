/**
 * `citelens.*` configuration (nested, as `workspace/configuration` returns the section) → the core's flat
 * `Settings`, plus the server's own options. Unknown or ill-typed values fall back to the defaults
 * (`resolveSettings` checks types).
 */
import type { Settings } from '../service/settings';

/** Where each flat setting lives under the `citelens` section; the first name present wins. */
const SETTING_NAMES: Record<keyof Settings, string[]> = {
  bibliography: ['bibliography'],
  bibliographyOverridesFrontMatter: ['bibliographyOverridesFrontMatter'],
  taxonomy: ['taxonomy', 'taxonomy.path'],
  files: ['files'],
  referenceSectionTitles: ['referenceSectionTitles'],
  diagnosticsSeverity: ['diagnostics.severity'],
  unusedBibEntries: ['unusedBibEntries', 'diagnostics.unusedBibEntries'],
  citationStyle: ['citationStyle'],
  topicFitThreshold: ['topicFit.threshold'],
  topicFitEnabled: ['topicFit.enabled'],
  numbering: ['numbering'],
  renumberCompactRanges: ['renumber.compactRanges'],
  renumberRemoveUncited: ['renumber.removeUncited'],
  taxonomyCompleteWhileTyping: ['completion.taxonomyWhileTyping', 'taxonomy.completeWhileTyping', 'taxonomyCompleteWhileTyping'],
  inlayHints: ['inlayHints'],
  maxFileSize: ['maxFileSize'],
};

/** Options of the server itself (not of the core). */
export interface ServerOptions {
  /** Milliseconds to wait after a keystroke before checking (`citelens.diagnostics.debounce`). */
  debounceMs: number;
  /**
   * Milliseconds after the last keystroke during which new diagnostics touching the edit are held back
   * (`citelens.diagnostics.typingPause`; 0: never). See `DiagnosticsPublisher.holdBack`.
   */
  typingPauseMs: number;
}

export const defaultServerOptions: ServerOptions = { debounceMs: 150, typingPauseMs: 800 };

/** Reads `a.b.c` from a nested object, or from a flat object keyed `"a.b.c"` (some clients send that). */
function lookup(config: Record<string, unknown>, name: string): unknown {
  if (name in config) return config[name];
  let value: unknown = config;
  for (const part of name.split('.')) {
    if (!value || typeof value !== 'object') return undefined;
    value = (value as Record<string, unknown>)[part];
  }
  return value;
}

/** Maps the `citelens` configuration section onto partial `Settings` and the server options. */
export function readConfiguration(section: unknown): { settings: Partial<Settings>; options: ServerOptions } {
  const config = section && typeof section === 'object' ? (section as Record<string, unknown>) : {};
  const settings: Partial<Settings> = {};
  for (const [key, names] of Object.entries(SETTING_NAMES) as [keyof Settings, string[]][]) {
    for (const name of names) {
      const value = lookup(config, name);
      // `citelens.taxonomy` may be an object holding `path` and `completeWhileTyping`; only a string is a path.
      if (value === undefined || (key === 'taxonomy' && typeof value === 'object' && value !== null)) continue;
      (settings as Record<string, unknown>)[key] = key === 'taxonomy' && value === '' ? null : value;
      break;
    }
  }
  const debounce = lookup(config, 'diagnostics.debounce');
  const typingPause = lookup(config, 'diagnostics.typingPause');
  const options: ServerOptions = {
    debounceMs: typeof debounce === 'number' && debounce >= 0 ? Math.min(debounce, 5000) : defaultServerOptions.debounceMs,
    typingPauseMs: typeof typingPause === 'number' && typingPause >= 0 ? Math.min(typingPause, 10_000) : defaultServerOptions.typingPauseMs,
  };
  return { settings, options };
}
