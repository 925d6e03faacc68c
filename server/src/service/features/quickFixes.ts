/**
 * Every quick fix, by the code of the diagnostics it fixes: the table of checks' (`problems/catalog.ts`) other half.
 * It lives here, keyed by the same codes and typed per code, because a fix reads the whole analysis (the citation
 * at the diagnostic, other chapters, the works' titles), which `checks/` — used by the parsers below it — must not
 * know. A code without a fix has no entry; every code also gets "Ignore CODE on this line" (`ignoreOnLine.ts`,
 * added by `codeActions.ts`).
 */
import { didYouMean, renumber, separateWithSemicolon } from './citationQuickFixes';
import type { QuickFixTable } from './quickFixTypes';
import { removeOrphanedItem } from './removeReference';
import { taxonomyQuickFixes } from './taxonomyQuickFixes';
import { topicFitQuickFixes } from './topicFitQuickFixes';

export const quickFixes: QuickFixTable = {
  // "Change to @smith2020", from the diagnostic's suggestions, else the nearest keys.
  'unresolved-citation': [didYouMean],
  // "Separate @a and @b with “;”": `[@a, @b]` → `[@a; @b]`.
  'citation-separator': [separateWithSemicolon],
  // "Cite [6] here: “…” (fit 0.36)", at each claim topic fit found for the orphaned list item; then
  // "Remove reference [6] from the list and renumber [7]–[20] as [6]–[19]".
  'orphaned-reference': [...topicFitQuickFixes['orphaned-reference'], removeOrphanedItem],
  // The Renumber References command (carrying its workspace edit in the LSP host).
  'citation-order': [renumber],
  'reference-numbering': [renumber],
  // "Replace [18] with [3] “…” (fit 0.61)", for each better-fitting work.
  'off-topic-citation': topicFitQuickFixes['off-topic-citation'],
  // "Use the preferred term “explainability”".
  'non-preferred-term': taxonomyQuickFixes['non-preferred-term'],
  // "Define the abbreviation: write “Large language models (LLMs)”".
  'undefined-abbreviation': taxonomyQuickFixes['undefined-abbreviation'],
};
