/**
 * The language server over stdio, as an editor drives it: initialize, open and edit documents, wait for
 * published diagnostics, and ask for hovers, definitions, references, renames, completions and code actions —
 * on the example workspace and on small fixture workspaces in a temp folder.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type {
  CodeAction,
  CompletionItem,
  CompletionList,
  Diagnostic,
  DocumentLink,
  Hover,
  Location,
  LocationLink,
  PrepareRenameResult,
  WorkspaceEdit,
} from 'vscode-languageserver-protocol';
import { LspClient, offsetAt, serverBundle, uriOf } from '../helpers/lspClient';
import { repoRoot } from '../helpers/shared';

const example = join(repoRoot, 'examples', 'genai-healthcare');

/** Applies a workspace edit's changes for `uri` to `text`. */
function applyChanges(text: string, edit: WorkspaceEdit, uri: string): string {
  const edits = [...(edit.changes?.[uri] ?? [])].sort((a, b) => offsetAt(text, b.range.start) - offsetAt(text, a.range.start));
  for (const e of edits) text = text.slice(0, offsetAt(text, e.range.start)) + e.newText + text.slice(offsetAt(text, e.range.end));
  return text;
}

function markdownOf(hover: Hover | null): string {
  const contents = hover?.contents;
  return contents && typeof contents === 'object' && 'value' in contents ? contents.value : '';
}

before(async () => {
  await serverBundle();
});

describe('the example workspace (numeric, with a reference list)', () => {
  let client: LspClient;
  let uri: string;
  before(async () => {
    ({ client } = await LspClient.start({ root: example }));
    uri = await client.open(join(example, 'manuscript.md'));
  });
  after(() => client.stop());

  test('diagnostics are published on open, with source, string codes and the document version', async () => {
    const published = await client.diagnostics(uri);
    assert.equal(published.version, 1);
    // What the example is built to show, in its first publication: [7] cited before [6], and [6] never cited.
    const on = (code: string) => published.diagnostics.filter((d) => d.code === code).map((d) => ({ range: d.range, severity: d.severity }));
    assert.deepEqual(on('citation-order'), [{ range: client.range(uri, 'directions in this domain[«7»]'), severity: 2 }]);
    assert.deepEqual(on('orphaned-reference'), [
      { range: client.range(uri, '«6. Shorten, C., and Khoshgoftaar, T. M., "A survey on Image Data Augmentation for Deep Learning," *Journal of Big Data*, vol. 6, no. 60, 2019.»'), severity: 2 },
    ]);
    for (const d of published.diagnostics) {
      assert.equal(d.source, 'citelens');
      assert.equal(typeof d.code, 'string');
      assert.ok(d.severity! >= 1 && d.severity! <= 4);
    }
  });

  test('hover on [1] shows the list item and its BibTeX key, spanning only the number', async () => {
    const one = '(LLMs)[«|1»]';
    const hover = await client.request<Hover>('textDocument/hover', { textDocument: { uri }, position: client.at(uri, one) });
    assert.deepEqual(hover.range, client.range(uri, one));
    assert.match(markdownOf(hover), /^\*\*\[1\]\*\* · `goodfellow2014gan` · references\.bib\n\nGoodfellow, I\./);
    assert.equal(markdownOf(hover).split('Generative Adversarial Networks').length - 1, 1, 'the reference once');
  });

  test('hover on prose is empty', async () => {
    const hover = await client.request<Hover | null>('textDocument/hover', { textDocument: { uri }, position: client.at(uri, 'The |rapid advancement') });
    assert.equal(hover, null);
  });

  test('definition of [1] is its reference-list item', async () => {
    const links = await client.request<LocationLink[]>('textDocument/definition', { textDocument: { uri }, position: client.at(uri, '(LLMs)[|1]') });
    assert.equal(links.length, 1);
    assert.equal(links[0].targetUri, uri);
    assert.deepEqual(links[0].targetSelectionRange, client.range(uri, '«1.» Goodfellow'));
    assert.match(client.slice(uri, links[0].targetRange), /^1\. Goodfellow/);
  });

  test('references from a list item are the citations of that work', async () => {
    const locations = await client.request<Location[]>('textDocument/references', {
      textDocument: { uri },
      position: client.at(uri, '|1. Goodfellow'),
      context: { includeDeclaration: false },
    });
    assert.ok(locations.length >= 1);
    for (const l of locations) assert.equal(client.slice(uri, l.range), '1');
  });

  test('completion after [ offers every reference number with its text', async () => {
    const at = client.text(uri).indexOf('\n\n## 2.');
    await client.insert(uri, at, ' See [');
    const list = await client.request<CompletionList>('textDocument/completion', {
      textDocument: { uri },
      position: client.at(uri, ' See [|\n\n## 2.'),
      context: { triggerKind: 2, triggerCharacter: '[' },
    });
    const labels = list.items.map((i) => i.label);
    assert.deepEqual(labels, Array.from({ length: 20 }, (_, i) => String(i + 1)));
    assert.match(list.items[2].detail ?? '', /Denoising Diffusion/);
  });

  test('an edit re-publishes diagnostics for the new version only', async () => {
    const at = client.text(uri).indexOf('\n\n## 2.');
    const version = await client.insert(uri, at, ' Unknown [99].');
    // The new citation's diagnostic comes once the author pauses (citelens.diagnostics.typingPause).
    const published = await client.diagnostics(uri, (p) => p.version === version && p.diagnostics.some((d) => d.code === 'unresolved-citation'));
    const unresolved = published.diagnostics.filter((d) => d.code === 'unresolved-citation');
    assert.deepEqual(unresolved.map((d) => client.slice(uri, d.range)), ['99']);
    // Nothing older than an already-published version is ever published after it.
    const versions = client.published.filter((p) => p.uri === uri).map((p) => p.version ?? 0);
    assert.deepEqual(versions, [...versions].sort((a, b) => a - b));
  });
});

/** A fixture workspace in a temp folder: Pandoc citations, a .bib with problems, a second chapter-less file. */
describe('a Pandoc workspace', () => {
  const dir = mkdtempSync(join(tmpdir(), 'citelens-protocol-'));
  const paper = join(dir, 'paper.md');
  const other = join(dir, 'notes.md');
  const bibPath = join(dir, 'refs.bib');
  const bib = `@article{smith2020,
  title={Deep learning for medical imaging},
  author={Smith, John and Roe, Richard},
  year={2020},
  doi={10.1000/xyz}
}

@book{doe2019,
  title={Statistical Methods},
  author={Doe, Jane},
  year=2019
}
`;
  let client: LspClient;
  let uri: string;
  let bibUri: string;
  before(async () => {
    writeFileSync(paper, '# Intro\n\nDeep learning works [@smith2020; @doe2019, p. 4]. As @smith2020 says, and [@smtih2020].\n');
    writeFileSync(other, 'Closed file citing [@nobody2000].\n');
    writeFileSync(bibPath, bib);
    ({ client } = await LspClient.start({ root: dir }));
    uri = await client.open(paper);
    bibUri = uriOf(bibPath);
  });
  after(async () => {
    await client.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  test('an unknown key is an error with a did-you-mean quick fix', async () => {
    const { diagnostics } = await client.diagnostics(uri);
    const d = diagnostics.find((x) => x.code === 'unresolved-citation');
    assert.ok(d, 'expected unresolved-citation');
    assert.equal(d.severity, 1);
    assert.equal(client.slice(uri, d.range), 'smtih2020');
    const actions = await client.request<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri },
      range: d.range,
      context: { diagnostics: [d] },
    });
    assert.equal(actions[0].title, 'Change to @smith2020 — Smith & Roe 2020, “Deep learning for medical imaging”');
    assert.ok(applyChanges(client.text(uri), actions[0].edit!, uri).includes('and [@smith2020].'));
    assert.deepEqual(actions[0].diagnostics, [d]);
    // Last, for every code: the README's suppression comment on the line before.
    const ignore = actions.at(-1)!;
    assert.equal(ignore.title, 'Ignore unresolved-citation on this line');
    assert.match(applyChanges(client.text(uri), ignore.edit!, uri), /<!-- citelens-disable-next-line unresolved-citation -->\n.*\[@smtih2020\]/);
  });

  test('hover on a key shows the formatted reference with a DOI link', async () => {
    const key = 'works [@«sm|ith2020»;';
    const hover = await client.request<Hover>('textDocument/hover', { textDocument: { uri }, position: client.at(uri, key) });
    assert.deepEqual(hover.range, client.range(uri, key));
    assert.match(markdownOf(hover), /Deep learning for medical imaging/);
    assert.match(markdownOf(hover), /https:\/\/doi\.org\/10\.1000\/xyz/);
  });

  test('definition of a key is the entry key in the .bib', async () => {
    const links = await client.request<LocationLink[]>('textDocument/definition', { textDocument: { uri }, position: client.at(uri, '@|doe2019, p. 4') });
    assert.equal(links[0].targetUri, bibUri);
    const text = bib;
    const sel = links[0].targetSelectionRange;
    assert.equal(text.slice(offsetAt(text, sel.start), offsetAt(text, sel.end)), 'doe2019');
  });

  test('rename of a key rewrites the manuscript and the .bib; a number or prose is refused', async () => {
    const position = client.at(uri, 'As @|smith2020 says');
    const prepared = await client.request<PrepareRenameResult>('textDocument/prepareRename', { textDocument: { uri }, position });
    assert.deepEqual('placeholder' in prepared && prepared.placeholder, 'smith2020');
    const edit = await client.request<WorkspaceEdit>('textDocument/rename', { textDocument: { uri }, position, newName: 'smith2020deep' });
    assert.match(applyChanges(client.text(uri), edit, uri), /\[@smith2020deep; @doe2019, p\. 4\]\. As @smith2020deep says/);
    assert.match(applyChanges(bib, edit, bibUri), /^@article\{smith2020deep,/);
    await assert.rejects(
      client.request('textDocument/prepareRename', { textDocument: { uri }, position: client.at(uri, '|works [@') }),
      /Only a citation key/,
    );
  });

  test('completion after [@ lists keys, and resolving one adds its formatted reference', async () => {
    const at = client.text(uri).length;
    await client.insert(uri, at, 'More [@sta');
    const list = await client.request<CompletionList>('textDocument/completion', {
      textDocument: { uri },
      position: client.at(uri, 'More [@sta|'),
      context: { triggerKind: 1 },
    });
    assert.deepEqual(list.items.map((i) => i.label), ['doe2019']);
    const resolved = await client.request<CompletionItem>('completionItem/resolve', list.items[0]);
    assert.match(JSON.stringify(resolved.documentation), /Statistical Methods/);
  });

  test('references from the .bib key find the citations', async () => {
    await client.open(bibPath);
    const locations = await client.request<Location[]>('textDocument/references', {
      textDocument: { uri: bibUri }, position: client.at(bibUri, '@article{|smith2020,'), context: { includeDeclaration: false },
    });
    assert.deepEqual(locations.map((l) => [l.uri, l.range]), [[uri, client.range(uri, 'works [@«smith2020»;')], [uri, client.range(uri, 'As @«smith2020» says')]]);
    await client.close(bibUri);
  });

  test('DOIs are document links', async () => {
    const at = client.text(uri).length;
    await client.insert(uri, at, '\nSee doi:10.1038/nature14539.\n');
    const links = await client.request<DocumentLink[]>('textDocument/documentLink', { textDocument: { uri } });
    assert.deepEqual(links.map((l) => l.target), ['https://doi.org/10.1038/nature14539']);
  });

  test('a .bib changed on disk re-checks the manuscript', async () => {
    const version = client.version(uri);
    const next = client.nextDiagnostics(uri, (p) => !p.diagnostics.some((d: Diagnostic) => client.slice(uri, d.range) === 'smtih2020'));
    writeFileSync(bibPath, bib + '\n@misc{smtih2020, title={Typo kept}, author={Smtih, A}, year=2020}\n');
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: bibUri, type: 2 }] });
    const published = await next;
    assert.equal(published.version, version);
  });

  test('.bib problems are published on the .bib itself', async () => {
    writeFileSync(bibPath, bib + '\n@book{doe2019, title={Again}, year=2001}\n\n@article{broken, title={Unclosed\n');
    const published = client.nextDiagnostics(bibUri, (p) => p.diagnostics.length > 0);
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: bibUri, type: 2 }] });
    const { diagnostics } = await published;
    const codes = diagnostics.map((d) => d.code).sort();
    assert.ok(codes.includes('duplicate-bib-key'), codes.join());
    assert.ok(codes.includes('bib-syntax'), codes.join());
    assert.ok(diagnostics.every((d) => d.source === 'citelens'));
    const duplicate = diagnostics.find((d) => d.code === 'duplicate-bib-key')!;
    const first = duplicate.relatedInformation?.[0];
    assert.equal(first?.location.uri, bibUri);
    assert.equal(first?.location.range.start.line, bib.split('\n').findIndex((l) => l.includes('{doe2019,')));
  });

  test('settings: a severity override applies to published diagnostics', async () => {
    const next = client.nextDiagnostics(uri, (p) => p.diagnostics.some((d) => d.code === 'unresolved-citation'));
    const at = client.text(uri).length;
    await client.setSettings({ diagnostics: { severity: { 'unresolved-citation': 'warning' } } });
    await client.insert(uri, at, '\nAlso [@zzz_unknown].\n');
    const { diagnostics } = await next;
    const unresolved = diagnostics.filter((d) => d.code === 'unresolved-citation');
    assert.ok(unresolved.length > 0 && unresolved.every((d) => d.severity === 2), JSON.stringify(unresolved));
  });

  test('Check Workspace checks closed manuscripts too and returns counts', async () => {
    const otherUri = uriOf(other);
    const result = await client.request<{ files: number; errors: number; warnings: number }>('workspace/executeCommand', {
      command: 'citelens.server.checkWorkspace',
      arguments: [{}],
    });
    assert.ok(result.files >= 2, JSON.stringify(result));
    const published = await client.diagnostics(otherUri);
    assert.deepEqual(published.diagnostics.map((d) => d.code), ['unresolved-citation']);
    assert.ok(result.warnings + result.errors >= 1);
  });

  test('a request on a missing document answers empty and the server keeps working', async () => {
    const missing = uriOf(join(dir, 'missing.md'));
    const hover = await client.request('textDocument/hover', { textDocument: { uri: missing }, position: { line: 0, character: 0 } });
    assert.equal(hover, null);
    const again = await client.request<Hover>('textDocument/hover', { textDocument: { uri }, position: client.at(uri, '@|doe2019, p. 4') });
    assert.match(markdownOf(again), /Statistical Methods/);
  });
});

describe('debouncing', () => {
  const dir = mkdtempSync(join(tmpdir(), 'citelens-debounce-'));
  const paper = join(dir, 'paper.md');
  let client: LspClient;
  before(async () => {
    writeFileSync(join(dir, 'refs.bib'), readFileSync(join(example, 'references.bib'), 'utf8'));
    writeFileSync(paper, 'Start [@ho2020ddpm].\n');
    ({ client } = await LspClient.start({ root: dir, settings: { diagnostics: { debounce: 100 } } }));
  });
  after(async () => {
    await client.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  test('a burst of keystrokes publishes for the last version, never for a stale one', async () => {
    const uri = await client.open(paper);
    await client.diagnostics(uri, (p) => p.version === 1);
    const typed = ' [@goodfellow2014gan] and [@nope';
    let version = 1;
    for (const ch of typed) version = await client.insert(uri, client.text(uri).length - 1, ch);
    // The citation being typed is reported once the author pauses (citelens.diagnostics.typingPause).
    const last = await client.diagnostics(uri, (p) => p.version === version && p.diagnostics.some((d) => d.code === 'unresolved-citation' || d.code === 'malformed-citation'));
    assert.equal(last.version, version);
    const versions = client.published.filter((p) => p.uri === uri).map((p) => p.version);
    // Debounced: far fewer publications than keystrokes, in version order, ending at the last version.
    assert.ok(versions.length < typed.length / 2, `published ${versions.length} times for ${typed.length} keystrokes`);
    assert.deepEqual(versions, [...versions].sort((a, b) => a! - b!));
  });
});

describe('a manuscript in chapters', () => {
  const dir = mkdtempSync(join(tmpdir(), 'citelens-chapters-'));
  let client: LspClient;
  before(async () => {
    writeFileSync(join(dir, 'index.md'), '---\ncitelens:\n  files: [ch1.md, ch2.md]\n---\n# Book\n');
    writeFileSync(join(dir, 'ch1.md'), 'One [@ho2020ddpm].\n');
    writeFileSync(join(dir, 'ch2.md'), 'Two [@kingma2014vae].\n');
    writeFileSync(join(dir, 'refs.bib'), readFileSync(join(example, 'references.bib'), 'utf8'));
    ({ client } = await LspClient.start({ root: dir }));
  });
  after(async () => {
    await client.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  test('opening the root checks every chapter; editing a chapter re-checks the whole manuscript', async () => {
    const root = await client.open(join(dir, 'index.md'));
    await client.diagnostics(root);
    const ch2 = uriOf(join(dir, 'ch2.md'));
    await client.diagnostics(ch2, (p) => p.diagnostics.length === 0);
    await client.open(join(dir, 'ch2.md'));
    const version = await client.insert(ch2, client.text(ch2).length, 'And [@nope2000].\n');
    // The citation just typed is reported once the author pauses (citelens.diagnostics.typingPause).
    const published = await client.diagnostics(ch2, (p) => p.version === version && p.diagnostics.length > 0);
    assert.deepEqual(published.diagnostics.map((d) => client.slice(ch2, d.range)), ['nope2000']);
    const locations = await client.request<Location[]>('textDocument/references', {
      textDocument: { uri: ch2 }, position: client.at(ch2, 'Two [@|kingma'), context: { includeDeclaration: false },
    });
    assert.deepEqual(locations.map((l) => l.uri), [ch2]);
  });
});
