/**
 * The shape every rewriting command of the core returns: text edits grouped by file, each file tagged with the
 * version of the text the edits were computed on. Hosts turn it into an LSP `WorkspaceEdit` (refusing when a
 * document's version moved on) or, in the CLI, apply it with {@link applyEdits} and write the files.
 */
import type { Span } from '../types';

/** Replace `span` (offsets into the file's text at `version`) with `newText`. */
export interface TextEdit {
  span: Span;
  newText: string;
}

/** The edits of one file, sorted by position and non-overlapping. */
export interface FileEdits {
  uri: string;
  /** `Manuscript.version` of the text the spans refer to. */
  version: number | string;
  edits: TextEdit[];
}

/** A rewrite of a manuscript across its files. */
export interface EditPlan {
  /** Only files with at least one edit. */
  edits: FileEdits[];
  /** True when applying the plan changes some text. */
  changed: boolean;
  /** One line for the user, e.g. "Renumbered 14 works in 14 citations; 1 uncited item moved to the end ([6] → [20])." */
  summary: string;
  /** Set when the command cannot run on this manuscript (then `edits` is empty), e.g. "no reference list". */
  refused?: string;
  /** Things the author should look at (citations left as they were, items without an entry…), one line each. */
  notes: string[];
}
