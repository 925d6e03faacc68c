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
import { planRenumber } from '../../server/src/service/renumber/renumber';
import { analyze, applyPlan } from '../helpers/renumberHarness';
import { splitSentences } from '../../server/src/service/topicFit/sentences';

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

test('a review pasted from Word with Unicode superscript citations (`warmer.¹`, `nights²⁻⁴`, `roofs¹,⁶`, `UK¹²`): every one read, no power or unit (`100 m²`, `10⁶`, `W m⁻²`, `R²`, `(a + b)²`, `CO₂`, `2 km²`) nor affiliation mark read, no diagnostic', async () => {
  const root = join(UNSEEN, 'unicode-superscripts');
  const { cites, diagnostics } = await seen(root, 'review.md');
  assert.deepEqual(cites['review.md'], ['1', '2,3,4', '5', '1,6', '7', '3', '8', '2,9', '10', '11', '12', '13', '7,8,9']);
  assert.deepEqual(diagnostics, []);
  // The same review with two works cited out of order and a number past the list: caught where they are written.
  const wrong = await seen(root, 'errors.md');
  assert.deepEqual(wrong.diagnostics, ['errors.md:22:65 citation-order', 'errors.md:22:86 citation-order', 'errors.md:24:107 unresolved-citation']);
});

test('Unicode superscripts, case by case: citations after a word, "et al" or punctuation; not powers, units, formulas, exponents, code or math', () => {
  const list = '\n\n## References\n\n' + Array.from({ length: 14 }, (_, k) => `${k + 1}. Author ${k + 1}. A study of topic ${k + 1}. J Test. 2020.\n`).join('');
  const cases: [string, string, string[][]][] = [
    ['after a word', 'Cities are warmer¹ than fields.', [['1']]],
    ['after a full stop', 'Cities are warmer than fields.¹ Next.', [['1']]],
    ['after a comma', 'Cities are warmer,² and drier.', [['2']]],
    ['two digits are one number', 'Cities are warmer¹² than fields.', [['12']]],
    ['a list', 'Cities are warmer¹,² than fields.', [['1', '2']]],
    ['a list with a semicolon', 'Cities are warmer¹;³ than fields.', [['1', '3']]],
    ['a range with the superscript minus', 'Cities are warmer¹⁻³ than fields.', [['1', '2', '3']]],
    ['a range with an en dash', 'Cities are warmer¹–³ than fields.', [['1', '2', '3']]],
    ['after et al', 'As Oke et al² showed.', [['2']]],
    ['after an acronym', 'In the UK⁵ roofs are green.', [['5']]],
    ['a list after a short word', 'Fitted in R¹³,¹⁴ as usual.', [['13', '14']]],
    ['after a bracket of words', 'Cities are warmer (as measured by satellites).⁴', [['4']]],
    ['square metres', 'Roofs larger than 100 m² were kept.', []],
    ['square kilometres', 'A city of 2 km² is small.', []],
    ['a power of ten', 'Of 10⁶ records screened.', []],
    ['a negative exponent', 'Fluxes in W m⁻² and kg m⁻² s⁻¹ were used.', []],
    ['R squared', 'The model explained it (R² = 0.81).', []],
    ['a variable squared', 'The cost grows as x² with size.', []],
    ['a formula squared', 'The error grew as (a + b)² with age.', []],
    ['a bracket without words', 'The error grew as f(x)² with age.', []],
    ['a unit of three letters', 'Doses of 5 mmol² were given.', []],
    ['an ion\'s charge', 'Levels of calcium²⁺ and sulfate²⁻ rose.', []],
    ['a subscript is no superscript', 'Stored CO₂ was not studied.', []],
    ['in code', 'Use `warmer¹` here.', []],
    ['in math', 'Cities are $warmer¹$ here.', []],
    ['an affiliation line', 'Jane Doe¹, John Roe²', []],
    ['a run not read is not read from its middle', 'Of 10¹²³ records.', []],
  ];
  for (const [name, body, expected] of cases) {
    const ms = parseManuscript('/w/a.md', body + list, defaultSettings, new ManuscriptCaches(), 0, { incremental: false });
    assert.deepEqual(ms.citations.map((c) => c.items.map((i) => i.ref)), expected, name);
  }
});

test('Unicode superscripts need a numbered reference list, and give way to bracketed numbers (one numeric form per manuscript)', async () => {
  const refs = (text: string) => createCitelensService(MemoryWorkspace.of({ '/w/a.md': text })).analyze('/w/a.md')
    .then((a) => a.files[0].citations.map((c) => c.items.map((i) => i.ref).join(',')));
  const list = '\n\n## References\n\n1. Oke TR. Urban heat. 1982.\n2. Arnfield AJ. Urban climate. 2003.\n';
  assert.deepEqual(await refs(`Cities are warmer¹ and drier.²${list}`), ['1', '2']);
  assert.deepEqual(await refs('Cities are warmer¹ and drier.²\n'), [], 'no list: note or footnote marks');
  assert.deepEqual(await refs(`Cities are warmer [1] and drier.²${list}`), ['1'], 'bracketed numbers: the superscript is a mark');
});

test('renumbering writes Unicode superscripts back as superscripts: digits, the range dash as written, a new range with ⁻', async () => {
  const list = (n: number): string => '\n## References\n\n' + Array.from({ length: n }, (_, i) => `${i + 1}. Work ${String.fromCharCode(65 + i)}.`).join('\n') + '\n';
  const table: [string, string, string][] = [
    ['single numbers', 'A warmer². B drier.¹', 'A warmer¹. B drier.²'],
    ['a list and two digits', 'A warmer¹². B drier.¹,² C wetter³⁻¹¹.', 'A warmer¹. B drier.²,³ C wetter⁴⁻¹².'],
    ['a range typed with an en dash keeps it', 'A warmer⁴. B drier¹–³.', 'A warmer¹. B drier²–⁴.'],
    ['a list that becomes a run of three', 'A warmer⁴. B drier¹,²,³. C wetter.⁵', 'A warmer¹. B drier²⁻⁴. C wetter.⁵'],
  ];
  for (const [name, body, expected] of table) {
    const files = { '/m.md': `# T\n\n${body}\n${list(12)}` };
    const plan = planRenumber(await analyze(files), { compactRanges: true, removeUncited: false });
    const after = applyPlan(files, plan)['/m.md'];
    assert.equal(after.slice(0, after.indexOf('\n## References')), `# T\n\n${expected}\n`, name);
  }
});

test('a sentence ending with a citation after its full stop keeps it, whatever the range dash (‐ ‑ ‒ −) and in Unicode superscripts: the next sentence starts after it', () => {
  const cases: [string, string, string[]][] = [
    ['hyphen U+2010', 'Heat rose.[3‐5] Next one.', ['Heat rose.[3‐5]', 'Next one.']],
    ['non-breaking hyphen U+2011', 'Heat rose. [3‑5] Next one.', ['Heat rose. [3‑5]', 'Next one.']],
    ['minus sign U+2212', 'Heat rose.^3−5^ Next one.', ['Heat rose.^3−5^', 'Next one.']],
    ['en dash, as before', 'Heat rose.[3–5] Next one.', ['Heat rose.[3–5]', 'Next one.']],
    ['Unicode superscript', 'Heat rose.¹ Next one.', ['Heat rose.¹', 'Next one.']],
    ['Unicode superscript range', 'Heat rose.²⁻⁴ Next one.', ['Heat rose.²⁻⁴', 'Next one.']],
    ['a decimal is still no sentence end', 'It was 0.95 in 2020. Next one.', ['It was 0.95 in 2020.', 'Next one.']],
  ];
  for (const [name, text, expected] of cases) {
    assert.deepEqual(splitSentences(text).map((s) => text.slice(s.start, s.end)), expected, name);
  }
});

test('a notebook exported to Markdown (nbconvert, Quarto): a pandas DataFrame\'s HTML cells `[5, 7]`, `[2]` are data, not citations; code and indented outputs were never read', async () => {
  const root = join(UNSEEN, 'notebook-export');
  const { cites, diagnostics } = await seen(root, 'review.md');
  assert.deepEqual(cites['review.md'], ['1', '2', '3']);
  assert.deepEqual(diagnostics, []);
  // A Pandoc citation in such a cell is still Pandoc's.
  const ms = parseManuscript('/w/a.md', '<table class="dataframe"><tr><td>[3] and [@key]</td></tr></table>\n\nText [1].\n\n## References\n\n1. A.\n2. B.\n3. C.\n', defaultSettings, new ManuscriptCaches(), 0, { incremental: false });
  assert.deepEqual(ms.citations.map((c) => c.raw), ['[@key]', '[1]']);
});

test('citations where Pandoc reads them and only there: MyST roles ({cite}`key`: code), Obsidian [[wikilinks]], a link\'s text, HTML <span> and <div> — as Pandoc 2.17 reads the same file', async () => {
  const root = join(UNSEEN, 'pandoc-odd-places');
  const { cites, diagnostics } = await seen(root, 'notes.md');
  // pandoc -f markdown -t json notes.md: Cite smith2020 (link text), jones2019 (span), smith2020 (div).
  assert.deepEqual(cites['notes.md'], ['smith2020', 'jones2019', 'smith2020']);
  assert.deepEqual(diagnostics, []);
});

test('sub-numbered citations of a chemistry review (`[2a,b]`, `[2c]`, `[4a–c]`): each cites its lettered list item `2. (a) … (b) …`; `[1a]` of an item without lettered parts and `[A]^2^` stay text', async () => {
  const root = join(UNSEEN, 'sub-numbered');
  const { cites, diagnostics } = await seen(root, 'review.md');
  assert.deepEqual(cites['review.md'], ['1', '2', '2', '3', '4', '5', '2', '5']);
  assert.deepEqual(diagnostics, []);
  const list = '\n\n## References\n\n1. (a) Oke TR. Heat. 1982. (b) Oke TR. More heat. 1987.\n2. Arnfield AJ. Urban climate. 2003.\n3. a) Voogt JA. Remote sensing. 2003. b) Voogt JA. Thermal imagery. 2004.\n';
  const cases: [string, string, string[]][] = [
    ['bracketed', 'Heat [1a]. Climate [2].', ['1', '2']],
    ['letters and a range', 'Heat [1a,b]. Climate [2]. Sensing [3a–b].', ['1', '2', '3']],
    ['escaped, as Word converters write it', 'Heat \\[1b\\]. Climate \\[2\\].', ['1', '2']],
    ['superscript', 'Heat rises.^1a^ Climate too.^2^', ['1', '2']],
    ['an item without lettered parts', 'Heat [2a]. Climate [1].', ['1']],
    ['a letter past h', 'Heat [1k]. Climate [2].', ['2']],
    ['in code', 'Heat `[1a]`. Climate [2].', ['2']],
  ];
  for (const [name, body, expected] of cases) {
    const ms = parseManuscript('/w/a.md', body + list, defaultSettings, new ManuscriptCaches(), 0, { incremental: false });
    assert.deepEqual(ms.citations.map((c) => c.items.map((i) => i.ref).join(',')), expected, name);
  }
  // Renumbering rewrites the number and keeps the letters.
  const files = { '/m.md': `# T\n\nClimate [2]. Heat [1a,b] and [1b].${list}` };
  const plan = planRenumber(await analyze(files), { compactRanges: true, removeUncited: false });
  const after = applyPlan(files, plan)['/m.md'];
  assert.equal(after.slice(0, after.indexOf('\n\n## References')), '# T\n\nClimate [1]. Heat [2a,b] and [2b].');
});
