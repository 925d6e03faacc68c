/**
 * The CLI's `Workspace`: files on disk, decoded as UTF-8 (BOM kept in the text, as editors keep it), UTF-16
 * with a BOM, or — when the bytes are not valid UTF-8 — Latin-1, the usual encoding of old BibTeX exports.
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { decode, tooLargeMessage } from '../node/decode';
import type { Workspace } from '../service/workspace';

export { decode };

export class NodeWorkspace implements Workspace {
  constructor(private readonly roots: string[], private readonly maxFileSize = 50 * 1024 * 1024) {}

  async readText(path: string): Promise<string | null | Error> {
    try {
      const stat = statSync(path);
      if (!stat.isFile()) return null;
      if (stat.size > this.maxFileSize) return new Error(tooLargeMessage(stat.size, this.maxFileSize));
      return decode(readFileSync(path));
    } catch (e) {
      const err = e as NodeJS.ErrnoException;
      if (err.code === 'ENOENT' || err.code === 'ENOTDIR') return null;
      return new Error(err.message);
    }
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
