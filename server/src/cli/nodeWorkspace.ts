/**
 * The CLI's `Workspace`: files on disk, decoded as UTF-8 (BOM kept in the text, as editors keep it), UTF-16
 * with a BOM, or — when the bytes are not valid UTF-8 — Windows-1252 (Latin-1), the usual encoding of old BibTeX
 * exports (where, is told by `notUtf8`).
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { decode, notUtf8, tooLargeMessage } from '../node/decode';
import type { NotUtf8, Workspace } from '../service/workspace';

export { decode };

export class NodeWorkspace implements Workspace {
  /** The files read as Windows-1252, with their first byte that is not UTF-8. */
  private readonly notUtf8Files = new Map<string, NotUtf8>();

  constructor(private readonly roots: string[], private readonly maxFileSize = 50 * 1024 * 1024) {}

  async readText(path: string): Promise<string | null | Error> {
    try {
      const stat = statSync(path);
      if (!stat.isFile()) return null;
      if (stat.size > this.maxFileSize) return new Error(tooLargeMessage(stat.size, this.maxFileSize));
      const bytes = readFileSync(path);
      const text = decode(bytes);
      const invalid = notUtf8(bytes, text);
      if (invalid) this.notUtf8Files.set(path, invalid);
      else this.notUtf8Files.delete(path);
      return text;
    } catch (e) {
      const err = e as NodeJS.ErrnoException;
      if (err.code === 'ENOENT' || err.code === 'ENOTDIR') return null;
      return new Error(err.message);
    }
  }

  notUtf8(path: string): NotUtf8 | undefined {
    return this.notUtf8Files.get(path);
  }

  async listDir(dir: string): Promise<string[]> {
    try {
      return readdirSync(dir).sort();
    } catch {
      return [];
    }
  }

  folders(): string[] {
    return this.roots;
  }
}
