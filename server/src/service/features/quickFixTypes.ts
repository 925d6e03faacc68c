/**
 * The types of quick fixes, typed per diagnostic code: a provider for `off-topic-citation` reads that code's data
 * (`ProblemData` in the table of checks, `problems/catalog.ts`). Apart from `codeActions.ts` so that the providers'
 * modules and the table of them (`quickFixes.ts`) need not import the function that runs them.
 */
import type { Analysis } from '../analysis';
import type { DiagnosticCode, ProblemData } from '../problems/catalog';
import type { Manuscript, Span } from '../types';
import type { WorkspaceEdits } from './featureTypes';

/** A diagnostic as the editor sends it back with a code-action request (offsets already converted). */
export interface DiagnosticRef {
  code: string;
  span: Span;
  message?: string;
  data?: unknown;
}

/** A command the editor runs instead of an edit (names of `ClientCommands` in `protocol.ts`). */
export interface ActionCommand {
  name: 'renumberReferences' | 'updateReferenceList';
  title: string;
}

export interface CodeActionResult {
  title: string;
  kind: 'quickfix' | 'refactor' | 'source';
  /** The diagnostics this action fixes. */
  diagnostics: DiagnosticRef[];
  edits?: WorkspaceEdits;
  command?: ActionCommand;
  isPreferred?: boolean;
  /** Where the editor should show the edit afterwards (offsets in the text before the edit): one far from the cursor. */
  reveal?: { path: string; span: Span };
}

/** The keys of every variant of `T`. */
type KeysOf<T> = T extends object ? keyof T : never;

/**
 * A code's data as the editor sends it back: JSON it kept from an earlier analysis (or from another version of
 * Citelens), so every field is checked before it is used. The fields the code's diagnostics carry are named.
 */
export type SentBack<T> = { readonly [K in KeysOf<T>]?: unknown } & { readonly [field: string]: unknown };

export interface QuickFixContext<C extends DiagnosticCode = DiagnosticCode> {
  analysis: Analysis;
  path: string;
  manuscript: Manuscript;
  /** The diagnostic to fix, as the editor sent it (the results name it). */
  diagnostic: DiagnosticRef & { code: C };
  /** Its data, when it is an object. */
  data: SentBack<ProblemData[C]> | undefined;
}

/** The quick fixes of one diagnostic of code `C`. */
export type QuickFixProvider<C extends DiagnosticCode = DiagnosticCode> = (context: QuickFixContext<C>) => CodeActionResult[];

/** Quick-fix providers by the code of the diagnostics they fix. */
export type QuickFixTable = { readonly [C in DiagnosticCode]?: readonly QuickFixProvider<C>[] };
