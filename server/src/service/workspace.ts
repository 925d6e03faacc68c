/**
 * All I/O the core needs, injected by its host (the LSP server, the CLI, the tests' in-memory workspace).
 *
 * Documents are named by absolute file-system paths (`/home/a/review/manuscript.md`); hosts that speak URIs
 * convert at their boundary. The core never touches the disk itself.
 */
export interface Workspace {
  /**
   * The current text of a file: the editor's buffer when it is open, else the file on disk.
   * Resolves to `null` when the file does not exist; rejects (or returns an `Error`) when it cannot be read.
   */
  readText(path: string): Promise<string | null | Error>;
  /** Files directly inside `dir` (names only). Empty when the folder does not exist. */
  listDir(dir: string): Promise<string[]>;
  /** The workspace folders, for settings whose paths are relative to the workspace. */
  folders(): string[];
  /**
   * Optional: gives the host a turn between slices of long work (loading a large bibliography), so an
   * interactive host keeps answering requests. Without it the work runs in one go (CLI, tests).
   */
  pause?(): Promise<void>;
  /** Optional: shows the progress of long work to the user; the host decides whether and when to show it. */
  progress?(title: string): ProgressReporter;
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
