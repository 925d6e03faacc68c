import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { crossFileDuplicateKeyProblems } from '../../server/src/service/bibtex/duplicateKeys';
import { formatReference } from '../../server/src/service/bibtex/formatReference';
import { authorsShort, shortCitation, titleOf } from '../../server/src/service/bibtex/workLabels';
import { missingFieldProblems } from '../../server/src/service/bibtex/missingFields';
import { bibtexFieldTexts, parseBibliography } from '../../server/src/service/bibtex/parseBibliography';
import { texToPlain } from '../../server/src/service/bibtex/texToPlain';
import { parseBibliographyFile } from '../../server/src/service/bibtex/parseBibliographyFile';
import { parseCslJson, parseCslYaml } from '../../server/src/service/bibtex/parseCslJson';
import type { Bibliography, Problem } from '../../server/src/service/types';
import { parseMarked } from '../helpers/markers';
import { sharedDir, skipWithoutShared } from '../helpers/shared';

const fixtures = join(__dirname, '..', 'fixtures', 'bib');
const fixture = (name: string): string => readFileSync(join(fixtures, name), 'utf8');

/** 1-based line of an offset, as an author would look for it. */
function lineOf(text: string, offset: number): number {
  let line = 1;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) line++;
  return line;
}

/** What a user sees of a bibliography: keys, and problems as `code@line`. */
function summary(bib: Bibliography, text: string): { keys: string[]; problems: string[] } {
  return {
    keys: bib.entries.map((e) => e.key),
    problems: bib.problems.map((p: Problem) => `${p.code}@${lineOf(text, p.span.start)}`),
  };
}

function csl(text: string, key: string): Record<string, unknown> {
  const entry = parseBibliography('file:///t.bib', text).entries.find((e) => e.key === key);
  assert.ok(entry, `entry ${key} not found`);
  const item = entry.getCsl();
  assert.ok(item, `entry ${key} not converted`);
  return item;
}

describe('BibTeX: keys, spans and syntax problems', () => {
  const cases: { name: string; text: string; keys: string[]; problems: string[] }[] = [
    { name: 'empty file', text: '', keys: [], problems: [] },
    { name: 'only comments', text: 'Nothing here.\n% nor here', keys: [], problems: [] },
    {
      name: 'two normal entries',
      text: '@article{a1,\n  title = {A},\n  year = 2001\n}\n\n@book{b2, title = "B", year = {2002}}\n',
      keys: ['a1', 'b2'],
      problems: [],
    },
    {
      name: 'unbalanced brace: error at its line, later entries load',
      text: '@article{ok1, title = {Fine}}\n@article{bad,\n  title = {Broken {title},\n  year = 2020\n}\n@article{ok2, title = {Also fine}}\n',
      keys: ['ok1', 'bad', 'ok2'],
      problems: ['bib-syntax@3'],
    },
    {
      name: 'unclosed entry before the next one',
      text: '@article{first, title = {X},\n\n@article{second, title = {Y}}\n',
      keys: ['first', 'second'],
      problems: ['bib-syntax@1'],
    },
    {
      name: 'unbalanced brace at end of file',
      text: '@article{ok, title = {X}}\n@article{last, title = {never closed',
      keys: ['ok', 'last'],
      problems: ['bib-syntax@2'],
    },
    {
      name: 'missing comma after key',
      text: '@article{nocomma\n  title = {X}, year = 2000}\n@misc{next, title = {Y}}',
      keys: ['nocomma', 'next'],
      problems: ['bib-syntax@1'],
    },
    {
      name: 'missing comma between fields',
      text: '@article{k,\n  title = {X}\n  year = 2000}\n',
      keys: ['k'],
      problems: ['bib-syntax@2'],
    },
    {
      name: 'entry without a key',
      text: '@article{,\n  title = {No key}}\n@article{title = {No key either}}\n@misc{fine, title = {Y}}',
      keys: ['fine'],
      problems: ['bib-syntax@1', 'bib-syntax@3'],
    },
    {
      name: 'junk: @type without a brace at the start of a line',
      text: '@article{a, title = {X}}\n@article b, title = {Y}\n@misc{c, title = {Z}}',
      keys: ['a', 'c'],
      problems: ['bib-syntax@2'],
    },
    {
      name: 'duplicate key and case duplicate',
      text: '@article{smith2020, title = {A}}\n@book{smith2020, title = {B}}\n@misc{Smith2020, title = {C}}\n',
      keys: ['smith2020', 'smith2020', 'Smith2020'],
      problems: ['duplicate-bib-key@2', 'duplicate-bib-key@3'],
    },
    {
      name: 'file ending in a % comment without newline',
      text: '@article{a, title = {X}}\n% the end',
      keys: ['a'],
      problems: [],
    },
    {
      name: 'file ending inside an entry in a % comment',
      text: '@article{a, title = {X}, % the end',
      keys: ['a'],
      problems: ['bib-syntax@1'],
    },
    {
      name: '% line comments hide entries and @ signs',
      text: '% @article{hidden, title = {X}}\n%@book{hidden2,\n@misc{shown, title = {100%}, % note @misc{x,\n year = 2000}',
      keys: ['shown'],
      problems: [],
    },
    {
      name: 'a % inside a value does not comment out the next entry on the line',
      text: '@misc{a, url = {http://x.org/a%20b}} @misc{b, title = {Y}}',
      keys: ['a', 'b'],
      problems: [],
    },
    {
      name: 'e-mail address in free text is no entry',
      text: 'Maintained by jane@example.org.\n@misc{k, title = {X}}',
      keys: ['k'],
      problems: [],
    },
    {
      name: '@string, @preamble and @comment are not entries',
      text: '@string{x = "X"}\n@preamble{"\\relax"}\n@comment{anything {goes} here}\n@comment this too\n@misc{k, title = x}',
      keys: ['k'],
      problems: [],
    },
    {
      name: 'parenthesised entries and no-field entries',
      text: '@article(paren, title = {X (Y)})\n@misc{bare}\n',
      keys: ['paren', 'bare'],
      problems: [],
    },
    {
      name: 'keys with Manubot and DBLP punctuation',
      text: '@article{doi:10.1038/s41583-020-0277-3, title={X}}\n@inproceedings{DBLP:conf/nips/HoJA20, title={Y}}',
      keys: ['doi:10.1038/s41583-020-0277-3', 'DBLP:conf/nips/HoJA20'],
      problems: [],
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const bib = parseBibliography('file:///t.bib', c.text);
      assert.deepEqual(summary(bib, c.text), { keys: c.keys, problems: c.problems });
      for (const e of bib.entries) {
        assert.equal(c.text.slice(e.keySpan.start, e.keySpan.end), e.key);
        assert.equal(c.text[e.span.start], '@');
      }
    });
  }

  it('gives the second definition the problem and the first as related information', () => {
    const { text, ranges: [first, second] } = parseMarked('@article{«Key», title = {A}}\n@article{«key», title = {B}}');
    const [problem] = parseBibliography('file:///t.bib', text).problems;
    assert.equal(problem.code, 'duplicate-bib-key');
    assert.deepEqual(problem.span, second);
    assert.match(problem.message, /"key" differs from the key "Key" in this file only in letter case/);
    assert.deepEqual(problem.related?.[0].span, first);
  });

  it('reports keys repeated across the files of one manuscript once, in the later file', () => {
    const a = parseBibliography('file:///w/a.bib', '@article{x, title = {A}}\n@article{x, title = {A2}}');
    const inB = parseMarked('@book{«X», title = {B}}\n@book{y, title = {C}}');
    const b = parseBibliography('file:///w/b.bib', inB.text);
    const problems = crossFileDuplicateKeyProblems([a, b]);
    assert.deepEqual(problems.map((p) => [p.uri, p.span, p.related?.[0].uri]), [['file:///w/b.bib', inB.ranges[0], 'file:///w/a.bib']]);
    assert.match(problems[0].message, /"X" differs from the key "x" in a\.bib only in letter case/);
  });

  it('keeps offsets into the given string with a BOM and CRLF line ends', () => {
    const { text, ranges: [bomKey] } = parseMarked('\uFEFF@article{«bom»,\r\n  title = {With BOM},\r\n  year = 1999\r\n}\r\n@misc{crlf,\r\n title = {Next}}\r\n');
    const bib = parseBibliography('file:///t.bib', text);
    assert.deepEqual(summary(bib, text), { keys: ['bom', 'crlf'], problems: [] });
    assert.deepEqual(bib.entries[0].keySpan, bomKey);
    assert.equal(bib.entries[0].getCsl()?.title, 'With BOM');
    assert.equal(text.slice(bib.entries[0].span.start, bib.entries[0].span.end).endsWith('}'), true);
  });

  it('never throws and keeps spans in bounds on BibTeX-like noise', () => {
    const alphabet = fc.constantFrom(
      '@article{', '@misc(', '@string{', '@comment', '@', 'key', 'Key', ',', ' title = ', 'x', '=', '{', '}', '(', ')',
      '"', '#', '%', '\\', '\n', '\r\n', ' ', '2020', '\uFEFF',
    );
    fc.assert(
      fc.property(fc.array(alphabet, { maxLength: 200 }).map((cs) => cs.join('')), (text) => {
        const bib = parseBibliography('file:///t.bib', text);
        let previousEnd = 0;
        for (const e of bib.entries) {
          assert.ok(e.span.start >= previousEnd, 'entries do not overlap');
          previousEnd = e.span.end;
          assert.equal(text.slice(e.keySpan.start, e.keySpan.end), e.key);
          assert.ok(e.span.start <= e.keySpan.start && e.keySpan.end <= e.span.end && e.span.end <= text.length);
        }
        for (const p of bib.problems) assert.ok(p.span.start >= 0 && p.span.start <= p.span.end && p.span.end <= text.length);
      }),
      { numRuns: Number(process.env.CITELENS_FUZZ_RUNS ?? 2000), seed: Number(process.env.CITELENS_FUZZ_SEED ?? 20240611) },
    );
  });

  it('survives binary junk', () => {
    let seed = 7;
    const random = (): number => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    const junk = Array.from({ length: 200_000 }, () => String.fromCharCode(Math.floor(random() * 256))).join('');
    const text = `${junk}\n@misc{after, title = {Still here}}\n${junk}`;
    const bib = parseBibliography('file:///t.bib', text);
    assert.ok(bib.entries.some((e) => e.key === 'after'));
  });

  it('reads a ~20 MB generated bibliography', () => {
    const parts: string[] = [];
    let size = 0;
    for (let i = 0; size < 20_000_000; i++) {
      const entry = `@article{gen${i},\n  author = {Author${i}, A. and Other, B.},\n  title = {Generated title number ${i} about {Deep} learning},\n  journal = {Journal ${i % 50}},\n  year = ${1990 + (i % 30)},\n  abstract = {${'Lorem ipsum dolor sit amet. '.repeat(12)}}\n}\n\n`;
      parts.push(entry);
      size += entry.length;
    }
    const text = parts.join('');
    const bib = parseBibliography('file:///big.bib', text);
    assert.equal(bib.entries.length, parts.length);
    assert.equal(bib.problems.length, 0);
    assert.equal(bib.entries[parts.length - 1].getCsl()?.title, `Generated title number ${parts.length - 1} about Deep learning`);
  });
});

describe('BibTeX: fields through citation-js', () => {
  const mixed = fixture('mixed.bib');

  it('reads the realistic fixture: comments, macros, preamble, parentheses', () => {
    const bib = parseBibliography('file:///mixed.bib', mixed);
    assert.deepEqual(summary(bib, mixed), { keys: ['shorten2019survey', 'muller2020', 'who2023', 'wachter2017'], problems: [] });
    assert.deepEqual(bib.entries.map((e) => e.type), ['article', 'article', 'online', 'inproceedings']);
  });

  const fieldCases: { name: string; key: string; expect: Record<string, unknown> }[] = [
    {
      name: '@string macro and month macro',
      key: 'shorten2019survey',
      expect: { id: 'shorten2019survey', 'container-title': 'Journal of Big Data', issued: { 'date-parts': [[2019, 7]] }, DOI: '10.1186/s40537-019-0197-0' },
    },
    {
      name: 'concatenated macros, TeX accents and braces',
      key: 'muller2020',
      expect: { 'container-title': 'Journal of Physics', title: 'Über Physik in "quotes"' },
    },
    {
      name: 'BibLaTeX @online with date and urldate',
      key: 'who2023',
      expect: { type: 'webpage', issued: { 'date-parts': [[2023, 5, 2]] }, accessed: { 'date-parts': [[2024, 1, 15]] }, author: [{ family: 'World Health Organization' }] },
    },
  ];
  for (const c of fieldCases) {
    it(c.name, () => {
      const item = csl(mixed, c.key);
      for (const [field, value] of Object.entries(c.expect)) assert.deepEqual(item[field], value, field);
    });
  }

  it('reads accented names', () => {
    const item = csl(mixed, 'muller2020');
    assert.deepEqual(item.author, [
      { family: 'Müller', given: 'Jörg' },
      { family: 'García', given: 'Ana' },
      { family: 'Straße', given: 'Bernd' },
    ]);
  });

  it('keeps entries whose TeX citation-js cannot interpret, without a false syntax error', () => {
    const text = '@techreport{RFC0425, title = {{"But my NCP costs $500 a day"}}, year = 1972}\n' +
      '@manual{cms, title = {The {Chicago} Manual}, note = {sorted under \\enquote*{C}}, date = 2003}\n';
    const bib = parseBibliography('file:///t.bib', text);
    assert.equal(bib.entries[0].getCsl()?.title, '"But my NCP costs $500 a day"');
    assert.equal(bib.entries[1].getCsl()?.title, 'The Chicago Manual');
    assert.deepEqual(bib.problems, []);
  });

  it('gives a broken entry a minimal item', () => {
    const bib = parseBibliography('file:///t.bib', '@article{bad,\n  title = {Broken {title},\n  author = {Doe, Jane},\n  year = 2020\n');
    const item = bib.entries[0].getCsl();
    assert.equal(item?.id, 'bad');
    assert.equal(item?.type, 'article-journal');
  });

  it('uses the converted key as id even for odd keys', () => {
    assert.equal(csl('@misc{a:b/c-d, title={X}}', 'a:b/c-d').id, 'a:b/c-d');
  });
});

describe('quick plain text of fields', () => {
  const cases: [string, string][] = [
    ['{M{\\"u}ller, J{\\"o}rg and Garc{\\\'\\i}a, Ana}', 'Müller, Jörg and García, Ana'],
    ['"{\\"U}ber {Physik}"', 'Über Physik'],
    ['{Stra{\\ss}e \\emph{Deep} {L}earning, 1990--2000}', 'Straße Deep Learning, 1990–2000'],
    ['{{\\o}stergaard {\\AA}se \\c{c}a \\v{s}}', 'østergaard Åse ça š'],
    ['2019', '2019'],
  ];
  for (const [tex, plain] of cases) it(tex, () => assert.equal(texToPlain(tex), plain));

  it('reads the fields of an entry without citation-js', () => {
    const bib = parseBibliography('file:///mixed.bib', fixture('mixed.bib'));
    const fields = bibtexFieldTexts(bib.entries[1]);
    assert.equal(fields?.title, 'Über Physik in quotes');
    assert.equal(fields?.year, '2020');
    assert.equal(bibtexFieldTexts(parseCslJson('file:///r.json', '[{"id":"a"}]').entries[0]), undefined);
  });
});

describe('CSL-JSON and CSL-YAML', () => {
  it('reads items with key spans on the id value', () => {
    const text = fixture('references.json');
    const bib = parseBibliographyFile('file:///references.json', text);
    assert.deepEqual(bib.entries.map((e) => [e.key, e.type, text.slice(e.keySpan.start, e.keySpan.end)]), [
      ['ho2020denoising', 'paper-conference', 'ho2020denoising'],
      ['noyear', 'webpage', 'noyear'],
    ]);
    assert.equal(bib.entries[0].getCsl()?.title, 'Denoising diffusion probabilistic models');
    assert.deepEqual(bib.problems, []);
  });

  it('reports JSON syntax errors at their position', () => {
    const text = '[\n  {"id": "a", "title": "x",}\n]';
    const bib = parseCslJson('file:///r.json', text);
    assert.deepEqual(summary(bib, text), { keys: [], problems: ['bib-syntax@2'] });
  });

  it('reports duplicate ids and items without id; ids differing only in case are two works (not BibTeX\'s rule)', () => {
    const text = '[{"id": "a"},\n{"title": "no id"},\n{"id": "A"},\n{"id": "a"}]';
    const bib = parseCslJson('file:///r.json', text);
    assert.deepEqual(summary(bib, text), { keys: ['a', 'A', 'a'], problems: ['bib-syntax@2', 'duplicate-bib-key@4'] });
    const yaml = '- id: Smith2020\n  title: One\n- id: smith2020\n  title: Two\n';
    assert.deepEqual(summary(parseCslYaml('file:///r.yaml', yaml), yaml), { keys: ['Smith2020', 'smith2020'], problems: [] });
  });

  it('reads Pandoc-style CSL-YAML', () => {
    const text = fixture('references.yaml');
    const bib = parseCslYaml('file:///references.yaml', text);
    assert.deepEqual(summary(bib, text), { keys: ['lecun1998'], problems: [] });
    assert.equal(shortCitation(bib.entries[0].getCsl()!), 'LeCun 1998');
  });

  it('dispatches on the extension', () => {
    assert.deepEqual(parseBibliographyFile('file:///x.bib', '@misc{k, title={X}}').entries.map((e) => e.key), ['k']);
    assert.deepEqual(parseBibliographyFile('file:///x.json', '[{"id":"j"}]').entries.map((e) => e.key), ['j']);
    assert.deepEqual(parseBibliographyFile('file:///x.yml', '- id: y\n').entries.map((e) => e.key), ['y']);
  });
});

describe('missing-bib-field', () => {
  const cases: { name: string; text: string; uri?: string; messages: string[] }[] = [
    { name: 'complete entry', text: '@article{k, title={T}, author={A, B}, year=2000}', messages: [] },
    { name: 'editor and date count', text: '@book{k, title={T}, editor={A, B}, date={2000-01}}', messages: [] },
    {
      name: 'no year',
      text: '@article{k, title={T}, author={A, B}}',
      messages: ['The entry "k" has no year (or date); add it so the reference can be formatted and matched.'],
    },
    {
      name: 'only a title',
      text: '@article{k, title={T}}',
      messages: ['The entry "k" has no author or editor and no year (or date); add them so the reference can be formatted and matched.'],
    },
    // Types whose author or year BibTeX's styles or BibLaTeX's manual list as optional (real libraries: dblp's and
    // aibasel's conference volumes, Manubot's and Zotero's web pages, biblatex-examples' `@manual`/`@periodical`).
    { name: 'a proceedings volume needs no editor', text: '@proceedings{aaai1991, title={Proceedings of AAAI 1991}, publisher={AAAI Press}, year=1991}', messages: [] },
    { name: 'a web page (misc) needs no author or year', text: '@misc{https://keras.io, title={Keras}, url={https://keras.io/}}', messages: [] },
    { name: 'online with urldate, software, manual, periodical', text: '@online{ctan, title={CTAN}, url={http://www.ctan.org}, urldate={2006-10-01}}\n@software{s, title={S}}\n@manual{m, title={M}, date=2003}\n@periodical{p, title={P}, year=2011}', messages: [] },
    { name: 'a translator stands for the author', text: '@book{vizedom, title={The Rites of Passage}, year=1960, translator={Vizedom, Monika B.}}', messages: [] },
    {
      name: 'a book still needs an author or editor, an unpublished work an author',
      text: '@book{b, title={Tricks}, year=2012}\n@unpublished{u, title={U}}',
      messages: [
        'The entry "b" has no author or editor; add it so the reference can be formatted and matched.',
        'The entry "u" has no author or editor; add it so the reference can be formatted and matched.',
      ],
    },
    {
      name: 'Pandoc\'s CSL for a @misc (type "") is generic; an item without a type is asked for all',
      uri: 'file:///r.json',
      text: '[{"id": "m", "type": "", "title": "Keras"}, {"id": "u", "title": "T"}]',
      messages: ['The entry "u" has no "author" or "editor" and no "issued" date; add them so the reference can be formatted and matched.'],
    },
    { name: 'CSL web pages and software need no author or date', uri: 'file:///r.json', text: '[{"id": "w", "type": "webpage", "title": "T"}, {"id": "s", "type": "software", "title": "S"}]', messages: [] },
    { name: 'BibLaTeX entry sets are not works', text: '@set{s, entryset = {a,b}}', messages: [] },
    { name: 'a work in press: BibLaTeX pubstate stands for the year', text: '@article{k, title={T}, author={A, B}, journal={J}, pubstate={inpress}}', messages: [] },
    { name: 'a CSL work in press: status stands for the date', uri: 'file:///r.json', text: '[{"id": "w", "title": "T", "author": [{"family": "A"}], "status": "in press"}]', messages: [] },
    { name: 'CSL raw and EDTF dates are dates', uri: 'file:///r.yaml', text: '- {id: w, title: T, author: [{family: A}], issued: {raw: "2019"}}\n- {id: v, title: T, author: [{family: A}], issued: 2019-05}\n', messages: [] },
    { name: 'fields inherited by crossref', text: '@inproceedings{p, title={T}, author={A, B}, crossref={conf}}\n@proceedings{conf, title={C}, editor={E, F}, year=2001}', messages: [] },
    {
      name: 'CSL-JSON item without date',
      uri: 'file:///r.json',
      text: '[{"id": "w", "title": "T", "author": [{"family": "A"}]}]',
      messages: ['The entry "w" has no "issued" date; add it so the reference can be formatted and matched.'],
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const bib = parseBibliographyFile(c.uri ?? 'file:///t.bib', c.text);
      const problems = missingFieldProblems(bib);
      assert.deepEqual(problems.map((p) => p.message), c.messages);
      for (const p of problems) assert.equal(p.code, 'missing-bib-field');
    });
  }
});

describe('formatted references', () => {
  const bib = parseBibliography('file:///mixed.bib', fixture('mixed.bib'));
  const item = (key: string) => bib.entries.find((e) => e.key === key)!.getCsl()!;

  const cases: { key: string; style?: string; text: string }[] = [
    { key: 'shorten2019survey', text: 'Shorten C, Khoshgoftaar TM. A survey on Image Data Augmentation for Deep Learning. Journal of Big Data. 2019 Jul;6(1):60.' },
    { key: 'shorten2019survey', style: 'apa', text: 'Shorten, C., & Khoshgoftaar, T. M. (2019). A survey on Image Data Augmentation for Deep Learning. Journal of Big Data, 6(1), 60. https://doi.org/10.1186/s40537-019-0197-0' },
    { key: 'shorten2019survey', style: 'no-such-style', text: 'Shorten C, Khoshgoftaar TM. A survey on Image Data Augmentation for Deep Learning. Journal of Big Data. 2019 Jul;6(1):60.' },
  ];
  for (const c of cases) {
    it(`${c.key} in ${c.style ?? 'vancouver'}`, () => {
      const text = formatReference(item(c.key), c.style);
      assert.ok(text.startsWith(c.text.slice(0, 60)), text);
      assert.equal(formatReference(item(c.key), c.style), text);
    });
  }

  it('short citations and titles', () => {
    assert.equal(shortCitation(item('shorten2019survey')), 'Shorten & Khoshgoftaar 2019');
    assert.equal(shortCitation(item('wachter2017')), 'Wachter et al. 2017');
    assert.equal(shortCitation(item('who2023')), 'World Health Organization 2023');
    assert.equal(shortCitation({ id: 'x' }), 'x n.d.');
    // Particles stay with the family name; BibTeX's `and others` is "et al." (citation-js makes it a person).
    const labels = parseBibliography('file:///p.bib', '@article{a, author = {Van der Schaar, M. and others}, year = {2021}}\n@article{b, author = {Mihaela van der Schaar and Alan Turing}, year = {2022}}\n@article{c, author = {Smith, J. and others}, year = {2020}}')
      .entries.map((e) => [shortCitation(e.getCsl()!), authorsShort(e.getCsl()!)]);
    assert.deepEqual(labels, [['Van der Schaar et al. 2021', 'Van der Schaar et al.'], ['van der Schaar & Turing 2022', 'van der Schaar & Turing'], ['Smith et al. 2020', 'Smith et al.']]);
    assert.equal(titleOf(item('wachter2017')), 'Why a Right to Explanation of Automated Decision-Making Does Not Exist in the General Data Protection Regulation');
    assert.equal(titleOf({ id: 'untitled' }), 'untitled');
  });
});

describe('real bibliographies', { skip: skipWithoutShared }, () => {
  const files = [
    ...(existsSync(join(sharedDir, 'bench')) ? readdirSync(join(sharedDir, 'bench')).filter((f) => f.endsWith('.bib')).map((f) => join(sharedDir, 'bench', f)) : []),
    ...(existsSync(join(sharedDir, 'eval')) ? readdirSync(join(sharedDir, 'eval')).map((d) => join(sharedDir, 'eval', d, 'references.bib')).filter(existsSync) : []),
  ];
  for (const file of files) {
    it(`finds every key of ${file.slice(sharedDir.length + 1)}`, () => {
      const text = readFileSync(file, 'utf8');
      const started = performance.now();
      const bib = parseBibliography(`file://${file}`, text);
      const scanMs = performance.now() - started;
      const lines = text.match(/^\uFEFF?[ \t]*@\s*\w+\s*[{(]/gm) ?? [];
      const expected = lines.filter((l) => !/@\s*(string|comment|preamble)\b/i.test(l)).length;
      assert.equal(bib.entries.length, expected);
      assert.equal(bib.problems.filter((p) => p.code === 'bib-syntax').length, 0);
      // A sample converts (all of them would take seconds on the biggest file).
      for (const entry of bib.entries.filter((_, i) => i % 97 === 0)) assert.ok(entry.getCsl()?.id === entry.key);
      if (bib.entries.length > 20_000) console.log(`# ${bib.entries.length} entries located (keys, spans, syntax problems) in ${scanMs.toFixed(0)} ms`);
    });
  }
});
