/**
 * In-host tests of inlay hints, document highlights and symbols on the example workspace: VS Code's own providers' commands
 * return what the editor draws — who each citation names after it, and the work's other citations highlighted.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { waitFor } from './inHost';
import { openManuscript, test } from './harness';

/** The position just after `needle`'s first occurrence. */
const after = (document: vscode.TextDocument, needle: string): vscode.Position => document.positionAt(document.getText().indexOf(needle) + needle.length);

const labelOf = (hint: vscode.InlayHint): string => (typeof hint.label === 'string' ? hint.label : hint.label.map((p) => p.value).join(''));

test('inlay hints name the works after numeric citations', true, async () => {
  const document = await openManuscript();
  const end = after(document, '(LLMs)[1]');
  const range = new vscode.Range(new vscode.Position(0, 0), new vscode.Position(Math.min(document.lineCount - 1, end.line + 1), 0));
  const hints = await waitFor('an inlay hint after [1]', async () => {
    const found = await vscode.commands.executeCommand<vscode.InlayHint[]>('vscode.executeInlayHintProvider', document.uri, range);
    return found?.some((h) => h.position.isEqual(end)) ? found : undefined;
  });
  const first = hints.find((h) => h.position.isEqual(end))!;
  assert.equal(labelOf(first), 'Goodfellow et al. 2014');
  console.log(`  ${hints.length} hints in lines 1–${range.end.line}; after [1]: ${labelOf(first)}`);
});

test('document highlights mark every citation of the work under the cursor', true, async () => {
  const document = await openManuscript();
  const position = after(document, '(LLMs)[');
  const highlights = await waitFor('highlights of [1]', async () => {
    const found = await vscode.commands.executeCommand<vscode.DocumentHighlight[]>('vscode.executeDocumentHighlights', document.uri, position);
    return found?.length ? found : undefined;
  });
  const texts = highlights.map((h) => document.getText(h.range));
  assert.ok(texts.every((t) => t === '1' || t === '1.'), texts.join(' | '));
  assert.equal(highlights.filter((h) => h.kind === vscode.DocumentHighlightKind.Write).length, 1, 'the list item once');
  assert.ok(highlights.some((h) => h.range.contains(position)));
});

test('the bibliography’s outline lists its entries, and go to symbol in workspace finds works by title', true, async () => {
  await openManuscript();
  const bib = await vscode.workspace.openTextDocument(vscode.Uri.joinPath(vscode.workspace.workspaceFolders![0].uri, 'references.bib'));
  const outline = await waitFor('the outline of references.bib', async () => {
    const found = await vscode.commands.executeCommand<vscode.DocumentSymbol[]>('vscode.executeDocumentSymbolProvider', bib.uri);
    return found?.length ? found : undefined;
  });
  assert.equal(outline[0].name, 'goodfellow2014gan');
  assert.match(outline[0].detail, /Goodfellow et al\. 2014/);
  const found = await waitFor('workspace symbols for “diffusion”', async () => {
    const symbols = await vscode.commands.executeCommand<vscode.SymbolInformation[]>('vscode.executeWorkspaceSymbolProvider', 'diffusion');
    return symbols?.some((s) => s.name.startsWith('ho2020ddpm')) ? symbols : undefined;
  });
  console.log(`  ${outline.length} entries in the outline; “diffusion” → ${found.map((s) => s.name.split(' — ')[0]).join(', ')}`);
});
