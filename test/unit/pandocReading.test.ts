/**
 * Reading real manuscripts exactly as Pandoc 2.17 does (issue 14): one small fixture per case, with what
 * `pandoc -f markdown -t json` reads there. The differential test (test/eval/pandocDifferential.test.ts) checks the
 * same against Pandoc itself on generated documents.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseManuscript } from '../../server/src/service/markdown/manuscript';
import { ManuscriptCaches } from '../../server/src/service/markdown/manuscriptCaches';
import { parseMarkdownStructure } from '../../server/src/service/markdown/parseMarkdown';
import { defaultSettings } from '../../server/src/service/settings';

/** Keys read, in order, as `key` (normal), `@key` (in text) or `-key` (author suppressed); numbers as `#n`. */
function read(text: string): string[] {
  const whole = parseManuscript('/x.md', text, defaultSettings, new ManuscriptCaches(), 0, { incremental: false });
  const inc = parseManuscript('/x.md', text, defaultSettings, new ManuscriptCaches(), 0);
  const show = (ms: typeof whole) =>
    ms.citations.flatMap((c) =>
      c.items.map((i) => (i.kind === 'number' ? `#${i.number}` : i.mode === 'AuthorInText' ? `@${i.key}` : i.mode === 'SuppressAuthor' ? `-${i.key}` : `${i.key}`)),
    );
  assert.deepEqual(show(inc), show(whole), 'the incremental parse equals the whole-document parse');
  return show(whole);
}

test('item 1: citations in image captions, one line and several', () => {
  assert.deepEqual(read('![A figure [@a] and @b.](fig.png)\n'), ['a', '@b']);
  assert.deepEqual(read('Text [@z].\n\n![\n**Title.**\nCaption with [@a; @b].\n](fig.png){#fig:x width="50%"}\n\nAfter [@c].\n'), ['z', 'a', 'b', 'c']);
  // The destination and title are never prose.
  assert.deepEqual(read('![Caption](https://x.org/@a "see @b")\n'), []);
});

test('item 4: Markdown inside HTML block tags is read; text after a line-leading comment is read', () => {
  assert.deepEqual(read('<p>\nText [@a] here.\n</p>\n'), ['a']);
  assert.deepEqual(read('<div align="center">\nSee @b.\n</div>\n'), ['@b']);
  assert.deepEqual(read('<p align="justify">Text [@c].</p>\n'), ['c']);
  assert.deepEqual(read('<!-- TODO --> Text [@d].\n'), ['d']);
  // Tags, attributes, comments and verbatim blocks hold none.
  assert.deepEqual(read('<meta content="@handle">\n<!-- [@e] -->\n\n<pre>\n[@f]\n</pre>\n'), []);
});

test('item 2: citations nested in a suffix are read, after the group, as Pandoc does', () => {
  assert.deepEqual(read('[@a, @b]\n'), ['a', '@b']);
  assert.deepEqual(read('[@a,@b]\n'), ['a', '@b']);
  assert.deepEqual(read('[@a @b @c]\n'), ['a', '@b', '@c']);
  assert.deepEqual(read('[for example @a and @c; @d]\n'), ['a', 'd', '@c']);
  // A locator is not a nested citation.
  assert.deepEqual(read('[@a, p. 4]\n'), ['a']);
});

test('item 3: labelled display math ($$ … $$ {#eq:label}) closes on its line', () => {
  assert.deepEqual(read('$$ x = [@no] $$ {#eq:one}\n\nAfter [@a].\n\n# References\n'), ['a']);
  assert.deepEqual(read('$$\nx = y\n$$ {#eq:two}\n\nAfter [@b].\n'), ['b']);
});

test('item 5: dollar signs that are not math, by Pandoc\'s rule', () => {
  assert.deepEqual(read('Cost $5, see [@a], total $6.\n'), ['a']);
  assert.deepEqual(read('From $10 to $20 [@b].\n'), ['b']);
  // Real math still hides what is inside it.
  assert.deepEqual(read('Let $x = [@no]$ and $$y = @no$$ [@c].\n'), ['c']);
  // `$` closing before a digit is not a close; a blank line ends an attempt.
  assert.deepEqual(read('$a [@d] $5\n\n$b\n\n[@e] c$\n'), ['d', 'e']);
});

test('item 6: raw LaTeX environments are raw blocks; commands with their arguments are raw TeX', () => {
  assert.deepEqual(read('\\begin{figure}\n\\caption{[@d]}\n\\end{figure}\n\nAfter [@a].\n'), ['a']);
  assert.deepEqual(read('\\begin{tabular*}{\\textwidth}{@{\\extracolsep\\fill}lcc}\nx & [@no]\n\n& y\n\\end{tabular*}\n\n[@b]\n'), ['b']);
  assert.deepEqual(read('A \\textbf{[@no]} and \\ref{x} [@c].\n'), ['c']);
  // An environment never closed is prose, as in Pandoc.
  assert.deepEqual(read('\\begin{x}\n[@e]\n'), ['e']);
});

test('a table caption written after its table is read before the table, as Pandoc does', () => {
  assert.deepEqual(read('[@z]\n\n| A | B |\n|---|---|\n| [@a] | [@b] |\n\nTable: Caption [@c].\nMore [@d].\n\nAfter [@e].\n'), ['z', 'c', 'd', 'a', 'b', 'e']);
});

test('item 9: numeric text — [101]: mid-line is a citation, [1--3] a range', () => {
  assert.deepEqual(read('The antagonist [101]: Type 1 receptors.\n'), ['#101']);
  assert.deepEqual(read('Text [1--3] and [4---5].\n'), ['#1', '#2', '#3', '#4', '#5']);
  // At a line start, `[n]: url` is a link definition.
  assert.deepEqual(read('Text.\n\n[1]: https://example.org\n'), []);
});

test('item 9: reference lists — `1.` `1.` `1.` is 1, 2, 3; a wrapped `[n]` item line starting `2002.` is no item', () => {
  const list = (text: string) =>
    parseManuscript('/x.md', text, defaultSettings, new ManuscriptCaches()).referenceList?.items.map((i) => i.number) ?? [];
  assert.deepEqual(list('Text [1] [2] [3].\n\n# References\n\n1. A. One.\n1. B. Two.\n1. C. Three.\n'), [1, 2, 3]);
  assert.deepEqual(list('Text [1] [2].\n\n# References\n\n[1] A. Title. Journal,\n2002. 10(2):1-3.\n\n[2] B. Title.\n'), [1, 2]);
});

test('code spans and code blocks hold no citation', () => {
  assert.deepEqual(read('Text `[@a] [1]` and\n\n```\n[@b]\n```\n\n    [@c]\n\n[@d]\n'), ['d']);
});

test('item 9: `range [0, 1]` and `x[2]` are prose when the list has no such numbers', () => {
  assert.deepEqual(read('Values in the range [0, 1] and x[2] here [1].\n\n# References\n\n1. A. One.\n'), ['#1']);
  // A listed number right after a word is still a citation (`as shown[1]`).
  assert.deepEqual(read('As shown[1] and [2].\n\n# References\n\n1. A. One.\n2. B. Two.\n'), ['#1', '#2']);
});

test('item 9: an IEEE range `[2]–[4]` is one citation of 2, 3 and 4', () => {
  const citations = (text: string) =>
    parseManuscript('/x.md', text, defaultSettings, new ManuscriptCaches()).citations.map((c) => `${c.raw}:${c.items.map((i) => i.number).join(',')}`);
  assert.deepEqual(citations('As in [2]–[4] and [5]-[6], not [7], [8].\n'), ['[2]–[4]:2,3,4', '[5]-[6]:5,6', '[7]:7', '[8]:8']);
  assert.deepEqual(read('Text [1]--[3].\n'), ['#1', '#2', '#3']);
  // Backwards, it is one malformed citation.
  assert.match(parseManuscript('/x.md', 'See [4]–[2].\n', defaultSettings, new ManuscriptCaches()).citations[0].malformed ?? '', /runs backwards/);
});

test('item 9: Pandoc\'s `/` after a number (a key ending in `/`) is that number\'s suffix', () => {
  assert.deepEqual(read('Timestamps [18,35/,36/,37,38/] and [20/].\n'), ['#18', '#35', '#36', '#37', '#38', '#20']);
  const [c] = parseManuscript('/x.md', 'See [67/,68/].\n', defaultSettings, new ManuscriptCaches()).citations;
  assert.deepEqual(c.items.map((i) => i.suffix ?? ''), ['/', '/']);
  assert.equal(c.separator, ',');
  // A fraction is no citation.
  assert.deepEqual(read('One half [1/2] here.\n'), []);
});

test('a caption after a Pandoc multiline, simple or grid table is read before the table, as Pandoc does', () => {
  const multiline = '[1]\n\n  -----------------------\n  Id       Example\n  -------- --------------\n  DOI      [3]\n\n  short    [4]\n  -----------------------\n\n  : Types, via Greycite [2].\n\nAfter [5].\n';
  assert.deepEqual(read(multiline), ['#1', '#2', '#3', '#4', '#5']);
  const simple = '[1]\n\n  Id     Example\n  ----   -------\n  DOI    [3]\n\nTable: Types [2].\n\n[4]\n';
  assert.deepEqual(read(simple), ['#1', '#2', '#3', '#4']);
  const grid = '[1]\n\n+-----+-----+\n| [3] | b   |\n+-----+-----+\n\n: Grid [2].\n';
  assert.deepEqual(read(grid), ['#1', '#2', '#3']);
  // A paragraph starting with `:` after ordinary text is no caption.
  assert.deepEqual(read('[1]\n\nText [3].\n\n: not a caption [2].\n'), ['#1', '#3', '#2']);
});

test('item 7: front matter — `---` then a blank line is a rule; `...` closes; only a YAML mapping is metadata', () => {
  // `---` followed by a blank line is a horizontal rule: everything below is the body.
  assert.deepEqual(read('---\n\nText [@a].\n\n---\n\nMore [@b].\n'), ['a', 'b']);
  const dots = parseManuscript('/x.md', '---\ntitle: A study\nbibliography: refs.bib\n...\n\nText [@a].\n', defaultSettings, new ManuscriptCaches());
  assert.deepEqual(dots.frontMatter?.bibliography, ['refs.bib']);
  assert.deepEqual(read('---\ntitle: A study\n...\n\nText [@a].\n'), ['a']);
  // Not a mapping: Pandoc reads the block as Markdown (here a table), citations included.
  assert.deepEqual(read('---\nHello [@a] world\n---\n\nText [@b].\n'), ['a', 'b']);
  assert.equal(parseManuscript('/x.md', '---\nHello [@a] world\n---\n', defaultSettings, new ManuscriptCaches()).frontMatter, null);
});

test('item 7: metadata text is Markdown (citations read there); raw HTML, settings and `references:` hold none', () => {
  const fm = [
    '---',
    'title: "A study of [@t] things"',
    'abstract: |',
    '  We review @doe and [see @lee, p. 4].',
    'header-includes: |',
    '  <meta name="twitter:creator" content="@handle">',
    'keywords: [a, "`@code`"]',
    'ignored_: "[@skipped]"',
    'bibliography: refs@2.bib',
    'references:',
    '- id: inline1',
    '  title: Inline work about @foo',
    '...',
    '',
    'Body [@inline1].',
  ].join('\n');
  assert.deepEqual(read(fm), ['t', '@doe', 'lee', 'inline1']);
  // Each is placed on its key in the source.
  const m = parseManuscript('/x.md', fm, defaultSettings, new ManuscriptCaches());
  assert.deepEqual(m.citations.flatMap((c) => c.items.map((i) => fm.slice(i.span.start, i.span.end))), ['t', 'doe', 'lee', 'inline1']);
  assert.deepEqual(m.citations.map((c) => c.raw), ['[@t]', '@doe', '[see @lee, p. 4]', '[@inline1]']);
});

test('numeric reviews typed by hand: a reference link\'s label is no citation; superscript numbers are', () => {
  // `[the data set][1]` links through `[1]: https://…`; `[1][2]` are still two citations.
  assert.deepEqual(read('See [the data set][1] and [1][2].\n\n[1]: https://example.org/data\n'), ['#1', '#2']);
  assert.deepEqual(read('Shown [3] and [site][] and [a *b*][4].\n'), ['#3']);
  // AMA/Nature superscripts after a word or punctuation; powers and units are no citations.
  assert.deepEqual(read('Lakes^1^ and rivers.^2,3^ Soils (dry)^4–6^.\n'), ['#1', '#2', '#3', '#4', '#5', '#6']);
  assert.deepEqual(read('An area of 5 m^2^, 10^6^ cells, R^2^ = 0.9, 4 cm^3^, 2 s^-1^, the 2^nd^ run.\n'), []);
  assert.deepEqual(read('Code `x^1^` and math $y^2^$ hold none.\n'), []);
  // Affiliation marks: a paragraph of names (no word of 4+ letters in lower case) holds no citation.
  assert.deepEqual(read('Jane Doe^1,2^, John Roe^2^ and Ann Lee^3^\n\nLakes hold plastics.^1^\n'), ['#1']);
  // One numeric form per manuscript: with bracketed numbers, superscripts are marks of another kind.
  assert.deepEqual(read('Lakes hold plastics [1]; rivers too^2^.\n'), ['#1']);
});

test('Quarto/Pandoc fenced divs: the fence lines are no prose, their attributes hold no citation', () => {
  const text = '::: {.callout-warning collapse="true" data-by="@ghost"}\nResults differ [@a].\n:::\n\n:::: {#fig-grid layout-ncol=2}\n![Left [@b]](a.png){#fig-a}\n::::\n';
  assert.deepEqual(read(text), ['a', 'b']);
  // The paragraphs (claims, for topic fit) start after the fence: remark alone would read the fence into them.
  const blocks = parseMarkdownStructure(text).blocks.map((b) => text.slice(b.span.start, b.span.end));
  assert.deepEqual(blocks, ['Results differ [@a].', '![Left [@b]](a.png){#fig-a}']);
  // A fence inside code is code.
  assert.deepEqual(parseMarkdownStructure('```\n::: {.x}\n```\n').blocks, []);
});

test('an index is no numeric citation: a[2], x_i[3], data2[1]; Smith[3] (its space missing) is one', () => {
  assert.deepEqual(read('The element a[2], x_i[3] and data2[1] of it; Smith[3] showed it [4].\n'), ['#3', '#4']);
});

test('Quarto and R Markdown options in the front matter are settings, not text: twitter-card handles, format, params', () => {
  const fm = [
    '---',
    'title: "A review [@t]"',
    'author:',
    '  - name: Jane Roe',
    '    email: jane@example.org',
    'twitter-card:',
    '  creator: "@janeroe"',
    'website:',
    '  twitter-card: {site: "@example"}',
    'format:',
    '  html:',
    '    include-in-header: {text: "<b>@foo</b> @bar"}',
    'params:',
    '  handle: "@me"',
    '---',
    '',
    'Body [@b].',
  ].join('\n');
  assert.deepEqual(read(fm), ['t', 'b']);
});

test('round 2: what Pandoc reads right before an in-text `@` (its `str`): a `.` ends no word for an `_` to open one', () => {
  // A `.` right before `@` belongs to the word before (Pandoc's abbreviations): no citation, unless an ellipsis.
  assert.deepEqual(read('End.@a and e.g.@b and x..@c and .@d\n'), []);
  assert.deepEqual(read('Wait...@a and end. @b and End.[@c]\n'), ['@a', '@b', 'c']);
  // An `_` is read apart (emphasis): `_@key_` cites `key_`, `a_@b` cites `b`.
  assert.deepEqual(read('_@u3_ and a_@b and __@c__\n'), ['@u3_', '@b', '@c__']);
  assert.deepEqual(read('me@example.org and 1@2\n'), []);
});

test('round 2: `[@a][ref]` and `[@a][]` are reference links (defined or not): the `@a` inside is in-text, as in `[@a](url)`', () => {
  assert.deepEqual(read('[@a][] and [@b][x] and [@c][@d] and [@e] [] and [@f](http://x.org)\n'), ['@a', '@b', '@c', 'd', 'e', '@f']);
});

test('round 2: citations in the places a review puts them, as `pandoc -f markdown -t json` reads them', () => {
  const doc = [
    '# Heading [@h1] and @h2', '',
    'Note.[^1] Inline^[Inline [@n1].].', '',
    '[^1]: See [@n2] and @n3.', '',
    '| A | B |', '|---|---|', '| x [@t1] | @t2 |', '',
    ': Caption [@t3]', '',
    '+--------------+--------------+', '| grid         | cell         |', '+==============+==============+', '| [@g1]        | @g2          |', '+--------------+--------------+', '',
    '> Quoted [@q1].', '> > Nested @q2.', '',
    'Term', ':   Definition [@d1].', '',
    '| Line block [@l1]', '| second @l2', '',
    'Link [text [@k1]](http://e.com) and ![alt [@k2]](x.png).', '',
    '[-@s1] and @s2 [p. 33] and [@s3, pp. 33–35, 38] and [@s4{ii, A, D-Z}] and [@s5, chap. 3].', '',
    'Keys @a:b.c @d#e @f$g @h%i @j&k @l+m @n?o @p<q @r~s @t/u, trailing @x1. and @x2: done.', '',
    'Code `@c1` and \\@c2 and <span>[@c3]</span> <!-- [@c4] --> \\cite{c5}.', '',
    '```', '@c6', '```', '',
    '<div>', 'Inside [@v1].', '</div>', '',
    '::: note', 'Fenced [@v2].', ':::', '',
  ].join('\n');
  assert.deepEqual(read(doc), [
    // Pandoc's order too: a note's citations where its mark is, a table's caption before its cells.
    'h1', '@h2', 'n2', '@n3', 'n1', 't3', 't1', '@t2', 'g1', '@g2', 'q1', '@q2', 'd1', 'l1', '@l2', 'k1', 'k2',
    '-s1', '@s2', 's3', 's4', 's5', '@a:b.c', '@d#e', '@f$g', '@h%i', '@j&k', '@l+m', '@n?o', '@p<q', '@r~s', '@t/u', '@x1', '@x2', 'c3', 'v1', 'v2',
  ]);
});
