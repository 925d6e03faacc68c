/**
 * In-host tests of issue 16's editor items 3 and 4: the status bar ("checking…" until the first result; errors,
 * warnings and information; kept while the manuscript is open) and diagnostics of the citation being typed,
 * held back until the author pauses. Registered on import; e2e/suite/index.ts runs them.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { CitelensApi } from '../../client/src/extension';
import { codeOf, waitFor } from './inHost';
import { EXTENSION_ID, citelensDiagnostics, test, workspaceFile } from './harness';
import { ClientCommands } from '../../server/src/protocol';

async function citelensApi(): Promise<CitelensApi> {
  const extension = vscode.extensions.getExtension<CitelensApi>(EXTENSION_ID);
  assert.ok(extension, `${EXTENSION_ID} is not loaded`);
  return extension.isActive ? extension.exports : extension.activate();
}

async function writeFile(name: string, text: string): Promise<vscode.Uri> {
  const uri = workspaceFile(name);
  await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
  return uri;
}

/** A synthetic bibliography of `n` entries: large enough that the first check of a manuscript citing it takes a while. */
function bibliography(n: number): string {
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    out.push(`@article{work${i},\n  author = {Author${i}, Ann and Other, Bob},\n  title = {On the subject number ${i} of generative models in medicine},\n  journal = {Journal ${i % 50}},\n  year = {${1990 + (i % 35)}}\n}\n`);
  }
  return out.join('\n');
}

/** The numbers in the status text `$(error) 1 $(warning) 2 $(info) 3`. */
function countsIn(text: string): { errors: number; warnings: number; information: number } | undefined {
  const m = /\$\(error\) (\d+) \$\(warning\) (\d+) \$\(info\) (\d+)/.exec(text);
  return m ? { errors: Number(m[1]), warnings: Number(m[2]), information: Number(m[3]) } : undefined;
}

function countsOf(uri: vscode.Uri): { errors: number; warnings: number; information: number } {
  const counts = { errors: 0, warnings: 0, information: 0 };
  for (const d of citelensDiagnostics(uri)) {
    if (d.severity === vscode.DiagnosticSeverity.Error) counts.errors++;
    else if (d.severity === vscode.DiagnosticSeverity.Warning) counts.warnings++;
    else if (d.severity === vscode.DiagnosticSeverity.Information) counts.information++;
  }
  return counts;
}

test('status bar: "checking…" until the first result, then errors, warnings and information, kept while the manuscript is open', true, async () => {
  const api = await citelensApi();
  await writeFile('status-refs.bib', bibliography(4000));
  const uri = await writeFile('status-check.md', '---\nbibliography: status-refs.bib\n---\n\n# Status\n\nA known work [@work7] and an unknown one [@nowork].\n\nA numbered work [3] beside keys.\n');
  const document = await vscode.workspace.openTextDocument(uri);
  // Pinned, as a manuscript being worked on is (a preview tab would be replaced by the next file opened).
  await vscode.window.showTextDocument(document, { preview: false });
  assert.equal(api.status().uri, uri.toString());
  const checked = await waitFor('the first result in the status bar', () => {
    const s = api.status();
    return !s.checking && countsIn(s.text) ? s : undefined;
  });
  await waitFor('the status bar to agree with the Problems panel', () => {
    const shown = countsIn(api.status().text);
    return JSON.stringify(shown) === JSON.stringify(countsOf(uri)) || undefined;
  });
  assert.ok(countsOf(uri).errors >= 1, `the unknown key is an error: ${checked.text}`);
  assert.match(checked.tooltip, /status-check\.md/);

  // A new server (as in a fresh window) has published nothing yet: "checking…", not a count of zero, until it has.
  assert.equal(await vscode.commands.executeCommand(ClientCommands.restartServer), true);
  const restarted = api.status();
  assert.ok(restarted.visible && restarted.checking, `status while the new server's first check runs: ${JSON.stringify(restarted)}`);
  assert.match(restarted.text, /checking…/);
  assert.doesNotMatch(restarted.text, /\$\(error\)/);
  await waitFor('the new server\'s result in the status bar', () => {
    const shown = countsIn(api.status().text);
    return (!api.status().checking && JSON.stringify(shown) === JSON.stringify(countsOf(uri))) || undefined;
  });

  // Focus moves to a file Citelens does not check: the item stays, with the manuscript's counts.
  const notes = await writeFile('notes.txt', 'not a manuscript\n');
  await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(notes));
  const away = api.status();
  assert.ok(away.visible, 'still visible with a plain-text file focused');
  assert.equal(away.uri, uri.toString());
  assert.deepEqual(countsIn(away.text), countsOf(uri));
  // And when the Problems panel has the focus.
  await vscode.commands.executeCommand('workbench.actions.view.problems');
  assert.ok(api.status().visible, 'still visible with the Problems panel focused');

  // Once no Citelens document is open any more, it goes.
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  await waitFor('the item hidden once the manuscript is closed', () => !api.status().visible || undefined, 10_000);
});

test('a citation being typed gets its diagnostic once the author pauses; others update at once', true, async () => {
  const config = vscode.workspace.getConfiguration('citelens');
  // A pause far longer than a check takes, so "at once" and "after the pause" cannot be confused on a slow machine.
  await config.update('diagnostics.typingPause', 4000, vscode.ConfigurationTarget.Workspace);
  try {
    const uri = await writeFile('typing.md', '---\nbibliography: references.bib\n---\n\n# Typing\n\nDiffusion models generate images [@ho2020ddpm].\n\nThe author extends this sentence and a misspelt key follows [@kingma2014vea].\n');
    const document = await vscode.workspace.openTextDocument(uri);
    const editor = await vscode.window.showTextDocument(document);
    const misspelt = () => citelensDiagnostics(uri).find((d) => document.getText(d.range).includes('kingma2014vea'));
    const before = await waitFor('the misspelt key reported', misspelt);
    const at = document.positionAt(document.getText().indexOf('this sentence') + 'this sentence'.length);
    let typed = '';
    for (const chunk of [' [@', 'Flo', 'r', ']']) {
      await editor.edit((b) => b.insert(at.translate(0, typed.length), chunk));
      typed += chunk;
    }
    const citation = new vscode.Range(at.translate(0, 1), at.translate(0, typed.length));
    assert.equal(document.getText(citation), '[@Flor]');
    // The latest version is published: the misspelt key's diagnostic moved with the text after the edit.
    const shift = typed.length;
    await waitFor('the diagnostics of the new version', () => {
      const d = misspelt();
      return (d && d.range.start.character === before.range.start.character + shift) || undefined;
    }, 15_000);
    const atCitation = () => citelensDiagnostics(uri).filter((d) => d.range.intersection(citation) !== undefined);
    assert.deepEqual(atCitation().map(codeOf), [], 'no diagnostic at the citation while it is being typed');
    // The author pauses: now it is reported.
    const found = await waitFor('a diagnostic at [@Flor] after the pause', () => (atCitation().length ? atCitation() : undefined), 20_000);
    assert.ok(found.some((d) => d.severity === vscode.DiagnosticSeverity.Error), found.map((d) => `${codeOf(d)}: ${d.message}`).join(' | '));
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  } finally {
    await config.update('diagnostics.typingPause', undefined, vscode.ConfigurationTarget.Workspace);
  }
});
