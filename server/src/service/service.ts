/**
 * The entry point of the core: `createCitelensService(workspace)`. Hosts (LSP server, CLI, tests) create one,
 * tell it when files change, and ask for analyses. It caches parsed bibliographies by content and manuscripts
 * by text, so repeated analyses re-do only what changed.
 */
import type { Analysis } from './analysis';
import type { Settings } from './settings';
import type { Taxonomy } from './taxonomy/model';
import type { Bibliography, Manuscript } from './types';
export type { Workspace } from './workspace';
export { MemoryWorkspace } from './workspace';

export interface CitelensService {
  /** Replaces the settings (a partial object is merged over the defaults). */
  setSettings(settings: Partial<Settings>): void;
  readonly settings: Settings;
  /** Forget cached state of a file whose text changed (the next analysis re-reads it from the workspace). */
  invalidate(path: string): void;
  /** Analyse the manuscript containing `path` (one file, or all chapters of a multi-file manuscript). */
  analyze(path: string): Promise<Analysis>;
  /** The parsed model of one Markdown file (cached by text). */
  manuscript(path: string): Promise<Manuscript | null>;
  /** A bibliography file, parsed (cached by content); its problems are `bib-syntax`/`duplicate-bib-key`. */
  bibliography(path: string): Promise<Bibliography | null>;
  /** A taxonomy file, parsed (cached by content); its problems are `taxonomy-syntax`. */
  taxonomy(path: string): Promise<Taxonomy | null>;
  /** Manuscript paths analysed so far that depend on `path` (a bibliography, taxonomy or chapter file). */
  dependents(path: string): string[];
}

export { createCitelensService } from './createService';
