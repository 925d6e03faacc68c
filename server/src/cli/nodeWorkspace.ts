/**
 * The CLI's `Workspace`: files on disk, decoded as UTF-8 (BOM kept in the text, as editors keep it), UTF-16
 * with a BOM, or — when the bytes are not valid UTF-8 — Latin-1, the usual encoding of old BibTeX exports.
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import type { Workspace } from '../service/workspace';

const utf8 = new TextDecoder('utf-8', { fatal: true });

export function decode(bytes: Uint8Array): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes.subarray(2));
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes.subarray(2));
  try {
    return utf8.decode(bytes);
  } catch {
    return new TextDecoder('latin1').decode(bytes);
  }
}

export class NodeWorkspace implements Workspace {
  constructor(private readonly roots: string[], private readonly maxFileSize = 50 * 1024 * 1024) {}

  async readText(path: string): Promise<string | null | Error> {
    try {
      const stat = statSync(path);
      if (!stat.isFile()) return null;
      if (stat.size > this.maxFileSize) return new Error(`the file is ${(stat.size / 1048576).toFixed(1)} MB, over the ${(this.maxFileSize / 1048576).toFixed(0)} MB limit (setting citelens.maxFileSize)`);
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
