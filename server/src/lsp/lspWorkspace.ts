/**
 * The core's `Workspace` for the language server: open documents come from the editor's buffers (the
 * `TextDocuments` manager), every other file from disk. This is the only file-reading code of the server.
 *
 * Files are decoded like the CLI's (UTF-8 with or without BOM, UTF-16 with BOM, else Windows-1252); files over
 * `citelens.maxFileSize` are refused with an Error (the core reports it as bibliography-not-found). In VS Code's
 * Restricted Mode (initialization option `trusted: false`) nothing outside the workspace folders is read, after
 * resolving symbolic links; a refused read is an Error naming why.
 */
import { readFile, readdir, realpath, stat } from 'node:fs/promises';
import { isAbsolute, join } from 'node:path';
import type { TextDocuments } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { decodeInSlices, notUtf8, tooLargeMessage } from '../node/decode';
import { workerTopicLearner } from '../node/topicLearner';
import { DiskTextCache } from './bibliographyCache';
import { isInside, outsideWorkspaceMessage } from './pathPolicy';
import type { NotUtf8, ProgressReporter, Workspace } from '../service/workspace';
import { isBibPath } from './fileKinds';
import { ScanStore } from './scanStore';
import { pathToUri, uriToPath } from './uris';

export class LspWorkspace implements Workspace {
  /** Open documents by path (URIs differ in encoding between clients; paths do not). */
  private readonly open = new Map<string, TextDocument>();
  private roots: string[] = [];
  /** False in Restricted Mode: reads stay inside the workspace folders. */
  private trusted = true;
  private maxFileSize: () => number = () => 50 * 1024 * 1024;

  constructor(documents: TextDocuments<TextDocument>) {
    documents.onDidOpen((e) => this.open.set(uriToPath(e.document.uri), e.document));
    documents.onDidChangeContent((e) => this.open.set(uriToPath(e.document.uri), e.document));
    documents.onDidClose((e) => this.open.delete(uriToPath(e.document.uri)));
  }

  /** Large files read from disk, while unchanged (`bibliographyCache.ts`). */
  private readonly diskTexts = new DiskTextCache();
  /** Files read from disk as Windows-1252, with their first byte that is not UTF-8 (kept with a kept text). */
  private readonly notUtf8Files = new Map<string, NotUtf8>();

  /** Shows progress of long work in the editor; set by the server once it has a connection (`progress.ts`). */
  progress?: (title: string) => ProgressReporter;

  /**
   * Lets queued requests and notifications run between slices of long work. Three turns of the event loop
   * (microseconds when nothing is waiting): vscode-jsonrpc decodes a message read from stdin in one immediate
   * and dispatches it in another, each queued after ours, so with a single turn the next slice would run
   * first and a request would wait for two or three slices instead of one.
   *
   * Slices of several long jobs (reading a bibliography, indexing it for completion, reading its works for
   * topic fit) take turns: one slice per three turns of the loop, whoever asked first. Resumed together, each
   * job's slice would run back to back with the others' and a request would wait for all of them.
   */
  pause(): Promise<void> {
    return new Promise((resolve) => {
      this.waiting.push(resolve);
      if (this.waiting.length === 1) this.nextTurn();
    });
  }

  private readonly waiting: (() => void)[] = [];

  /** Publications being written (see {@link backgroundPause}). */
  private publishing = 0;
  private published: Promise<void> = Promise.resolve();
  private donePublishing: () => void = () => undefined;

  /**
   * A turn for background work (topic learning): as {@link pause}, then, while a publication is being written,
   * after it. The first check's publication awaits file reads; the first topic model's slices, started right after
   * the analysis, took those turns and drew it out by 0.1–0.5 s (`scripts/measureStartup.ts`, "publish").
   */
  async backgroundPause(): Promise<void> {
    await this.pause();
    while (this.publishing > 0) {
      await this.published;
      await this.pause();
    }
  }

  /** Runs `publish`, holding background slices ({@link backgroundPause}) until it settles. */
  async whilePublishing<T>(publish: () => Promise<T>): Promise<T> {
    if (this.publishing++ === 0) this.published = new Promise((resolve) => (this.donePublishing = resolve));
    try {
      return await publish();
    } finally {
      if (--this.publishing === 0) this.donePublishing();
    }
  }

  private nextTurn(): void {
    setImmediate(() =>
      setImmediate(() =>
        setImmediate(() => {
          // The resumed job's slice runs as soon as this callback returns (a microtask), before the next turn.
          this.waiting.shift()?.();
          if (this.waiting.length > 0) this.nextTurn();
        }),
      ),
    );
  }

  /** Learns large bibliographies' topics on a worker thread (`node/topicLearner.ts`). */
  readonly learnTopics = workerTopicLearner({ pause: () => this.pause(), log: (message) => this.log?.(message) });

  private log?: (message: string) => void;

  /** The editor's document for `path`, if it is open. */
  document(path: string): TextDocument | undefined {
    return this.open.get(path);
  }

  openPaths(): string[] {
    return [...this.open.keys()];
  }

  /** The URI to publish for `path`: the editor's own spelling when it is open. */
  uriOf(path: string): string {
    return this.open.get(path)?.uri ?? pathToUri(path);
  }

  setFolders(folders: string[]): void {
    this.roots = folders;
  }

  folders(): string[] {
    return this.roots;
  }

  /** Scans of large bibliographies kept between sessions, when the client gave a storage folder. */
  scans?: ScanStore;

  /**
   * Sets the trust and size limit from the client: `initializationOptions.trusted === false` (VS Code's
   * Restricted Mode, sent by the Citelens client) confines reads to the workspace folders. An absolute
   * `initializationOptions.storagePath` (the extension's own storage folder) keeps the scans of large
   * bibliographies there between sessions (`scanStore.ts`); without it nothing is written anywhere.
   */
  configure(initializationOptions: unknown, maxFileSize: () => number, log?: (message: string) => void, trace = false): void {
    const options = initializationOptions && typeof initializationOptions === 'object' ? (initializationOptions as { trusted?: unknown; storagePath?: unknown }) : {};
    this.trusted = options.trusted !== false;
    this.maxFileSize = maxFileSize;
    this.log = log;
    const storage = options.storagePath;
    this.scans = typeof storage === 'string' && isAbsolute(storage) ? new ScanStore(join(storage, 'scans'), { log, trace, pause: () => this.pause() }) : undefined;
  }

  get isTrusted(): boolean {
    return this.trusted;
  }

  /** Null when `path` may be read; else why not (Restricted Mode, outside the folders, also through a link). */
  private async refusal(path: string): Promise<Error | null> {
    if (this.trusted) return null;
    if (!isInside(this.roots, path)) return new Error(outsideWorkspaceMessage(path));
    try {
      const real = await realpath(path);
      const realRoots = await Promise.all(this.roots.map((r) => realpath(r).catch(() => r)));
      if (!isInside(realRoots, real)) return new Error(outsideWorkspaceMessage(`${path} (a link to ${real})`));
    } catch {
      // A missing file is reported as missing by the read itself.
    }
    return null;
  }

  async readText(path: string): Promise<string | null | Error> {
    const doc = this.open.get(path);
    if (doc) return doc.getText();
    const refused = await this.refusal(path);
    if (refused) return refused;
    try {
      const info = await stat(path);
      if (!info.isFile()) return null;
      const limit = this.maxFileSize();
      if (info.size > limit) return new Error(tooLargeMessage(info.size, limit));
      const kept = this.diskTexts.get(path, info);
      if (kept !== undefined) return kept;
      const bytes = await readFile(path);
      const text = await decodeInSlices(bytes, () => this.pause());
      const invalid = notUtf8(bytes, text);
      if (invalid) this.notUtf8Files.set(path, invalid);
      else this.notUtf8Files.delete(path);
      this.diskTexts.set(path, info, text);
      // A large bibliography may be in the scan store: hashing the bytes read is cheaper than hashing the text.
      if (this.scans && isBibPath(path)) await this.scans.noteBytes(path, text, bytes);
      return text;
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT' || code === 'ENOTDIR') return null;
      return error instanceof Error ? error : new Error(String(error));
    }
  }

  /**
   * For an open document, the first U+FFFD of the editor's text: VS Code decodes a file as UTF-8 unless told
   * otherwise and shows a byte it cannot decode as �, while the file on disk, which Pandoc reads, keeps it. A
   * text that holds none is taken as decoded right (the user may have reopened it as Windows-1252).
   */
  notUtf8(path: string): NotUtf8 | undefined {
    const doc = this.open.get(path);
    if (!doc) return this.notUtf8Files.get(path);
    const offset = doc.getText().indexOf('\uFFFD');
    return offset < 0 ? undefined : { offset, byte: null };
  }

  /** Entries of a folder with their kind (the workspace check walks folders without a read per file). */
  async listEntries(dir: string): Promise<{ name: string; directory: boolean }[]> {
    if (await this.refusal(dir)) return [];
    try {
      const entries = await readdir(dir, { withFileTypes: true });
      return entries.map((e) => ({ name: e.name, directory: e.isDirectory() })).sort((a, b) => a.name.localeCompare(b.name));
    } catch {
      return [];
    }
  }

  async listDir(dir: string): Promise<string[]> {
    if (await this.refusal(dir)) return [];
    try {
      return (await readdir(dir)).sort();
    } catch {
      return [];
    }
  }
}
