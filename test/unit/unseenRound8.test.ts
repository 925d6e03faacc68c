/**
 * Unseen manuscripts and bibliographies, eighth round (earlier: unseenRound4–7.test.ts). Each case asserts what
 * the user sees: the citations read, in order (Pandoc 2.17's `Cite` elements, `pandoc -f markdown -t json`, noted
 * per case), and the diagnostics with their positions and messages.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { parseManuscript } from '../../server/src/service/markdown/manuscript';
import { ManuscriptCaches } from '../../server/src/service/markdown/manuscriptCaches';
import { defaultSettings } from '../../server/src/service/settings';
import { NodeWorkspace } from '../../server/src/cli/nodeWorkspace';
import { MemoryWorkspace } from '../../server/src/service/workspace';
import { seen } from '../helpers/unseen';

const UNSEEN = join(__dirname, '..', 'fixtures', 'unseen');
/** Files in memory under the workspace folder `/w`, as `seen` takes a workspace. */
const inMemory = (files: Record<string, string>) => MemoryWorkspace.of(files, ['/w']) as unknown as NodeWorkspace;

test('a hand-written author-year reference list whose wrapped line opens with the year, `(2019). **multcompView**…` or `2008. Simultaneous…`: no numbered list "starting at 2019"', async () => {
  // emmeans's re-engineering-clds vignette (Debian's r-cran-emmeans): "The reference list starts at 2019".
  const { cites, diagnostics } = await seen(join(UNSEEN, 'handwritten-author-year'), 'clds.Rmd');
  assert.deepEqual(cites['clds.Rmd'], []);
  assert.deepEqual(diagnostics, []);
  const list = (items: string) => parseManuscript('/w/a.md', `Text [1].\n\n## References\n${items}`, defaultSettings, new ManuscriptCaches(), 0, { incremental: false })
    .referenceList?.items.map((i) => i.number) ?? [];
  assert.deepEqual(list('Graves, Spencer\n(2019). Title.\n'), [], 'a year continuing a paragraph');
  assert.deepEqual(list('Hothorn, Torsten\n2008. Title.\n'), []);
  // CommonMark lets a list interrupt a paragraph when it starts at 1: an intro line, then the items.
  assert.deepEqual(list('Works cited:\n1. Oke. 1982.\n2. Bowler. 2010.\n'), [1, 2]);
  assert.deepEqual(list('\n[1] Oke. 1982.\n[2] Bowler. 2010.\n'), [1, 2], 'items on lines of their own, no blank between');
  assert.deepEqual(list('\n(1) Oke. 1982.\n\n(2) Bowler. 2010.\n'), [1, 2], "ACS's `(1)`");
});

test("papaja's APA manuscript before its first knit: `r_refs(\"r-references.bib\")` writes the R packages' bibliography, so `@R-papaja` is no error and the missing file says to knit once", async () => {
  // pandoc -t json: the abstract's two Cites (metadata), then the body's, in this order; `@frenda2016 [p. 12]` one Cite.
  const { cites, diagnostics, messages } = await seen(join(UNSEEN, 'papaja'), 'manuscript.Rmd');
  assert.deepEqual(cites['manuscript.Rmd'], ['lim2010', 'frenda2016,lim2010', 'lim2010', 'frenda2016', 'frenda2016', 'tucker2010,lim2010', 'faul2007', 'kirchner1958', 'peirce2019', 'R-base', 'R-papaja', 'lim2010', 'frenda2016', 'tucker2010,lim2010']);
  assert.deepEqual(diagnostics, ['manuscript.Rmd:29:23 bibliography-not-found']);
  assert.match(messages[0], /“r-references\.bib” named in the front matter does not exist yet: papaja::r_refs writes it when the document is knitted/);
  // Another key of the missing file's prefix resolves nowhere else either: still no error. A typo of a key of the
  // shipped bibliography still is one.
  const bib = '@article{lim2010, title = {Sleep}, author = {Lim, J.}, year = {2010}}\n';
  const rmd = (call: string) => `---\nbibliography: ["r-references.bib", "refs.bib"]\n---\n\n\`\`\`{r}\n${call}\n\`\`\`\n\nR [@R-base] and [@lim201].\n`;
  const knit = async (call: string) => seen('/w', 'a.Rmd', inMemory({ '/w/a.Rmd': rmd(call), '/w/refs.bib': bib }));
  assert.deepEqual((await knit('papaja::r_refs(file = "r-references.bib")')).diagnostics, ['a.Rmd:2:17 bibliography-not-found', 'a.Rmd:9:19 unresolved-citation']);
  // Without the call nothing writes the file: `@R-base` is an unknown key like any other.
  assert.deepEqual((await knit('library(papaja)')).diagnostics, ['a.Rmd:2:17 bibliography-not-found', 'a.Rmd:9:5 unresolved-citation', 'a.Rmd:9:19 unresolved-citation']);
});

test('a Quarto website: the posts take `bibliography:` from `posts/_metadata.yml`; an `@handle` on a page that names no bibliography is text, not a citation of the `.bib` beside it', async () => {
  const root = join(UNSEEN, 'quarto-website');
  // pandoc -t json on the post: oke1982, fig-profile (Quarto's cross-reference), the caption's oke1982, gasparrini2015,
  // santamouris2014, bowler2010; the included footer (Quarto pastes it in) cites oke1982.
  const post = await seen(root, 'posts/heat-2024/index.qmd');
  assert.deepEqual(post.cites, { 'posts/heat-2024/index.qmd': ['oke1982', 'oke1982', 'gasparrini2015', 'santamouris2014', 'bowler2010'], 'posts/heat-2024/_footer.qmd': ['oke1982'] });
  assert.deepEqual(post.diagnostics, []);
  const trees = await seen(root, 'posts/trees-2023/index.qmd');
  assert.deepEqual(trees.cites['posts/trees-2023/index.qmd'], ['bowler2010', 'santamouris2014', 'bowler2010', 'santamouris2014']);
  assert.deepEqual(trees.diagnostics, []);
  // `quarto render` uses only the bibliographies the metadata names: about.qmd names none, so its "@urbanclimate"
  // prints as written. Before: checked against references.bib beside it, "No bibliography entry has the key".
  const about = await seen(root, 'about.qmd');
  assert.deepEqual(about.cites['about.qmd'], ['urbanclimate']);
  assert.deepEqual(about.diagnostics, []);
  // The same page citing in brackets with nothing named: the rendered page shows "[@oke1982]"; said so, per citation.
  const bib = '@article{oke1982, title = {Heat}, author = {Oke, T.}, year = {1982}}\n';
  const memory = (files: Record<string, string>) => inMemory({ '/w/refs.bib': bib, ...files });
  const bracketed = await seen('/w', 'about.qmd', memory({ '/w/_quarto.yml': 'project:\n  type: website\n', '/w/about.qmd': '---\ntitle: About\n---\n\nHeat [@oke1982].\n' }));
  assert.deepEqual(bracketed.diagnostics, ['about.qmd:5:8 unresolved-citation']);
  assert.match(bracketed.messages[0], /no bibliography was found/);
  // A plain Markdown file (a Pandoc command line names the bibliography) still uses the `.bib` beside it.
  const plain = await seen('/w', 'notes.md', memory({ '/w/notes.md': 'Heat [@oke1982] and @oke1983.\n' }));
  assert.deepEqual(plain.diagnostics, ['notes.md:1:22 unresolved-citation']);
  // So does an R Markdown child document without a front matter (knitr pastes it into a parent that names one),
  // and one handing Pandoc the bibliography itself.
  const child = await seen('/w', 'child.Rmd', memory({ '/w/child.Rmd': 'Heat [@oke1982].\n' }));
  assert.deepEqual(child.diagnostics, []);
  const args = await seen('/w', 'a.Rmd', memory({ '/w/a.Rmd': '---\noutput:\n  html_document:\n    pandoc_args: ["--bibliography=refs.bib"]\n---\n\nHeat [@oke1982].\n' }));
  assert.deepEqual(args.diagnostics, []);
  // A bibliography named but missing: reported, and the citations checked against the `.bib` beside, as before.
  const gone = await seen('/w', 'b.Rmd', memory({ '/w/b.Rmd': '---\nbibliography: gone.bib\n---\n\nHeat [@oke1982] and [@oke1983].\n' }));
  assert.deepEqual(gone.diagnostics, ['b.Rmd:2:15 bibliography-not-found', 'b.Rmd:5:23 unresolved-citation']);
});

test('a thesis with a CSL-JSON bibliography: `[-@key]`, `@key [p. 4]`, locators, a note, a figure caption and a pipe table, read in Pandoc\'s order with nothing flagged', async () => {
  // pandoc -f markdown -t json thesis.md: the note's three Cites at its mark, after `[-@bruun1962]`; the caption's
  // after the paragraph before it; a table cell's `@dean1991; @bruun1962` two Cites.
  const { cites, diagnostics } = await seen(join(UNSEEN, 'thesis-csljson'), 'thesis.md');
  assert.deepEqual(cites['thesis.md'], ['luijendijk2018', 'vousdoukas2020', 'cooper2020,vousdoukas2020reply', 'bruun1962', 'bruun1962', 'cooper2004', 'dean1991', 'cooper2004', 'luijendijk2018', 'luijendijk2018', 'dean1991', 'bruun1962', 'vousdoukas2020', 'luijendijk2018', 'cooper2020', 'vousdoukas2020,luijendijk2018', 'cooper2020,dean1991']);
  assert.deepEqual(diagnostics, []);
});

test('numeric reviews exported from Word: `\\[1\\]--\\[3\\]`, `\\[6\\]\\[7\\]`, `[1–3,5]`, `[1]–[3]`, a "**REFERENCES**" paragraph of `1\\.` items, a "Literature Cited" list of `[n]` lines: every number read, nothing flagged', async () => {
  const root = join(UNSEEN, 'word-numeric');
  const review = await seen(root, 'review.md');
  assert.deepEqual(review.cites['review.md'], ['1,2,3', '4,5', '6', '7', '1', '2,3', '8', '9', '3,9,10,11', '4', '5', '12', '6,7,13,14,15', '16', '17', '17', '18', '4,12,16', '13,14,15', '10', '11', '19', '20', '17,18,20']);
  assert.deepEqual(review.diagnostics, []);
  const letter = await seen(root, 'letter.md');
  assert.deepEqual(letter.cites['letter.md'], ['1,2,3', '1,2,3', '4,5', '6', '6,7,8', '9', '10', '1,2,3,5', '11', '12', '9,10', '6,7,8', '9', '10', '13']);
  assert.deepEqual(letter.diagnostics, []);
  // Section titles numbered by hand in bold paragraphs, `**4. References**` (a Word document in the Normal style).
  // Before: the list was not found, so "\\[1\\] cites a numbered reference, but the manuscript has no reference list".
  const numbered = await seen(root, 'numbered-titles.md');
  assert.deepEqual(numbered.cites['numbered-titles.md'], ['1', '2', '2,3', '4', '3', '5', '1,4']);
  assert.deepEqual(numbered.diagnostics, []);
  const titled = (title: string) => parseManuscript('/w/a.md', `Text [1]. More [2].\n\n${title}\n\n1. Oke. 1982.\n2. Bowler. 2010.\n`, defaultSettings, new ManuscriptCaches(), 0, { incremental: false }).referenceList?.items.length ?? 0;
  for (const title of ['**6. References**', '**VI. REFERENCES**', '**6 References**', '__6.1 Literature Cited__', '**References**']) assert.equal(titled(title), 2, title);
  assert.equal(titled('**6. Results**'), 0, 'another section');
});

test("a distill article: the handles of its `twitter:` option (distill's meta tags) are no citations; `<aside>`, a note and a table in a layout div are read as Pandoc reads them", async () => {
  // pandoc -t json: the description's gelman2020 and the two handles (metadata), then the body's Cites in this order.
  const { cites, diagnostics } = await seen(join(UNSEEN, 'distill'), 'post.Rmd');
  assert.deepEqual(cites['post.Rmd'], ['gelman2020', 'gelman2020,gabry2019', 'gabry2019', 'carpenter2017', 'talts2018', 'modrak2023', 'gabry2019', 'talts2018']);
  // Before: “No bibliography entry has the key “datalab”” and “samokafor”, from `twitter: {site: "@datalab"}`.
  assert.deepEqual(diagnostics, []);
});

test('an rticles (Elsevier) article: raw LaTeX figures and tables, `\\citep{…}` and `\\caption{… [@key]}`, are no citations, as to Pandoc; a handle in a front-matter footnote is one, and the PDF prints "?" for it', async () => {
  // pandoc -t json: the abstract's poeplau2015 and the footnote's mariasoil (metadata), then poeplau2015,
  // mcdaniel2014, jian2020, mcdaniel2014; nothing from the `\begin{figure}` / `\begin{table}` blocks.
  const { cites, diagnostics, messages } = await seen(join(UNSEEN, 'rticles'), 'paper.Rmd');
  assert.deepEqual(cites['paper.Rmd'], ['mariasoil', 'poeplau2015', 'poeplau2015', 'mcdaniel2014', 'jian2020', 'mcdaniel2014']);
  assert.deepEqual(diagnostics, ['paper.Rmd:14:42 unresolved-citation']);
  assert.match(messages[0], /“@mariasoil” is not a citation \(a handle, a name in code\), write “\\@mariasoil”/);
});

test('a linguistics handout whose numbered examples are Pandoc example lists nested in a bullet list, `- (@direct) …`: the labels and their references `(@direct)` are no citations', async () => {
  // pandoc -t json: faller2002, weber1986, aikhenvald2004; `(@direct)` prints the example's number.
  const { cites, diagnostics } = await seen(join(UNSEEN, 'linguistics-examples'), 'handout.md');
  assert.deepEqual(cites['handout.md'], ['faller2002', 'weber1986', 'aikhenvald2004']);
  // Before: five “No bibliography entry has the key “direct”” (and “report”) errors.
  assert.deepEqual(diagnostics, []);
});
