/**
 * In-host tests of the example workspace (examples/genai-healthcare): diagnostics, hover, definition, commands,
 * renumbering, a large bibliography. Registered on import; e2e/suite/index.ts runs them.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { codeOf, waitFor } from './inHost';
import { EXTENSION_ID, MANUSCRIPT, citelensDiagnostics, openManuscript, positionOf, test, workspaceFile } from './harness';
import { largeReview } from '../../test/helpers/largeReview';
import {
  ClientCommands,
  ServerCommands,
  type CheckWorkspaceResult,
  type CoverageResult,
  type DocumentCommandParams,
  type EditCommandResult,
} from '../../server/src/protocol';

test('the extension activates and registers its commands', false, async () => {
  await openManuscript();
  const extension = vscode.extensions.getExtension(EXTENSION_ID);
  assert.ok(extension, `${EXTENSION_ID} is not loaded`);
  await waitFor('activation', () => extension.isActive || undefined, 15_000);
  const registered = new Set(await vscode.commands.getCommands(true));
  for (const id of Object.values(ClientCommands)) assert.ok(registered.has(id), `${id} is not registered`);
});

test('the example manuscript gets orphaned-reference and citation-order diagnostics', true, async () => {
  const document = await openManuscript();
  const codes = await waitFor('orphaned-reference and citation-order', () => {
    const found = new Set(citelensDiagnostics(document.uri).map(codeOf));
    return found.has('orphaned-reference') && found.has('citation-order') ? found : undefined;
  });
  console.log(`  codes on ${MANUSCRIPT}: ${[...codes].sort().join(', ')}`);
});

test('hover on [18] shows the formatted reference', true, async () => {
  const document = await openManuscript();
  const position = positionOf(document, '[18]');
  const text = await waitFor('a hover mentioning Wachter', async () => {
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', document.uri, position);
    const all = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
    return /Wachter/.test(all) ? all : undefined;
  });
  assert.match(text, /Wachter/);
});

test('go to definition of [18] lands on its BibTeX entry or reference-list item', true, async () => {
  const document = await openManuscript();
  const position = positionOf(document, '[18]');
  const targets = await waitFor('a definition', async () => {
    const result = await vscode.commands.executeCommand<(vscode.Location | vscode.LocationLink)[]>(
      'vscode.executeDefinitionProvider', document.uri, position);
    return result?.length ? result : undefined;
  });
  const described: string[] = [];
  for (const t of targets) {
    const uri = 'targetUri' in t ? t.targetUri : t.uri;
    const range = 'targetUri' in t ? t.targetRange : t.range;
    const target = await vscode.workspace.openTextDocument(uri);
    const text = target.getText(new vscode.Range(range.start.line, 0, range.end.line + 1, 0));
    described.push(`${uri.path}:${range.start.line + 1}: ${text.slice(0, 80)}`);
    if (uri.path.endsWith('.bib') && /wachter/i.test(text)) return;
    if (uri.path.endsWith(MANUSCRIPT) && /Wachter/.test(text)) return;
  }
  assert.fail(`no definition on the Wachter entry or list item:\n${described.join('\n')}`);
});

test('[18] is flagged off-topic and its hover shows the topic fit', true, async () => {
  const document = await openManuscript();
  const at = document.getText().indexOf('consistent images[18]') + 'consistent images['.length;
  const position = document.positionAt(at);
  await waitFor('off-topic-citation on [18]', () => citelensDiagnostics(document.uri)
    .some((d) => codeOf(d) === 'off-topic-citation' && d.range.contains(position)) || undefined);
  const text = await waitFor('a hover with the topic fit', async () => {
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', document.uri, position);
    const all = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
    return /Topic fit/.test(all) ? all : undefined;
  });
  assert.match(text, /Topic fit with this claim: \*\*0\.\d\d\*\* — low/);
});

test('Check Workspace reports files, errors and warnings', true, async () => {
  await openManuscript();
  const result = await vscode.commands.executeCommand<CheckWorkspaceResult | undefined>(ClientCommands.checkWorkspace);
  assert.ok(result, 'the command returned nothing (server not running?)');
  assert.ok(result.files >= 1, `files: ${result.files}`);
  assert.ok(result.warnings >= 1, `warnings: ${result.warnings}`);
});

test('Show Taxonomy Coverage opens a webview of the taxonomy\'s terms', true, async () => {
  await openManuscript();
  const result = await vscode.commands.executeCommand<CoverageResult | undefined>(ClientCommands.showTaxonomyCoverage);
  assert.ok(result, 'the command returned nothing');
  assert.ok(result.taxonomyUri?.endsWith('taxonomy.yaml'), `taxonomy: ${result.taxonomyUri} ${result.message ?? ''}`);
  assert.ok(result.terms.length > 0 && result.sections.length > 0, `${result.terms.length} terms × ${result.sections.length} sections`);
  await waitFor('the coverage webview tab', () => vscode.window.tabGroups.all
    .flatMap((g) => g.tabs)
    .some((tab) => tab.input instanceof vscode.TabInputWebview && tab.input.viewType.endsWith('citelens.coverage')) || undefined);
});

test('Restart Server restarts the language server and diagnostics come back', true, async () => {
  const document = await openManuscript();
  assert.equal(await vscode.commands.executeCommand(ClientCommands.restartServer), true);
  await waitFor('orphaned-reference after the restart', () =>
    citelensDiagnostics(document.uri).some((d) => codeOf(d) === 'orphaned-reference') || undefined);
});

// Last: it edits the (copied) manuscript.
test('renumbering fixes the citation order in one undo step, and a second run changes nothing', true, async () => {
  const document = await openManuscript();
  const original = document.getText();
  const order = await waitFor('a citation-order diagnostic', () => citelensDiagnostics(document.uri).find((d) => codeOf(d) === 'citation-order'));
  // The quick fix carries the edit itself (resolved through codeAction/resolve).
  const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', document.uri, order.range, undefined, 10);
  const fix = actions.find((a) => a.title === 'Renumber references by first citation');
  assert.ok(fix, `quick fixes: ${actions.map((a) => a.title).join(', ')}`);
  assert.ok(fix.edit && fix.edit.size > 0, 'the quick fix carries no edit');
  // A version the server does not have is refused, with no edit.
  const stale = await vscode.commands.executeCommand<EditCommandResult | null>(ServerCommands.renumber,
    { uri: document.uri.toString(), version: document.version + 1 } satisfies DocumentCommandParams);
  assert.equal(stale?.refused, true, `stale version: ${stale?.summary}`);
  assert.equal(stale.edit, null);
  // The command on the active editor, without the preview (the UI test clicks through the preview).
  const first = await vscode.commands.executeCommand<EditCommandResult | undefined>(ClientCommands.renumberReferences, { preview: false });
  assert.ok(first?.edit, `no edit: ${first?.summary}`);
  assert.match(first.summary, /^Renumbered \d+ works?/);
  assert.match(original, /\*\*Research Questions\*\* .*\[7\]\. \|/);
  assert.match(document.getText(), /\*\*Research Questions\*\* .*\[6\]\. \|/);
  await waitFor('no citation-order diagnostics', () => !citelensDiagnostics(document.uri).some((d) => codeOf(d) === 'citation-order') || undefined);
  const second = await vscode.commands.executeCommand<EditCommandResult | undefined>(ClientCommands.renumberReferences, { preview: false });
  assert.ok(second && !second.refused, `second run: ${second?.summary}`);
  assert.equal(second.edit, null, `second run: ${second.summary}`);
  // One undo step restores the original exactly.
  await vscode.window.showTextDocument(document);
  await vscode.commands.executeCommand('undo');
  await waitFor('the original text after one undo', () => document.getText() === original || undefined, 10_000);
});

test('a 600-entry bibliography: its topics are learnt in the background and the off-topic citation appears', true, async () => {
  // Above 500 works the server learns the topic model on its worker thread (dist/topicWorker.js, in the vsix).
  const manuscript = workspaceFile('large/review.md');
  await vscode.workspace.fs.writeFile(workspaceFile('large/refs.bib'), Buffer.from(largeReview.bib));
  await vscode.workspace.fs.writeFile(manuscript, Buffer.from(largeReview.manuscript));
  const document = await vscode.workspace.openTextDocument(manuscript);
  await vscode.window.showTextDocument(document);
  const last = document.positionAt(largeReview.manuscript.lastIndexOf('[@w1]') + 2);
  const flagged = await waitFor('off-topic-citation on the last [@w1]', () => citelensDiagnostics(document.uri)
    .find((d) => codeOf(d) === 'off-topic-citation' && d.range.contains(last)));
  assert.match(flagged.message, /@w1/);
  await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
  await vscode.workspace.fs.delete(workspaceFile('large'), { recursive: true });
});

