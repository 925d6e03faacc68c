/**
 * The core's `Workspace` for the language server: open documents come from the editor's buffers (the
 * `TextDocuments` manager), every other file from disk. This is the only file-reading code of the server.
 */
import { readFile, readdir } from 'node:fs/promises';
import type { TextDocuments } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Workspace } from '../service/workspace';
import { pathToUri, uriToPath } from './uris';

export class LspWorkspace implements Workspace {
  /** Open documents by path (URIs differ in encoding between clients; paths do not). */
  private readonly open = new Map<string, TextDocument>();
  private roots: string[] = [];

  constructor(documents: TextDocuments<TextDocument>) {
    documents.onDidOpen((e) => this.open.set(uriToPath(e.document.uri), e.document));
    documents.onDidChangeContent((e) => this.open.set(uriToPath(e.document.uri), e.document));
    documents.onDidClose((e) => this.open.delete(uriToPath(e.document.uri)));
  }

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

  async readText(path: string): Promise<string | null | Error> {
    const doc = this.open.get(path);
    if (doc) return doc.getText();
    try {
      return await readFile(path, 'utf8');
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT' || code === 'ENOTDIR') return null;
      return error instanceof Error ? error : new Error(String(error));
    }
  }

  /** Entries of a folder with their kind (the workspace check walks folders without a read per file). */
  async listEntries(dir: string): Promise<{ name: string; directory: boolean }[]> {
    try {
      const entries = await readdir(dir, { withFileTypes: true });
      return entries.map((e) => ({ name: e.name, directory: e.isDirectory() })).sort((a, b) => a.name.localeCompare(b.name));
    } catch {
      return [];
    }
  }

  async listDir(dir: string): Promise<string[]> {
    try {
      return (await readdir(dir)).sort();
    } catch {
      return [];
    }
  }
}
