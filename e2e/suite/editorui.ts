/**
 * In-host tests of issue 16's editor items (hover, quick fixes, taxonomy coverage, edit previews), on the example
 * workspace in code-server's real extension host. Tests that edit the manuscript undo what they did, so the next
 * test sees the example as it is. Registered on import; e2e/suite/index.ts runs them after example.ts.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { codeOf, waitFor } from './inHost';
import { citelensDiagnostics, openManuscript, positionOf, test } from './harness';
import { ClientCommands, EditorCommands, type CoverageResult, type EditCommandResult } from '../../server/src/protocol';

/** The hover contents at `position`, joined, once they match `pattern`. */
async function hoverText(document: vscode.TextDocument, position: vscode.Position, pattern: RegExp): Promise<string> {
  return waitFor(`a hover matching ${pattern}`, async () => {
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', document.uri, position);
    const all = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
    return pattern.test(all) ? all : undefined;
  });
}

/** Undoes in the manuscript's editor until its text is `original` again (one step expected). */
async function undoTo(document: vscode.TextDocument, original: string): Promise<void> {
  await vscode.window.showTextDocument(document);
  await vscode.commands.executeCommand('undo');
  await waitFor('the original text after one undo', () => document.getText() === original || undefined, 10_000);
}

const count = (text: string, part: string) => text.split(part).length - 1;

/** `promise`, or a failure after `ms` (a command waiting for a decision must not hang the suite). */
function within<T>(what: string, promise: Thenable<T>, ms = 30_000): Promise<T> {
  return Promise.race([
    Promise.resolve(promise),
    new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`timed out after ${ms} ms waiting for ${what}`)), ms)),
  ]);
}

test('hover on a numeric citation: each fact once (key · file, the list item, its DOI once)', true, async () => {
  const document = await openManuscript();
  const text = await hoverText(document, positionOf(document, 'records[16]').translate(0, 8), /yu2018ai/);
  assert.match(text, /\*\*\[16\]\*\* · `yu2018ai` · references\.bib/);
  assert.equal(count(text, 'Artificial intelligence in healthcare'), 1, text);
  assert.equal(count(text, '10.1038/s41551-018-0305-z]('), 1, text);
  assert.doesNotMatch(text, /Vancouver|BibTeX:/);
});

test('hover on an off-topic citation does not restate the warning', true, async () => {
  const document = await openManuscript();
  const position = document.positionAt(document.getText().indexOf('consistent images[18]') + 'consistent images['.length);
  const text = await hoverText(document, position, /Topic fit/);
  assert.match(text, /Topic fit with this claim: \*\*0\.\d\d\*\* — low/);
  assert.doesNotMatch(text, /Claim is about/, 'the off-topic warning shown in the same hover says it');
});

test('the orphan [6]: "Cite [6]" renumbers in the same edit and the editor shows the place; remove and ignore are offered', true, async () => {
  const document = await openManuscript();
  const original = document.getText();
  const orphan = await waitFor('orphaned-reference on [6]', () => citelensDiagnostics(document.uri).find((d) => codeOf(d) === 'orphaned-reference'));
  const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', document.uri, orphan.range, undefined, 20);
  const titles = actions.map((a) => a.title);
  const cite = actions.find((a) => /^Cite \[6\] \(as \[\d+\]\) in line 49: “In healthcare, diffusion models have/.test(a.title));
  assert.ok(cite, titles.join('\n'));
  assert.ok(!titles.some((t) => t.includes('then run Renumber')), titles.join('\n'));
  assert.ok(titles.includes('Remove reference [6] from the list and renumber [7]–[20] as [6]–[19]'), titles.join('\n'));
  assert.ok(titles.includes('Ignore orphaned-reference on this line'), titles.join('\n'));
  // Put the cursor far away, as an author reading the diagnostic at the list would have it.
  const editor = await vscode.window.showTextDocument(document);
  editor.selection = new vscode.Selection(orphan.range.start, orphan.range.start);
  editor.revealRange(orphan.range);
  // What the editor does with a chosen quick fix: the edit, then its command.
  assert.ok(cite.edit && cite.command, 'the action carries its edit and the reveal command');
  assert.ok(await vscode.workspace.applyEdit(cite.edit));
  await vscode.commands.executeCommand(cite.command.command, ...(cite.command.arguments ?? []));
  const shown = vscode.window.activeTextEditor!;
  assert.equal(shown.document.uri.toString(), document.uri.toString());
  assert.equal(shown.selection.active.line, 48, 'the cursor is on the line cited in');
  assert.ok(shown.visibleRanges.some((r) => r.contains(new vscode.Position(48, 0))), 'line 49 is on screen');
  // Numbering kept right: no citation-order or orphan left.
  await waitFor('no numbering diagnostics after citing [6]', () => {
    const left = citelensDiagnostics(document.uri).map(codeOf).filter((c) => ['citation-order', 'orphaned-reference', 'reference-numbering'].includes(c));
    return left.length === 0 || undefined;
  });
  await undoTo(document, original);
});

test('"Remove reference [6]" deletes it and moves the higher numbers down, in one undoable edit', true, async () => {
  const document = await openManuscript();
  const original = document.getText();
  const orphan = await waitFor('orphaned-reference on [6]', () => citelensDiagnostics(document.uri).find((d) => codeOf(d) === 'orphaned-reference'));
  const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', document.uri, orphan.range, undefined, 20);
  const remove = actions.find((a) => a.title.startsWith('Remove reference [6]'));
  assert.ok(remove?.edit);
  assert.ok(await vscode.workspace.applyEdit(remove.edit));
  assert.doesNotMatch(document.getText(), /^6\. Shorten/m);
  assert.match(document.getText(), /^19\. .*\n(?!20\.)/m);
  await waitFor('no orphaned-reference after removing [6]', () => !citelensDiagnostics(document.uri).some((d) => codeOf(d) === 'orphaned-reference') || undefined);
  await undoTo(document, original);
});

test('"Ignore … on this line" writes the README\'s comment and the diagnostic goes', true, async () => {
  const document = await openManuscript();
  const original = document.getText();
  const target = await waitFor('an undefined-abbreviation', () => citelensDiagnostics(document.uri).find((d) => codeOf(d) === 'undefined-abbreviation'));
  const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', document.uri, target.range, undefined, 20);
  const ignore = actions.find((a) => a.title === 'Ignore undefined-abbreviation on this line');
  assert.ok(ignore?.edit, actions.map((a) => a.title).join('\n'));
  const line = target.range.start.line;
  const surface = document.getText(target.range);
  assert.ok(await vscode.workspace.applyEdit(ignore.edit));
  assert.match(document.getText(), /<!-- citelens-disable-next-line undefined-abbreviation -->/);
  await waitFor(`no undefined-abbreviation on “${surface}” any more`, () => !citelensDiagnostics(document.uri)
    .some((d) => codeOf(d) === 'undefined-abbreviation' && document.getText(d.range) === surface && Math.abs(d.range.start.line - line) <= 1) || undefined);
  await undoTo(document, original);
});

test('preferred-term notes are not reported on headings', true, async () => {
  const document = await openManuscript();
  await waitFor('non-preferred-term diagnostics', () => citelensDiagnostics(document.uri).some((d) => codeOf(d) === 'non-preferred-term') || undefined);
  const onHeadings = citelensDiagnostics(document.uri).filter((d) => codeOf(d) === 'non-preferred-term' && /^#/.test(document.lineAt(d.range.start.line).text));
  assert.deepEqual(onHeadings.map((d) => d.message), []);
});

test('the term hover on “VAEs” names the works covering it, Kingma & Welling [2] among them', true, async () => {
  const document = await openManuscript();
  const text = await hoverText(document, positionOf(document, 'Variational Autoencoders (VAEs) are probabilistic').translate(0, 26), /Covered by/);
  assert.match(text, /Covered by \d+ works \(cited where the term is used, or named by title or abstract\): .*\\\[2\\\] Kingma & Welling 2014/);
});

test('the heat map: no front matter columns, Works for VAEs counts [2], a cell lists every mention to step through', true, async () => {
  await openManuscript();
  const result = await vscode.commands.executeCommand<CoverageResult | undefined>(ClientCommands.showTaxonomyCoverage);
  assert.ok(result);
  const titles = result.sections.map((s) => s.title);
  assert.ok(!titles.includes('Title') && !titles.includes('Abstract'), titles.join(' | '));
  assert.equal(titles[0], '1. Introduction');
  const vae = result.terms.find((t) => t.id === 'vae')!;
  assert.ok(vae.bibliographyWorks >= 1, `Works for VAE: ${vae.bibliographyWorks}`);
  const busy = vae.cells.find((c) => c.mentions > 1)!;
  assert.equal(busy.locations.length, busy.mentions);
  assert.doesNotMatch(result.message ?? '', /Sections citing no work: .*(Title|Abstract)/);
});

test('the edit preview waits, non-modal, for Apply (diff open meanwhile); a document changed meanwhile is refused', true, async () => {
  const document = await openManuscript();
  const original = document.getText();
  const previewTabs = () => vscode.window.tabGroups.all.flatMap((g) => g.tabs)
    .filter((t) => t.input instanceof vscode.TabInputTextDiff && t.input.modified.scheme === 'citelens-preview');
  // Apply: the command is still running while the diff is open; the title bar's Apply finishes it.
  const running = vscode.commands.executeCommand<EditCommandResult | undefined>(ClientCommands.renumberReferences);
  console.log('  renumber started');
  await waitFor('the preview diff', () => previewTabs().length === 1 || undefined);
  assert.equal(document.getText(), original, 'nothing applied before Apply');
  console.log('  preview open; Apply');
  await vscode.commands.executeCommand(EditorCommands.applyPreview);
  const applied = await within('the command after Apply', running);
  console.log(`  applied: ${applied?.summary}`);
  assert.ok(applied?.edit && !applied.refused, applied?.summary);
  assert.notEqual(document.getText(), original);
  await waitFor('the preview closed', () => previewTabs().length === 0 || undefined);
  await undoTo(document, original);
  // Stale: the author edits while the preview is open; Apply then changes nothing of the command's.
  const again = vscode.commands.executeCommand<EditCommandResult | undefined>(ClientCommands.renumberReferences);
  await waitFor('the preview diff', () => previewTabs().length === 1 || undefined);
  const typed = new vscode.WorkspaceEdit();
  typed.insert(document.uri, document.positionAt(original.length), '\nTyped meanwhile.\n');
  assert.ok(await vscode.workspace.applyEdit(typed));
  await vscode.commands.executeCommand(EditorCommands.applyPreview);
  const refused = await within('the command after a stale Apply', again);
  console.log(`  stale: ${refused?.summary}`);
  assert.equal(refused?.refused, true, refused?.summary);
  assert.match(refused!.summary, /changed while the preview was open/);
  assert.equal(document.getText(), original + '\nTyped meanwhile.\n');
  await undoTo(document, original);
  // Closing the diff cancels.
  const third = vscode.commands.executeCommand<EditCommandResult | undefined>(ClientCommands.renumberReferences);
  await waitFor('the preview diff', () => previewTabs().length === 1 || undefined);
  await vscode.window.tabGroups.close(previewTabs()[0]);
  const cancelled = await within('the command after closing the diff', third);
  assert.match(cancelled?.summary ?? '', /^Cancelled: /);
  assert.equal(document.getText(), original);
});
