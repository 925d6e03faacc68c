import { existsSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';

/**
 * Where the read-only `shared/` data (conformance, eval, bench) lives: `$CITELENS_SHARED`, else `../shared`
 * beside the repository. A user's clone has none: tests that need it skip with this message.
 */
export const sharedDir = resolve(process.env.CITELENS_SHARED ?? join(__dirname, '..', '..', '..', 'shared'));
export const hasShared = existsSync(join(sharedDir, 'eval'));
export const skipWithoutShared = hasShared ? false : `no shared data at ${sharedDir} (set CITELENS_SHARED to run these)`;
export const repoRoot = resolve(__dirname, '..', '..');

/**
 * The eval manuscripts (`shared/eval/*`) that each reading test must pass. The others run as `todo` (reported, not
 * failing) until issue 14 lands: grow these lists as they pass.
 * - `citations`: citations read exactly as Pandoc reads them, all resolving;
 * - `numeric`: every `[n]` of the numeric rendering linked to its work, with no numbering diagnostic;
 * - `renumber`: a shuffled numbering renumbered back to the original.
 */
export const READING_SETS = {
  citations: ['biopriors-review', 'czi-hca-report', 'deep-rules', 'integration-review', 'meta-review', 'scihub-manuscript', 'ten-simple-rules-dockerfiles'],
  numeric: ['biopriors-review', 'czi-hca-report', 'deep-rules', 'integration-review', 'meta-review', 'scihub-manuscript', 'ten-simple-rules-dockerfiles'],
  renumber: ['biopriors-review', 'czi-hca-report', 'deep-rules', 'integration-review', 'meta-review', 'scihub-manuscript', 'ten-simple-rules-dockerfiles'],
} as const satisfies Record<string, readonly string[]>;

/**
 * Where Pandoc's numeric rendering of an eval manuscript is not numbered by first citation in its own text, what a
 * reader of that text sees instead (the numbering tests expect exactly this). czi-hca-report writes `[@a @b]` and
 * `[@a @b @c]` (a slip for `[@a; @b]`: Pandoc reads b and c as in-text citations inside a's suffix); citeproc numbers
 * every key but the rendering shows only the last number (`[@1CFhfCyWN @Hlprh8TG @BXscBoDB]` → `[6]`), so [4], [5]
 * and [28] are never cited in the numeric text, and [16] first appears after [17].
 */
export const NUMERIC_ARTIFACTS: Record<string, { neverCited: number[]; outOfOrder: number[] }> = {
  'czi-hca-report': { neverCited: [4, 5, 28], outOfOrder: [6, 17, 29, 16, 31] },
};

/** Every eval manuscript folder in `shared/eval`, sorted (none without the shared data). */
export function evalSets(): string[] {
  const dir = join(sharedDir, 'eval');
  return hasShared ? readdirSync(dir).filter((d) => existsSync(join(dir, d, 'manuscript.md'))).sort() : [];
}

/** `todo` option of reading test `kind` on `set`: false for the sets it must pass, else why it may fail. */
export function readingTodo(kind: keyof typeof READING_SETS, set: string): string | false {
  return (READING_SETS[kind] as readonly string[]).includes(set) ? false : 'issue 14: not yet read exactly as Pandoc reads it';
}

/**
 * Resolves once `condition()` holds, checking again every few milliseconds: tests wait on state, never for a
 * fixed time (a machine under load takes longer, it does not take a different path). No limit of its own: the
 * test's timeout ends a wait that never comes, and `what` says what was awaited.
 */
export async function until(condition: () => boolean | Promise<boolean>, what: string): Promise<void> {
  const started = performance.now();
  let said = false;
  while (!(await condition())) {
    await new Promise((resolve) => setTimeout(resolve, 10));
    // Said once when a wait gets long, so a test that times out shows what it was waiting for.
    if (!said && performance.now() - started > 30_000) {
      said = true;
      console.log(`still waiting until ${what}`);
    }
  }
}
