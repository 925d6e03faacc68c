import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

/**
 * Where the read-only `shared/` data (conformance, eval, bench) lives: `$CITELENS_SHARED`, else `../shared`
 * beside the repository. A user's clone has none: tests that need it skip with this message.
 */
export const sharedDir = resolve(process.env.CITELENS_SHARED ?? join(__dirname, '..', '..', '..', 'shared'));
export const hasShared = existsSync(join(sharedDir, 'eval'));
export const skipWithoutShared = hasShared ? false : `no shared data at ${sharedDir} (set CITELENS_SHARED to run these)`;
export const repoRoot = resolve(__dirname, '..', '..');
