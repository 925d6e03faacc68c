/**
 * The in-host test registry and the helpers every in-host test file uses. Test files (e2e/suite/*.ts) register
 * with `test(...)` on import; e2e/suite/index.ts imports them all and exports VS Code's `run` entry point.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { DIAGNOSTIC_SOURCE } from '../../server/src/protocol';

export const EXTENSION_ID = 'citelens.citelens';
export const MANUSCRIPT = 'manuscript.md';

export interface InHostTest {
  name: string;
  needsServer: boolean;
  /** Set while the feature is not built yet: the result is reported as a node:test `todo` (not a failure). */
  todo?: string;
  run(): Promise<void>;
}
export const tests: InHostTest[] = [];
export const test = (name: string, needsServer: boolean, run: () => Promise<void>, todo?: string) =>
  tests.push(todo ? { name, needsServer, run, todo } : { name, needsServer, run });


export function workspaceFile(name: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'no workspace folder is open');
  return vscode.Uri.joinPath(folder.uri, name);
}

export async function openManuscript(): Promise<vscode.TextDocument> {
  const document = await vscode.workspace.openTextDocument(workspaceFile(MANUSCRIPT));
  await vscode.window.showTextDocument(document);
  return document;
}

/** Position inside the first occurrence of `needle` (one character in, so it is on the citation, not before it). */
export function positionOf(document: vscode.TextDocument, needle: string): vscode.Position {
  const offset = document.getText().indexOf(needle);
  assert.ok(offset >= 0, `${needle} not found in ${document.uri.path}`);
  return document.positionAt(offset + 1);
}

export const citelensDiagnostics = (uri: vscode.Uri) => vscode.languages.getDiagnostics(uri).filter((d) => d.source === DIAGNOSTIC_SOURCE);

/** Entry point called by VS Code's extension test runner. */
export async function run(): Promise<void> {
  const clientOnly = process.env.CITELENS_E2E_SCOPE === 'client';
  let failed = 0;
  for (const t of tests) {
    if (clientOnly && t.needsServer) {
      console.log(`CITELENS-E2E ${JSON.stringify({ name: t.name, skip: 'CITELENS_E2E_SCOPE=client' })}`);
      continue;
    }
    const t0 = Date.now();
    try {
      await t.run();
      console.log(`CITELENS-E2E ${JSON.stringify({ name: t.name, ok: true, ms: Date.now() - t0, todo: t.todo })}`);
    } catch (error) {
      if (!t.todo) failed++;
      const message = error instanceof Error ? error.stack ?? error.message : String(error);
      console.log(`CITELENS-E2E ${JSON.stringify({ name: t.name, ok: false, ms: Date.now() - t0, error: message, todo: t.todo })}`);
    }
  }
  if (failed) throw new Error(`${failed} in-host test(s) failed`);
}
