/** Waiting for a server to settle, shared by the bench's scenarios (scripts/bench.ts, scripts/bench/bibEdit.ts). */
import type { LspClient } from '../../test/helpers/lspClient';

/** Resolves once the server has published nothing for `quietMs` (or after `maxMs`). */
export async function quiet(client: LspClient, quietMs: number, maxMs: number): Promise<void> {
  const end = performance.now() + maxMs;
  let seen = client.published.length;
  let since = performance.now();
  while (performance.now() < end && performance.now() - since < quietMs) {
    await new Promise((r) => setTimeout(r, 100));
    if (client.published.length !== seen) {
      seen = client.published.length;
      since = performance.now();
    }
  }
}
