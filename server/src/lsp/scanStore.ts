/**
 * The scans of large BibTeX files, kept on disk between sessions in the extension's own storage folder
 * (`initializationOptions.storagePath`), so a 20,000-entry bibliography that did not change since the last
 * session is rebuilt from its kept scan and completion index instead of scanned (~0.2 s) and indexed (~1 s).
 *
 * - Keyed by content: the SHA-256 of the text (as UTF-8), whatever the file's path or time stamps. Only the
 *   core's large files reach the store (`parseBibliographyFile.ts`: BibTeX over 512 K characters).
 * - One file per text, `scan-v<format>-<build>-<hash>.bin` (`scanCodec.ts`); the format version and the build
 *   of Citelens (a fingerprint of the running server script) are in the name and in the header, so another
 *   version never reads it; its files are deleted by the next sweep.
 * - Written later, off the hot path, in steps: after a second without another `put` (the scan), again once the
 *   completion index is complete; atomically (a temporary file, then a rename). Of a file edited in the editor
 *   only the latest edit is kept besides the version first read.
 * - Bounded: after each write, the least recently used files go beyond `maxBytes` (200 MB).
 * - Never fails its caller: an unreadable or damaged file is a miss (and is deleted); a failed write is logged.
 *
 * Holds nothing but offsets, field names and index strings derived from the user's own files; no network.
 */
import { isUtf8 } from 'node:buffer';
import { createHash } from 'node:crypto';
import { statSync } from 'node:fs';
import { mkdir, readFile, readdir, rename, stat, unlink, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { LRUCache } from 'lru-cache';
import type { ScanCache, ScanToKeep, StoredScan } from '../service/workspace';
import { decodeScanSteps, encodeScanSteps, SCAN_FORMAT_VERSION } from './scanCodec';

export interface ScanStoreOptions {
  /** The build writing and reading (default: {@link buildTag}); files of another tag are not read. */
  tag?: string;
  /** Total bytes kept; the least recently used files go first (default 200 MB). */
  maxBytes?: number;
  /** Texts shorter than this are neither kept nor looked up (default 256 K characters: they scan in ms). */
  minChars?: number;
  /** Delay between a `put` and its write (default 1 s), and between checks for a complete completion index. */
  writeDelayMs?: number;
  /** How long after a `put` a write still waits for the completion index (default 2 min). */
  completionWaitMs?: number;
  /**
   * Lets other work run between steps of hashing, reading and writing (default: one `setImmediate`); the server
   * passes its own pause, which lets a request that has just arrived be answered first.
   */
  pause?: () => Promise<void>;
  /** Failures (a folder that cannot be written) and, with `trace`, hits and writes. */
  log?: (message: string) => void;
  trace?: boolean;
}

/** A `put` not written yet. */
interface Pending {
  text: string;
  stored: () => ScanToKeep;
  since: number;
  /** An edit of the file's earlier text (see {@link ScanCache.put}). */
  edited: boolean;
}

/** Characters hashed between turns of the event loop (~4 ms of work). */
const HASH_CHUNK = 1 << 21;
/** Texts whose hash is remembered (by URI), most recent last. */
const MAX_HASHED_TEXTS = 8;
const FILE_PREFIX = `scan-v${SCAN_FORMAT_VERSION}-`;
const TEMP_SUFFIX = '.tmp';

export class ScanStore implements ScanCache {
  readonly tag: string;
  private readonly maxBytes: number;
  private readonly minChars: number;
  private readonly writeDelayMs: number;
  private readonly completionWaitMs: number;
  private readonly pending = new Map<string, Pending>();
  /** What this process knows is on disk, by file name: the scan alone, or with its completion index. */
  private readonly onDisk = new Map<string, 'scan' | 'complete'>();
  /** The file this process wrote for the latest edited (not loaded) text of each URI. */
  private readonly editedFiles = new Map<string, string>();
  /**
   * The last text hashed per URI (a `put` after a `get` of the same text does not hash again), for the last few
   * URIs only: each entry holds a whole file's text.
   */
  private readonly hashes = new LRUCache<string, { text: string; hash: string }>({ max: MAX_HASHED_TEXTS });
  private timer: NodeJS.Timeout | undefined;
  private readonly pause: () => Promise<void>;
  private writing: Promise<void> = Promise.resolve();

  constructor(readonly dir: string, private readonly options: ScanStoreOptions = {}) {
    this.tag = options.tag ?? buildTag();
    this.maxBytes = options.maxBytes ?? 200 * 1024 * 1024;
    this.minChars = options.minChars ?? 256 * 1024;
    this.writeDelayMs = options.writeDelayMs ?? 1000;
    this.completionWaitMs = options.completionWaitMs ?? 120_000;
    this.pause = options.pause ?? yieldTurn;
  }

  /** The file holding the scan of a text whose hash is `hash`. */
  fileOf(hash: string): string {
    return join(this.dir, `${FILE_PREFIX}${this.tag}-${hash}.bin`);
  }

  /** Where the last {@link get} spent its time, in ms (the bench reports it). */
  readonly timings = { hashMs: 0, readMs: 0, decodeMs: 0 };

  async get(uri: string, text: string): Promise<StoredScan | undefined> {
    if (text.length < this.minChars) return undefined;
    try {
      const t0 = performance.now();
      const hash = await this.hashOf(uri, text);
      const t1 = performance.now();
      const file = this.fileOf(hash);
      let bytes: Buffer;
      try {
        bytes = await readFile(file);
      } catch {
        return undefined; // not kept (or not readable): scanned as usual
      }
      const t2 = performance.now();
      const stored = await inSteps(decodeScanSteps(bytes, text, hash, this.tag), this.pause);
      Object.assign(this.timings, { hashMs: t1 - t0, readMs: t2 - t1, decodeMs: performance.now() - t2 });
      if (!stored) {
        this.options.log?.(`scan store: ${file} does not hold a valid scan of ${uri}; deleted, scanning the file`);
        await unlink(file).catch(() => undefined);
        return undefined;
      }
      this.onDisk.set(file, stored.completion ? 'complete' : 'scan');
      // Used now: the least recently used files are evicted first.
      const now = new Date();
      void utimes(file, now, now).catch(() => undefined);
      if (this.options.trace) this.options.log?.(`scan store: ${uri} (${stored.scan.entries.length} entries${stored.completion ? ', with completion index' : ''}) read from the store in ${(performance.now() - t0).toFixed(1)} ms`);
      return stored;
    } catch (error) {
      this.options.log?.(`scan store: reading the scan of ${uri} failed: ${String(error)}`);
      return undefined;
    }
  }

  /**
   * `text` was decoded from the file bytes `bytes` (`lspWorkspace.ts`). When those bytes are UTF-8 they are the
   * text's UTF-8, so their hash is the text's, found at a third of the cost (~11 ms instead of ~33 for 15 MB:
   * no re-encoding); a later {@link get} of the same text then does not hash it.
   */
  async noteBytes(uri: string, text: string, bytes: Uint8Array): Promise<void> {
    if (text.length < this.minChars || !isUtf8(bytes)) return;
    // The decoder drops a byte-order mark: the bytes are then not the text's UTF-8.
    if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf && text.charCodeAt(0) !== 0xfeff) return;
    this.rememberHash(uri, text, await bytesHash(bytes, this.pause));
  }

  put(uri: string, text: string, stored: () => ScanToKeep, edited = false): void {
    if (text.length < this.minChars) return;
    this.pending.set(uri, { text, stored, since: performance.now(), edited });
    // Debounced: while a large file is being edited, its versions are not written one after another.
    this.arm(true);
  }

  /** Writes what is waiting now (tests, the bench, a server shutting down); resolves when it is on disk. */
  async flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    await (this.writing = this.writing.then(() => this.writePending(true)));
  }

  private arm(restart = false): void {
    if (this.timer && !restart) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.writing = this.writing.then(() => this.writePending(false));
    }, this.writeDelayMs);
    // A process about to exit does not wait for the store.
    this.timer.unref?.();
  }

  /**
   * Writes each pending scan: at once without its completion index while that is being built, then again with it
   * once it is complete — or as far as it got, when waiting longer is pointless (`final`, or after
   * `completionWaitMs`: a bibliography nobody completes from is never indexed).
   */
  private async writePending(final: boolean): Promise<void> {
    const batch = [...this.pending];
    this.pending.clear();
    for (const [uri, item] of batch) {
      try {
        const offered = item.stored();
        const last = final || offered.indexed || performance.now() - item.since > this.completionWaitMs;
        const hash = await this.hashOf(uri, item.text);
        const file = this.fileOf(hash);
        const known = this.onDisk.get(file);
        if (known === 'complete' || (known === 'scan' && !last)) {
          if (!last) this.retry(uri, item);
          continue;
        }
        await this.pause();
        const stored: StoredScan = last && offered.completion?.some(Boolean) ? { scan: offered.scan, completion: offered.completion } : { scan: offered.scan };
        const bytes = await inSteps(encodeScanSteps(stored, item.text.length, hash, this.tag), this.pause);
        if (!bytes) continue;
        await this.writeAtomically(file, bytes);
        this.onDisk.set(file, last ? 'complete' : 'scan');
        await this.supersede(uri, file, item.edited);
        if (this.options.trace) this.options.log?.(`scan store: kept the scan of ${uri} (${stored.scan.entries.length} entries${stored.completion ? ', with completion index' : ''}, ${bytes.length} bytes)`);
        if (!last) this.retry(uri, item);
        await this.sweep();
      } catch (error) {
        this.options.log?.(`scan store: keeping the scan of ${uri} failed: ${String(error)}`);
      }
    }
  }

  /**
   * Of the edited versions of one file, only the latest is kept: the version read from disk stays (the edits
   * may never be saved), each edit's file replaces the previous edit's.
   */
  private async supersede(uri: string, file: string, edited: boolean): Promise<void> {
    const previous = this.editedFiles.get(uri);
    if (previous && previous !== file && this.onDisk.has(previous)) {
      await unlink(previous).catch(() => undefined);
      this.onDisk.delete(previous);
    }
    if (edited) this.editedFiles.set(uri, file);
    else this.editedFiles.delete(uri);
  }

  /** Tries `item` again later, unless a newer text of the same file replaced it meanwhile. */
  private retry(uri: string, item: Pending): void {
    if (this.pending.has(uri)) return;
    this.pending.set(uri, item);
    this.arm();
  }

  private async writeAtomically(file: string, bytes: Buffer): Promise<void> {
    await mkdir(this.dir, { recursive: true });
    const temp = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}${TEMP_SUFFIX}`;
    try {
      await writeFile(temp, bytes);
      await rename(temp, file);
    } catch (error) {
      await unlink(temp).catch(() => undefined);
      throw error;
    }
  }

  /**
   * Deletes files of other versions and builds, temporary files left by a crash, and then the least recently
   * used files until the rest fits in `maxBytes`.
   */
  private async sweep(): Promise<void> {
    const mine = `${FILE_PREFIX}${this.tag}-`;
    const kept: { file: string; size: number; used: number }[] = [];
    const now = Date.now();
    for (const name of await readdir(this.dir).catch(() => [] as string[])) {
      if (!name.startsWith('scan-v')) continue; // not ours
      const file = join(this.dir, name);
      const info = await stat(file).catch(() => undefined);
      if (!info?.isFile()) continue;
      if (name.endsWith(TEMP_SUFFIX)) {
        if (now - info.mtimeMs > 60 * 60 * 1000) await unlink(file).catch(() => undefined);
      } else if (!name.startsWith(mine)) {
        await unlink(file).catch(() => undefined);
      } else kept.push({ file, size: info.size, used: info.mtimeMs });
    }
    let total = kept.reduce((sum, k) => sum + k.size, 0);
    kept.sort((a, b) => a.used - b.used);
    for (const k of kept) {
      if (total <= this.maxBytes) break;
      await unlink(k.file).catch(() => undefined);
      this.onDisk.delete(k.file);
      total -= k.size;
    }
  }

  private async hashOf(uri: string, text: string): Promise<string> {
    const known = this.hashes.peek(uri);
    if (known && known.text === text) return known.hash;
    const hash = await contentHash(text, this.pause);
    this.rememberHash(uri, text, hash);
    return hash;
  }

  private rememberHash(uri: string, text: string, hash: string): void {
    this.hashes.set(uri, { text, hash });
  }
}

/**
 * SHA-256 of `text` as UTF-8 (~2 ms per MB, most of it encoding), a few MB at a time with a turn of the event
 * loop between, so hashing a 30 MB file keeps no request waiting. Chunks never split a surrogate pair. (A lone
 * surrogate hashes like U+FFFD: two such texts would share a kept scan, which is the same for both but for the
 * completion index's text of that entry.)
 */
export async function contentHash(text: string, pause: () => Promise<void> = yieldTurn): Promise<string> {
  const hash = createHash('sha256');
  for (let at = 0; at < text.length;) {
    let end = Math.min(text.length, at + HASH_CHUNK);
    const last = text.charCodeAt(end - 1);
    if (end < text.length && last >= 0xd800 && last <= 0xdbff) end++;
    hash.update(text.slice(at, end), 'utf8');
    at = end;
    if (at < text.length) await pause();
  }
  return hash.digest('hex');
}

/** SHA-256 of `bytes`, a few MB at a time with a turn of the event loop between: {@link contentHash} of their text. */
async function bytesHash(bytes: Uint8Array, pause: () => Promise<void>): Promise<string> {
  const hash = createHash('sha256');
  for (let at = 0; at < bytes.length; at += 2 * HASH_CHUNK) {
    if (at > 0) await pause();
    hash.update(bytes.subarray(at, at + 2 * HASH_CHUNK));
  }
  return hash.digest('hex');
}

/** Runs a stepwise computation with a turn of the event loop after each step. */
async function inSteps<T>(steps: Generator<void, T>, pause: () => Promise<void>): Promise<T> {
  for (;;) {
    const next = steps.next();
    // A turn after the last step too: the caller goes on with other work (seeding the index, building).
    await pause();
    if (next.done) return next.value;
  }
}

function yieldTurn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/**
 * A fingerprint of the running Citelens build: the server script's path, size and modification time. A new
 * version (or a rebuild) writes and reads its own files, so a changed scanner never meets an old scan.
 */
export function buildTag(): string {
  const script = process.argv[1] ?? '';
  let stamp = script;
  try {
    const info = statSync(script);
    stamp += `:${info.size}:${info.mtimeMs}`;
  } catch {
    // no script on disk (a REPL): the path alone
  }
  return createHash('sha256').update(stamp).digest('hex').slice(0, 12);
}
