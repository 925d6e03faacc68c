/**
 * Unseen manuscripts, sixth round (earlier: unseenRound4.test.ts, unseenRound5.test.ts). Each case asserts what the
 * user sees: the citations read, in order, and the diagnostics with their positions and messages.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { TextDocuments, TextDocumentChangeEvent } from 'vscode-languageserver';
import { LspWorkspace } from '../../server/src/lsp/lspWorkspace';
import { createCitelensService } from '../../server/src/service/service';
import { MemoryWorkspace } from '../../server/src/service/workspace';
import type { NotUtf8 } from '../../server/src/service/workspace';
import { parseManuscript } from '../../server/src/service/markdown/manuscript';
import { ManuscriptCaches } from '../../server/src/service/markdown/manuscriptCaches';
import { defaultSettings } from '../../server/src/service/settings';
import { seen } from '../helpers/unseen';

const UNSEEN = join(__dirname, '..', 'fixtures', 'unseen');

/** Just enough of vscode-languageserver's `TextDocuments` for the workspace to follow opened documents. */
function fakeDocuments() {
  const opened: ((e: TextDocumentChangeEvent<TextDocument>) => void)[] = [];
  const documents = {
    onDidOpen: (f: (e: TextDocumentChangeEvent<TextDocument>) => void) => opened.push(f),
    onDidChangeContent: () => undefined,
    onDidClose: () => undefined,
  } as unknown as TextDocuments<TextDocument>;
  const open = (path: string, text: string) => {
    const document = TextDocument.create(`file://${path}`, 'markdown', 1, text);
    for (const f of opened) f({ document });
  };
  return { documents, open };
}

test('an open document holding U+FFFD (VS Code decoded a Latin-1 file as UTF-8): the workspace says where, byte unknown; a clean one, nothing', () => {
  const { documents, open } = fakeDocuments();
  const workspace = new LspWorkspace(documents);
  open('/w/refs.bib', '@article{a,\n  author = {M\uFFFDller}, title = {X \uFFFD Y}\n}\n');
  open('/w/paper.md', 'Plain UTF-8: Müller – “quotes”.\n');
  assert.deepEqual(workspace.notUtf8('/w/refs.bib'), { offset: 25, byte: null } satisfies NotUtf8);
  assert.equal(workspace.notUtf8('/w/paper.md'), undefined);
  assert.equal(workspace.notUtf8('/w/closed.md'), undefined, 'a file never read');
});

/** A workspace whose files are "open" with the editor's decoding: `notUtf8` as LspWorkspace answers for them. */
class EditorWorkspace extends MemoryWorkspace {
  constructor(private readonly texts: Record<string, string>) {
    super(new Map(Object.entries(texts)));
  }

  notUtf8(path: string): NotUtf8 | undefined {
    const offset = this.texts[path]?.indexOf('\uFFFD') ?? -1;
    return offset < 0 ? undefined : { offset, byte: null };
  }
}

test('the core on an editor\'s U+FFFD: bib-syntax not-utf8 on the .bib and manuscript-encoding on the chapter, at the first �, saying to reopen with the encoding', async () => {
  const ws = new EditorWorkspace({
    '/w/paper.md': '---\nbibliography: refs.bib\n---\n\n## \uFFFDbersicht\n\nText [@a] and a dash \uFFFD here.\n',
    '/w/refs.bib': '@article{a,\n  author = {M\uFFFDller, J}, title = {Heat}, year = {2019}\n}\n',
  });
  const service = createCitelensService(ws);
  const analysis = await service.analyze('/w/paper.md');
  const seen = analysis.diagnostics.map((d) => `${d.uri.split('/').pop()}:${d.span.start} ${d.code}${d.code === 'bib-syntax' ? ':' + (d.facts as { kind: string }).kind : ''}`);
  assert.deepEqual(seen.sort(), ['paper.md:35 manuscript-encoding', 'refs.bib:25 bib-syntax:not-utf8']);
  const message = (code: string) => analysis.diagnostics.find((d) => d.code === code)!.message;
  assert.equal(message('manuscript-encoding'), 'A character here could not be decoded when the file was opened (shown as �): the file is not UTF-8. Pandoc warns and reads it as Latin-1. Reopen it with its encoding (in VS Code: Reopen with Encoding → Western (Windows 1252)) and save it as UTF-8; saved as it is, the character is lost.');
  assert.match(message('bib-syntax'), /^A character here could not be decoded .* Pandoc stops on such a byte/);
});

test('a review converted from HTML keeps raw headings: `<h2 id="references"><strong>References</strong></h2>` (and `<h3>Bibliography</h3>` right above its list) titles the reference list', async () => {
  const root = join(UNSEEN, 'html-headings');
  for (const file of ['review.md', 'tight.md']) {
    const { cites, diagnostics } = await seen(root, file);
    assert.deepEqual(cites[file], ['1', '2,3', '4', '5', '3,6'], file);
    assert.deepEqual(diagnostics, [], file);
  }
});

test('raw HTML headings, case by case: which title the list', () => {
  const list = '\n1. Oke TR. The energetic basis of the urban heat island. 1982.\n2. Arnfield AJ. Two decades of urban climate research. 2003.\n';
  const cases: [string, string, number][] = [
    ['h2', 'Text [1, 2].\n\n<h2>References</h2>\n', 2],
    ['attributes and a tag inside', 'Text [1, 2].\n\n<h2 class="x" id="refs"><b>References</b></h2>\n', 2],
    ['upper case, numbered title', 'Text [1, 2].\n\n<H1>7. REFERENCES</H1>\n', 2],
    ['another title', 'Text [1, 2].\n\n<h2>Methods</h2>\n', 0],
    ['in a code block', 'Text [1, 2].\n\n```\n<h2>References</h2>\n```\n', 0],
    ['an unclosed heading is no title', 'Text [1, 2].\n\n<h2>References\n', 0],
  ];
  for (const [name, body, count] of cases) {
    const ms = parseManuscript('/w/a.md', body + list, defaultSettings, new ManuscriptCaches(), 0, { incremental: false });
    assert.equal(ms.referenceList?.items.length ?? 0, count, name);
  }
});
