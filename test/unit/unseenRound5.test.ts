/**
 * Unseen manuscripts, fifth round (earlier rounds: unseenManuscripts.test.ts, unseenRound4.test.ts). Each case
 * asserts what the user sees: the citations read, in order, and the diagnostics with their positions and messages
 * (off-topic aside). What Pandoc reads of the same files is checked against Pandoc in test/eval/unseenPandoc.test.ts.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { decode } from '../../server/src/node/decode';
import { createCitelensService } from '../../server/src/service/service';
import { MemoryWorkspace } from '../../server/src/service/workspace';
import { parseManuscript } from '../../server/src/service/markdown/manuscript';
import { ManuscriptCaches } from '../../server/src/service/markdown/manuscriptCaches';
import { defaultSettings } from '../../server/src/service/settings';
import { NodeWorkspace } from '../../server/src/cli/nodeWorkspace';
import { seen } from '../helpers/unseen';

const UNSEEN = join(__dirname, '..', 'fixtures', 'unseen');

test('bookdown theorem-like chunks (```{theorem}, {proof}, {definition}, {lemma lem-x}, {remark}, a ```` {example} holding an R chunk): their body is Markdown, its citations are read and checked; ```{r} chunks stay code', async () => {
  const root = join(UNSEEN, 'bookdown-theorems');
  const { cites, diagnostics, messages } = await seen(root, 'index.Rmd');
  assert.deepEqual(cites['index.Rmd'], [
    'matheron1963', 'cressie1993', // the prose
    'cressie1993', // {theorem, kriging, name="…"}
    'stein1999', // {proof}: `@stein1999 [pp. 4--6]`
    'pebesma2004', 'matheron1963', // ````{example}: around its ```{r} chunk (`# @stillcode` is code)
    'cressie1993,stien1999', // {definition}
    'matheron1963', // {lemma lem-x}
    'stein1999', // {remark}
  ]);
  // The typo inside the {definition} is caught, where it is written.
  assert.deepEqual(diagnostics, ['index.Rmd:35:64 unresolved-citation']);
  assert.match(messages[0], /stien1999.*stein1999/);
});

test('theorem-like chunks, case by case: which fences are Markdown', () => {
  const cases: [string, string, string[]][] = [
    ['theorem with label and name', '```{theorem, thm-a, name="Main"}\nText [@a].\n```\n', ['a']],
    ['engine then a space', '``` {lemma}\nText [@a].\n```\n', ['a']],
    ['proof, unnumbered', '```{proof}\nBy @a.\n```\n', ['a']],
    ['hypothesis (bookdown\'s ninth kind)', '```{hypothesis hyp-1}\nText [@a].\n```\n', ['a']],
    ['an R chunk is code', '```{r}\nx <- 1 # [@a]\n```\n', []],
    ['a chunk named theorem is code', '```{r theorem}\nx <- 1 # [@a]\n```\n', []],
    ['an engine that only starts like one', '```{theoremx}\nText [@a].\n```\n', []],
    ['tildes are no knitr chunk', '~~~{theorem}\nText [@a].\n~~~\n', []],
    ['a theorem fence inside code stays code', '````\n```{theorem}\nText [@a].\n```\n````\n', []],
    ['the option name="… [@b]" is R code', '```{theorem, name="After [@b]"}\nText [@a].\n```\n', ['a']],
    ['after the block, prose again', '```{definition}\nText [@a].\n```\n\nThen [@b].\n', ['a', 'b']],
  ];
  for (const [name, text, keys] of cases) {
    const ms = parseManuscript('/w/a.Rmd', text, defaultSettings, new ManuscriptCaches(), 0, { incremental: false });
    assert.deepEqual(ms.citations.flatMap((c) => c.items.map((i) => i.key)), keys, name);
  }
});

test('a Windows-1252 (Latin-1) manuscript: read whole, with one manuscript-encoding warning at its first byte that is not UTF-8 (Pandoc warns and reads it as Latin-1)', async () => {
  const root = join(UNSEEN, 'latin1-md');
  const cases: [string, string[], string[], string][] = [
    // Curly apostrophe and en dash (bytes 0x92, 0x96): Pandoc's Latin-1 makes them control characters.
    ['revue.md', ['oke1982,voogt2003', 'oke1982', 'arnfield2003'], ['revue.md:2:9 manuscript-encoding'],
      'This file is not UTF-8: byte 0xCE here is “Î” in Windows-1252 (Latin-1), as Citelens reads the file. Pandoc warns (“not UTF-8 encoded: falling back to latin1”) and reads it as Latin-1, where “’” (a Windows character, not Latin-1) becomes a control character. Save the file as UTF-8.'],
    // Latin-1 letters only: Pandoc reads the same text.
    ['latin1-only.md', ['oke1982', 'voogt2003'], ['latin1-only.md:1:5 manuscript-encoding'],
      'This file is not UTF-8: byte 0xEE here is “î” in Windows-1252 (Latin-1), as Citelens reads the file. Pandoc warns (“not UTF-8 encoded: falling back to latin1”) and reads it as Latin-1. Save the file as UTF-8.'],
  ];
  for (const [file, citations, expected, message] of cases) {
    const { cites, diagnostics, messages } = await seen(root, file);
    assert.deepEqual(cites[file], citations, file);
    assert.deepEqual(diagnostics, expected, file);
    assert.equal(messages[0], message, file);
    // The same text saved as UTF-8: nothing to say (the test can fail).
    const utf8 = MemoryWorkspace.of({ [`/w/${file}`]: decode(readFileSync(join(root, file))), '/w/refs.bib': readFileSync(join(root, 'refs.bib'), 'utf8') }, ['/w']);
    assert.deepEqual((await seen('/w', file, utf8 as unknown as NodeWorkspace)).diagnostics, [], `${file} as UTF-8`);
  }
});

test('an IEEE review typed in Word: ranges with Unicode hyphens (‐ U+2010, ‑ U+2011, − U+2212), spaced and em dashes, `[23]–[25]`, a bold **References** paragraph over `[n]` items: every work cited, none out of order', async () => {
  const root = join(UNSEEN, 'ieee-dashes');
  const { cites, diagnostics } = await seen(root, 'review.md');
  const range = (from: number, to: number): string => Array.from({ length: to - from + 1 }, (_, k) => String(from + k)).join(',');
  assert.deepEqual(cites['review.md'], [
    '1', '2', range(3, 5), '6', range(7, 9), range(10, 12), range(13, 15), range(16, 18),
    range(19, 21), '22', range(23, 25), '26', '27', '28', '29', '30', range(31, 33),
    '34', '35', '36', range(37, 39), '40',
  ]);
  assert.deepEqual(diagnostics, []);
});

test('range dashes, one by one: the look-alikes are ranges in brackets, superscripts and parentheses; a sign still opens an interval', () => {
  const list = '\n\n## References\n\n' + Array.from({ length: 9 }, (_, k) => `${k + 1}. Author ${k + 1}. A study of topic ${k + 1}. J Test. 2020.\n`).join('');
  const cases: [string, string, string[][]][] = [
    ['hyphen U+2010', 'Shown [3‐5].', [['3', '4', '5']]],
    ['non-breaking hyphen U+2011', 'Shown [3‑5].', [['3', '4', '5']]],
    ['figure dash U+2012', 'Shown [3‒5].', [['3', '4', '5']]],
    ['minus sign U+2212', 'Shown [3−5].', [['3', '4', '5']]],
    ['superscript', 'Sleep improves recall in adults.^3‑5^', [['3', '4', '5']]],
    ['IEEE bracketed', 'Shown [3]‐[5].', [['3', '4', '5']]],
    ['an interval with a minus sign', 'Values in [−1, 1] cite nothing; see [2].', [['2']]],
  ];
  for (const [name, body, expected] of cases) {
    const ms = parseManuscript('/w/a.md', body + list, defaultSettings, new ManuscriptCaches(), 0, { incremental: false });
    assert.deepEqual(ms.citations.map((c) => c.items.map((i) => i.ref)), expected, name);
  }
  // Numbers in parentheses (the Vancouver variant): the same dashes.
  const parenthesised = parseManuscript('/w/b.md', 'Sleep helps memory (1‑3). Naps too (4, 5).' + list, defaultSettings, new ManuscriptCaches(), 0, { incremental: false });
  assert.deepEqual(parenthesised.citations.map((c) => c.items.map((i) => i.ref)), [['1', '2', '3'], ['4', '5']]);
});

test('a reference-list title as an italic paragraph (`*References*`, `_Bibliography_`) is the list\'s title, as a bold one is', () => {
  for (const title of ['*References*', '_Bibliography_', '**References**', 'References:']) {
    const text = `Sleep [1] and memory [2].\n\n${title}\n\n1. Roe J. Sleep. 2010.\n2. Doe J. Memory. 2011.\n`;
    const ms = parseManuscript('/w/a.md', text, defaultSettings, new ManuscriptCaches(), 0, { incremental: false });
    assert.deepEqual(ms.referenceList?.items.map((i) => i.number), [1, 2], title);
  }
  // An italic line that is no title: no list.
  const other = parseManuscript('/w/a.md', 'Sleep [1].\n\n*Results*\n\n1. One.\n2. Two.\n', defaultSettings, new ManuscriptCaches(), 0, { incremental: false });
  assert.equal(other.referenceList, null);
});

test('R Markdown: e-mails, nocite, `[-@key]`, `@key [p. 3]`, `@key\'s` read as Pandoc reads them; GitHub handles and decorators written with @ are citations to Pandoc too, and the message says how to write them', async () => {
  const root = join(UNSEEN, 'rmd-acknowledgements');
  const { cites, diagnostics, messages } = await seen(root, 'review.Rmd');
  assert.deepEqual(cites['review.Rmd'], [
    'lobell2010,schlenker2009', 'vanklompenburg2020', 'chlingaryan2018', 'jeong2016', 'jeong2016', 'khaki2019', 'hersbach2020',
    '0.14', 'dataclass', 'lru_cache', 'maria-garcia', 'jdoe',
  ]);
  assert.deepEqual(diagnostics, ['40:10', '40:45', '40:60', '44:11', '44:29'].map((at) => `review.Rmd:${at} unresolved-citation`));
  assert.equal(messages[4], 'No bibliography entry has the key “jdoe”. If “@jdoe” is not a citation (a handle, a name in code), write “\\@jdoe”, as Pandoc reads it as one.');
  // A bracketed unknown key is meant as a citation: no such advice.
  const ws = MemoryWorkspace.of({ '/w/a.md': 'Shown [@jdoe].\n', '/w/refs.bib': readFileSync(join(root, 'refs.bib'), 'utf8') }, ['/w']);
  assert.deepEqual((await seen('/w', 'a.md', ws as unknown as NodeWorkspace)).messages, ['No bibliography entry has the key “jdoe”.']);
});

test('Nature\'s "Methods references": a section numbering on from the reference list is part of it; `R^13,14^` and `UK^7^` are citations, `R^2^` a power; a reference inside an item is none', async () => {
  const root = join(UNSEEN, 'nature-methods');
  const { cites, diagnostics } = await seen(root, 'coral.md');
  assert.deepEqual(cites['coral.md'], ['1,2', '3', '4,5', '6', '3,7', '7', '8,9,10', '11', '12', '13,14']);
  assert.deepEqual(diagnostics, []);
  const analysis = await createCitelensService(new NodeWorkspace([root])).analyze(join(root, 'coral.md'));
  const list = analysis.files[0].referenceList!;
  assert.deepEqual(list.items.map((i) => i.number), Array.from({ length: 14 }, (_, k) => k + 1));
  assert.equal(list.heading.text, 'References');
});

test('a continuation section joins the list only when it numbers on, under a title that says so', () => {
  const body = 'Text cites^1,2^ and later^3^.\n\n## References\n\n1. One A. First work. 2010.\n2. Two B. Second work. 2011.\n\n## Methods\n\nMethods cite^3^.\n\n';
  const cases: [string, string, number[]][] = [
    ['Methods references, 3 after 2', '## Methods references\n\n3. Three C. Third work. 2012.\n', [1, 2, 3]],
    ['bold paragraph title', '**Supplementary References**\n\n3. Three C. Third work. 2012.\n', [1, 2, 3]],
    ['starting again at 1: a list of its own', '## Supplementary references\n\n1. Supp S. A supplement. 2012.\n', [1, 2]],
    ['a gap: not the same list', '## Methods references\n\n5. Five E. Fifth work. 2012.\n', [1, 2]],
    ['another title', '## Data sources\n\n3. Three C. Third work. 2012.\n', [1, 2]],
  ];
  for (const [name, tail, numbers] of cases) {
    const ms = parseManuscript('/w/a.md', body + tail, defaultSettings, new ManuscriptCaches(), 0, { incremental: false });
    assert.deepEqual(ms.referenceList?.items.map((i) => i.number), numbers, name);
  }
});

test('superscripts after a short word: a list or range, or an acronym of two capitals, cites; a lone number after a unit or a variable is a power', () => {
  const list = '\n\n## References\n\n' + Array.from({ length: 9 }, (_, k) => `${k + 1}. Author ${k + 1}. A study of topic ${k + 1}. J Test. 2020.\n`).join('');
  const cases: [string, string[][]][] = [
    ['Models were fitted in R^1,2^ with care.', [['1', '2']]],
    ['Models were fitted in R^1–3^ with care.', [['1', '2', '3']]],
    ['Surveys in the UK^4^ agree with earlier work.', [['4']]],
    ['The explained variance was large (R^2^ = 0.64) in these studies^5^.', [['5']]],
    ['Areas of 5 km^2^ were sampled across the reefs^6^.', [['6']]],
    ['The flux was 3 mA^2^ in the sample chambers^7^.', [['7']]],
  ];
  for (const [body, expected] of cases) {
    const ms = parseManuscript('/w/a.md', body + list, defaultSettings, new ManuscriptCaches(), 0, { incremental: false });
    assert.deepEqual(ms.citations.map((c) => c.items.map((i) => i.ref)), expected, body);
  }
});

test('a thesis by publication (Quarto book, each chapter a paper with its own numbered list from 1): each chapter is numbered against its own list', async () => {
  const root = join(UNSEEN, 'thesis-by-publication');
  const service = createCitelensService(new NodeWorkspace([root]));
  const ch3 = await service.analyze(join(root, 'ch3.qmd'));
  assert.deepEqual(ch3.files.map((f) => f.uri.slice(root.length + 1)), ['ch3.qmd']);
  // Chapter 3's [5] is its own fifth work (before: "[5] has no item in the reference list (it numbers 1–4)", and
  // its [1]–[4] were chapter 2's works).
  const titleOf = (n: number) => ch3.references.find((r) => r.item.number === n)?.item.text.slice(0, 20);
  assert.deepEqual(ch3.resolutions.map((r) => r.reference?.text.slice(0, 20)), [1, 2, 3, 4, 5].map(titleOf));
  assert.ok(titleOf(5)?.startsWith('Malone RW'));
  assert.deepEqual(ch3.diagnostics.filter((d) => d.code !== 'off-topic-citation'), []);
  const ch2 = await service.analyze(join(root, 'ch2.qmd'));
  assert.deepEqual(ch2.files.map((f) => f.uri.slice(root.length + 1)), ['ch2.qmd']);
  assert.ok(ch2.resolutions[0].reference?.text.startsWith('Poeplau C'));
  // The preface, without a list, is the rest of the book.
  assert.deepEqual((await service.analyze(join(root, 'index.qmd'))).files.map((f) => f.uri.slice(root.length + 1)), ['index.qmd']);
});

test('a book with one list, in a chapter of references alone, stays one manuscript', async () => {
  const ws = MemoryWorkspace.of({
    '/b/_quarto.yml': 'project:\n  type: book\nbook:\n  chapters:\n    - a.qmd\n    - b.qmd\n    - references.qmd\n',
    '/b/a.qmd': '# A\n\nSleep helps [1].\n',
    '/b/b.qmd': '# B\n\nMemory too [2].\n\n## References\n\n1. Roe J. Sleep and memory. 2010.\n',
    '/b/references.qmd': '# References\n\n1. Roe J. Sleep. 2010.\n2. Doe J. Memory. 2011.\n',
  }, ['/b']);
  const analysis = await createCitelensService(ws).analyze('/b/a.qmd');
  // b.qmd's stray list does not split the book: only one chapter cites and has a list.
  assert.deepEqual(analysis.files.map((f) => f.uri), ['/b/a.qmd', '/b/b.qmd', '/b/references.qmd']);
});

test('a definition\'s second paragraph (indented, after a blank line) is prose, as in Pandoc; a table\'s `: Caption` and indented code stay what they are', () => {
  const cases: [string, string, string[]][] = [
    ['glossary', 'Glossary\n\nAI\n:   Artificial intelligence [@a].\n\n    Used broadly since @b.\n\nML\n:   Machine learning [@c].\n', ['a', 'b', 'c']],
    ['a blank line between term and definition', 'Text.\n\nAI\n\n:   Artificial intelligence [@a].\n\n    Used broadly since @b.\n', ['a', 'b']],
    ['tilde marker', 'Term\n~   Def [@a]\n\n    second para [@b]\n', ['a', 'b']],
    ['indented code after a paragraph stays code', 'Text [@a].\n\n    code [@b]\n', ['a']],
    ['a caption under a pipe table', '| a | b |\n|---|---|\n| x | [@a] |\n\n: Caption [@c]\n\n    code [@b]\n', ['c', 'a']],
    ['no term: no definition', ':   Not a definition [@a].\n\n    code [@b]\n', ['a']],
  ];
  for (const [name, text, keys] of cases) {
    for (const incremental of [false, true]) {
      const ms = parseManuscript('/w/a.md', text, defaultSettings, new ManuscriptCaches(), 0, { incremental });
      assert.deepEqual(ms.citations.flatMap((c) => c.items.map((i) => i.key)), keys, `${name} (${incremental ? 'chunk by chunk' : 'whole'})`);
    }
  }
});

test('a simple table whose rows are indented four spaces (a right-aligned first column) holds cells, not code: its citations are read, its code spans are not', () => {
  const table = '  Year   N   Study\n------ --- ---------------------\n  2019  12   Cohort [@a]\n  2021   8   Trial @b, `@code`\n\nTable: Studies [@c].\n';
  const indented = '    Year     N  Study\n-------- ----- -----------------\n    2019    12  Cohort [@a]\n    2021     8  Trial @b, `@code`\n\nTable: Studies [@c].\n';
  const cases: [string, string, string[]][] = [
    ['rows at two spaces', table, ['c', 'a', 'b']],
    ['rows at four spaces', indented, ['c', 'a', 'b']],
    ['indented code elsewhere stays code', 'Text [@a].\n\n    @notacite\n\n' + indented, ['a', 'c', 'a', 'b']],
  ];
  for (const [name, text, keys] of cases) {
    for (const incremental of [false, true]) {
      const ms = parseManuscript('/w/a.md', text, defaultSettings, new ManuscriptCaches(), 0, { incremental });
      assert.deepEqual(ms.citations.flatMap((c) => c.items.map((i) => i.key)), keys, `${name} (${incremental ? 'chunk by chunk' : 'whole'})`);
    }
  }
});

test('one work defined in two bibliography files (a thesis\'s library and a chapter\'s export, the key\'s case aside) is no duplicate-bib-key; two works under one key still are', async () => {
  const root = join(UNSEEN, 'shared-bib-entries');
  const { cites, diagnostics, messages } = await seen(root, 'chapter2.md');
  assert.deepEqual(cites['chapter2.md'], ['walker2009', 'mednick2003', 'Walker2009', 'diekelmann2010']);
  // Before: also on walker2009 and Walker2009 (citations and chapter2.bib:2).
  assert.deepEqual(diagnostics, ['chapter2.bib:15:10 duplicate-bib-key', 'chapter2.md:8:19 duplicate-bib-key']);
  assert.equal(messages[0], 'The key "diekelmann2010" is already defined in thesis.bib; citations can only reach one of the entries. Rename or delete one of them.');
  // Within one file a repeated key stays an error, the same work or not (BibTeX's "Repeated entry").
  const bib = readFileSync(join(root, 'thesis.bib'), 'utf8');
  const ws = MemoryWorkspace.of({ '/w/a.md': 'Sleep [@walker2009].\n', '/w/refs.bib': bib + bib.slice(0, bib.indexOf('@article{diekelmann2010')) }, ['/w']);
  assert.deepEqual((await seen('/w', 'a.md', ws as unknown as NodeWorkspace)).diagnostics, ['a.md:1:9 duplicate-bib-key', 'refs.bib:14:10 duplicate-bib-key']);
});

test('a numeric manuscript rendered by pandoc --citeproc into Markdown (gfm, commonmark, markdown-citations): citeproc\'s `csl-entry` items are the reference list, linked to their entries', async () => {
  const root = join(UNSEEN, 'citeproc-rendered');
  for (const file of ['rendered-gfm.md', 'rendered-cm.md', 'rendered-nocite.md']) {
    const { cites, diagnostics } = await seen(root, file);
    assert.deepEqual(cites[file], ['1,2', '3', '4', '5', '5,6', '7'], file);
    // Before: "\[1,2\] cites a numbered reference, but the manuscript has no reference list".
    assert.deepEqual(diagnostics, [], file);
    const analysis = await createCitelensService(new NodeWorkspace([root])).analyze(join(root, file));
    assert.deepEqual(analysis.references.map((r) => [r.item.number, r.entry?.key]), [
      [1, 'lobell2010'], [2, 'schlenker2009'], [3, 'vanklompenburg2020'], [4, 'chlingaryan2018'], [5, 'jeong2016'], [6, 'khaki2019'], [7, 'hersbach2020'],
    ], file);
    // An item's text is the reference, without the spans' markup or the div's fence.
    const first = analysis.files[0].referenceList!.items[0].text;
    assert.ok(/^Lobell DB, Burke MB\. On the use/.test(first) && !/:::|csl-|<\/?div/.test(first), `${file}: ${first}`);
  }
});

test('a Chinese review in GB/T 7714 numeric style: superscript brackets `^[1]^`, `^[2,3]^`, `^[4-6]^` (Typora\'s way) and `<sup>[7]</sup>` are its citations, under 参考文献', async () => {
  const root = join(UNSEEN, 'gbt7714');
  const { cites, diagnostics } = await seen(root, 'lunwen.md');
  assert.deepEqual(cites['lunwen.md'], ['1', '2,3', '4,5,6', '7', '8', '2', '9']);
  // Before: only <sup>[7]</sup> was read — "[7] is cited before [1]" and eight references "never cited".
  assert.deepEqual(diagnostics, []);
  // To Pandoc `^[` opens an inline note: one that holds more than bracketed numbers is a note, as before.
  const ms = parseManuscript('/w/a.md', 'A claim^[see 3 for more]^ and ^[1].\n\n## References\n\n1. A. B. 2020.\n', defaultSettings, new ManuscriptCaches(), 0, { incremental: false });
  assert.deepEqual(ms.citations, []);
});

test('numeric citations in the front matter\'s abstract are the manuscript\'s first (Pandoc prints the abstract first); numbers in the title and authors\' affiliation marks are none', () => {
  const list = '\n# Introduction\n\nNaps help [2] and so does sleep [3].\n\n## References\n\n1. Roe J. Sleep and memory. 2010.\n2. Doe J. Naps. 2011.\n3. Poe J. Sleep. 2012.\n';
  const cases: [string, string, string[][]][] = [
    ['a block abstract', '---\ntitle: "A review [4]"\nabstract: |\n  Sleep consolidates memory [1]. We review naps [2].\n---\n', [['1'], ['2'], ['2'], ['3']]],
    ['a quoted abstract, superscripts', '---\nauthor: "Jane Doe^1,2^"\nabstract: "Sleep consolidates memory.^1^ We review naps.^2^"\n---\n', [['1'], ['2'], ['2'], ['3']]],
  ];
  for (const [name, front, expected] of cases) {
    const text = front + list.replace('[2] and so does sleep [3]', name.includes('superscripts') ? 'and more.^2^ So does sleep.^3^' : '[2] and so does sleep [3]');
    for (const incremental of [false, true]) {
      const ms = parseManuscript('/w/a.md', text, defaultSettings, new ManuscriptCaches(), 0, { incremental });
      assert.deepEqual(ms.citations.map((c) => c.items.map((i) => i.ref)), expected, `${name} (${incremental ? 'chunk by chunk' : 'whole'})`);
      // Each on its place in the source (a renumbering rewrites it there).
      const first = ms.citations[0];
      assert.equal(text.slice(first.segments![0].span.start, first.segments![0].span.end), '1', name);
    }
  }
});

test('reference-list items numbered in bold brackets (`**[1]** Author…`, Word\'s bold numbers) are items, as `**1.**` ones are', () => {
  for (const marker of ['**[n]**', '__[n]__', '**\\[n\\]**', '**n.**']) {
    for (const gap of ['\n', '\n\n']) {
      const items = [1, 2, 3].map((n) => `${marker.replace('n', String(n))} Author${n} A. Study of sleep ${n}. J Sleep. 2020.`).join(gap);
      const ms = parseManuscript('/w/a.md', `Sleep [1], naps [2], memory [3].\n\n## References\n\n${items}\n`, defaultSettings, new ManuscriptCaches(), 0, { incremental: false });
      assert.deepEqual(ms.referenceList?.items.map((i) => [i.number, i.text.slice(0, 7)]), [[1, 'Author1'], [2, 'Author2'], [3, 'Author3']], JSON.stringify([marker, gap]));
    }
  }
});

test('numbers joined by "and" or "&" in brackets are one citation (`[12 and 13]`, `[1, 2, and 4]`, `[3–5 & 9]`); an interval written with "and" is none', () => {
  const list = '\n\n## References\n\n' + Array.from({ length: 13 }, (_, k) => `${k + 1}. Author ${k + 1}. A study of topic ${k + 1}. J Test. 2020.\n`).join('');
  const cases: [string, string[][]][] = [
    ['Sleep helps [12 and 13].', [['12', '13']]],
    ['Sleep helps [1, 2, and 4].', [['1', '2', '4']]],
    ['Sleep helps [1-3, and 4].', [['1', '2', '3', '4']]],
    ['Sleep helps [3–5 & 9].', [['3', '4', '5', '9']]],
    ['Values lie in [0 and 1] here; sizes [1 and 100] cm.', []],
    ['Sleep helps [1 and references therein].', []],
  ];
  for (const [body, expected] of cases) {
    const ms = parseManuscript('/w/a.md', body + list, defaultSettings, new ManuscriptCaches(), 0, { incremental: false });
    assert.deepEqual(ms.citations.map((c) => c.items.map((i) => i.ref)), expected, body);
  }
});

test('CSL names written as a string or a single map (`author: DeGroot`, `editor: {family: Roe}`, Pandoc\'s own tests do so) are one name each: the analysis no longer stops on them', async () => {
  const front = '---\nreferences:\n- author: DeGroot\n  editor: {family: Roe}\n  id: degroot\n  title: Probability\n  issued: 2002\n- author: [Smith, {family: Doe, given: J}]\n  id: two\n  title: Statistics\n  issued: 2003\n---\n\n';
  const ws = MemoryWorkspace.of({ '/w/a.md': `${front}Probability [@degroot] and statistics [@two].\n` }, ['/w']);
  // Before: "(csl.author ?? []).map is not a function", and the command line exited with 2.
  const analysis = await createCitelensService(ws).analyze('/w/a.md');
  const csl = (key: string) => analysis.entriesByKey.get(key)?.getCsl();
  assert.deepEqual(csl('degroot')?.author, [{ literal: 'DeGroot' }]);
  assert.deepEqual(csl('degroot')?.editor, [{ family: 'Roe' }]);
  assert.deepEqual(csl('two')?.author, [{ literal: 'Smith' }, { family: 'Doe', given: 'J' }]);
  assert.deepEqual(analysis.diagnostics.filter((d) => d.code !== 'off-topic-citation'), []);
});

test('CSL text variables YAML reads as numbers or lists (`title: 1984`, `volume: 12`, `keyword: [a, b]`) are text; a map where text belongs is dropped: no crash', async () => {
  const front = '---\nreferences:\n- id: orwell\n  title: 1984\n  author: [{family: Orwell}]\n  volume: 12\n  keyword: [dystopia, novel]\n  abstract: {note: odd}\n  issued: 1949\n---\n\n';
  const ws = MemoryWorkspace.of({ '/w/a.md': `${front}A novel [@orwell].\n` }, ['/w']);
  // Before: "text5.replace is not a function", and the command line exited with 2.
  const analysis = await createCitelensService(ws).analyze('/w/a.md');
  const csl = analysis.entriesByKey.get('orwell')?.getCsl();
  assert.deepEqual([csl?.title, csl?.volume, csl?.keyword, csl?.abstract], ['1984', '12', 'dystopia, novel', undefined]);
});

test('one file holding two chapters, each with its own list from 1: the longer list is checked with its chapter; the other chapter\'s numbers are left unread, not read as the wrong works', async () => {
  const root = join(UNSEEN, 'thesis-one-file');
  const { cites, diagnostics } = await seen(root, 'thesis.md');
  // Chapter 3 (five works) is read; chapter 2's [1]–[4] named chapter 3's works before.
  assert.deepEqual(cites['thesis.md'], ['1', '2', '3', '4,5']);
  assert.deepEqual(diagnostics, []);
  const list = '1. Roe J. Sleep. 2010.\n2. Doe J. Naps. 2011.\n3. Poe J. Dreams. 2012.\n';
  const cases: [string, string, string[]][] = [
    // An appendix with its own short list, cited by the appendix.
    ['an appendix with its own list', `Main [1], [2], [3].\n\n## References\n\n${list}\n# Appendix\n\nSee [1] and [2].\n\n## References\n\n1. App A. Extra. 2013.\n2. App B. More. 2014.\n`, ['1', '2', '3']],
    // Numbers past the other list's: they are the main list's (an appendix citing it), read.
    ['an appendix citing the main list', `Main [1], [2], [3].\n\n## References\n\n${list}\n# Appendix\n\nSee [3].\n\n## Bibliography\n\n1. App A. Extra. 2013.\n2. App B. More. 2014.\n`, ['1', '2', '3', '3']],
  ];
  for (const [name, text, refs] of cases) {
    const ms = parseManuscript('/w/a.md', text, defaultSettings, new ManuscriptCaches(), 0, { incremental: false });
    assert.deepEqual(ms.citations.map((c) => c.items.map((i) => i.ref).join(',')), refs, name);
  }
});
