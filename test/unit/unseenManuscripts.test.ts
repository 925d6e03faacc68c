/**
 * Manuscripts unlike the Manubot sets Citelens was built on — a bookdown book, a Quarto book, hand-written
 * numeric reviews, BibLaTeX and CSL bibliographies from reference managers — each a small fixture folder under
 * `test/fixtures/unseen/`. What a user sees must hold: the citations read (keys per file, in order: what
 * `pandoc -f markdown` reads too, checked against Pandoc itself in `test/eval/unseenPandoc.test.ts`) and no
 * diagnostic on correct material, only the ones planted.
 *
 * Topic fit (`off-topic-citation`) is left out: it is judged elsewhere (test/eval/topicFitEval.test.ts).
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { NodeWorkspace } from '../../server/src/cli/nodeWorkspace';
import { createCitelensService } from '../../server/src/service/service';
import { MemoryWorkspace } from '../../server/src/service/workspace';

export const UNSEEN = join(__dirname, '..', 'fixtures', 'unseen');

/** The keys (or numbers) each file cites, in order, and the diagnostics as `file:line code`, off-topic aside. */
async function seen(file: string): Promise<{ cites: Record<string, string[]>; diagnostics: string[] }> {
  const root = join(UNSEEN, file.split('/')[0]);
  const service = createCitelensService(new NodeWorkspace([root]));
  const analysis = await service.analyze(join(UNSEEN, file));
  const cites: Record<string, string[]> = {};
  for (const f of analysis.files) {
    cites[f.uri.slice(root.length + 1)] = f.citations.filter((c) => !c.nocite).flatMap((c) => c.items.map((i) => i.ref));
  }
  const lineOf = (uri: string, offset: number): number => {
    const text = analysis.files.find((f) => f.uri === uri)?.text ?? '';
    return text.slice(0, offset).split('\n').length;
  };
  const diagnostics = analysis.diagnostics
    .filter((d) => d.code !== 'off-topic-citation')
    .map((d) => `${d.uri.slice(root.length + 1)}:${lineOf(d.uri, d.span.start)} ${d.code}`);
  return { cites, diagnostics };
}

test('bookdown: the chapters of _bookdown.yml share the bibliography index.Rmd names (in a subfolder); \\@ref, chunks, inline R, e-mails, math and URLs hold no citation', async () => {
  const { cites, diagnostics } = await seen('bookdown/01-intro.Rmd');
  assert.deepEqual(cites, {
    'index.Rmd': ['berendsen2012', 'philippot2013', 'R-bookdown', 'R-base'],
    // The chunk option `caption = "… [@vance1987]"` is R code to Pandoc (docs/pandoc-differences.md).
    '01-intro.Rmd': ['berendsen2012', 'philippot2013', 'vance1987'],
    '02-methods.Rmd': ['vance1987', 'R-ggplot2'],
  });
  assert.deepEqual(diagnostics, []);
});

test('bookdown without rmd_files: index.Rmd (site: bookdown::bookdown_site) first, then the .Rmd files by name, `_` files left out', async () => {
  const bib = '@article{a, title = {A}, author = {Roe, R}, year = {2020}}\n@article{b, title = {B}, author = {Doe, D}, year = {2021}}\n';
  const ws = MemoryWorkspace.of({
    '/w/index.Rmd': '---\ntitle: Book\nsite: bookdown::bookdown_site\nbibliography: refs/main.bib\n---\n\nPreface [@a].\n',
    '/w/02-b.Rmd': '# B\n\nSee [@b].\n',
    '/w/01-a.Rmd': '# A\n\nSee [@a] and [@typo].\n',
    '/w/_notes.Rmd': 'Draft [@zzz].\n',
    '/w/refs/main.bib': bib,
  }, ['/w']);
  const analysis = await createCitelensService(ws).analyze('/w/02-b.Rmd');
  assert.deepEqual(analysis.files.map((f) => f.uri), ['/w/index.Rmd', '/w/01-a.Rmd', '/w/02-b.Rmd']);
  assert.deepEqual(analysis.bibliographies.map((b) => b.uri), ['/w/refs/main.bib']);
  assert.deepEqual(analysis.diagnostics.filter((d) => d.code !== 'off-topic-citation').map((d) => `${d.uri} ${d.message}`), ['/w/01-a.Rmd No bibliography entry has the key “typo”.']);
  // A missing chapter is named with where it was listed.
  ws.set('/w/_bookdown.yml', 'rmd_files: [index.Rmd, 01-a.Rmd, 03-gone.Rmd]\n');
  const listed = await createCitelensService(ws).analyze('/w/01-a.Rmd');
  assert.deepEqual(listed.diagnostics.filter((d) => d.code === 'bibliography-not-found').map((d) => d.message), ['The chapter “03-gone.Rmd” listed in the bookdown book (_bookdown.yml) does not exist or cannot be read.']);
});

test('BibLaTeX and CSL libraries as reference managers export them: `ids` aliases resolve (as in Pandoc), @string/#, crossref, xdata, Zotero/Mendeley fields, CSL raw and EDTF dates', async () => {
  const { cites, diagnostics } = await seen('biblatex/paper.md');
  assert.deepEqual(cites['paper.md'], ['w3c2020', 'Zhou:2019/seg', 'zhou2019', 'kim2018', 'bauer2017', 'Perez2021', 'Garcia2018', 'smith-2020', 'Smith-2020', 'doe:2021/x', 'lit']);
  assert.deepEqual(diagnostics, []);
  const service = createCitelensService(new NodeWorkspace([join(UNSEEN, 'biblatex')]));
  const analysis = await service.analyze(join(UNSEEN, 'biblatex/paper.md'));
  const entryOf = (key: string) => analysis.resolutions.find((r) => r.item.key === key)?.entry;
  // The alias names the entry itself: one work, not two.
  assert.equal(entryOf('zhou2019')?.key, 'Zhou:2019/seg');
  // Dates as citeproc reads them: `{"raw": "2019"}` and a bare `issued: 2020-05`.
  assert.deepEqual(entryOf('lit')?.getCsl()?.issued, { 'date-parts': [[2019]] });
  assert.deepEqual(entryOf('smith-2020')?.getCsl()?.issued, { 'date-parts': [[2020, 5]] });
});

test('Quarto book: parts, callouts and fenced divs, @fig-/@sec-/@tbl-/@eq-/@thm- labels, captions, footnotes, spans, nocite @*, code-cell options', async () => {
  const { cites, diagnostics } = await seen('quarto-book/chapters/intro.qmd');
  assert.deepEqual(cites, {
    'index.qmd': ['han2016', 'howard2017', 'li2020'],
    // `{{< include _shared.qmd >}}` in index.qmd: read right after it.
    '_shared.qmd': ['han2016'],
    'chapters/intro.qmd': ['han2016', 'howard2017', 'howard2017', 'han2016', 'li2020'],
    // `#| fig-cap: "… [@han2016]"` in a Python cell is code to Pandoc.
    'chapters/methods.qmd': ['lecun1998', 'howard2017', 'li2020'],
    'references.qmd': [],
  });
  // Nothing to report, topic fit included: the fence lines of a callout or figure div are not part of its claim.
  const service = createCitelensService(new NodeWorkspace([join(UNSEEN, 'quarto-book')]));
  const analysis = await service.analyze(join(UNSEEN, 'quarto-book/chapters/methods.qmd'));
  assert.deepEqual(analysis.diagnostics.map((d) => d.message), []);
  assert.deepEqual(diagnostics, []);
});

test('numeric reviews typed by hand: list forms and headings, ranges, superscripts; years, intervals, indices, links and notes are no citations', async () => {
  const gait = await seen('numeric/gait-review.md');
  // `[2019]`, `[2015–2021]` (years beyond an 8-item list), `[n = 3]`, `[0, 1]`, `a[3]`, `x_i[2]`, `[^1]`,
  // `[the protocol][1]`, code and math are not read.
  assert.deepEqual(gait.cites['gait-review.md'], ['1', '2', '3', '3', '4', '5', '1', '3', '4', '5', '6', '7', '8']);
  assert.deepEqual(gait.diagnostics, []);
  // "Literature Cited" with `[n] …` paragraphs; "## Bibliography {-}" with `1) …` items cited by superscripts;
  // "# References {#references .unnumbered}" with items over two lines.
  const cases: [string, string[]][] = [
    ['numeric/soft-robotics.md', ['1', '2', '3', '4', '1', '2']],
    ['numeric/microplastics.md', ['1', '2', '3']],
    ['numeric/sleep.md', ['1', '2', '3', '2']],
    // A bold paragraph `**References**` as the title (Word and Google Docs exports), items over several lines.
    ['numeric/heat-islands.md', ['1', '2', '3', '4', '5', '5']],
    // "Works Cited" with `* [n] …` bullets.
    ['numeric/coral.md', ['1', '2']],
  ];
  for (const [file, expected] of cases) {
    const { cites, diagnostics } = await seen(file);
    assert.deepEqual(cites[file.split('/')[1]], expected, file);
    assert.deepEqual(diagnostics, [], file);
  }
});

test('a year in brackets is a citation when the reference list numbers that far', async () => {
  const list = Array.from({ length: 2020 }, (_, k) => `${k + 1}. Author ${k + 1}. Work number ${k + 1}. 2001.`).join('\n');
  const ws = MemoryWorkspace.of({ '/w/big.md': `Text [1] and [2020] and [2021].\n\n# References\n\n${list}\n` }, ['/w']);
  const analysis = await createCitelensService(ws).analyze('/w/big.md');
  // [2020] names the 2,020th work; [2021], beyond the list, is a year.
  assert.deepEqual(analysis.files[0].citations.map((c) => c.raw), ['[1]', '[2020]']);
  assert.equal(analysis.resolutions[1].reference?.number, 2020);
  assert.deepEqual(analysis.diagnostics.filter((d) => d.code === 'unresolved-citation'), []);
});

test('a Quarto article: Quarto options in the front matter (twitter-card handles, format, params) are no citations; the title\'s is', async () => {
  const { cites, diagnostics } = await seen('quarto-article/paper.qmd');
  assert.deepEqual(cites['paper.qmd'], ['roe2020', 'roe2020', 'doe2019', 'roe2020', 'doe2019']);
  assert.deepEqual(diagnostics, []);
});

test('"References and Notes" (Science) is a reference list; a number past it, in an appendix, is still reported', async () => {
  const { cites, diagnostics } = await seen('numeric/permafrost.md');
  assert.deepEqual(cites['permafrost.md'], ['1', '2', '3', '4']);
  assert.deepEqual(diagnostics, ['permafrost.md:13 unresolved-citation']);
});

test('a Quarto website: a post\'s bibliography named by its folder\'s _metadata.yml (Quarto\'s directory metadata) and by the project', async () => {
  const ws = MemoryWorkspace.of({
    '/w/_quarto.yml': 'project:\n  type: website\nbibliography: site.bib\n',
    '/w/site.bib': '@article{site2020, title={Site}, author={Site, S}, year={2020}}\n',
    '/w/posts/_metadata.yml': 'bibliography: refs/posts.bib\nformat:\n  html:\n    toc: true\n',
    '/w/posts/2024/post.qmd': '---\ntitle: A post\n---\n\nCaching helps [@roe2020], [@site2020], not [@none].\n',
    '/w/posts/refs/posts.bib': '@article{roe2020, title={Edge caching}, author={Roe, Jane}, journal={N}, year={2020}}\n',
  }, ['/w']);
  const analysis = await createCitelensService(ws).analyze('/w/posts/2024/post.qmd');
  // Quarto merges the folder's options with the project's: both bibliographies.
  assert.deepEqual(analysis.bibliographies.map((b) => b.uri), ['/w/posts/refs/posts.bib', '/w/site.bib']);
  assert.deepEqual(analysis.diagnostics.map((d) => d.message), ['No bibliography entry has the key “none”.']);
});

test('R Markdown: a bibliography named by inline R (here::here) is the file it quotes, found from a folder above; never reported as missing', async () => {
  const bib = '@article{roe2020, title={Edge caching}, author={Roe, Jane}, journal={N}, year={2020}}\n';
  const report = (yaml: string) => `---\ntitle: Report\noutput: bookdown::html_document2\nbibliography: ${yaml}\n---\n\nText [@roe2020].\n`;
  const ws = MemoryWorkspace.of({
    '/w/analysis/report.Rmd': report(`"\`r here::here('bib', 'refs.bib')\`"`),
    '/w/analysis/other.Rmd': report(`"\`r params$bib\`"`),
    '/w/bib/refs.bib': bib,
  }, ['/w']);
  const found = await createCitelensService(ws).analyze('/w/analysis/report.Rmd');
  assert.deepEqual(found.bibliographies.map((b) => b.uri), ['/w/bib/refs.bib']);
  assert.deepEqual(found.diagnostics.map((d) => d.code), []);
  // Code that names no file: nothing to report about it (no `bibliography-not-found`); the usual discovery goes on.
  const unknown = await createCitelensService(ws).analyze('/w/analysis/other.Rmd');
  assert.deepEqual(unknown.diagnostics.map((d) => d.code), ['unresolved-citation']);
  assert.match(unknown.diagnostics[0].message, /no bibliography was found/);
});

test('bookdown\'s packages.bib before the first knit: the message says knitr::write_bib writes it; another missing file names the bibliographies that are checked', async () => {
  const index = (bibs: string) => `---\ntitle: Book\nsite: bookdown::bookdown_site\nbibliography: [${bibs}]\n---\n\nText [@a] on R [@R-base].\n\n\`\`\`{r include=FALSE}\nknitr::write_bib(c(.packages(), 'bookdown'), 'packages.bib')\n\`\`\`\n`;
  const ws = MemoryWorkspace.of({ '/w/index.Rmd': index('book.bib, packages.bib, typo.bib'), '/w/book.bib': '@article{a, title={A}, author={Roe, R}, year={2020}}\n' }, ['/w']);
  const analysis = await createCitelensService(ws).analyze('/w/index.Rmd');
  assert.deepEqual(analysis.diagnostics.filter((d) => d.code === 'bibliography-not-found').map((d) => d.message), [
    'The bibliography “packages.bib” named in the front matter does not exist yet: knitr::write_bib writes it when the document is knitted. Knit once (or commit the file) so that its keys resolve.',
    'The bibliography “typo.bib” named in the front matter does not exist. Citations are checked against the other bibliographies named in the front matter.',
  ]);
});

test('Quarto `{{< include >}}`: the included files are chapters read right after the one including them (their citations count, their unknown keys are reported in them); a missing one is named on its shortcode', async () => {
  const bib = '@article{a, title = {A}, author = {Roe, R}, year = {2020}}\n@article{b, title = {B}, author = {Doe, D}, year = {2021}}\n@article{c, title = {C}, author = {Poe, P}, year = {2022}}\n';
  const ws = MemoryWorkspace.of({
    '/w/_quarto.yml': 'project:\n  type: default\nbibliography: refs.bib\n',
    '/w/refs.bib': bib,
    '/w/paper.qmd': [
      '---', 'title: Review', '---', '', 'Intro [@a].', '',
      '{{< include _intro.qmd >}}', '',
      '```markdown', '{{< include _in-code.qmd >}}', '```', '',
      '{{< include /parts/_methods.qmd >}}', '',
      '{{< include _gone.qmd >}}', '',
      'End [@a].', '',
    ].join('\n'),
    '/w/_intro.qmd': 'Background [@b] and [@typo].\n\n{{< include paper.qmd >}}\n',
    '/w/parts/_methods.qmd': 'Methods [@c; @fig-x].\n\n{{< include _more.qmd >}}\n',
    '/w/parts/_more.qmd': 'More [@a].\n',
    '/w/_in-code.qmd': 'Never read [@zzz].\n',
  }, ['/w']);
  const analysis = await createCitelensService(ws).analyze('/w/paper.qmd');
  assert.deepEqual(analysis.files.map((f) => [f.uri, f.citations.flatMap((c) => c.items.map((i) => i.ref))]), [
    ['/w/paper.qmd', ['a', 'a']],
    ['/w/_intro.qmd', ['b', 'typo']],
    ['/w/parts/_methods.qmd', ['c']],
    ['/w/parts/_more.qmd', ['a']],
  ]);
  const lineOf = (uri: string, offset: number): number => (analysis.files.find((f) => f.uri === uri)?.text ?? '').slice(0, offset).split('\n').length;
  assert.deepEqual(analysis.diagnostics.filter((d) => d.code !== 'off-topic-citation').map((d) => `${d.uri}:${lineOf(d.uri, d.span.start)} ${d.code} ${d.message}`), [
    '/w/_intro.qmd:1 unresolved-citation No bibliography entry has the key “typo”.',
    '/w/paper.qmd:15 bibliography-not-found The file “_gone.qmd” included here does not exist, so its citations are not checked.',
  ]);
});

test('Quarto `{{< include >}}` in a numeric review: a reference cited only in the included file is not orphaned', async () => {
  const ws = MemoryWorkspace.of({
    '/q/_quarto.yml': 'project:\n  type: default\n',
    '/q/paper.qmd': '# Review\n\nFirst [1].\n\n{{< include _b.qmd >}}\n\n## References\n\n1. Roe R. Alpha beta gamma. J Things. 2020.\n2. Doe D. Delta epsilon zeta. J Stuff. 2021.\n',
    '/q/_b.qmd': 'Second [2].\n',
  }, ['/q']);
  const analysis = await createCitelensService(ws).analyze('/q/paper.qmd');
  assert.deepEqual(analysis.diagnostics.filter((d) => d.code !== 'off-topic-citation').map((d) => `${d.code} ${d.message}`), []);
  // Without the include the second reference is orphaned: the test can fail.
  ws.set('/q/paper.qmd', '# Review\n\nFirst [1].\n\n## References\n\n1. Roe R. Alpha beta gamma. J Things. 2020.\n2. Doe D. Delta epsilon zeta. J Stuff. 2021.\n');
  const without = await createCitelensService(ws).analyze('/q/paper.qmd');
  assert.deepEqual(without.diagnostics.map((d) => d.code), ['orphaned-reference']);
});

test('a Word review converted to Markdown (pandoc -t markdown, -t gfm, -t commonmark): escaped `\\[1\\]`, `\\[2--4\\]`, `\\[2\\]--\\[4\\]` are its citations; footnotes after the references are no list items', async () => {
  // What the author typed in Word (converted/source.md.txt): [1] [2–4] [1, 3] [5] (its note: [5]) [6], [7] [8]
  // [2]–[4] [5, p. 12], a table [1] [3, 5] [6–8] captioned [9], then [10]; the affiliation marks ^1^ are none.
  // Pandoc's Markdown writer also repeats the caption as a paragraph above the table (a second [9]); the note's
  // [5], defined after the references, counts where its mark is.
  const cases: [string, string][] = [
    ['converted/word-pandoc.md', '1 234 13 5 5 6 7 8 234 5 9 9 1 35 678 10'],
    ['converted/word-gfm.md', '1 234 13 5 5 6 7 8 234 5 9 1 35 678 9 10'],
    // CommonMark has no footnotes: the writer puts a bare mark `[1]` in the text (`\[5\].[1]`) and a paragraph
    // `[1] …` after the references. Citations are escaped there, so the bare mark and the label are the note's, not
    // citations of 1 (the note's own \[5\] counts, after the text); the paragraph ends the list.
    ['converted/word-commonmark.md', '1 234 13 5 6 7 8 234 5 9 9 1 35 678 9 10 5'],
  ];
  for (const [file, expected] of cases) {
    const { cites, diagnostics } = await seen(file);
    assert.deepEqual(Object.values(cites)[0], expected.split(' ').flatMap((group) => group === '10' ? ['10'] : [...group]), file);
    assert.deepEqual(diagnostics, [], file);
  }
});

test('a Word review citing in superscripts, converted with -t gfm / -t commonmark: `<sup>1,2</sup>` are its citations; affiliation marks and powers (`10<sup>4</sup>`, `m<sup>2</sup>`) are not', async () => {
  for (const file of ['converted/word-superscripts-gfm.md', 'converted/word-superscripts-commonmark.md']) {
    const { cites, diagnostics } = await seen(file);
    assert.deepEqual(Object.values(cites)[0], ['1', '2', '3', '2', '3', '4', '5'], file);
    assert.deepEqual(diagnostics, [], file);
  }
});

test('Word bookmarks and underlines in the references title (`# []{#_Toc1 .anchor}References`, `**[]{#_Toc2 .anchor}References**`, `[References]{.underline}`); non-breaking spaces in `\\[2,\u00a03\\]`', async () => {
  const body = 'Rivers hold plastics\u00a0\\[1\\]. Lakes too \\[2,\u00a03\\].\n\n';
  const list = '\n\n1.  Lopez A. Rivers. 2019.\n2.  Smith B. Lakes. 2018.\n3.  Wu C. Ponds. 2020.\n';
  for (const title of ['# []{#_Toc1 .anchor}References', '**[]{#_Toc2 .anchor}References**', '[]{#_Ref3 .anchor}**References**', '## [References]{.underline}']) {
    const ws = MemoryWorkspace.of({ '/w/review.md': `# Review\n\n${body}${title}${list}` }, ['/w']);
    const analysis = await createCitelensService(ws).analyze('/w/review.md');
    assert.deepEqual(analysis.files[0].citations.flatMap((c) => c.items.map((i) => i.ref)), ['1', '2', '3'], title);
    assert.deepEqual(analysis.diagnostics.filter((d) => d.code !== 'off-topic-citation').map((d) => d.code), [], title);
  }
});

test('a Word review with an IEEE list "[1] Author…", converted with -t markdown: the `\\[1\\] Author` paragraphs are the reference list', async () => {
  const { cites, diagnostics } = await seen('converted/word-ieee-list.md');
  assert.deepEqual(cites, { 'word-ieee-list.md': ['1', '2', '3'] });
  assert.deepEqual(diagnostics, []);
  const ws = MemoryWorkspace.of({ '/w/r.md': 'Text \\[2\\].\n\n## References\n\n\\[1\\] Lopez A. Rivers. 2019.\n\n\\[1\\] Smith B. Lakes. 2018.\n' }, ['/w']);
  const analysis = await createCitelensService(ws).analyze('/w/r.md');
  const twice = analysis.diagnostics.find((d) => d.code === 'reference-numbering')!;
  assert.equal(analysis.files[0].text.slice(twice.span.start, twice.span.end), '\\[1\\]', 'the marker is underlined whole');
});

test('an IEEE range hard-wrapped after its dash (`\\[2\\] --⏎\\[4\\]`, `[5] -⏎[7]`) is one range; `[8]⏎- [9]` (a list) is not', async () => {
  const text = '# R\n\nSome words [1] here \\[2\\] --\n\\[4\\] and [5] -\n[7] and a list:\n\n- [8]\n- [9]\n\n## References\n\n' + Array.from({ length: 9 }, (_, k) => `${k + 1}.  Author ${k + 1}. Title. 2020.\n`).join('');
  const analysis = await createCitelensService(MemoryWorkspace.of({ '/w/r.md': text }, ['/w'])).analyze('/w/r.md');
  assert.deepEqual(analysis.files[0].citations.map((c) => c.items.map((i) => i.ref).join(',')), ['1', '2,3,4', '5,6,7', '8', '9']);
  assert.deepEqual(analysis.diagnostics.filter((d) => d.code !== 'off-topic-citation').map((d) => d.code), []);
});

test('mammoth\'s Word → Markdown notes: marks `[[1]](#footnote-1)` are no citations, and the note items `1. <a id="footnote-1"></a>` after the references are no list items', async () => {
  const { cites, diagnostics } = await seen('converted/word-mammoth.md');
  assert.deepEqual(cites, { 'word-mammoth.md': ['1', '2'] });
  assert.deepEqual(diagnostics, []);
});

test('a Word reference list typed as paragraphs "1. Author" (no Word list), converted as `1\\. Author`, is the reference list; `2019\\.` wrapped inside an item is no item', async () => {
  const { cites, diagnostics } = await seen('converted/word-typed-numbers.md');
  assert.deepEqual(cites, { 'word-typed-numbers.md': ['1', '2'] });
  assert.deepEqual(diagnostics, []);
  const text = 'Rivers \\[1\\]. Lakes \\[2\\].\n\n**References**\n\n1\\. Lopez A. Rivers in a long title, Water Res.\n2019\\. Vol 3.\n\n2\\. Smith B. Lakes. 2018.\n';
  const analysis = await createCitelensService(MemoryWorkspace.of({ '/w/r.md': text }, ['/w'])).analyze('/w/r.md');
  assert.deepEqual(analysis.files[0].referenceList?.items.map((i) => i.number), [1, 2]);
  assert.deepEqual(analysis.diagnostics.filter((d) => d.code !== 'off-topic-citation').map((d) => d.code), []);
});

test('a Word table converted to a multiline table: a row is read cell by cell (a wrapped cell citing [2] on its fifth line comes before the next cell\'s [3, 4, 5, 6] on the first), no false citation-order', async () => {
  const { cites, diagnostics } = await seen('converted/word-multiline-table.md');
  assert.deepEqual(cites, { 'word-multiline-table.md': ['1', '2', '3', '4', '5', '6'] });
  assert.deepEqual(diagnostics, []);
});

test('a Word table converted to a grid table (a cell of two paragraphs): a row is read cell by cell, no false citation-order', async () => {
  const { cites, diagnostics } = await seen('converted/word-grid-table.md');
  assert.deepEqual(cites, { 'word-grid-table.md': ['1', '2', '3', '4'] });
  assert.deepEqual(diagnostics, []);
});

test('a footnote definition ends the reference list only after its items (one right under the title does not hide the list)', async () => {
  const text = 'Rivers [1]. Lakes [2].[^n]\n\n## References\n\n[^n]: A note citing [2].\n\n1.  Lopez A. Rivers. 2019.\n2.  Smith B. Lakes. 2018.\n';
  const analysis = await createCitelensService(MemoryWorkspace.of({ '/w/r.md': text }, ['/w'])).analyze('/w/r.md');
  assert.deepEqual(analysis.files[0].referenceList?.items.map((i) => i.number), [1, 2]);
  assert.deepEqual(analysis.diagnostics.filter((d) => d.code !== 'off-topic-citation').map((d) => d.code), []);
});
