/**
 * The one place that talks to citation-js: BibTeX text → CSL-JSON, and CSL-JSON → formatted text.
 * Loading a plugin registers it with citation-js's global registry.
 */
import { logger, plugins } from '@citation-js/core';
import '@citation-js/plugin-bibtex';

/**
 * Whether the CSL plugin is loaded. Not a cache: loading registers the plugin (and its styles) in citation-js's
 * own process-wide registry, which every service in the process shares whatever we do; this flag only mirrors
 * that one-way, process-wide fact so the `require` runs once.
 */
let cslLoaded = false;
/**
 * The CSL plugin (citeproc-js, ~1 MB) is loaded on the first formatted reference, not at start-up:
 * requiring it costs more than the whole server start budget's share for bibliographies.
 */
function loadCsl(): void {
  if (cslLoaded) return;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  require('@citation-js/plugin-csl');
  cslLoaded = true;
}

/** citation-js keeps every log message (even with level "silent"); drop them so memory stays flat. */
function clearLog(): void {
  logger._log.length = 0;
}

/**
 * Converts BibTeX/BibLaTeX text (one entry, plus the `@string`s it needs) to CSL-JSON items.
 * Throws citation-js's error (message with "at line L col C") when the text cannot be read.
 */
export function bibtexToCsl(text: string): Record<string, unknown>[] {
  try {
    return plugins.input.chain(text, { forceType: '@biblatex/text', generateGraph: false }) as Record<string, unknown>[];
  } finally {
    clearLog();
  }
}

/** A BibTeX entry as citation-js's file grammar reads it: field values still in TeX. */
export interface RawBibEntry {
  type: string;
  label: string;
  properties: Record<string, string | number>;
}

/** Reads BibTeX text with citation-js's file grammar only (no TeX in values is interpreted). */
export function bibtexToRawEntries(text: string): RawBibEntry[] {
  try {
    return plugins.input.chain(text, { forceType: '@biblatex/text', target: '@biblatex/entries+list', generateGraph: false }) as RawBibEntry[];
  } finally {
    clearLog();
  }
}

/** Interprets the TeX in raw entries' values and maps them to CSL-JSON. Throws on TeX it cannot read. */
export function rawEntriesToCsl(entries: RawBibEntry[]): Record<string, unknown>[] {
  try {
    return plugins.input.chain(entries, { forceType: '@biblatex/entries+list', generateGraph: false }) as Record<string, unknown>[];
  } finally {
    clearLog();
  }
}

/** CSL-JSON items normalised by citation-js (as it would read a CSL-JSON file). */
export function normaliseCsl(items: unknown[]): Record<string, unknown>[] {
  try {
    return plugins.input.chain(items, { forceType: '@csl/list+object', generateGraph: false }) as Record<string, unknown>[];
  } finally {
    clearLog();
  }
}

/** Formats items as a plain-text (or HTML) bibliography with a registered CSL style. */
export function formatBibliography(items: unknown[], style: string, format: 'text' | 'html' = 'text', lang = 'en-US'): string {
  loadCsl();
  try {
    return plugins.output.format('bibliography', items, { template: style, format, lang });
  } finally {
    clearLog();
  }
}

/** Is a CSL style registered under this name (`apa`, `vancouver`, `harvard1` are built in)? */
export function hasCslStyle(name: string): boolean {
  loadCsl();
  return plugins.config.get('@csl').styles.has(name);
}

/** Registers a CSL style (its XML) under a name, for {@link formatBibliography}. */
export function addCslStyle(name: string, xml: string): void {
  loadCsl();
  plugins.config.get('@csl').styles.add(name, xml);
}
