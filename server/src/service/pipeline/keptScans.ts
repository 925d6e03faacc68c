/**
 * The bridge between a large bibliography's sliced load (step 2, parse) and the host's store of scans kept
 * between sessions (`Workspace.scans`). Takes the file's path and the host's store; gives the `KeptScans` the loader
 * calls: a kept completion index is made known to completion as the scan is loaded, and what is saved carries
 * the index as far as it is built when the host writes.
 */
import type { KeptScans } from '../bibtex/parseBibliographyFile';
import { completionIndexRows, seedCompletionIndex } from '../bibtex/completionIndex';
import type { ScanCache } from '../workspace';
import type { ServiceContext } from './context';

/** The host's scans kept between sessions (`scans`), for the file `p`. */
export function keptScans(ctx: ServiceContext, p: string, scans: ScanCache): KeptScans {
  return {
    async load(text) {
      try {
        const stored = await scans.get(p, text);
        if (stored?.completion) {
          // ~10 ms for 20,000 entries: a task of its own, before the bibliography is built in slices.
          seedCompletionIndex(stored.scan.entries, stored.completion);
          await ctx.pause?.();
        }
        return stored?.scan;
      } catch {
        return undefined; // a store that fails is a store that misses
      }
    },
    save(text, scan, edited) {
      scans.put(p, text, () => {
        const { rows, complete } = completionIndexRows(scan.entries);
        return { scan, completion: rows, indexed: complete };
      }, edited);
    },
  };
}
