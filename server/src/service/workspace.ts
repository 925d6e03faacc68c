/**
 * All I/O the core needs, injected by its host (the LSP server, the CLI, the tests' in-memory workspace).
 *
 * Documents are named by absolute file-system paths (`/home/a/review/manuscript.md`); hosts that speak URIs
 * convert at their boundary. The core never touches the disk itself.
 */
import type { LocatedBibliography } from './bibtex/locator';
import type { CompletionIndexRow } from './bibtex/completionIndex';
import type { TopicLearner } from './topicFit/learner';

export interface Workspace {
  /**
   * The current text of a file: the editor's buffer when it is open, else the file on disk.
   * Resolves to `null` when the file does not exist; rejects (or returns an `Error`) when it cannot be read.
   */
  readText(path: string): Promise<string | null | Error>;
  /**
   * Optional: where a file last read from disk was not UTF-8, so the host read it as Windows-1252 (Latin-1): the
   * first byte that is not UTF-8. For an open document, whose text the editor decoded, the first U+FFFD
   * replacement character (`byte` null): the editor read the file as UTF-8 and could not decode a byte there.
   * Undefined for UTF-8 and UTF-16 files. Pandoc refuses a bibliography so (`bib-syntax`) and warns on a
   * manuscript (`manuscript-encoding`).
   */
  notUtf8?(path: string): NotUtf8 | undefined;
  /** Files directly inside `dir` (names only). Empty when the folder does not exist. */
  listDir(dir: string): Promise<string[]>;
  /** The workspace folders, for settings whose paths are relative to the workspace. */
  folders(): string[];
  /**
   * Optional: gives the host a turn between slices of long work (loading a large bibliography), so an
   * interactive host keeps answering requests. Without it the work runs in one go (CLI, tests).
   */
  pause?(): Promise<void>;
  /**
   * Optional: the turn taken between slices of background work whose result nobody waits for yet (learning a topic
   * model after the first publication): like `pause`, and also waiting while the host publishes diagnostics, so a
   * publication is not drawn out by those slices. Without it background work uses `pause`.
   */
  backgroundPause?(): Promise<void>;
  /** Optional: shows the progress of long work to the user; the host decides whether and when to show it. */
  progress?(title: string): ProgressReporter;
  /**
   * Optional: keeps the scans of large BibTeX files between sessions (the language server's store in the
   * extension's storage, `lsp/scanStore.ts`), so an unchanged file is not scanned and indexed again after a
   * restart. Without it every new process scans (CLI, tests, other editors).
   */
  scans?: ScanCache;
  /**
   * Optional: learns the topic space of a large bibliography off this thread (the language server's worker
   * thread, `node/topicLearner.ts`). Without it the space is learnt on this thread: in slices when `pause` is
   * given, else at once.
   */
  learnTopics?: TopicLearner;
}

/**
 * The first byte of a file that is not UTF-8: its offset in the text (one character per byte) and its value; or,
 * in an editor's buffer, the offset of the first U+FFFD the editor put for a byte it could not decode (`byte`
 * null: the buffer no longer holds it).
 */
export interface NotUtf8 {
  offset: number;
  byte: number | null;
}

/**
 * What is kept of a large BibTeX file between sessions: plain data derived from its text, which rebuilds
 * exactly the bibliography a fresh scan gives (entries, keys, spans, problems).
 */
export interface StoredScan {
  /** The located scan (`bibtex/locator.ts`) of the text. */
  scan: LocatedBibliography;
  /**
   * The completion index (authors, titles, years) of each entry of `scan.entries`, in order; `null` for
   * entries without a key or not indexed. Absent when none was kept.
   */
  completion?: (CompletionIndexRow | null)[];
}

/** A {@link StoredScan} offered to a {@link ScanCache}, with how far its completion index got. */
export interface ScanToKeep extends StoredScan {
  /** The completion index is complete: asking again later would add nothing. */
  indexed: boolean;
}

/** A host's store of {@link StoredScan}s, keyed by the file's content (a hash of `text`). */
export interface ScanCache {
  /** The scan kept for exactly `text`, if any. Never throws or rejects: a bad store entry is a miss. */
  get(uri: string, text: string): Promise<StoredScan | undefined> | StoredScan | undefined;
  /**
   * `text` was scanned (or an edit re-located): the host may keep it, later, off the hot path. `stored` is called
   * when the host writes, so the completion index built meanwhile is included; it may be called more than once
   * (e.g. once soon, once the index is complete). `edited`: the text is an edit of the file's earlier text (an
   * editor's buffer, maybe never saved), so a host may keep only the latest such text per file.
   */
  put(uri: string, text: string, stored: () => ScanToKeep, edited?: boolean): void;
}

/** Progress of one piece of long work, from {@link Workspace.progress}. */
export interface ProgressReporter {
  /** `percentage` 0–100. */
  report(percentage: number, message?: string): void;
  /** The work is over (also when it failed). */
  done(): void;
}

/** A workspace over a plain map of path → text: the tests' host, and the CLI's cache-free fallback. */
export class MemoryWorkspace implements Workspace {
  constructor(
    private readonly files: Map<string, string>,
    private readonly roots: string[] = ['/'],
  ) {}

  static of(files: Record<string, string>, roots: string[] = ['/']): MemoryWorkspace {
    return new MemoryWorkspace(new Map(Object.entries(files)), roots);
  }

  set(path: string, text: string): void {
    this.files.set(path, text);
  }

  delete(path: string): void {
    this.files.delete(path);
  }

  async readText(path: string): Promise<string | null> {
    return this.files.get(path) ?? null;
  }

  async listDir(dir: string): Promise<string[]> {
    const prefix = dir.endsWith('/') ? dir : dir + '/';
    const names = new Set<string>();
    for (const path of this.files.keys()) {
      if (path.startsWith(prefix)) {
        const rest = path.slice(prefix.length);
        names.add(rest.split('/')[0]);
      }
    }
    return [...names].sort();
  }

  folders(): string[] {
    return this.roots;
  }
}
