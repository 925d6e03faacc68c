/**
 * Unseen manuscripts, fourth round: material unlike what Citelens was built on (test/unit/unseenManuscripts.test.ts
 * holds the earlier rounds). Each case asserts what the user sees: the citations read, in order, and the
 * diagnostics (off-topic aside: topic fit is judged in test/eval/topicFitEval.test.ts). What Pandoc reads of the
 * same files is checked against Pandoc itself in test/eval/unseenPandoc.test.ts.
 */
import assert from 'node:assert/strict';
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { NodeWorkspace } from '../../server/src/cli/nodeWorkspace';
import { decode, notUtf8 } from '../../server/src/node/decode';
import { createCitelensService } from '../../server/src/service/service';
import { MemoryWorkspace } from '../../server/src/service/workspace';
import { planRenumber } from '../../server/src/service/renumber/renumber';
import { analyze, applyPlan } from '../helpers/renumberHarness';
import { seen } from '../helpers/unseen';

const UNSEEN = join(__dirname, '..', 'fixtures', 'unseen');

test('a Windows-1252 (Latin-1) .bib: read whole (dashes, curly quotes, accents), and one bib-syntax error at its first byte that is not UTF-8, as Pandoc refuses the file', async () => {
  const root = join(UNSEEN, 'latin1-bib');
  const { cites, diagnostics, messages } = await seen(root, 'paper.md');
  assert.deepEqual(cites['paper.md'], ['mueller2019', 'nunez2015,mueller2019']);
  assert.deepEqual(diagnostics, ['refs.bib:3:12 bib-syntax']);
  assert.equal(messages[0], 'This file is not UTF-8: byte 0xDC here is “Ü” in Windows-1252 (Latin-1), as Citelens reads the file, but Pandoc stops on it (“Cannot decode byte \'\\xdc\'”). Save the file as UTF-8.');
  // Nothing lost: the titles a hover shows keep the en dash (0x96) and the quotes (0x84, 0x93), not C1 controls.
  const analysis = await createCitelensService(new NodeWorkspace([root])).analyze(join(root, 'paper.md'));
  const titles = analysis.resolutions.map((r) => r.entry?.getCsl()?.title);
  assert.deepEqual(titles.slice(0, 2), ['Über die Größe städtischer Wärmeinseln – eine „Studie“', 'Clima urbano en España']);
  // The same bibliography saved as UTF-8: no diagnostic (the test can fail).
  const utf8 = MemoryWorkspace.of({ '/w/paper.md': readFileSync(join(root, 'paper.md'), 'utf8'), '/w/refs.bib': decode(readFileSync(join(root, 'refs.bib'))) }, ['/w']);
  assert.deepEqual((await seen('/w', 'paper.md', utf8 as unknown as NodeWorkspace)).diagnostics, []);
});

test('a Windows-1252 .bib saved again as UTF-8 (same text): the same service drops its bib-syntax error', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'citelens-latin1-'));
  for (const f of ['paper.md', 'refs.bib']) copyFileSync(join(UNSEEN, 'latin1-bib', f), join(dir, f));
  const service = createCitelensService(new NodeWorkspace([dir]));
  const codes = async () => (await service.analyze(join(dir, 'paper.md'))).diagnostics.filter((d) => d.code !== 'off-topic-citation').map((d) => d.code);
  assert.deepEqual(await codes(), ['bib-syntax']);
  writeFileSync(join(dir, 'refs.bib'), decode(readFileSync(join(dir, 'refs.bib'))), 'utf8');
  assert.deepEqual(await codes(), []);
});

test('decoding: Windows-1252 for bytes that are not UTF-8, and where the first such byte is', () => {
  const cases: [string, number[], string, { offset: number; byte: number } | undefined][] = [
    ['en dash, curly quotes, euro', [0x96, 0x20, 0x93, 0x61, 0x94, 0x80], '– “a”€', { offset: 0, byte: 0x96 }],
    ['Latin-1 letters', [0x4d, 0xfc, 0x6c, 0x6c, 0x65, 0x72], 'Müller', { offset: 1, byte: 0xfc }],
    // UTF-8 first, then a stray Latin-1 byte: the whole file is read as Windows-1252, the stray byte is named.
    ['UTF-8 then a stray byte', [0xc3, 0xa9, 0x20, 0xe9], 'Ã© é', { offset: 3, byte: 0xe9 }],
    ['UTF-8', [0x4d, 0xc3, 0xbc], 'Mü', undefined],
    ['UTF-8 with a BOM', [0xef, 0xbb, 0xbf, 0x41], 'A', undefined],
    ['UTF-16 with a BOM', [0xff, 0xfe, 0x41, 0x00], 'A', undefined],
    ['ASCII', [0x41, 0x42], 'AB', undefined],
  ];
  for (const [name, bytes, text, invalid] of cases) {
    const b = Uint8Array.from(bytes);
    assert.equal(decode(b), text, name);
    assert.deepEqual(notUtf8(b, decode(b)), invalid, name);
  }
});

test('a Vancouver review: `PM2.5[3]`, `NO2[4]`, `CO2[5]`, `COVID-19[6]` cite (the space missing); intervals `[0, 1]`, `[1, 5]`, `[1, 24] months`, `[1, 100]`, `[-1, 1]` do not; IEEE `[8]–[10]`, `[11-13]`, a table caption, a cell and a figure caption do', async () => {
  const { cites, diagnostics } = await seen(join(UNSEEN, 'vancouver'), 'review.md');
  assert.deepEqual(cites['review.md'], [
    '1,2', '3', '4', '5', '6', '7', '8,9,10', '11,12,13', '14', '15', '16', '17', '15,16,17', '2,15', '18',
  ]);
  assert.deepEqual(diagnostics, []);
});

test('intervals and indices, one sentence each: what is read as a numeric citation in a review with a 30-item list', async () => {
  const list = Array.from({ length: 30 }, (_, k) => `${k + 1}. Author ${k + 1}. Work number ${k + 1}. J Things. 2001.`).join('\n');
  const cases: [string, string[]][] = [
    ['Scores lie in [1, 5].', []],
    ['Values were normalised to [0, 1].', []],
    ['Ranks in the range [1, 100] were kept.', []],
    // From 1 to beyond the list, with no words announcing it: an interval still (bracketedYears.ts).
    ['Ranks [1, 100] were kept.', []],
    ['Follow-up lasted [1, 12] months.', []],
    ['Follow-up lasted [2, 6] weeks.', []],
    ['Weights in [-1, 1] and [–5, 5].', []],
    // Sci-Hub's review: "within the ASCII character range [112,117]" cites; here works 12 and 17.
    ['Case-insensitive within the ASCII character range [12,17].', ['12,17']],
    ['As reviewed in [1, 5].', ['1,5']],
    ['Two cohorts [1, 24] agree.', ['1,24']],
    ['Emissions of CO2[3] and H2O[4] rose; COVID-19[5]; BRCA1[6]; YOLOv5[7].', ['3', '4', '5', '6', '7']],
    ['The element a[2], x_i[3] and data2[4] of the array.', []],
  ];
  for (const [sentence, expected] of cases) {
    const ws = MemoryWorkspace.of({ '/w/r.md': `# Review\n\n${sentence}\n\n## References\n\n${list}\n` }, ['/w']);
    const analysis = await createCitelensService(ws).analyze('/w/r.md');
    assert.deepEqual(analysis.files[0].citations.map((c) => c.items.map((i) => i.ref).join(',')), expected, sentence);
    assert.deepEqual(analysis.diagnostics.filter((d) => !['off-topic-citation', 'orphaned-reference', 'citation-order'].includes(d.code)).map((d) => d.code), [], sentence);
  }
});

test('Nature style: "as reviewed in refs. 3–5", "(ref. 6)" cite works 3–5 and 6 (no false orphaned-reference); not "ref. 3.2", nor without a reference list', async () => {
  const { cites, diagnostics } = await seen(join(UNSEEN, 'nature'), 'coral-bleaching.md');
  assert.deepEqual(cites['coral-bleaching.md'], ['1,2', '3,4,5', '6', '7']);
  assert.deepEqual(diagnostics, []);
  const list = '\n## References\n\n' + Array.from({ length: 6 }, (_, k) => `${k + 1}. Work ${String.fromCharCode(65 + k)}. 2020.`).join('\n') + '\n';
  const cases: [string, string[]][] = [
    ['See Ref. 4, refs 2,5 and refs.\u00a06.', ['4', '2,5', '6']],
    ['Section ref. 3.2 of the code, refs 3a, and prefs 3.', []],
  ];
  for (const [sentence, expected] of cases) {
    const ws = MemoryWorkspace.of({ '/w/r.md': `# R\n\n${sentence}\n${list}` }, ['/w']);
    const analysis = await createCitelensService(ws).analyze('/w/r.md');
    assert.deepEqual(analysis.files[0].citations.map((c) => c.items.map((i) => i.ref).join(',')), expected, sentence);
  }
  // A Pandoc manuscript (no numbered list): "ref. 3" is prose.
  const pandoc = MemoryWorkspace.of({ '/w/p.md': '# P\n\nAs in ref. 3 [@a].\n' }, ['/w']);
  assert.deepEqual((await createCitelensService(pandoc).analyze('/w/p.md')).files[0].citations.map((c) => c.raw), ['[@a]']);
  // Renumbering rewrites the numbers and keeps the words.
  const files = { '/m.md': `# R\n\nFirst^2^, as in refs. 3–4 and ref. 1.\n${list.replace('5. Work E. 2020.\n6. Work F. 2020.\n', '')}` };
  const plan = planRenumber(await analyze(files), { compactRanges: true, removeUncited: false });
  assert.match(applyPlan(files, plan)['/m.md'], /First\^1\^, as in refs\. 2, 3 and ref\. 4\./);
});

test('a Quarto manuscript project (`project: type: manuscript`, notebooks, `{{< embed >}}`): custom cross-reference kinds (`crossref: custom:` → `@suppfig-sites`, `@vid-timelapse`) are labels, not unknown keys', async () => {
  const root = join(UNSEEN, 'quarto-manuscript');
  const { cites, diagnostics } = await seen(root, 'index.qmd');
  // The abstract's, the body's (a suppressed author with a locator), a figure div's caption, the @online entry's.
  assert.deepEqual(cites['index.qmd'], ['allen2010', 'allen2010,hammond2022', 'mcdowell2008', 'mcdowell2008', 'hammond2022', 'fao2020']);
  assert.deepEqual(diagnostics, []);
  // Without the custom kinds they are keys that resolve to nothing: the test can fail.
  const bare = (yaml: string) => MemoryWorkspace.of({
    '/q/_quarto.yml': yaml,
    '/q/references.bib': readFileSync(join(root, 'references.bib'), 'utf8'),
    '/q/index.qmd': readFileSync(join(root, 'index.qmd'), 'utf8'),
  }, ['/q']);
  const plain = await seen('/q', 'index.qmd', bare('project:\n  type: manuscript\nbibliography: references.bib\n') as unknown as NodeWorkspace);
  assert.deepEqual(plain.messages, ['suppfig-sites', 'vid-timelapse'].map((k) => `No bibliography entry has the key “${k}”. If “@${k}” is not a citation (a handle, a name in code), write “\\@${k}”, as Pandoc reads it as one.`));
  // Declared in the document's own front matter instead of _quarto.yml.
  const inFront = MemoryWorkspace.of({
    '/d/paper.qmd': '---\ncrossref:\n  custom:\n    - kind: float\n      key: suppfig\nreferences:\n  - id: a\n    type: book\n    title: A\n    author: [{family: Roe}]\n    issued: 2020\n---\n\nSee @suppfig-x and [@a; @suppfig-y].\n',
  }, ['/d']);
  const front = await seen('/d', 'paper.qmd', inFront as unknown as NodeWorkspace);
  assert.deepEqual(front.cites['paper.qmd'], ['a']);
  assert.deepEqual(front.diagnostics, []);
});

test('a Quarto book (a thesis): `bibliography: [bib/main.bib, bib/extra.yaml]` in _quarto.yml, CSL-YAML in pandoc-citeproc\'s date form (`issued: [{year: 2019}]`), parts and appendices; checked from the chapters\' folder as the CLI does', async () => {
  const root = join(UNSEEN, 'quarto-thesis');
  // `citelens check chapters/lit.qmd` from the book's folder: the CLI's folders are the current one and the file's.
  const cli = new NodeWorkspace([root, join(root, 'chapters')]);
  const { cites, diagnostics, messages } = await seen(root, 'chapters/lit.qmd', cli);
  assert.deepEqual(cites, {
    'index.qmd': ['lal2004'],
    'chapters/lit.qmd': ['lal2004,poeplau2015', 'todd-brown2013', 'poeplau2015'],
    'chapters/methods.qmd': ['smith2020', 'fao2019'],
    'references.qmd': [],
    // `book: appendices:` is read after the chapters: its typo is reported.
    'chapters/appendix.qmd': ['smith2020', 'smiht2020'],
  });
  assert.deepEqual(diagnostics, ['chapters/appendix.qmd:3:49 unresolved-citation']);
  assert.match(messages[0], /“smiht2020”\. Did you mean “smith2020”\?/);
  // From inside the chapters' folder (`cd chapters && citelens check lit.qmd`): the book is still found above it.
  const inside = await seen(root, 'chapters/lit.qmd', new NodeWorkspace([join(root, 'chapters')]));
  assert.deepEqual(inside.diagnostics, ['chapters/appendix.qmd:3:49 unresolved-citation']);
  // The YAML date form is a date: no missing-bib-field on fao2019 (Pandoc renders it "FAO 2019").
  const analysis = await createCitelensService(cli).analyze(join(root, 'chapters/methods.qmd'));
  assert.deepEqual(analysis.resolutions.find((r) => r.item.key === 'fao2019')?.entry?.getCsl()?.issued, { 'date-parts': [[2019]] });
});

test('a thesis whose chapters each name their own .bib: every chapter\'s citations resolve (no "No bibliography entry" for a key in another chapter\'s file)', async () => {
  const root = join(UNSEEN, 'thesis-chapters');
  const { cites, diagnostics } = await seen(root, 'ch2.qmd');
  assert.deepEqual(cites, { 'index.qmd': [], 'ch1.qmd': ['a2020'], 'ch2.qmd': ['b2021', 'a2020'] });
  assert.deepEqual(diagnostics, []);
  // A chapter naming a file that does not exist is told so, on that chapter.
  const ws = MemoryWorkspace.of({
    '/t/_quarto.yml': readFileSync(join(root, '_quarto.yml'), 'utf8'),
    '/t/index.qmd': '# Preface\n',
    '/t/ch1.qmd': readFileSync(join(root, 'ch1.qmd'), 'utf8'),
    '/t/ch2.qmd': readFileSync(join(root, 'ch2.qmd'), 'utf8'),
    '/t/ch1.bib': readFileSync(join(root, 'ch1.bib'), 'utf8'),
  }, ['/t']);
  const missing = await seen('/t', 'ch1.qmd', ws as unknown as NodeWorkspace);
  assert.deepEqual(missing.diagnostics, ['ch2.qmd:2:15 bibliography-not-found', 'ch2.qmd:7:10 unresolved-citation']);
});

test('an AMA review citing in superscripts: after punctuation (`obesity,^1^`, `diabetes.^4-6^`), after "et al^11^", in a table\'s cells and its title, a figure caption and a note; not `kg/m^2^`, `10^6^`, `R^2^`', async () => {
  const { cites, diagnostics } = await seen(join(UNSEEN, 'ama'), 'sleep-review.md');
  assert.deepEqual(cites['sleep-review.md'], ['1', '2,3', '4,5,6', '7', '8', '9,10', '9', '10', '11', '12', '12']);
  assert.deepEqual(diagnostics, []);
  // A line of names stays a line of names; "al" alone after another word than "et" is no citation either.
  const list = '\n## References\n\n1. A. 2020.\n2. B. 2020.\n';
  const ws = MemoryWorkspace.of({ '/w/r.md': `# R\n\nJane Doe^1^, John Roe^2^\n\nText as Doe et al^1^ showed; the al^2^ here.\n${list}` }, ['/w']);
  const analysis = await createCitelensService(ws).analyze('/w/r.md');
  assert.deepEqual(analysis.files[0].citations.map((c) => c.raw), ['^1^']);
});

test('a reference list headed in another language, or "Reference": found (no "has no item in the reference list" per citation)', async () => {
  for (const title of ['Reference', 'REFERENCES', 'Références', 'Bibliographie', 'Literatur', 'Literaturverzeichnis', 'Referencias bibliográficas', 'Bibliografía', 'Referências', 'Bibliografia', 'Riferimenti bibliografici', 'Literatuur']) {
    const ws = MemoryWorkspace.of({ '/w/r.md': `# Paper\n\nText [1] and [2].\n\n## ${title}\n\n1. Roe J. Alpha. 2020.\n2. Doe J. Beta. 2021.\n` }, ['/w']);
    const analysis = await createCitelensService(ws).analyze('/w/r.md');
    assert.deepEqual(analysis.files[0].referenceList?.items.map((i) => i.number), [1, 2], title);
    assert.deepEqual(analysis.diagnostics.filter((d) => d.code !== 'off-topic-citation').map((d) => d.code), [], title);
  }
});

test('a review converted from HTML (pandoc -f html -t markdown / -t gfm): citations linked to the list — `\\[[1](#B1)\\]`, `\\[[2](#B2)--[4](#B4)\\]`, `\\[<a href="#B1">1</a>\\]`, `<sup>[1](#ref-1),[2](#ref-2)</sup>` — are read; affiliation links and a note link are not', async () => {
  const root = join(UNSEEN, 'html-converted');
  const superscripts = ['1,2', '3,4,5', '6'];
  const cases: [string, string[]][] = [
    // -t markdown writes the table's caption after it: read first, as Pandoc numbers it.
    ['brackets-markdown.md', ['1', '2,3,4', '1,3', '5', '6', '1', '6']],
    // -t gfm writes it as a paragraph after the table: read after the cells.
    ['brackets-gfm.md', ['1', '2,3,4', '1,3', '5', '1', '6', '6']],
    ['superscripts-markdown.md', superscripts],
    ['superscripts-gfm.md', superscripts],
  ];
  for (const [file, expected] of cases) {
    const { cites, diagnostics } = await seen(root, file);
    assert.deepEqual(cites[file], expected, file);
    assert.deepEqual(diagnostics, [], file);
  }
  // Renumbering rewrites the links' numbers and keeps the links; a range no longer a run becomes plain numbers.
  const list = '\n## References\n\n' + Array.from({ length: 5 }, (_, k) => `${k + 1}.  [Work ${String.fromCharCode(65 + k)}. 2020.]{#B${k + 1}}`).join('\n') + '\n';
  const files = { '/m.md': `# R\n\nFirst \\[[3](#B3)\\], then \\[[1](#B1)--[2](#B2)\\] and \\[[4](#B4),[5](#B5)\\] and \\[[2](#B2)--[4](#B4)\\].\n${list}` };
  const plan = planRenumber(await analyze(files), { compactRanges: true, removeUncited: false });
  const after = applyPlan(files, plan)['/m.md'];
  assert.match(after, /First \\\[\[1\]\(#B3\)\\\], then \\\[\[2\]\(#B1\)--\[3\]\(#B2\)\\\] and \\\[\[4\]\(#B4\),\[5\]\(#B5\)\\\]/);
  // [2]–[4] named works 2, 3, 4, now 3, 1, 4: written as plain numbers.
  assert.match(after, /and \\\[1, 3, 4\\\]\./);
});

test('an author–year review whose references are a numbered list (APA typed by hand, or a Word list converted): no citation by number, so no item is "never cited"', async () => {
  const root = join(UNSEEN, 'author-year');
  const { cites, diagnostics } = await seen(root, 'urban-heat.md');
  assert.deepEqual(cites['urban-heat.md'], []);
  assert.deepEqual(diagnostics, []);
  // One citation by number makes it a numbered list: the others are reported (the test can fail).
  const text = readFileSync(join(root, 'urban-heat.md'), 'utf8').replace('(Santamouris, 2014)', '[3]');
  const numbered = await seen('/w', 'r.md', MemoryWorkspace.of({ '/w/r.md': text }, ['/w']) as unknown as NodeWorkspace);
  assert.deepEqual(numbered.diagnostics, ['r.md:4:14 citation-order', 'r.md:8:1 orphaned-reference', 'r.md:10:1 orphaned-reference', 'r.md:14:1 orphaned-reference']);
});

test('superscripts are no intervals (`^1,2^` with no list yet is still read), and cite after a percent sign (`by 30%^4^`)', async () => {
  const ws = MemoryWorkspace.of({ '/w/r.md': '# R\n\nEfficiencies exceed 25%.^1,2^ Losses fell by 30%^3^ in a year.\n' }, ['/w']);
  const analysis = await createCitelensService(ws).analyze('/w/r.md');
  assert.deepEqual(analysis.files[0].citations.map((c) => c.raw), ['^1,2^', '^3^']);
});

test('a manuscript built by a Makefile (`pandoc --bibliography=bib/library.bib`), a defaults or metadata file, or with its .bib in a bib/ folder: that bibliography is found', async () => {
  const { cites, diagnostics } = await seen(join(UNSEEN, 'pandoc-build'), 'paper.md');
  assert.deepEqual(cites['paper.md'], ['roe2020', 'doe2019,roe2020']);
  assert.deepEqual(diagnostics, []);
  const bib = '@article{roe2020, title={Edge caching}, author={Roe, Jane}, journal={N}, year={2020}}\n';
  const cases: [string, Record<string, string>, string[]][] = [
    ['a script', { '/w/build.sh': 'pandoc paper.md --citeproc --bibliography "refs/main.bib" -o paper.pdf\n', '/w/refs/main.bib': bib }, ['/w/refs/main.bib']],
    ['a defaults file', { '/w/defaults.yaml': 'from: markdown\ncite-method: citeproc\nmetadata:\n  bibliography: lit/main.bib\n', '/w/lit/main.bib': bib }, ['/w/lit/main.bib']],
    ['a metadata file', { '/w/meta.yml': 'bibliography: [lit/main.bib]\nlink-citations: true\n', '/w/lit/main.bib': bib }, ['/w/lit/main.bib']],
    ['a bib/ folder', { '/w/bib/main.bib': bib }, ['/w/bib/main.bib']],
    // A MyST project (Jupyter Book 2): `myst.yml` above the page names it.
    ['a MyST project', { '/w/paper.md': 'Text [@roe2020].\n', '/myst.yml': 'version: 1\nproject:\n  bibliography: [lit/main.bib]\n', '/lit/main.bib': bib }, ['/lit/main.bib']],
    // A Make variable names nothing Citelens can read: the usual "no bibliography was found".
    ['a variable', { '/w/Makefile': 'all:\n\tpandoc paper.md --bibliography=$(BIB)\n', '/w/lit/main.bib': bib }, []],
  ];
  for (const [what, files, expected] of cases) {
    const ws = MemoryWorkspace.of({ '/w/paper.md': 'Text [@roe2020].\n', ...files }, ['/w']);
    const analysis = await createCitelensService(ws).analyze('/w/paper.md');
    assert.deepEqual(analysis.bibliographies.map((b) => b.uri), expected, what);
    assert.deepEqual(analysis.diagnostics.map((d) => d.code), expected.length ? [] : ['unresolved-citation'], what);
  }
});

test('a linked IEEE range, each end in its own brackets (`\\[[2](#B2)\\]–\\[[4](#B4)\\]`), cites 2, 3 and 4; renumbering keeps it', async () => {
  const list = '\n## References\n\n' + Array.from({ length: 5 }, (_, k) => `${k + 1}. Work ${String.fromCharCode(65 + k)}. 2020.`).join('\n') + '\n';
  for (const [open, close] of [['\\[', '\\]'], ['[', ']']]) {
    const text = `# R\n\nSleep ${open}[1](#B1)${close}. Memory ${open}[2](#B2)${close}–${open}[4](#B4)${close}. More ${open}[5](#B5)${close}.\n${list}`;
    const analysis = await createCitelensService(MemoryWorkspace.of({ '/m/a.md': text }, ['/m'])).analyze('/m/a.md');
    assert.deepEqual(analysis.files[0].citations.map((c) => c.items.map((i) => i.number).join(',')), ['1', '2,3,4', '5']);
    assert.deepEqual(analysis.diagnostics.filter((d) => d.code !== 'off-topic-citation').map((d) => d.code), []);
  }
  const files = { '/m.md': `# R\n\nMore \\[[5](#B5)\\]. Sleep \\[[1](#B1)\\]. Memory \\[[2](#B2)\\]–\\[[4](#B4)\\].\n${list}` };
  const after = applyPlan(files, planRenumber(await analyze(files), { compactRanges: true, removeUncited: false }))['/m.md'];
  assert.match(after, /More \\\[\[1\]\(#B5\)\\\]\. Sleep \\\[\[2\]\(#B1\)\\\]\. Memory \\\[\[3\]\(#B2\)\\\]–\\\[\[5\]\(#B4\)\\\]\./);
});
