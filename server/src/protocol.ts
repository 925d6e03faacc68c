/**
 * The wire contract between the Citelens VS Code client (`client/src/`) and the language server
 * (`server/src/server.ts`): command ids, custom request names, and their parameter/result types.
 * Both sides import this one module, so a name or a shape is never written twice.
 *
 * Only `import type` from the LSP types package: this file adds no runtime dependency to either bundle.
 *
 * Two kinds of commands:
 * - {@link ClientCommands}: what the user runs from the palette (contributed in `package.json`). The client
 *   registers them; they may be used as the `command` of a code action too (args: {@link ClientCommandArgs}).
 * - {@link ServerCommands}: what the server lists in `executeCommandProvider.commands` and answers to
 *   `workspace/executeCommand`. Their ids MUST differ from the client ones: vscode-languageclient registers every
 *   server command as a VS Code command, and a second registration of the same id fails.
 */
import type { Location, Range, WorkspaceEdit } from 'vscode-languageserver-types';

/** Palette commands, registered by the client (category "Citelens"). */
export const ClientCommands = {
  renumberReferences: 'citelens.renumberReferences',
  updateReferenceList: 'citelens.updateReferenceList',
  convertToPandoc: 'citelens.convertToPandoc',
  convertToNumeric: 'citelens.convertToNumeric',
  showTaxonomyCoverage: 'citelens.showTaxonomyCoverage',
  checkWorkspace: 'citelens.checkWorkspace',
  restartServer: 'citelens.restartServer',
} as const;
export type ClientCommand = (typeof ClientCommands)[keyof typeof ClientCommands];

/** Optional first argument of a client command (e.g. from a code action); default: the active editor. */
export interface ClientCommandArgs {
  uri?: string;
  /** Edit commands: `false` applies without the preview (tests, scripts); default: the setting citelens.edits.preview. */
  preview?: boolean;
}

/**
 * Commands the server executes (`workspace/executeCommand`, `arguments: [params]`).
 *
 * | command | params | result |
 * |---|---|---|
 * | `renumber` | {@link DocumentCommandParams} | {@link EditCommandResult} |
 * | `updateReferenceList` | {@link DocumentCommandParams} | {@link EditCommandResult} |
 * | `convertToPandoc` | {@link DocumentCommandParams} | {@link EditCommandResult} |
 * | `convertToNumeric` | {@link DocumentCommandParams} | {@link EditCommandResult} |
 * | `checkWorkspace` | {@link CheckWorkspaceParams} | {@link CheckWorkspaceResult} |
 */
export const ServerCommands = {
  renumber: 'citelens.server.renumber',
  updateReferenceList: 'citelens.server.updateReferenceList',
  /** Numeric citations → `[@key]` where every number has a BibTeX entry. */
  convertToPandoc: 'citelens.server.convertToPandoc',
  /** `[@key]` citations → numbers by first citation, plus a numbered reference list from the bibliography. */
  convertToNumeric: 'citelens.server.convertToNumeric',
  checkWorkspace: 'citelens.server.checkWorkspace',
} as const;
export type ServerCommand = (typeof ServerCommands)[keyof typeof ServerCommands];

/** The document a command acts on, at the version the user saw. */
export interface DocumentCommandParams {
  /** URI of a manuscript file (any chapter of a multi-file manuscript). */
  uri: string;
  /**
   * Editor version of that document when the command was run. The server refuses (result `edit: null`,
   * `refused: true`) when its copy has another version, so an edit is never computed on stale text.
   */
  version: number | null;
}

/** Result of a command that rewrites the manuscript. */
export interface EditCommandResult {
  /**
   * One edit across all files of the manuscript (and nothing else), or null when nothing needs changing or
   * the command was refused. `documentChanges` (each naming the open document's version, null for a file not
   * open) when the client supports them, else `changes`. The client applies it with `workspace.applyEdit(edit, { isRefactoring: true })`.
   */
  edit: WorkspaceEdit | null;
  /** One line for the user, e.g. "Renumbered 42 citations of 31 works; 2 uncited items moved to the end." */
  summary: string;
  /** True when the server refused (stale version, not a numeric manuscript, no reference list…). */
  refused?: boolean;
  /** Things the author should look at (uncited items, citations left as they were…), one line each. */
  notes?: string[];
}

export interface CheckWorkspaceParams {
  /** Limit the check to this workspace folder URI; default: every folder. */
  folder?: string;
}

/** Totals of a full workspace check; the diagnostics themselves are published as usual. */
export interface CheckWorkspaceResult {
  /** Manuscript and bibliography files checked. */
  files: number;
  errors: number;
  warnings: number;
  information?: number;
  hints?: number;
}

/** Custom requests (client → server). */
export const Requests = {
  /** Taxonomy coverage of a manuscript: params {@link CoverageParams}, result {@link CoverageResult}. */
  coverage: 'citelens/coverage',
} as const;

export interface CoverageParams {
  uri: string;
}

/** One column of the coverage table: a top-level section of the manuscript. */
export interface CoverageSection {
  title: string;
  /** Where the section is (its heading), to reveal it. */
  location: Location;
}

/** One cell: how often a term is mentioned in a section, and where. */
export interface CoverageCell {
  /** Mentions of the term (label, alias or abbreviation) in the section's prose. */
  mentions: number;
  /** Distinct cited works in the section whose text covers the term. */
  works: number;
  /** Where the term is mentioned (the first is revealed when the cell is clicked). */
  locations: Location[];
}

/** One row of the coverage table: a taxonomy term. */
export interface CoverageTerm {
  id: string;
  label: string;
  /** Depth in the taxonomy tree (0 = a root term), for indentation. */
  depth: number;
  description?: string;
  /** One cell per entry of {@link CoverageResult.sections}, same order. */
  cells: CoverageCell[];
  /** Works in the whole bibliography that cover the term. */
  bibliographyWorks: number;
  /** Where the term is defined in the taxonomy file. */
  definition?: Location;
}

export interface CoverageResult {
  /** The manuscript (first file of a multi-file manuscript). */
  uri: string;
  title: string;
  /** Taxonomy file used, or null when none was found (then `terms` is empty and `message` says why). */
  taxonomyUri: string | null;
  sections: CoverageSection[];
  terms: CoverageTerm[];
  /** A note for the user (no taxonomy, taxonomy unreadable, …). */
  message?: string;
}

/** Messages the coverage webview posts to the extension. */
export type CoverageViewMessage = { type: 'reveal'; uri: string; range: Range };

/** Diagnostic `source` of everything Citelens publishes. */
export const DIAGNOSTIC_SOURCE = 'citelens';

/** The configuration section the client synchronizes and the server pulls. */
export const CONFIGURATION_SECTION = 'citelens';

/**
 * Environment the language server process is started with (by the VS Code client, the tests and the benchmarks).
 * glibc's malloc raises its mmap threshold each time a large block is freed, so after the first 15 MB
 * bibliography read is collected, later large transient buffers (the next read, the topic model's build blocks)
 * come from the heap and stay in the process after they are freed. A fixed threshold (glibc's default, 128 KiB)
 * hands them back to the system: measured −37 MB RSS with a 20,000-entry bibliography and topic fit on.
 * Other C libraries ignore the variable.
 */
export const SERVER_PROCESS_ENV: Readonly<Record<string, string>> = { MALLOC_MMAP_THRESHOLD_: '131072' };

/**
 * Node flags of the language server process (started alike by the client, the tests and the benchmarks):
 * - an 8 MB young generation (V8 lets it grow to 16 MB per semi-space): the server's large data — bibliography,
 *   scan, topic model — is long-lived, and loading a 20,000-entry library grew the young generation for good.
 *   Measured with a 20,000-entry bibliography and topic fit on: RSS 264 → 241 MB; keystrokes and start-up within
 *   noise. (4 MB gave 235 MB but slowed start-up by ~40 ms, over its 500 ms budget.)
 * - `--expose-gc`: once idle after a large bibliography's topics were learnt, the server collects the garbage
 *   that work left (`citelensServer.ts`, `collectGarbageWhenIdle`). An idle V8 heap is otherwise not collected:
 *   the same session measured 229 MB or 285 MB depending on whether a major collection happened to run last.
 *   (`--heap-growing-percent=20` kept it at 229 MB too, but collected so often that keystroke p95 went 40 → 65 ms.)
 */
export const SERVER_EXEC_ARGV: readonly string[] = ['--max-semi-space-size=8', '--expose-gc'];

/** The folder where `dist/server.js` keeps the V8 code cache of the server bundle (`server/src/launch.ts`). */
export const CODE_CACHE_ENV = 'CITELENS_CODE_CACHE';
