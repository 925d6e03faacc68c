/**
 * The two tiers of tests (README "Development"): `npm test`, the fast tier a developer runs after every change, and
 * `npm run test:all`, the full tier CI runs, which sets `CITELENS_TIER=full`.
 *
 * A property test in the fast tier whose cases are costly (a topic model built per case, a fresh service per
 * keystroke) checks the first `fast` of its seeded cases there and all `full` of them in the full tier: the same
 * property, the same generator and seed, so a failure found by CI replays in the full tier and is found by the fast
 * tier whenever one of its first cases shows it. Set `CITELENS_TIER=full` to run one file as CI does.
 */
export const FULL_TIER = process.env.CITELENS_TIER === 'full';

/** The number of cases of a costly property: `fast` in the fast tier, `full` in the full tier (CI). */
export function tierRuns(fast: number, full: number): number {
  return FULL_TIER ? full : fast;
}
