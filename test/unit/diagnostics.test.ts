/**
 * One positive and one negative fixture for every diagnostic code of the foundation (product.md §3), run
 * through the whole core on an in-memory workspace. Each fixture is a manuscript (and a .bib), marked as
 * `helpers/markers.ts` says: `«…»` is the range of each expected diagnostic.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createCitelensService } from '../../server/src/service/service';
import type { Settings } from '../../server/src/service/settings';
import type { DiagnosticCode } from '../../server/src/service/types';
import { MemoryWorkspace } from '../../server/src/service/workspace';
import { parseMarked } from '../helpers/markers';

const BIB = `@article{smith2020, author = {Smith, Jane}, title = {Deep learning for protein folding}, journal = {Nature}, year = {2020}, doi = {10.1000/abc}}
@article{doe2019, author = {Doe, John and Roe, Richard}, title = {Variational autoencoders for clinical notes}, journal = {JAMIA}, year = {2019}}
@book{lee2018, author = {Lee, Kim}, title = {Statistics for biologists}, year = {2018}, publisher = {Springer}}
`;

const LIST3 = `
## References

1. Smith J. Deep learning for protein folding. Nature. 2020.
2. Doe J, Roe R. Variational autoencoders for clinical notes. JAMIA. 2019.
3. Lee K. Statistics for biologists. Springer; 2018.
`;

interface Case {
  code: DiagnosticCode;
  name: string;
  md: string;
  bib?: string;
  settings?: Partial<Settings>;
  /** Expected: diagnostics of `code` in the manuscript on the «…» ranges (none when there is no range). */
  message?: RegExp;
}

const cases: Case[] = [
  { code: 'unresolved-citation', name: 'unknown key, with did-you-mean', md: 'Folding [@«smth2020»].', message: /Did you mean “smith2020”/ },
  { code: 'unresolved-citation', name: 'known keys', md: 'Folding [@smith2020; @doe2019] and @lee2018 say so.' },
  { code: 'unresolved-citation', name: 'number beyond the list', md: `Folding [1], notes [«4»], stats [2, 3].${LIST3}`, message: /\[4\] has no item/ },
  { code: 'unresolved-citation', name: 'numbers inside the list', md: `Folding [1], notes [2], stats [3].${LIST3}` },
  { code: 'unresolved-citation', name: 'no bibliography at all', bib: '', md: 'Folding [@«smith2020»].', message: /no bibliography was found/ },
  { code: 'malformed-citation', name: 'backwards range', md: `Folding «[3–1]» and more.${LIST3}`, message: /runs backwards/ },
  { code: 'malformed-citation', name: 'double comma', md: `Folding «[1,,2]» and [3].${LIST3}`, message: /not a valid numeric citation/ },
  { code: 'malformed-citation', name: 'empty key', md: 'As shown «[@]» before.', message: /needs a key/ },
  { code: 'malformed-citation', name: 'well-formed groups', md: `Folding [1–3] and [1, 2; 3].${LIST3}` },
  { code: 'citation-separator', name: 'comma between keys', md: 'Folding [«@smith2020, @doe2019»].', message: /^“@smith2020, @doe2019”: “,” between citations makes @doe2019 part of @smith2020's suffix; separate citations with “;”\.$/ },
  { code: 'citation-separator', name: 'comma without a space', md: 'Folding [«@smith2020,@doe2019»].', message: /“,” between citations/ },
  { code: 'citation-separator', name: 'a space', md: 'Folding [«@smith2020 @doe2019», p. 4].', message: /^“@smith2020 @doe2019”: a space between citations makes @doe2019 part/ },
  { code: 'citation-separator', name: 'a line break quoted as a space', md: 'Folding [«@smith2020,\n  @doe2019»].', message: /^“@smith2020, @doe2019”:/ },
  { code: 'citation-separator', name: 'in-text citation followed by a group', md: 'As @lee2018 [«@smith2020, @doe2019»] show.', message: /“,” between/ },
  { code: 'citation-separator', name: 'prose suffixes and semicolons are deliberate', md: 'Folding [see @smith2020, and also @doe2019], [for example @lee2018 and @doe2019], [@smith2020, p. 4, @doe2019], [@smith2020; @doe2019], [@doe2019, `@smith2020`].' },
  { code: 'orphaned-reference', name: 'list item never cited', md: `Folding [1], stats [3].\n\n## References\n\n1. Smith J. Deep learning for protein folding. Nature. 2020.\n«2. Doe J, Roe R. Variational autoencoders for clinical notes. JAMIA. 2019.»\n3. Lee K. Statistics for biologists. Springer; 2018.\n`, message: /Reference \[2\] \(Doe & Roe 2019, “Variational autoencoders for clinical notes”\) is never cited/ },
  { code: 'orphaned-reference', name: 'every item cited', md: `Folding [1–3].${LIST3}` },
  { code: 'orphaned-reference', name: 'unused BibTeX entry with the setting', settings: { unusedBibEntries: true }, md: 'Folding [@smith2020; @doe2019].', message: /“lee2018”.*never cited/ },
  { code: 'citation-order', name: 'first citation out of order', md: `Folding [1], stats [«3»], notes [«2»].${LIST3}`, message: /\[3\] is cited before \[2\] has been; numbered by first citation it would be \[2\]/ },
  { code: 'citation-order', name: 'in order, repeats allowed', md: `Folding [1], notes [2], again [1], stats [3].${LIST3}` },
  { code: 'reference-numbering', name: 'gap in the list', md: `Folding [1], notes [2], stats [4].\n\n## References\n\n1. Smith J. Deep learning for protein folding. Nature. 2020.\n2. Doe J, Roe R. Variational autoencoders for clinical notes. JAMIA. 2019.\n«4.» Lee K. Statistics for biologists. Springer; 2018.\n`, message: /jumps from 2 to 4: number 3 is missing/ },
  { code: 'reference-numbering', name: 'consecutive list', md: `Folding [1], notes [2], stats [3].${LIST3}` },
  { code: 'duplicate-reference', name: 'same work twice', md: `Folding [1], again [2].\n\n## References\n\n1. Smith J. Deep learning for protein folding. Nature. 2020. doi:10.1000/abc\n«2.» Smith J. Deep learning for protein folding. Nature. 2020.\n`, message: /\[2\].*same work as \[1\]/ },
  { code: 'duplicate-reference', name: 'different works', md: `Folding [1], notes [2], stats [3].${LIST3}` },
  { code: 'reference-not-in-bib', name: 'item without entry', md: `Folding [1], other [2].\n\n## References\n\n1. Smith J. Deep learning for protein folding. Nature. 2020.\n«2.» Nobody N. A work the bibliography lacks entirely. 2001.\n`, message: /matches no entry/ },
  { code: 'reference-not-in-bib', name: 'all items matched', md: `Folding [1], notes [2], stats [3].${LIST3}` },
  { code: 'duplicate-bib-entry', name: 'an item matches two entries of one work (same DOI)', md: `Folding [1].\n\n## References\n\n1. Smith J. Deep learning for protein folding. Nature. 2020. doi:10.1000/abc\n`, bib: `${BIB}@article{«smith2020b», author = {Smith, Jane}, title = {Deep Learning for Protein Folding}, journal = {Nature}, year = {2020}, doi = {10.1000/ABC}}\n`, message: /“smith2020b” is the same work as “smith2020” \(same title and DOI\); reference \[1\] links to “smith2020”/ },
  { code: 'duplicate-bib-entry', name: 'same title and year, another first author: two works', md: `Folding [1].\n\n## References\n\n1. Smith J. Deep learning for protein folding. Nature. 2020.\n`, bib: `${BIB}@misc{blog2020, author = {Israeli, Johnny}, title = {Deep learning for protein folding}, year = {2020}}\n` },
  { code: 'duplicate-bib-key', name: 'key defined twice', md: 'Folding [@«smith2020»].', bib: `${BIB}\n@misc{smith2020, title = {Another}, year = {2021}}\n`, message: /defined more than once/ },
  { code: 'duplicate-bib-key', name: 'unique keys', md: 'Folding [@smith2020].' },
  { code: 'bib-syntax', name: 'entry with unbalanced braces', md: 'Folding [@smith2020].', bib: `@article{broken, title = {Oops}\n${BIB}` },
  { code: 'bib-syntax', name: 'clean bibliography', md: 'Folding [@smith2020].' },
  { code: 'missing-bib-field', name: 'cited entry without year', md: 'Stats [@nodate].', bib: `${BIB}@book{nodate, author = {Lee, K}, title = {Undated}}\n` },
  { code: 'missing-bib-field', name: 'complete cited entry', md: 'Folding [@smith2020].' },
  { code: 'bibliography-not-found', name: 'front matter names a missing file', md: '---\nbibliography: «missing.bib»\n---\nFolding [@smith2020].', message: /“missing.bib”.*does not exist/ },
  { code: 'bibliography-not-found', name: 'front matter names an existing file', md: '---\nbibliography: refs.bib\n---\nFolding [@smith2020].' },
];

async function run(c: Case) {
  const { text: md, ranges: marks } = parseMarked(c.md);
  const files: Record<string, string> = { '/w/paper.md': md };
  // «…» in the bibliography marks diagnostics reported there.
  const { text: bib, ranges: bibMarks } = parseMarked(c.bib ?? BIB);
  if (bib) files['/w/refs.bib'] = bib;
  const service = createCitelensService(MemoryWorkspace.of(files, ['/w']), c.settings);
  const analysis = await service.analyze('/w/paper.md');
  return { marks, bibMarks, found: analysis.diagnostics.filter((d) => d.code === c.code) };
}

for (const c of cases) {
  test(`${c.code}: ${c.name}`, async () => {
    const { marks, bibMarks, found } = await run(c);
    const positive = marks.length > 0 || bibMarks.length > 0 || c.message !== undefined || c.code === 'bib-syntax' && c.bib !== undefined || c.code === 'missing-bib-field' && c.bib !== undefined;
    if (!positive) {
      assert.deepEqual(found.map((d) => d.message), [], 'expected no diagnostic');
      return;
    }
    assert.ok(found.length > 0, `expected a ${c.code} diagnostic`);
    if (c.message) assert.match(found[0].message, c.message);
    const inManuscript = found.filter((d) => d.uri === '/w/paper.md');
    if (marks.length) assert.deepEqual(inManuscript.map((d) => d.span), marks);
    if (bibMarks.length) assert.deepEqual(found.filter((d) => d.uri === '/w/refs.bib').map((d) => d.span), bibMarks);
  });
}

test('citation-separator: a chain [@a, @b, @c] is two slips, each quoting its pair', async () => {
  const md = 'Folding [@lee2018, @smith2020,\n@doe2019].';
  const analysis = await createCitelensService(MemoryWorkspace.of({ '/w/paper.md': md, '/w/refs.bib': BIB }, ['/w'])).analyze('/w/paper.md');
  const found = analysis.diagnostics.filter((d) => d.code === 'citation-separator');
  assert.deepEqual(found.map((d) => md.slice(d.span.start, d.span.end)), ['@lee2018, @smith2020', '@smith2020,\n@doe2019']);
  assert.deepEqual(found.map((d) => d.message.split(':')[0]), ['“@lee2018, @smith2020”', '“@smith2020, @doe2019”']);
  // Every key is still cited (Pandoc reads all three), so nothing is unresolved or orphaned.
  assert.deepEqual(analysis.diagnostics.filter((d) => d.code === 'unresolved-citation' || d.code === 'orphaned-reference'), []);
  assert.deepEqual(analysis.resolutions.map((r) => r.entry?.key), ['lee2018', 'smith2020', 'doe2019']);
});

test('front matter: Pandoc\'s inline `references:` list is a bibliography, beside the files', async () => {
  const md = '---\nbibliography: refs.bib\nreferences:\n- id: Inline1\n  type: book\n  title: An inline work\n  author: [{family: Roe, given: R}]\n  issued: {date-parts: [[2001]]}\n- id: inline1\n  title: Another work, its id differing only in case\n...\n\nCites [@Inline1; @inline1; @smith2020] and [@«inline2»].\n';
  const { text, ranges } = parseMarked(md);
  const analysis = await createCitelensService(MemoryWorkspace.of({ '/w/paper.md': text, '/w/refs.bib': BIB }, ['/w'])).analyze('/w/paper.md');
  assert.deepEqual(analysis.bibliographies.map((b) => b.uri), ['/w/paper.md', '/w/refs.bib']);
  const inline = analysis.resolutions.map((r) => r.entry && `${r.entry.uri}:${r.entry.key}`);
  assert.equal(text.slice(analysis.bibliographies[0].entries[1].keySpan.start, analysis.bibliographies[0].entries[1].keySpan.end), 'inline1');
  assert.deepEqual(inline, ['/w/paper.md:Inline1', '/w/paper.md:inline1', '/w/refs.bib:smith2020', null]);
  const errors = analysis.diagnostics.filter((d) => d.severity === 'error');
  assert.deepEqual(errors.map((d) => [d.code, d.span]), [['unresolved-citation', ranges[0]]]);
});

test('front matter: a YAML block closed by `...` names the bibliography', async () => {
  const md = '---\ntitle: A study\nbibliography: lib/refs.bib\n...\n\nCites [@smith2020].\n';
  const analysis = await createCitelensService(MemoryWorkspace.of({ '/w/paper.md': md, '/w/lib/refs.bib': BIB }, ['/w'])).analyze('/w/paper.md');
  assert.deepEqual(analysis.bibliographies.map((b) => b.uri), ['/w/lib/refs.bib']);
  assert.deepEqual(analysis.diagnostics.filter((d) => d.code === 'unresolved-citation'), []);
});

test('a list item continued lazily or indented, LF or CRLF: the range ends inside its first line; the message is one line', async () => {
  const lists = [
    'Text [1].\n\n## References\n\n1. Smith J. Deep learning for protein folding. Nature. 2020.\n«2. Van der Schaar, M., et al., “How AI can help health systems respond to COVID-19,”»\n*Machine Learning*, vol. 110,\n   pp. 1–14, 2021.\n',
    'Text [1].\n\n## References\n\n1. Smith J. Deep learning for protein folding. Nature. 2020.\n«2. Van der Schaar, M., et al., “How AI can help health systems respond to COVID-19,”»',
  ];
  for (const marked of lists) {
    for (const eol of ['\n', '\r\n']) {
      const { text, ranges } = parseMarked(marked.replace(/\n/g, eol));
      const analysis = await createCitelensService(MemoryWorkspace.of({ '/w/paper.md': text }, ['/w']), { topicFitEnabled: false }).analyze('/w/paper.md');
      const orphan = analysis.diagnostics.filter((d) => d.code === 'orphaned-reference');
      assert.deepEqual(orphan.map((d) => d.span), ranges, JSON.stringify(eol));
      const year = marked.includes('2021') ? ' 2021' : '';
      assert.equal(orphan[0].message, `Reference [2] (Van der Schaar et al.${year}, “How AI can help health systems respond to…”) is never cited. Cite it where it supports a claim, or remove it from the list.`);
    }
  }
  // Text quoted from a wrapped item never brings its line break or indentation into a message.
  const wrapped = 'Text [1].\n\n## References\n\n1. Smith J. Deep learning.\n2. Doe J, Roe R. Variational\n   autoencoders for notes. 2019.\n';
  const analysis = await createCitelensService(MemoryWorkspace.of({ '/w/paper.md': wrapped }, ['/w']), { topicFitEnabled: false }).analyze('/w/paper.md');
  assert.deepEqual(analysis.diagnostics.map((d) => d.message), ['Reference [2] (Doe J, Roe R. Variational autoencoders for notes. 2019.) is never cited. Cite it where it supports a claim, or remove it from the list.']);
});

test('severity settings and suppression comments', async () => {
  const md = `Folding [@smth2020].\n<!-- citelens-disable-next-line unresolved-citation -->\nAgain [@smth2020].\n<!-- citelens-disable unresolved-citation -->\nThird [@smth2020].\n<!-- citelens-enable unresolved-citation -->\nFourth [@smth2020].`;
  const ws = MemoryWorkspace.of({ '/w/paper.md': md, '/w/refs.bib': BIB }, ['/w']);
  const lines = async (settings?: Partial<Settings>) =>
    (await createCitelensService(ws, settings).analyze('/w/paper.md')).diagnostics.map((d) => `${md.slice(0, d.span.start).split('\n').length}:${d.severity}`);
  assert.deepEqual(await lines(), ['1:error', '7:error']);
  assert.deepEqual(await lines({ diagnosticsSeverity: { 'unresolved-citation': 'warning' } }), ['1:warning', '7:warning']);
  assert.deepEqual(await lines({ diagnosticsSeverity: { 'unresolved-citation': 'ignore' } }), []);
});

test('numbering is judged across chapters in order', async () => {
  const ws = MemoryWorkspace.of({
    '/w/book.md': '---\ncitelens:\n  files: [ch1.md, ch2.md]\n---\n',
    '/w/ch1.md': 'Folding [1], notes [2].',
    '/w/ch2.md': `Stats [3].${LIST3}`,
    '/w/refs.bib': BIB,
  }, ['/w']);
  const analysis = await createCitelensService(ws).analyze('/w/book.md');
  assert.deepEqual(analysis.files.map((f) => f.uri), ['/w/book.md', '/w/ch1.md', '/w/ch2.md']);
  assert.deepEqual(analysis.diagnostics.map((d) => d.code), []);
});

test('a Quarto book: chapters from _quarto.yml, bibliography from the project', async () => {
  const ws = MemoryWorkspace.of({
    '/w/_quarto.yml': 'project:\n  type: book\nbook:\n  chapters:\n    - index.qmd\n    - part: Methods\n      chapters: [methods.qmd]\n    - refs.qmd\nbibliography: lib/refs.bib\n',
    '/w/index.qmd': 'Intro [@smith2020].',
    '/w/methods.qmd': 'Notes [@doe2019] and [@smth2020].',
    '/w/refs.qmd': '# References\n',
    '/w/lib/refs.bib': BIB,
  }, ['/w']);
  const analysis = await createCitelensService(ws).analyze('/w/methods.qmd');
  assert.deepEqual(analysis.files.map((f) => f.uri), ['/w/index.qmd', '/w/methods.qmd', '/w/refs.qmd']);
  assert.deepEqual(analysis.bibliographies.map((b) => b.uri), ['/w/lib/refs.bib']);
  assert.deepEqual(analysis.diagnostics.map((d) => `${d.uri}:${d.code}`), ['/w/methods.qmd:unresolved-citation']);
});

test('Manubot without --bib: output/references.json and content/manual-references*.* are the bibliography', async () => {
  const manual = JSON.stringify([{ id: 'url:https://github.com/manubot/rootstock', type: 'webpage', title: 'Rootstock', issued: { 'date-parts': [[2020]] } }]);
  const built = JSON.stringify([{ id: '1CFhfCyWN', type: 'article-journal', title: 'Deep learning for protein folding', DOI: '10.1000/abc', author: [{ family: 'Smith', given: 'J' }], issued: { 'date-parts': [[2020]] } }]);
  const yaml = '- id: raw:local\n  type: book\n  title: A local work\n';
  const ws = MemoryWorkspace.of({
    '/w/content/01.intro.md': 'See [@doi:10.1000/abc; @1CFhfCyWN] and @url:https://github.com/manubot/rootstock.',
    '/w/content/02.body.md': 'Also [@raw:local] and [@doi:10.9999/missing].',
    '/w/content/manual-references.json': manual,
    '/w/content/manual-references-extra.yaml': yaml,
    '/w/content/notes.bib': '@misc{other, title = {Not Manubot}}',
    '/w/output/references.json': built,
  }, ['/w']);
  const analysis = await createCitelensService(ws).analyze('/w/content/02.body.md');
  assert.deepEqual(analysis.bibliographies.map((b) => b.uri), ['/w/output/references.json', '/w/content/manual-references-extra.yaml', '/w/content/manual-references.json']);
  assert.deepEqual(analysis.resolutions.map((r) => r.entry?.key ?? null), ['1CFhfCyWN', '1CFhfCyWN', 'url:https://github.com/manubot/rootstock', 'raw:local', null]);
  const unresolved = analysis.diagnostics.filter((d) => d.code === 'unresolved-citation');
  assert.deepEqual(unresolved.map((d) => [d.uri, d.message.startsWith('No bibliography entry has the key')]), [['/w/content/02.body.md', true]]);
  // Without the built file, the manual references alone still answer (no "no bibliography found" per citation).
  const bare = MemoryWorkspace.of({ '/w/content/01.intro.md': 'See [@url:https://github.com/manubot/rootstock].', '/w/content/manual-references.json': manual }, ['/w']);
  const only = await createCitelensService(bare).analyze('/w/content/01.intro.md');
  assert.deepEqual(only.bibliographies.map((b) => b.uri), ['/w/content/manual-references.json']);
  assert.deepEqual(only.diagnostics.filter((d) => d.code === 'unresolved-citation'), []);
});

test('Manubot\'s built output/manuscript.md: its front matter names content/ files from the project folder, plus output/references.json', async () => {
  const manual = JSON.stringify([{ id: 'url:https://example.org/tool', type: 'webpage', title: 'A tool', issued: { 'date-parts': [[2020]] } }]);
  const built = JSON.stringify([{ id: 'Hlprh8TG', type: 'article-journal', title: 'Built', author: [{ family: 'Roe' }], issued: { 'date-parts': [[2019]] } }]);
  const ws = MemoryWorkspace.of({
    '/w/output/manuscript.md': '---\nbibliography:\n- content/manual-references.json\n...\n\nSee [@url:https://example.org/tool; @Hlprh8TG].\n',
    '/w/output/references.json': built,
    '/w/content/manual-references.json': manual,
  }, ['/w']);
  const analysis = await createCitelensService(ws).analyze('/w/output/manuscript.md');
  assert.deepEqual(analysis.bibliographies.map((b) => b.uri), ['/w/output/references.json', '/w/content/manual-references.json']);
  assert.deepEqual(analysis.diagnostics.filter((d) => d.severity === 'error'), []);
});

test('cross-references: Quarto labels in a Quarto project, pandoc-crossref labels everywhere, are no citations', async () => {
  const body = 'See @fig-plot, @Fig-plot, [@tbl-a; @smith2020], @eq-energy, @sec-intro, @thm-main and @lem-x [@«nosuch»].\n\n![Plot](p.png){#fig-plot}\n';
  const quarto = parseMarked(body);
  for (const files of [
    { '/w/paper.qmd': quarto.text, '/w/refs.bib': BIB },
    { '/w/_quarto.yml': 'project:\n  type: default\n', '/w/paper.md': quarto.text, '/w/refs.bib': BIB },
  ] as Record<string, string>[]) {
    const p = Object.keys(files).find((f) => /paper/.test(f))!;
    const analysis = await createCitelensService(MemoryWorkspace.of(files, ['/w'])).analyze(p);
    assert.deepEqual(analysis.diagnostics.filter((d) => d.code === 'unresolved-citation').map((d) => d.span), quarto.ranges, p);
    assert.deepEqual(analysis.resolutions.map((r) => r.item.key), ['smith2020', 'nosuch']);
  }
  // Outside Quarto a key may look like a label: `@sec-2020` is a work here.
  const plain = await createCitelensService(MemoryWorkspace.of({ '/w/paper.md': 'As @sec-2020 and @Fig:one, [@tbl:a] show.', '/w/refs.bib': `${BIB}@misc{sec-2020, title = {Securities}, year = {2020}}\n` }, ['/w'])).analyze('/w/paper.md');
  assert.deepEqual(plain.resolutions.map((r) => r.entry?.key), ['sec-2020']);
  assert.deepEqual(plain.diagnostics.filter((d) => d.code === 'unresolved-citation'), []);
});

test('Manubot content/NN.name.md chapters are one manuscript, in name order', async () => {
  const ws = MemoryWorkspace.of({
    '/w/content/02.body.md': 'Stats [2].',
    '/w/content/01.intro.md': 'Folding [1].',
    '/w/content/90.back-matter.md': `Notes [3].${LIST3}`,
    '/w/content/refs.bib': BIB,
  }, ['/w']);
  const analysis = await createCitelensService(ws).analyze('/w/content/02.body.md');
  assert.deepEqual(analysis.files.map((f) => f.uri), ['/w/content/01.intro.md', '/w/content/02.body.md', '/w/content/90.back-matter.md']);
  assert.deepEqual(analysis.diagnostics.map((d) => d.code), []);
});

const TAXONOMY = `terms:
  - id: techniques
    label: Generative AI techniques
    children:
      - id: gan
        label: Generative adversarial networks
        abbreviation: GAN
        aliases: [adversarial networks]
        description: A generator and a discriminator trained against each other
`;

for (const [name, md, tax, expected] of [
  ['non-preferred-term: an alias', 'We survey adversarial networks [@smith2020].', TAXONOMY, ['non-preferred-term']],
  ['non-preferred-term: the preferred label', 'We survey generative adversarial networks [@smith2020].', TAXONOMY, []],
  ['undefined-abbreviation: used before its expansion', 'GANs are popular. Generative adversarial networks (GANs) learn [@smith2020].', TAXONOMY, ['undefined-abbreviation']],
  ['undefined-abbreviation: expanded first', 'Generative adversarial networks (GANs) learn. GANs are popular [@smith2020].', TAXONOMY, []],
  ['taxonomy-syntax: broken YAML; the manuscript is still checked', 'Folding [@smth2020].', 'terms:\n  - id: gan\n    label: [unclosed\n', ['taxonomy-syntax', 'unresolved-citation']],
  ['taxonomy-syntax: a valid taxonomy', 'Folding [@smith2020].', TAXONOMY, []],
] as const) {
  test(name, async () => {
    const ws = MemoryWorkspace.of({ '/w/paper.md': md, '/w/refs.bib': BIB, '/w/taxonomy.yaml': tax }, ['/w']);
    const analysis = await createCitelensService(ws).analyze('/w/paper.md');
    assert.deepEqual([...new Set(analysis.diagnostics.map((d) => d.code))].sort(), [...expected].sort());
    if (name.startsWith('taxonomy-syntax: broken')) {
      const d = analysis.diagnostics.find((x) => x.code === 'taxonomy-syntax')!;
      assert.equal(d.uri, '/w/taxonomy.yaml');
      assert.equal(tax.slice(0, d.span.start).split('\n').length, 3, 'reported on the line of the unclosed bracket');
    }
  });
}

/**
 * Issue 14 item 10: which entry each reference-list item links to. An entry's title must be one of the item's
 * segments (between authors and venue), never a part of a longer one; markup in either does not matter; one
 * work entered twice links to one entry (the other is `duplicate-bib-entry`); "matches no entry" only when none does.
 */
const LINK_BIB = `@article{lecun2015, author = {LeCun, Yann}, title = {Deep learning}, journal = {Nature}, year = {2015}}
@misc{faceapp, title = {FaceApp}, howpublished = {@faceapp\\_ai}, year = {2018}, url = {https://www.faceapp.com}}
@book{suber2012, author = {Suber, Peter}, title = {Open access}, publisher = {MIT Press}, year = {2012}, isbn = {9780262517638}}
@article{oa1, author = {Piwowar, Heather}, title = {The state of open access: a large-scale analysis of open access articles}, year = {2018}}
@article{oa2, author = {Suber, Peter}, title = {Gratis and libre open access}, year = {2008}}
@article{oa3, author = {Bosman, Jeroen}, title = {Open access levels: a quantitative exploration}, year = {2012}}
@article{ecoli, author = {Doe, Jane}, title = {Growth of \\textit{E. coli} in CO\\textsubscript{2}}, journal = {J Bact}, year = {2019}}
@article{biorxiv, author = {Roe, Rita}, title = {Preprints on \\emph{bioRxiv} rise}, year = {2019}}
@misc{israeli2017, author = {Israeli, Johnny}, title = {Opportunities And Obstacles For Deep Learning In Biology And Medicine}, howpublished = {Towards Data Science}, year = {2017}, url = {https://towardsdatascience.com/x}}
@unpublished{ching2017, author = {Ching, Travers}, title = {Opportunities and obstacles for deep learning in biology and medicine}, year = {2017}, doi = {10.1101/142760}}
@article{twinA, author = {Kim, Lee}, title = {One work entered twice}, year = {2016}}
@article{twinB, author = {Kim, L.}, title = {One Work Entered Twice}, year = {2016}}
@article{sameA, author = {Park, Su}, title = {Two works, one title}, year = {2016}}
@article{sameB, author = {Lee, Min}, title = {Two works, one title}, year = {2016}}
`;

const LINK_CSL = JSON.stringify([{ id: 'csl-ecoli', type: 'article-journal', title: 'Survival of <i>E. coli</i> under CO<sub>2</sub>', author: [{ family: 'Roe', given: 'R' }], issued: { 'date-parts': [[2020]] } }]);

for (const [name, item, expected, code] of [
  ['a short title is not matched inside a longer one', 'Smith J, Doe A. Applications of deep learning in chest radiography. Radiology. 2015.', null, /matches no entry/],
  ['the title segment between authors and venue', 'LeCun Y, Bengio Y, Hinton G. Deep learning. Nature. 2015.', 'lecun2015', null],
  ['a one-word title that opens the item (no authors)', 'FaceApp. 2018.', 'faceapp', null],
  ['a short title among longer titles sharing its words', 'Suber P. Open access. 2012.', 'suber2012', null],
  ['a one-word title as the venue of another work is not that work', 'Doe J. Faces of the crowd. FaceApp. 2018.', null, /matches no entry/],
  ['TeX markup in the entry title (\\textit, \\textsubscript)', 'Doe J. Growth of E. coli in CO2. J Bact. 2019.', 'ecoli', null],
  ['\\emph in the entry title, emphasis in the item', 'Roe R. Preprints on *bioRxiv* rise. 2019.', 'biorxiv', null],
  ['CSL <i> and <sub> in a CSL-JSON title', 'Roe R. Survival of <i>E. coli</i> under CO<sub>2</sub>. 2020.', 'csl-ecoli', null],
  ['same title and year: the first author decides (a URL-only blog post)', 'Israeli J. Opportunities and obstacles for deep learning in biology and medicine. 2017.', 'israeli2017', null],
  ['one work entered twice: linked to the first, the other reported in the .bib', 'Kim L. One work entered twice. 2016.', 'twinA', /“twinB” is the same work as “twinA”/],
  ['two different works that match equally: no guess, and not "no entry"', 'Two works, one title. 2016.', null, /matches 2 different entries equally well \(“sameA”, “sameB”\)/],
] as const) {
  test(`item 10: ${name}`, async () => {
    const md = `Text [1].\n\n## References\n\n1. ${item}\n`;
    const ws = MemoryWorkspace.of({ '/w/paper.md': md, '/w/refs.bib': LINK_BIB, '/w/refs.json': LINK_CSL }, ['/w']);
    const analysis = await createCitelensService(ws, { bibliography: ['/w/refs.bib', '/w/refs.json'] }).analyze('/w/paper.md');
    assert.equal(analysis.references[0].entry?.key ?? null, expected);
    const said = analysis.diagnostics.filter((d) => d.code === 'reference-not-in-bib' || d.code === 'duplicate-bib-entry').map((d) => d.message);
    if (code) assert.match(said.join('\n'), code);
    else assert.deepEqual(said, []);
  });
}
