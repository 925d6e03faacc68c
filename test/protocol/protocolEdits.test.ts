/**
 * The rewriting commands over stdio, as an editor drives them: `citelens.server.renumber` (and Update Reference
 * List, the two conversions) answer with one versioned WorkspaceEdit across the manuscript's files, refuse stale
 * versions, and the renumber quick fix carries the same edit. Applied to the text, the edit gives exactly the
 * bytes `citelens renumber --write` writes.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { ClientCapabilities, CodeAction, Diagnostic, TextDocumentEdit, TextEdit, WorkspaceEdit } from 'vscode-languageserver-protocol';
import type { EditCommandResult } from '../../server/src/protocol';
import { LspClient, offsetAt, serverBundle, uriOf } from '../helpers/lspClient';
import { repoRoot } from '../helpers/shared';

const example = join(repoRoot, 'examples', 'genai-healthcare');
const cli = join(repoRoot, 'dist', 'cli.js');

/** What VS Code announces: versioned edits, code actions resolved lazily. */
const vscodeLike: ClientCapabilities = {
  workspace: { configuration: true, workspaceFolders: true, workspaceEdit: { documentChanges: true } },
  textDocument: {
    publishDiagnostics: { versionSupport: true },
    codeAction: { resolveSupport: { properties: ['edit'] }, dataSupport: true },
  },
};
/** A plain client: no versioned edits, no resolve. */
const plain: ClientCapabilities = { workspace: { configuration: true } };

function tempCopy(): string {
  const dir = mkdtempSync(join(tmpdir(), 'citelens-edits-'));
  cpSync(example, dir, { recursive: true });
  return dir;
}

/** The edits of a WorkspaceEdit by URI, with the version each names (undefined for plain `changes`). */
function editsByUri(edit: WorkspaceEdit): Map<string, { version: number | null | undefined; edits: TextEdit[] }> {
  const out = new Map<string, { version: number | null | undefined; edits: TextEdit[] }>();
  for (const change of edit.documentChanges ?? []) {
    assert.ok('textDocument' in change, 'only text edits, no file operations');
    const d = change as TextDocumentEdit;
    out.set(d.textDocument.uri, { version: d.textDocument.version, edits: d.edits as TextEdit[] });
  }
  for (const [uri, edits] of Object.entries(edit.changes ?? {})) out.set(uri, { version: undefined, edits });
  return out;
}

/** Applies LSP text edits (positions in `text`) as an editor does: all at once, offsets of the original text. */
function apply(text: string, edits: TextEdit[]): string {
  const sorted = edits.map((e) => ({ start: offsetAt(text, e.range.start), end: offsetAt(text, e.range.end), newText: e.newText }))
    .sort((a, b) => b.start - a.start || b.end - a.end);
  for (const e of sorted) text = text.slice(0, e.start) + e.newText + text.slice(e.end);
  return text;
}

function execute(client: LspClient, command: string, uri: string, version: number | null): Promise<EditCommandResult> {
  return client.request<EditCommandResult>('workspace/executeCommand', { command: `citelens.server.${command}`, arguments: [{ uri, version }] });
}

/** Sends a WorkspaceEdit's edits of `uri` to the server as the editor would after applying it. */
async function sendApplied(client: LspClient, uri: string, edits: TextEdit[]): Promise<void> {
  // Incremental changes apply one after another: send them last to first so earlier positions stay valid.
  const text = client.text(uri);
  const ordered = [...edits].sort((a, b) => offsetAt(text, b.range.start) - offsetAt(text, a.range.start));
  await client.change(uri, ordered.map((e) => ({ range: e.range, text: e.newText })));
}

before(async () => {
  await serverBundle();
});

describe('renumbering the example manuscript (a VS Code-like client)', () => {
  let dir: string;
  let cliDir: string;
  let client: LspClient;
  let uri: string;
  let original: string;
  before(async () => {
    dir = tempCopy();
    cliDir = tempCopy();
    ({ client } = await LspClient.start({ root: dir, capabilities: vscodeLike }));
    uri = await client.open(join(dir, 'manuscript.md'));
    original = client.text(uri);
  });
  after(async () => {
    await client.stop();
    rmSync(dir, { recursive: true, force: true });
    rmSync(cliDir, { recursive: true, force: true });
  });

  test('a stale version is refused with a clear summary and no edit', async () => {
    const result = await execute(client, 'renumber', uri, client.version(uri) + 1);
    assert.equal(result.edit, null);
    assert.equal(result.refused, true);
    assert.equal(result.summary, 'The document changed while Citelens was renumbering; run the command again.');
  });

  test('the quick fix on citation-order carries the renumbering edit (resolved lazily)', async () => {
    const { diagnostics } = await client.diagnostics(uri, (p) => p.diagnostics.some((d) => d.code === 'citation-order'));
    const order = diagnostics.find((d) => d.code === 'citation-order')!;
    const actions = await client.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri }, range: order.range, context: { diagnostics: [order] } });
    const fix = actions.find((a) => a.title === 'Renumber references by first citation');
    assert.ok(fix, `actions: ${actions.map((a) => a.title).join(', ')}`);
    assert.equal(fix.kind, 'quickfix');
    assert.equal(fix.isPreferred, true);
    assert.deepEqual(fix.diagnostics, [order]);
    assert.equal(fix.edit, undefined, 'the edit is computed on resolve');
    assert.equal(fix.command, undefined, 'no command runs after the edit');
    const resolved = await client.request<CodeAction>('codeAction/resolve', fix);
    assert.ok(resolved.edit, 'resolve adds the edit');
    assert.equal(resolved.command, undefined);
    const command = await execute(client, 'renumber', uri, client.version(uri));
    assert.deepEqual(resolved.edit, command.edit);
  });

  test('the edit gives exactly the bytes of `citelens renumber --write`; a second run changes nothing', async () => {
    const result = await execute(client, 'renumber', uri, client.version(uri));
    assert.equal(result.refused, undefined, result.summary);
    assert.match(result.summary, /^Renumbered \d+ works? in \d+ citations?/);
    assert.ok(result.edit?.documentChanges, 'documentChanges for a client that supports them');
    const files = editsByUri(result.edit);
    assert.deepEqual([...files.keys()], [uri], 'only the manuscript changes');
    assert.equal(files.get(uri)!.version, client.version(uri), 'the edit names the open document\'s version');
    const renumbered = apply(original, files.get(uri)!.edits);
    assert.match(original, /\*\*Research Questions\*\* .*\[7\]\. \|/);
    assert.match(renumbered, /\*\*Research Questions\*\* .*\[6\]\. \|/);

    const cliFile = join(cliDir, 'manuscript.md');
    const run = spawnSync(process.execPath, [cli, 'renumber', '--write', cliFile], { encoding: 'utf8' });
    assert.equal(run.status, 0, run.stderr);
    assert.equal(renumbered, readFileSync(cliFile, 'utf8'), 'same bytes as the CLI');
    assert.equal(renumbered, readFileSync(join(repoRoot, 'test/fixtures/renumber/genai-healthcare.expected.md'), 'utf8'));

    await sendApplied(client, uri, files.get(uri)!.edits);
    assert.equal(client.text(uri), renumbered);
    const again = await execute(client, 'renumber', uri, client.version(uri));
    assert.equal(again.edit, null);
    assert.equal(again.refused, undefined);
    assert.match(again.summary, /Nothing to renumber/);
    await client.diagnostics(uri, (p) => p.version === client.version(uri) && !p.diagnostics.some((d) => d.code === 'citation-order'));
  });

  test('Convert Citations to Pandoc Keys replaces numbers by keys; Convert to Numbers refuses a numeric manuscript', async () => {
    const result = await execute(client, 'convertToPandoc', uri, client.version(uri));
    assert.ok(result.edit, result.summary);
    assert.match(result.summary, /^Converted \d+ citations? to \[@key\]/);
    const converted = apply(client.text(uri), editsByUri(result.edit).get(uri)!.edits);
    assert.match(converted, /\[@goodfellow2014gan/);
    assert.ok(result.notes?.some((n) => /reference list is kept/.test(n)), `notes: ${result.notes?.join(' | ')}`);
    const numeric = await execute(client, 'convertToNumeric', uri, client.version(uri));
    assert.equal(numeric.refused, true);
    assert.equal(numeric.edit, null);
  });
});

describe('a multi-file manuscript (a plain client: no versioned edits, no resolve)', () => {
  let dir: string;
  let client: LspClient;
  const bib = [
    '@article{alpha, title={Generative models for clinical text}, author={Ann Author}, journal={J}, year={2020}}',
    '@article{beta, title={Retrieval augmented diagnosis in radiology}, author={Bob Writer}, journal={J}, year={2021}}',
    '@article{gamma, title={Gamma}, author={Cy Scholar}, journal={J}, year={2022}}',
  ].join('\n');
  const book = '---\ncitelens:\n  files: [book.md, ch2.md]\n---\n# Book\n\nFirst we cite [2], then [1].\n';
  const ch2 = '# Later\n\nAgain [3] and [1].\n\n## References\n\n1. Author A. Alpha. J. 2020.\n2. Writer B. Beta. J. 2021.\n3. Scholar C. Gamma. J. 2022.\n';
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'citelens-edits-book-'));
    writeFileSync(join(dir, 'book.md'), book);
    writeFileSync(join(dir, 'ch2.md'), ch2);
    writeFileSync(join(dir, 'refs.bib'), bib);
    ({ client } = await LspClient.start({ root: dir, capabilities: plain }));
  });
  after(async () => {
    await client.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  test('one edit renumbers both files; the closed chapter is edited too', async () => {
    const uri = await client.open(join(dir, 'book.md'));
    const result = await execute(client, 'renumber', uri, client.version(uri));
    assert.ok(result.edit?.changes, `plain changes for a client without documentChanges: ${result.summary}`);
    const files = editsByUri(result.edit);
    const ch2Uri = uriOf(join(dir, 'ch2.md'));
    assert.deepEqual([...files.keys()].sort(), [uri, ch2Uri].sort());
    assert.equal(apply(book, files.get(uri)!.edits), book.replace('[2], then [1]', '[1], then [2]'));
    assert.equal(apply(ch2, files.get(ch2Uri)!.edits),
      '# Later\n\nAgain [3] and [2].\n\n## References\n\n1. Writer B. Beta. J. 2021.\n2. Author A. Alpha. J. 2020.\n3. Scholar C. Gamma. J. 2022.\n');
  });

  test('the quick fix carries the edit directly when the client does not resolve', async () => {
    const uri = uriOf(join(dir, 'book.md'));
    const { diagnostics } = await client.diagnostics(uri, (p) => p.diagnostics.some((d) => d.code === 'citation-order'));
    const order = diagnostics.find((d: Diagnostic) => d.code === 'citation-order')!;
    const actions = await client.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri }, range: order.range, context: { diagnostics: [order] } });
    const fix = actions.find((a) => a.title === 'Renumber references by first citation');
    assert.ok(fix?.edit, 'the action carries its edit');
    assert.equal(fix.command, undefined);
    assert.deepEqual(fix.edit, (await execute(client, 'renumber', uri, client.version(uri))).edit);
  });

  test('Update Reference List formats items in the front matter\'s CSL style, read from the workspace', async () => {
    const csl = '<?xml version="1.0" encoding="utf-8"?>\n<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0">'
      + '<info><title>Title only</title><id>title-only</id><updated>2024-01-01T00:00:00+00:00</updated></info>'
      + '<citation><layout><text variable="title"/></layout></citation>'
      + '<bibliography><layout><text variable="title" prefix="TITLE "/></layout></bibliography></style>\n';
    writeFileSync(join(dir, 'title-only.csl'), csl);
    const solo = '---\nbibliography: refs.bib\ncsl: title-only.csl\n---\nSee [2] and [1].\n\n## References\n\n1. Author A. Generative models for clinical text. J. 2020.\n2. Writer B. Retrieval augmented diagnosis in radiology. J. 2021.\n';
    const uri = await client.open(join(dir, 'solo.md'), solo);
    const result = await execute(client, 'updateReferenceList', uri, client.version(uri));
    assert.ok(result.edit, result.summary);
    const updated = apply(solo, editsByUri(result.edit).get(uri)!.edits);
    assert.match(updated, /See \[1\] and \[2\]\.\n\n## References\n\n1\. TITLE Retrieval augmented diagnosis in radiology\.?\n2\. TITLE Generative models for clinical text\.?\n$/);

    await client.change(uri, [{ text: solo.replace('title-only.csl', 'missing.csl') }]);
    const fallback = await execute(client, 'updateReferenceList', uri, client.version(uri));
    assert.ok(fallback.edit, fallback.summary);
    assert.ok(fallback.notes?.some((n) => /“missing\.csl” \(front matter csl:\) cannot be read/.test(n)), `notes: ${fallback.notes?.join(' | ')}`);
    await client.close(uri);
  });

  test('a chapter changed after its analysis is refused (the disk text no longer matches)', async () => {
    const uri = uriOf(join(dir, 'book.md'));
    // The analysis is cached until the server hears of a change; change a closed chapter on disk without telling
    // it (no file watcher here): the text the plan was computed on is no longer the file's.
    assert.ok((await execute(client, 'renumber', uri, client.version(uri))).edit);
    writeFileSync(join(dir, 'ch2.md'), ch2.replace('Again', 'Once more'));
    const result = await execute(client, 'renumber', uri, client.version(uri));
    assert.equal(result.refused, true, result.summary);
    assert.match(result.summary, /changed while Citelens was renumbering/);
    writeFileSync(join(dir, 'ch2.md'), ch2);
  });
});
