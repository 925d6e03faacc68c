/**
 * In-host tests of reading Pandoc citations (issue 14): the `citation-separator` warning on `[@a, @b]` and its
 * quick fix, in the real editor. The test writes its own small manuscript and bibliography beside the example and
 * removes them afterwards.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { codeOf, waitFor } from './inHost';
import { citelensDiagnostics, test, workspaceFile } from './harness';

const BIB = '@article{smith2020, author = {Smith, Jane}, title = {Deep learning for protein folding}, journal = {Nature}, year = {2020}}\n'
  + '@article{doe2019, author = {Doe, John}, title = {Variational autoencoders for clinical notes}, journal = {JAMIA}, year = {2019}}\n';
const TEXT = '---\nbibliography: reading-e2e.bib\n---\n\nProtein folding is learnt end to end [@smith2020, @doe2019].\n';

test('[@a, @b] gets a citation-separator warning; its quick fix writes [@a; @b] in one undoable edit', true, async () => {
  const md = workspaceFile('reading-e2e.md');
  const bib = workspaceFile('reading-e2e.bib');
  await vscode.workspace.fs.writeFile(bib, Buffer.from(BIB));
  await vscode.workspace.fs.writeFile(md, Buffer.from(TEXT));
  try {
    const document = await vscode.workspace.openTextDocument(md);
    await vscode.window.showTextDocument(document);
    const warning = await waitFor('a citation-separator diagnostic', () => citelensDiagnostics(md).find((d) => codeOf(d) === 'citation-separator'));
    assert.equal(warning.severity, vscode.DiagnosticSeverity.Warning);
    assert.equal(document.getText(warning.range), '@smith2020, @doe2019');
    assert.match(warning.message, /^“@smith2020, @doe2019”: “,” between citations makes @doe2019 part of @smith2020's suffix; separate citations with “;”\.$/);
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', md, warning.range, undefined, 10);
    const fix = actions.find((a) => a.title === 'Separate @smith2020 and @doe2019 with “;”');
    assert.ok(fix?.edit, `quick fixes: ${actions.map((a) => a.title).join(', ')}`);
    assert.ok(await vscode.workspace.applyEdit(fix.edit));
    assert.equal(document.getText(), TEXT.replace('[@smith2020, @doe2019]', '[@smith2020; @doe2019]'));
    await waitFor('no citation-separator diagnostic', () => !citelensDiagnostics(md).some((d) => codeOf(d) === 'citation-separator') || undefined);
    await vscode.commands.executeCommand('undo');
    await waitFor('the original text after one undo', () => document.getText() === TEXT || undefined, 10_000);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  } finally {
    await vscode.workspace.fs.delete(md).then(undefined, () => undefined);
    await vscode.workspace.fs.delete(bib).then(undefined, () => undefined);
  }
});
