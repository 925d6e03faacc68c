/**
 * The table of checks: one row per diagnostic code, in the order the README lists them. A row says the code's
 * default severity, when it is raised (the README's words; package.json's setting description), the facts its check
 * reports, the message made of them, and the data its diagnostics carry for quick fixes (see `catalog/check.ts`).
 * Problems are made from a row by `problem()` (`problems/problem.ts`), so a message always says what its data says.
 *
 * Adding a diagnostic: a row here (in a family module under `catalog/`, with its facts and data types), and the
 * check that calls `problem(code, uri, span, facts)`. The code, its type, its default severity and its data type
 * follow from the row; `test/unit/checkCatalog.test.ts` says what the README and package.json must add.
 *
 * Quick fixes are not here but in `features/quickFixes.ts`, one typed table keyed by the same codes: a fix reads the
 * whole analysis (the citation under the cursor, other chapters, titles), which lives above `checks/`, while this
 * table is used by the parsers below it. A diagnostic without a fix needs nothing there.
 *
 * This file and `catalog/` import nothing of the core's (dependency-cruiser's `catalog-is-a-leaf`): the parsers
 * (bibtex, markdown, taxonomy) make problems too, and `types.ts` takes `DiagnosticCode` from here.
 */
import type { Check, Severity } from './catalog/check';
import { bibSyntax, duplicateBibEntry, duplicateBibKey, missingBibField } from './catalog/bibliography';
import { citationSeparator, malformedCitation, unresolvedCitation } from './catalog/citations';
import { bibliographyNotFound, frontMatterSyntax, manuscriptEncoding } from './catalog/projectFiles';
import { citationOrder, duplicateReference, orphanedReference, referenceNotInBib, referenceNumbering } from './catalog/referenceList';
import { nonPreferredTerm, taxonomySyntax, undefinedAbbreviation } from './catalog/taxonomy';
import { offTopicCitation } from './catalog/topicFit';

export type { Severity };

const rows = {
  'unresolved-citation': unresolvedCitation,
  'malformed-citation': malformedCitation,
  'citation-separator': citationSeparator,
  'orphaned-reference': orphanedReference,
  'citation-order': citationOrder,
  'reference-numbering': referenceNumbering,
  'duplicate-reference': duplicateReference,
  'reference-not-in-bib': referenceNotInBib,
  'off-topic-citation': offTopicCitation,
  'duplicate-bib-key': duplicateBibKey,
  'duplicate-bib-entry': duplicateBibEntry,
  'bib-syntax': bibSyntax,
  'missing-bib-field': missingBibField,
  'bibliography-not-found': bibliographyNotFound,
  'front-matter-syntax': frontMatterSyntax,
  'manuscript-encoding': manuscriptEncoding,
  'taxonomy-syntax': taxonomySyntax,
  'non-preferred-term': nonPreferredTerm,
  'undefined-abbreviation': undefinedAbbreviation,
};

/** Every diagnostic code Citelens reports (stable: users name them in settings and suppression comments). */
export type DiagnosticCode = keyof typeof rows;

/** What the check of each code reports: the facts its message and data are made of. */
export type ProblemFacts = { [C in DiagnosticCode]: (typeof rows)[C] extends Check<infer F, unknown> ? F : never };

/** What the diagnostics of each code carry for quick fixes (`undefined`: nothing, or not always). */
export type ProblemData = { [C in DiagnosticCode]: (typeof rows)[C] extends Check<never, infer D> ? D : never };

/** The table, typed per code so that `checks[code]` is the row of that code's facts and data. */
export const checks: { readonly [C in DiagnosticCode]: Check<ProblemFacts[C], ProblemData[C]> } = rows;

/** Every code, in the table's order. */
export const diagnosticCodes = Object.keys(checks) as DiagnosticCode[];

/** The default severity of each code. */
export const defaultSeverity = Object.fromEntries(diagnosticCodes.map((code) => [code, checks[code].severity])) as Record<DiagnosticCode, Severity>;

/** Whether `code` (from the editor, a setting or a comment) is one of Citelens's codes. */
export function isDiagnosticCode(code: unknown): code is DiagnosticCode {
  return typeof code === 'string' && Object.hasOwn(checks, code);
}
