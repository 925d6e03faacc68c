/**
 * Texts of large files read from disk, kept while the file's size and times are unchanged. Every analysis
 * reads its bibliographies through the workspace; without this, each keystroke in a manuscript would read
 * and decode its 15 MB bibliography again (~60 ms of a blocked thread), and the core's caches, which compare
 * texts, would compare two different 15 MB strings. With it they get the very same string back.
 */
import type { Stats } from 'node:fs';

interface Kept {
  size: number;
  mtimeMs: number;
  ctimeMs: number;
  text: string;
}

export class DiskTextCache {
  private readonly kept = new Map<string, Kept>();

  /**
   * @param minBytes files smaller than this are not kept (cheap to read again)
   * @param maxChars total UTF-16 code units kept; the least recently used go first
   */
  constructor(private readonly minBytes = 256 * 1024, private readonly maxChars = 64 * 1024 * 1024) {}

  /** The text read before from `path`, if the file still has the same size and modification times. */
  get(path: string, info: Stats): string | undefined {
    const k = this.kept.get(path);
    if (!k || k.size !== info.size || k.mtimeMs !== info.mtimeMs || k.ctimeMs !== info.ctimeMs) return undefined;
    this.kept.delete(path);
    this.kept.set(path, k);
    return k.text;
  }

  set(path: string, info: Stats, text: string): void {
    this.kept.delete(path);
    if (info.size < this.minBytes) return;
    this.kept.set(path, { size: info.size, mtimeMs: info.mtimeMs, ctimeMs: info.ctimeMs, text });
    let total = 0;
    for (const k of this.kept.values()) total += k.text.length;
    for (const [p, k] of this.kept) {
      if (total <= this.maxChars || this.kept.size <= 1) break;
      this.kept.delete(p);
      total -= k.text.length;
    }
  }

  /** Forget `path` (its file changed or was deleted). */
  delete(path: string): void {
    this.kept.delete(path);
  }
}
