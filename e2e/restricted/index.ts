/**
 * In-host Restricted Mode check, loaded as `extensionTestsPath` by e2e/restricted.e2e.test.ts: code-server runs
 * with workspace trust on and the folder is not trusted. The manuscript's front matter names `../outside.bib`, a
 * file that exists outside the workspace folder; Citelens must refuse to read it and say why. Results are logged
 * as `CITELENS-E2E {json}` lines, like e2e/suite/index.ts.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { codeOf, waitFor } from '../suite/inHost';
import { DIAGNOSTIC_SOURCE } from '../../server/src/protocol';

const EXTENSION_ID = 'citelens.citelens';
/** In outside.bib only: it must show up nowhere in what Citelens reports. */
const OUTSIDE_TITLE = 'A Work Kept Outside';



async function restrictedModeRefusesOutsideBibliography(): Promise<void> {
  assert.equal(vscode.workspace.isTrusted, false, 'the workspace is trusted: the host did not start in Restricted Mode');
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'no workspace folder is open');
  const document = await vscode.workspace.openTextDocument(vscode.Uri.joinPath(folder.uri, 'manuscript.md'));
  await vscode.window.showTextDocument(document);
  const extension = vscode.extensions.getExtension(EXTENSION_ID);
  assert.ok(extension, `${EXTENSION_ID} is not loaded (does package.json declare untrustedWorkspaces support?)`);
  await waitFor('activation in Restricted Mode', () => extension.isActive || undefined, 15_000);

  const diagnostics = await waitFor('a bibliography-not-found diagnostic', () => {
    const all = vscode.languages.getDiagnostics(document.uri).filter((d) => d.source === DIAGNOSTIC_SOURCE);
    return all.some((d) => codeOf(d) === 'bibliography-not-found') ? all : undefined;
  });
  console.log(`  diagnostics: ${diagnostics.map((d) => `${codeOf(d)}: ${d.message}`).join(' | ')}`);
  const refused = diagnostics.find((d) => codeOf(d) === 'bibliography-not-found')!;
  assert.match(refused.message, /outside\.bib is outside the workspace folders, and Restricted Mode forbids reading it/);
  // Nothing was read from it: the citation of its only key stays unresolved, and its title appears nowhere.
  const citation = document.getText().indexOf('@outsider2020');
  const unresolved = diagnostics.find((d) => codeOf(d) === 'unresolved-citation');
  assert.ok(unresolved, 'the citation of outside.bib\'s key resolved');
  assert.ok(unresolved.range.contains(document.positionAt(citation + 1)), `unresolved-citation at ${JSON.stringify(unresolved.range)}`);
  for (const d of diagnostics) assert.doesNotMatch(d.message, new RegExp(OUTSIDE_TITLE));
  const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', document.uri, document.positionAt(citation + 1));
  const hoverText = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
  assert.doesNotMatch(hoverText, new RegExp(OUTSIDE_TITLE), 'the hover shows the outside entry');
}

/** Entry point called by VS Code's extension test runner. */
export async function run(): Promise<void> {
  const name = 'Restricted Mode: a bibliography outside the workspace is refused with a diagnostic saying why';
  const t0 = Date.now();
  try {
    await restrictedModeRefusesOutsideBibliography();
    console.log(`CITELENS-E2E ${JSON.stringify({ name, ok: true, ms: Date.now() - t0 })}`);
  } catch (error) {
    const message = error instanceof Error ? error.stack ?? error.message : String(error);
    console.log(`CITELENS-E2E ${JSON.stringify({ name, ok: false, ms: Date.now() - t0, error: message })}`);
    throw error;
  }
}
