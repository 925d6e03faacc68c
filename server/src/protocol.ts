/**
 * The wire contract between the Citelens VS Code client (`client/src/`) and the language server
 * (`server/src/server.ts`): command ids, custom request names, and their parameter/result types.
 * Both sides import this one module, so a name or a shape is never written twice.
 *
 * Custom requests are typed once as vscode-jsonrpc `RequestType`s ({@link Requests}), so the server's
 * handler and the client's call agree on params and result at compile time. `vscode-languageserver-protocol` is the package both the server and the client
 * library re-export, so this adds no code to either bundle; the server's start-up script (`launch.ts`) does not
 * import this module (it reads `serverProcess.ts`), so it stays small.
 *
 * Two kinds of commands:
 * - {@link ClientCommands}: what the user runs from the palette (contributed in `package.json`). The client
 *   registers them; they may be used as the `command` of a code action too (args: {@link ClientCommandArgs}).
 * - {@link ServerCommands}: what the server lists in `executeCommandProvider.commands` and answers to
 *   `workspace/executeCommand`. Their ids MUST differ from the client ones: vscode-languageclient registers every
 *   server command as a VS Code command, and a second registration of the same id fails.
 */
import { RequestType } from 'vscode-languageserver-protocol';
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

/**
 * Commands the client registers that are not in the palette (contributed in `package.json`, hidden there):
 * - `reveal`: shows a place of a document (args: {@link RevealArgs}); the `command` of a quick fix whose edit is far
 *   from the cursor ("Cite [6] in line 49"), run by the editor after the edit;
 * - `applyPreview` / `cancelPreview`: the buttons in the title bar of an edit preview's diff.
 */
export const EditorCommands = {
  reveal: 'citelens.reveal',
  applyPreview: 'citelens.applyPreview',
  cancelPreview: 'citelens.cancelPreview',
} as const;

/** Argument of `EditorCommands.reveal`: the document and the place (as it is after the edit). */
export interface RevealArgs {
  uri: string;
  range: Range;
}

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

/**
 * Params and result of each server command (the table above, as types): the client's call and the server's
 * answer are checked against it. The arguments travel as `arguments: [params]` of `workspace/executeCommand`.
 */
export interface ServerCommandSignatures {
  [ServerCommands.renumber]: { params: DocumentCommandParams; result: EditCommandResult };
  [ServerCommands.updateReferenceList]: { params: DocumentCommandParams; result: EditCommandResult };
  [ServerCommands.convertToPandoc]: { params: DocumentCommandParams; result: EditCommandResult };
  [ServerCommands.convertToNumeric]: { params: DocumentCommandParams; result: EditCommandResult };
  [ServerCommands.checkWorkspace]: { params: CheckWorkspaceParams; result: CheckWorkspaceResult };
}

/** The server commands that answer with an {@link EditCommandResult} (they rewrite the manuscript). */
export type EditServerCommand = {
  [C in ServerCommand]: ServerCommandSignatures[C]['result'] extends EditCommandResult ? C : never;
}[ServerCommand];

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
  /** Where the term is mentioned, in reading order (clicks on the cell step through them). */
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
  /**
   * Works covering the term: cited in a sentence that uses it (or a narrower term), or whose title, abstract or
   * keywords name it (`service/features/taxonomyWorks.ts`).
   */
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

/**
 * Custom requests (client → server), typed once for both sides: the server registers
 * `connection.onRequest(Requests.coverage, …)`, the client calls `sendRequest(Requests.coverage, params)`, and
 * both are checked against the params and result types here. (There are no custom notifications.)
 *
 * | request | method | params | result |
 * |---|---|---|---|
 * | `coverage` | `citelens/coverage` | {@link CoverageParams} | {@link CoverageResult} or null |
 */
export const Requests = {
  /** Taxonomy coverage of a manuscript, for the heat-map webview; null when the server failed to compute it. */
  coverage: new RequestType<CoverageParams, CoverageResult | null, void>('citelens/coverage'),
} as const;

/** Messages the coverage webview posts to the extension. */
export type CoverageViewMessage = { type: 'reveal'; uri: string; range: Range };

/** Diagnostic `source` of everything Citelens publishes. */
export const DIAGNOSTIC_SOURCE = 'citelens';

/** The configuration section the client synchronizes and the server pulls. */
export const CONFIGURATION_SECTION = 'citelens';

// How the server process is started (environment, Node flags, code cache): in a module of their own, which
// the start-up script reads without loading the protocol types.
export { CODE_CACHE_ENV, SERVER_EXEC_ARGV, SERVER_PROCESS_ENV } from './serverProcess';
