/**
 * The shape of one row of the table of checks (`problems/catalog.ts`): everything about a diagnostic code except
 * the code that looks for it. A check reports what it found (the row's `Facts`); the row turns that into the
 * message and into the `data` the diagnostic carries for its quick fixes, so the two are built from one value and
 * cannot disagree.
 *
 * Like the whole catalog, this imports nothing: parsers below `checks/` (bibtex, markdown, taxonomy) make
 * problems too, and `types.ts` takes the codes and data types from here.
 */

/** The severities a diagnostic can have, most severe first. */
export const severities = ['error', 'warning', 'information', 'hint'] as const;

export type Severity = (typeof severities)[number];

/** One diagnostic code: its defaults and documentation, and how its message and data are made from its facts. */
export interface Check<Facts, Data> {
  /** The severity unless the setting `citelens.diagnostics.severity` says otherwise. */
  readonly severity: Severity;
  /** When it is raised: the README's Diagnostics table says exactly this (a test compares them). */
  readonly summary: string;
  /** The description of its entry in package.json's `citelens.diagnostics.severity` (a test compares them). */
  readonly setting: string;
  /**
   * True when this finding rests on weak evidence: unless the user set the code's severity, it is reported one
   * level lower (warning → information). Topic fit uses it for works with a title only.
   */
  readonly weaker?: (facts: Facts) => boolean;
  /** The message, from what the check found. */
  readonly message: (facts: Facts) => string;
  /**
   * What the diagnostic carries for its quick fixes (hosts send it to the editor, which sends it back with a
   * code-action request); no data when absent or undefined.
   */
  readonly data?: (facts: Facts) => Data;
}

/** A row, typed by its facts and data (`Data` is `undefined` for a code whose diagnostics carry none). */
export function check<Facts, Data = undefined>(row: Check<Facts, Data>): Check<Facts, Data> {
  return row;
}
