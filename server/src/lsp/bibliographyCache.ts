/**
 * Texts of large files read from disk, kept while the file's size and times are unchanged. Every analysis
 * reads its bibliographies through the workspace; without this, each keystroke in a manuscript would read
 * and decode its 15 MB bibliography again (~60 ms of a blocked thread), and the core's caches, which compare
 * texts, would compare two different 15 MB strings. With it they get the very same string back.
 */
import type { Stats } from 'node:fs';
import { LRUCache } from 'lru-cache';

interface Kept {
  size: number;
  mtimeMs: number;
  ctimeMs: number;
  text: string;
}

export class DiskTextCache {
  private readonly kept: LRUCache<string, Kept>;

  /**
   * @param minBytes files smaller than this are not kept (cheap to read again)
   * @param maxChars total UTF-16 code units kept; the least recently used go first (a text longer than this
   *   alone is not kept)
   */
  constructor(private readonly minBytes = 256 * 1024, maxChars = 64 * 1024 * 1024) {
    this.kept = new LRUCache<string, Kept>({ maxSize: maxChars, sizeCalculation: (k) => Math.max(1, k.text.length) });
  }

  /** The text read before from `path`, if the file still has the same size and modification times. */
  get(path: string, info: Stats): string | undefined {
    const k = this.kept.peek(path);
    if (!k || k.size !== info.size || k.mtimeMs !== info.mtimeMs || k.ctimeMs !== info.ctimeMs) return undefined;
    // Used now: the least recently used texts go first.
    this.kept.get(path);
    return k.text;
  }

  set(path: string, info: Stats, text: string): void {
    this.kept.delete(path);
    if (info.size < this.minBytes) return;
    this.kept.set(path, { size: info.size, mtimeMs: info.mtimeMs, ctimeMs: info.ctimeMs, text });
  }

  /** Forget `path` (its file changed or was deleted). */
  delete(path: string): void {
    this.kept.delete(path);
  }
}
