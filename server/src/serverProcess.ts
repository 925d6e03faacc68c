/**
 * How the language server process is started, alike by the VS Code client, the tests and the benchmarks:
 * its environment, its Node flags and where `dist/server.js` keeps its code cache. A module of its own (re-exported
 * by `protocol.ts`) so that the start-up script (`launch.ts`) reads these constants without loading the protocol
 * types and the JSON-RPC library with them.
 */

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
