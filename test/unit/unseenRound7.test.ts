/**
 * Unseen manuscripts and bibliographies, seventh round (earlier: unseenRound4–6.test.ts). Each case asserts what
 * the user sees: the citations read, in order, and the diagnostics with their positions, or the edit made.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { parseManuscript } from '../../server/src/service/markdown/manuscript';
import { ManuscriptCaches } from '../../server/src/service/markdown/manuscriptCaches';
import { defaultSettings } from '../../server/src/service/settings';
import { seen } from '../helpers/unseen';
import { MemoryWorkspace } from '../../server/src/service/workspace';
import { NodeWorkspace } from '../../server/src/cli/nodeWorkspace';
import { createCitelensService } from '../../server/src/service/service';
import { planRenumber } from '../../server/src/service/renumber/renumber';
import { analyze, applyPlan } from '../helpers/renumberHarness';

const UNSEEN = join(__dirname, '..', 'fixtures', 'unseen');

test('a reference list with lettered paragraphs `[2a] …` `[2b] …` (or `2a. …`): one item 2 cited `[2a]`, `[2a,b]`; no "list jumps", nothing uncited', async () => {
  const root = join(UNSEEN, 'lettered-items');
  for (const file of ['review.md', 'ordered.md']) {
    const { cites, diagnostics } = await seen(root, file);
    assert.deepEqual(cites[file], ['1', '2', '2', '3', '2', '3,4', '4', '5', '5', '5', '6'], file);
    assert.deepEqual(diagnostics.filter((d) => !d.endsWith('off-topic-citation')), [], file);
  }
  const list = (items: string) => parseManuscript('/w/a.md', `Text [1].\n\n## References\n\n${items}`, defaultSettings, new ManuscriptCaches(), 0, { incremental: false })
    .referenceList?.items.map((i) => i.number) ?? [];
  assert.deepEqual(list('[1] A.\n\n[2a] B.\n\n[2b] C.\n\n[3] D.\n'), [1, 2, 3]);
  assert.deepEqual(list('1. A.\n2a. B.\n2b. C.\n3. D.\n'), [1, 2, 3], 'a tight list');
  assert.deepEqual(list('\\[1\\] A.\n\n\\[2a\\] B.\n\n\\[2b\\] C.\n'), [1, 2], 'escaped, as a Word conversion writes it');
  assert.deepEqual(list('[1] A.\n\n[2b] B.\n\n[3] C.\n'), [1, 3], 'a part b with no part a starts nothing');
  assert.deepEqual(list('[1] A.\n\n[2a] B.\n\n[2c] C.\n\n[3] D.\n'), [1, 2, 3], 'part c after a: not a part, but no item either');
  assert.deepEqual(list('1. Smith J. A long title that wraps onto\n2003a. the next line.\n2. B.\n'), [1, 2], 'a wrapped line opening with a year and a letter');
  // A nested list of lettered parts, `2.` then `a. …` `b. …` indented under it: the item's parts, cited `[2a]`.
  const nested = parseManuscript('/w/a.md', 'Heat [1]. Causes [2a] and [2b]. Cooling [3].\n\n## References\n\n1. Oke. 1982.\n2.\n   a. Arnfield. 2003.\n   b. Voogt. 2003.\n3. Santamouris. 2014.\n', defaultSettings, new ManuscriptCaches(), 0, { incremental: false });
  assert.deepEqual(nested.citations.map((c) => c.items.map((i) => i.ref).join(',')), ['1', '2', '2', '3']);
  const inLine = parseManuscript('/w/a.md', 'Heat [1]. Causes [2a].\n\n## References\n\n1. Oke. 1982.\n2. Smith a. b. Jones. 2003.\n', defaultSettings, new ManuscriptCaches(), 0, { incremental: false });
  assert.deepEqual(inLine.citations.map((c) => c.raw), ['[1]'], '`a.` inside a line is no part');
});

test('renumbering a list of lettered paragraphs moves the parts together and gives every part its new number', async () => {
  const files = { '/m.md': '# T\n\nCooling [3]. Heat [1]. Causes [2a] and effects [2b], both [2a,b].\n\n## References\n\n[1] Oke TR. Heat. 1982.\n\n[2a] Arnfield AJ. Climate. 2003.\n\n[2b] Voogt JA. Sensing. 2003.\n\n[3] Santamouris M. Cooling. 2014.\n' };
  const plan = planRenumber(await analyze(files), { compactRanges: true, removeUncited: false });
  assert.equal(applyPlan(files, plan)['/m.md'], '# T\n\nCooling [1]. Heat [2]. Causes [3a] and effects [3b], both [3a,b].\n\n## References\n\n[1] Santamouris M. Cooling. 2014.\n\n[2] Oke TR. Heat. 1982.\n\n[3a] Arnfield AJ. Climate. 2003.\n\n[3b] Voogt JA. Sensing. 2003.\n');
});

test('a multiline table without a header, rows indented to their columns: every cell read as Pandoc 2.17 reads it (caption first, then row by row), none taken for code', async () => {
  // pandoc -f markdown -t json review.md: the Cite elements in this order.
  const authorYear = await seen(join(UNSEEN, 'headless-tables'), 'review.md');
  assert.deepEqual(authorYear.cites['review.md'], ['gasparrini2015', 'bowler2010,santamouris2014', 'gasparrini2015', 'bowler2010', 'gunawardena2017', 'santamouris2014', 'volker2013', 'bowler2010,gunawardena2017', 'volker2013']);
  assert.deepEqual(authorYear.diagnostics.filter((d) => !d.endsWith('off-topic-citation')), []);
  // The same review numbered: [3], under an empty first cell, was lost, so [4] came "before" it.
  const numeric = await seen(join(UNSEEN, 'headless-tables-numeric'), 'review.md');
  assert.deepEqual(numeric.cites['review.md'], ['1', '2', '1', '2', '3', '4', '5', '2,3', '5']);
  assert.deepEqual(numeric.diagnostics.filter((d) => !d.endsWith('off-topic-citation')), []);
  const cites = (body: string) => parseManuscript('/w/a.md', body, defaultSettings, new ManuscriptCaches(), 0, { incremental: false }).citations.map((c) => c.raw);
  const row = '  ------- ----------------\n  A       one [@a]\n\n          two [@b]\n';
  assert.deepEqual(cites(`Text.\n\n${row}  ------- ----------------\n\n  : Caption [@c].\n`), ['[@c]', '[@a]', '[@b]'], 'closing dashes, a caption');
  assert.deepEqual(cites(`Text.\n\n${row}  ------------------------\n`), ['[@a]', '[@b]'], 'closing dashes in one run');
  // No closing dashes: no table. Pandoc reads the indented line as code.
  assert.deepEqual(cites(`Text.\n\n${row}\nMore [@d].\n`), ['[@a]', '[@d]'], 'unclosed');
});

test('renumbering a list pandoc --citeproc rendered with linked citations moves each `csl-entry` div with its item: every link `[n](#ref-key)` still reaches the work numbered n', async () => {
  const root = join(UNSEEN, 'citeproc-rendered');
  for (const file of ['rendered-linked-gfm.md', 'rendered-linked-nocite.md']) {
    // The author moves a sentence to the front: ERA5, cited [7], is now cited first.
    const rendered = readFileSync(join(root, file), 'utf8');
    const edited = rendered.replace('Statistical crop models', 'Weather comes from ERA5 \\[[7](#ref-hersbach2020)\\]. Statistical crop models');
    const files = { [`/w/${file}`]: edited };
    const after = applyPlan(files, planRenumber(await analyze(files), { compactRanges: false, removeUncited: false }))[`/w/${file}`];
    // Each link's number is the number of the item in the div its target names.
    const numberOf = new Map<string, string>();
    for (const m of after.matchAll(/(?:<div id="|::: \{#)(ref-[^" ]+)[^\n]*\n\n?(?:<span class="csl-left-margin">|\[)(\d+)\. /g)) numberOf.set(m[1], m[2]);
    assert.equal(numberOf.size, 7, file);
    const links = [...after.matchAll(/\[(\d+)\]\(#(ref-[^)]+)\)/g)].map((m) => [m[1], numberOf.get(m[2])]);
    assert.equal(links.length, 9, file);
    for (const [shown, target] of links) assert.equal(shown, target, `${file}: a link shows [${shown}] but its target is item ${target}`);
    assert.deepEqual([...numberOf.entries()].slice(0, 2), [['ref-hersbach2020', '1'], ['ref-lobell2010', '2']], file);
    // Nothing else changed: the text is the rendered one with the numbers and the items' order changed.
    assert.equal(after.length, edited.length, file);
    const { diagnostics } = await seen('/w', file, MemoryWorkspace.of({ [`/w/${file}`]: after }) as unknown as NodeWorkspace);
    assert.deepEqual(diagnostics.filter((d) => !d.endsWith('off-topic-citation')), [], file);
    // Removing uncited items removes their divs whole: the others and the list's own div stay balanced.
    const uncited = { [`/w/${file}`]: edited.replace(/Random forests dominate[\s\S]*?later\s*\\\[[^\]]*\]\([^)]*\),\[[^\]]*\]\([^)]*\)\\\]\./, 'Random forests dominate.') };
    assert.notEqual(uncited[`/w/${file}`], edited, file);
    const removed = applyPlan(uncited, planRenumber(await analyze(uncited), { compactRanges: false, removeUncited: true }))[`/w/${file}`];
    assert.deepEqual([...removed.matchAll(/(?:<div id="|::: \{#)(ref-[^" ]+)/g)].map((m) => m[1]), ['ref-hersbach2020', 'ref-lobell2010', 'ref-schlenker2009', 'ref-vanklompenburg2020', 'ref-chlingaryan2018'], file);
    const opens = (removed.match(/<div\b|^::: \{/gm) ?? []).length;
    const closes = (removed.match(/<\/div>|^:::$/gm) ?? []).length;
    assert.equal(opens, closes, `${file}: divs balanced`);
  }
});

test('bibliographies as reference managers export them (Zotero Better BibTeX, JabRef, Mendeley, BibLaTeX crossref/xdata/@string, odd keys, duplicate fields, CSL-YAML, front-matter references): what resolves is what Pandoc 2.17 resolves', async () => {
  const root = join(UNSEEN, 'reference-managers');
  const { cites, diagnostics, messages } = await seen(root, 'review.md');
  assert.equal(cites['review.md'].length, 16);
  // pandoc --citeproc: one "citation chen2019a not found", as `ids = {chen2019a, Chen:2019:UHI}` is split at spaces.
  assert.deepEqual(diagnostics.filter((d) => !/off-topic|missing-bib-field/.test(d)), ['review.md:27:71 unresolved-citation']);
  assert.match(messages[diagnostics.indexOf('review.md:27:71 unresolved-citation')], /alias in the ids field of “chen2019”, but Pandoc 2.17 splits ids at spaces/);
  const analysis = await createCitelensService(new NodeWorkspace([root])).analyze(join(root, 'review.md'));
  const byKey = new Map(analysis.resolutions.filter((r) => r.item.key).map((r) => [r.item.key!, r.entry?.key ?? null]));
  assert.equal(byKey.get('Chen:2019:UHI'), 'chen2019', 'the last alias resolves to its entry');
  assert.equal(byKey.get('chen2019a'), null);
  assert.equal(byKey.get('a/b.c'), 'a/b.c');
  // An entry whose title lost its closing brace: a bib-syntax error where it is, and the entries after it still read.
  const broken = await seen(root, 'broken.md');
  assert.deepEqual(broken.diagnostics.filter((d) => !/off-topic|missing-bib-field/.test(d)), ['broken.bib:10:11 bib-syntax']);
  assert.deepEqual(broken.cites['broken.md'], ['first2019', 'broken2020', 'after2021,last2022']);
});

test('BibLaTeX ids as Pandoc 2.17 reads them: split at white space, a comma kept with the alias before it', async () => {
  const cases: [string, string[]][] = [
    ['ids = {x1}', ['x1']],
    ['ids = {x1, x2}', ['x2']],
    ['ids = {x1, x2, x3}', ['x3']],
    ['ids = {x1,x2}', []],
    ['ids = {x1 x2}', ['x1', 'x2']],
  ];
  for (const [ids, resolving] of cases) {
    const ws = MemoryWorkspace.of({ '/w/a.md': '---\nbibliography: r.bib\n---\n\n[@k] [@x1] [@x2] [@x3]\n', '/w/r.bib': `@article{k, ${ids}, author = {A, B}, title = {T}, year = {2000}}\n` });
    const analysis = await createCitelensService(ws).analyze('/w/a.md');
    const found = analysis.resolutions.filter((r) => r.entry && r.item.key !== 'k').map((r) => r.item.key);
    assert.deepEqual(found, resolving, ids);
  }
});

test('an annotated bibliography `[@key]: A note…` is paragraphs citing, as Pandoc 2.17 reads it; Manubot\'s citation-tag definitions `[@tag:x]: doi:…` are not; HTML details, figcaption and spans cite, comments do not', async () => {
  const root = join(UNSEEN, 'annotated-notes');
  const { cites, diagnostics } = await seen(root, 'notes.md');
  // pandoc -f markdown -t json notes.md: these Cite elements, in this order.
  assert.deepEqual(cites['notes.md'], ['smith2020', 'jones2019', 'lee2018', 'smith2020', 'jones2019', 'lee2018', 'lee2018']);
  assert.deepEqual(diagnostics, []);
  const cited = (body: string) => parseManuscript('/w/a.md', body, defaultSettings, new ManuscriptCaches(), 0, { incremental: false }).citations.map((c) => c.raw);
  assert.deepEqual(cited('[@a]: A summary of the work.\n\n[foo]: https://example.org\n'), ['[@a]']);
  // One destination after the label: Manubot's definition of a citation tag, which its build consumes (Pandoc 2.17
  // alone would read a citation there: docs/pandoc-differences.md).
  assert.deepEqual(cited('Text [@tag:x].\n\n[@tag:x]: doi:10.1000/xyz\n[@tag:y]: https://example.org/a\n'), ['[@tag:x]']);
});

test('a Quarto article: cross-references (@sec-, @fig-, @tbl-, @eq-, @thm-, a custom kind) are never citations; citations in a figure caption, a pipe table, a footnote, link text, a callout and a theorem div are', async () => {
  const root = join(UNSEEN, 'annotated-notes');
  const { cites, diagnostics } = await seen(root, 'paper.qmd');
  assert.deepEqual(cites['paper.qmd'], ['smith2020', 'jones2019', 'lee2018', 'jones2019,lee2018', 'smith2020', 'smith2020', 'lee2018', 'smith2020']);
  assert.deepEqual(diagnostics, []);
});

test('a reference list written as a raw HTML `<ol>` of `<li id="refN">` items (hand-written Markdown pages keep it for the anchors): the reference list, numbered as HTML numbers it', async () => {
  const root = join(UNSEEN, 'html-ol-list');
  const { cites, diagnostics } = await seen(root, 'review.md');
  assert.deepEqual(cites['review.md'], ['1', '2,3', '4', '2,5', '6', '5,7', '2', '6']);
  // Before: "[1] cites a numbered reference, but the manuscript has no reference list", and nothing else checked.
  assert.deepEqual(diagnostics.filter((d) => !d.endsWith('off-topic-citation')), []);
  const numbers = (list: string) => parseManuscript('/w/a.md', `Text [1].\n\n## References\n\n${list}`, defaultSettings, new ManuscriptCaches(), 0, { incremental: false })
    .referenceList?.items.map((i) => `${i.number} ${i.text}`) ?? [];
  assert.deepEqual(numbers('<ol>\n<li>A.</li>\n<li>\n  B.\n</li>\n</ol>\n'), ['1 A.', '2 B.']);
  assert.deepEqual(numbers('<ol start="5"><li>A.</li><li value="9">B.</li><li>C.</li></ol>\n'), ['5 A.', '9 B.', '10 C.'], 'start and value');
  assert.deepEqual(numbers('<ul>\n<li>A.</li>\n</ul>\n'), [], 'an unordered list numbers nothing');
  assert.deepEqual(numbers('```\n<ol><li>A.</li></ol>\n```\n'), [], 'in code');
  assert.deepEqual(numbers('    <ol>\n    <li>A.</li>\n    </ol>\n'), [], 'in indented code');
  assert.deepEqual(numbers('<!-- <ol><li>A.</li></ol> -->\n'), [], 'in a comment');
  // Renumbering moves the items with their anchors and writes no number.
  const files = { '/m.md': '# T\n\nA [2]. B [1].\n\n## References\n\n<ol>\n<li id="ref1">Oke. 1982.</li>\n<li id="ref2">Arnfield. 2003.</li>\n</ol>\n' };
  const after = applyPlan(files, planRenumber(await analyze(files), { compactRanges: true, removeUncited: false }))['/m.md'];
  assert.equal(after, '# T\n\nA [1]. B [2].\n\n## References\n\n<ol>\n<li id="ref2">Arnfield. 2003.</li>\n<li id="ref1">Oke. 1982.</li>\n</ol>\n');
});

test('a bookdown book before its first knit: the package bibliography knitr::write_bib writes (over several lines, as the template does) is "not written yet", once; its `@R-…` keys are no errors; other keys are checked', async () => {
  const root = join(UNSEEN, 'bookdown-unknitted');
  const { diagnostics, messages } = await seen(root, 'index.Rmd');
  // Before: the template's multi-line call was not seen (a plain "does not exist"), and @R-bookdown, @R-base and
  // @R-rmarkdown were three unresolved-citation errors.
  assert.deepEqual(diagnostics, ['01-intro.Rmd:7:42 unresolved-citation', 'index.Rmd:5:26 bibliography-not-found']);
  assert.match(messages[1], /does not exist yet: knitr::write_bib writes it when the document is knitted/);
  assert.match(messages[0], /“xie2051”. Did you mean “xie2015”/);
  // Once knitted, the file holds the R- keys: a typo among them is an error again.
  const ws = MemoryWorkspace.of({
    '/w/index.Rmd': '---\nbibliography: [packages.bib]\n---\n\n[@R-base] [@R-bse]\n\n```{r}\nknitr::write_bib(c(\n  "base"\n), "packages.bib")\n```\n',
    '/w/packages.bib': '@Manual{R-base, title = {R: A Language}, author = {{R Core Team}}, year = {2024}}\n',
  }, ['/w']);
  const knitted = await seen('/w', 'index.Rmd', ws as unknown as NodeWorkspace);
  assert.deepEqual(knitted.diagnostics, ['index.Rmd:5:13 unresolved-citation']);
});

test('bare BibTeX values that open with a digit (`pages = 1--5`, `edition = 2nd`, `year = 2020a`) are read as Pandoc 2.17 reads them: no bib-syntax error, the values kept', async () => {
  const bib = '@article{w, author = {W, C}, title = {The T}, year = 2022, pages = 1--5, edition = 2nd, note = {x}}\n@article{z, author = {Z, C}, title = {After}, year = 2020a}\n';
  const ws = MemoryWorkspace.of({ '/w/a.md': '---\nbibliography: r.bib\n---\n\n[@w] [@z]\n', '/w/r.bib': bib });
  const service = createCitelensService(ws);
  const first = await service.analyze('/w/a.md');
  assert.deepEqual(first.diagnostics.map((d) => d.code), []);
  const csl = first.resolutions[0].entry!.getCsl()!;
  assert.equal(csl.page, '1-5');
  assert.equal(csl.edition, '2nd');
  // Converting the entry (hover, formatting) found nothing to report either.
  assert.deepEqual((await service.analyze('/w/a.md')).diagnostics.map((d) => d.code), []);
  // What Pandoc 2.17 stops on stays an error: `.` and `/` are no part of a bare value.
  const bad = MemoryWorkspace.of({ '/w/a.md': '---\nbibliography: r.bib\n---\n\n[@w]\n', '/w/r.bib': '@article{w, title = {T}, year = 2022, doi = 10.1000/xyz}\n' });
  assert.deepEqual((await createCitelensService(bad).analyze('/w/a.md')).diagnostics.map((d) => d.code).filter((c) => c !== 'missing-bib-field'), ['bib-syntax']);
});

test('a grid table indented outside a list is a paragraph to Pandoc 2.17 (read line by line, its caption after it); at the margin or at a list item\'s text it is a table (row by row, caption first)', () => {
  const cited = (body: string) => parseManuscript('/w/a.md', body, defaultSettings, new ManuscriptCaches(), 0, { incremental: false }).citations.map((c) => c.raw);
  const table = (indent: string) => `${indent}+--------+--------+\n${indent}| A [@a] | B [@b] |\n${indent}| m [@c] | m [@d] |\n${indent}+--------+--------+\n\n${indent}: Cap [@e].\n`;
  // pandoc -f markdown -t json, each: the Cite elements in this order.
  assert.deepEqual(cited(`Text.\n\n${table('')}`), ['[@e]', '[@a]', '[@c]', '[@b]', '[@d]'], 'at the margin');
  assert.deepEqual(cited(`Text.\n\n${table(' ')}`), ['[@a]', '[@b]', '[@c]', '[@d]', '[@e]'], 'indented one space');
  assert.deepEqual(cited(`Text.\n\n${table('  ')}`), ['[@a]', '[@b]', '[@c]', '[@d]', '[@e]'], 'indented two spaces');
  assert.deepEqual(cited(`- Item:\n\n${table('  ')}`), ['[@e]', '[@a]', '[@c]', '[@b]', '[@d]'], 'in a list item, at its text');
  assert.deepEqual(cited(`1. Item:\n\n${table('   ')}`), ['[@e]', '[@a]', '[@c]', '[@b]', '[@d]'], 'in an ordered list item');
});

test('reference-list items as some journals print them: `[1]. Author…`, `[1]: Author…`, `(1). Author…`, Spanish `1.- Author…`; a link definition `[1]: https://…` is no item', () => {
  const numbers = (items: string) => parseManuscript('/w/a.md', `Text [1], [2].\n\n## References\n\n${items}`, defaultSettings, new ManuscriptCaches(), 0, { incremental: false })
    .referenceList?.items.map((i) => `${i.number} ${i.text}`) ?? [];
  assert.deepEqual(numbers('[1]. Oke TR. Heat. 1982.\n\n[2]. Arnfield AJ. Climate. 2003.\n'), ['1 Oke TR. Heat. 1982.', '2 Arnfield AJ. Climate. 2003.']);
  assert.deepEqual(numbers('[1]: Oke TR. Heat. 1982.\n\n[2]: Arnfield AJ. Climate. 2003.\n'), ['1 Oke TR. Heat. 1982.', '2 Arnfield AJ. Climate. 2003.']);
  assert.deepEqual(numbers('(1). Oke TR. Heat. 1982.\n\n(2). Arnfield AJ. Climate. 2003.\n'), ['1 Oke TR. Heat. 1982.', '2 Arnfield AJ. Climate. 2003.']);
  assert.deepEqual(numbers('1.- Oke TR. Heat. 1982.\n2.- Arnfield AJ. Climate. 2003.\n'), ['1 Oke TR. Heat. 1982.', '2 Arnfield AJ. Climate. 2003.']);
  assert.deepEqual(numbers('[1]: https://doi.org/10.1000/x "Oke 1982"\n[2]: <https://example.org/a b>\n'), []);
});
