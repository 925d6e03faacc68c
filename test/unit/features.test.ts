/**
 * The protocol-free editor features (server/src/service/features/) on in-memory workspaces. Each case is a
 * fixture marked as `helpers/markers.ts` says — the cursor `|`, the expected ranges `«…»` — and what the user
 * would see: the hovered range and the hover's words, where "go to definition" lands, which ranges "find
 * references" lists, which texts a rename rewrites, which range a completion replaces and what it offers.
 * Excerpts are marked in the shared documents with `mark(DOC, 'excerpt with | or «…»')`.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { createCitelensService } from '../../server/src/service/service';
import { getCodeActions } from '../../server/src/service/features/codeActions';
import { getCompletions, resolveKeyDocumentation } from '../../server/src/service/features/completion';
import { getDefinition } from '../../server/src/service/features/definition';
import { getDocumentLinks } from '../../server/src/service/features/documentLinks';
import { getHover, type HoverOptions } from '../../server/src/service/features/hover';
import { getDocumentHighlights, getReferences } from '../../server/src/service/features/references';
import { getRenameEdits, prepareRename } from '../../server/src/service/features/rename';
import { formatReference } from '../../server/src/service/bibtex/formatReference';
import { diffRegion, rebaseManuscript, rebaseSpan } from '../../server/src/lsp/rebaseManuscript';
import { applyEdits, fixture, mark, parseMarked } from '../helpers/featureFixture';

const BIB = `@article{smith2020,
  title={Deep learning for medical imaging},
  author={Smith, John and Roe, Richard},
  year={2020},
  journal={Nature},
  doi={10.1000/xyz},
  abstract={We show that deep networks read radiographs.}
}

@book{doe2019,
  title={Statistical Methods},
  author={Doe, Jane},
  year=2019
}
`;

const PANDOC = `# Intro

Deep learning works [@smith2020; @doe2019, p. 4]. As @smith2020 says, and [@smtih2020].

Code \`@smith2020\` and math $@x$ are not citations.
`;

const NUMERIC = `Text cites [1] and [2-3].

Later [1].

## References

1. Smith J, Roe R. Deep learning for medical imaging. Nature. 2020. doi:10.1000/xyz
2. Doe J. Statistical Methods. 2019.
3. Other thing. 2018.
`;

const options: HoverOptions = { style: 'vancouver', formatReference };

async function analyse(files: Record<string, string>) {
  const f = fixture(files);
  const service = createCitelensService(f.workspace);
  const manuscriptPath = Object.keys(f.files).find((p) => p.endsWith('.md'))!;
  return { f, analysis: await service.analyze(manuscriptPath), service };
}

describe('hover', () => {
  // The hover's range is the «…» range; no range: no hover.
  // `once`: words the hover must show exactly once (each fact once: no reference shown twice, no DOI twice).
  const cases: { name: string; files: Record<string, string>; includes?: string[]; excludes?: string[]; once?: string[] }[] = [
    {
      name: 'a Pandoc key shows the formatted reference, DOI link and abstract; the span is the key',
      files: { '/r/paper.md': mark(PANDOC, 'works [@«sm|ith2020»; @doe2019'), '/r/refs.bib': BIB },
      includes: ['Deep learning for medical imaging', 'Smith J', 'https://doi.org/10.1000/xyz', 'We show that deep networks'],
      excludes: ['Statistical Methods'],
      once: ['10.1000/xyz](', 'Deep learning for medical imaging'],
    },
    {
      name: 'the cursor on @ counts as on the key',
      files: { '/r/paper.md': mark(PANDOC, '|@«doe2019», p. 4'), '/r/refs.bib': BIB },
      includes: ['Statistical Methods', 'Doe J'],
    },
    {
      name: 'the brackets of a group hover every work of the group',
      files: { '/r/paper.md': mark(PANDOC, '«|[@smith2020; @doe2019, p. 4]»'), '/r/refs.bib': BIB },
      includes: ['Deep learning for medical imaging', 'Statistical Methods'],
    },
    {
      name: 'an unknown key says so',
      files: { '/r/paper.md': mark(PANDOC, '[@«|smtih2020»]'), '/r/refs.bib': BIB },
      includes: ['is in no bibliography'],
    },
    {
      name: 'a number shows the BibTeX key it matched and the list item text, each fact once (no second, CSL-formatted copy; the DOI linked in place)',
      files: { '/n/paper.md': mark(NUMERIC, 'Text cites [«|1»]'), '/n/refs.bib': BIB },
      includes: ['**[1]** · `smith2020` · refs.bib', 'Smith J, Roe R. Deep learning for medical imaging. Nature. 2020. [doi:10.1000/xyz](https://doi.org/10.1000/xyz)', 'We show that deep networks'],
      excludes: ['Vancouver', 'BibTeX:'],
      once: ['Deep learning for medical imaging', '10.1000/xyz](', 'smith2020'],
    },
    {
      name: 'a number whose item matches no entry says so, with the item text',
      files: { '/n/paper.md': mark(NUMERIC, '[«2-|3»]'), '/n/refs.bib': BIB },
      includes: ['**[3]** · matches no BibTeX entry', 'Other thing. 2018.'],
    },
    {
      name: 'a range segment hovers each number in it',
      files: { '/n/paper.md': mark(NUMERIC, '[«2|-3»]'), '/n/refs.bib': BIB },
      includes: ['**[2]** · `doe2019`', 'Doe J. Statistical Methods', '**[3]** ·', 'Other thing'],
    },
    {
      name: 'a reference-list number shows its entry and how often it is cited',
      files: { '/n/paper.md': mark(NUMERIC, '«|1.» Smith J'), '/n/refs.bib': BIB },
      includes: ['`smith2020`', 'Cited 2 times'],
      once: ['10.1000/xyz]('],
    },
    {
      name: 'a .bib key shows its reference and citations',
      files: { '/r/paper.md': PANDOC, '/r/refs.bib': mark(BIB, '@article{«sm|ith2020»,') },
      includes: ['Deep learning for medical imaging', 'Cited 2 times'],
    },
    {
      name: 'prose is not hovered',
      files: { '/r/paper.md': mark(PANDOC, 'Deep learning |works'), '/r/refs.bib': BIB },
    },
    {
      name: 'a key in a code span is not hovered',
      files: { '/r/paper.md': mark(PANDOC, 'Code `@s|mith2020`'), '/r/refs.bib': BIB },
    },
  ];
  for (const c of cases) {
    test(c.name, async () => {
      const { f, analysis } = await analyse(c.files);
      const hover = getHover(analysis, f.path, f.offset, options);
      if (f.ranges.length === 0) return assert.equal(hover, null);
      assert.ok(hover, 'expected a hover');
      assert.deepEqual({ path: f.path, span: hover.span }, f.ranges[0]);
      for (const s of c.includes ?? []) assert.ok(hover.markdown.includes(s), `hover lacks ${JSON.stringify(s)}:\n${hover.markdown}`);
      for (const s of c.excludes ?? []) assert.ok(!hover.markdown.includes(s), `hover has ${JSON.stringify(s)}`);
      for (const s of c.once ?? []) assert.equal(hover.markdown.split(s).length - 1, 1, `hover should show ${JSON.stringify(s)} once:\n${hover.markdown}`);
    });
  }

  test('hover sections contributed by other features are appended, and a failing one is dropped', async () => {
    const { f, analysis } = await analyse({ '/r/paper.md': mark(PANDOC, 'works [@|smith2020;'), '/r/refs.bib': BIB });
    const hover = getHover(analysis, f.path, f.offset, {
      ...options,
      sections: [(ctx) => `Topic fit of ${ctx.resolution?.item.key}: 0.9`, () => { throw new Error('boom'); }],
    });
    assert.ok(hover?.markdown.endsWith('Topic fit of smith2020: 0.9'), hover?.markdown);
  });
});

describe('definition', () => {
  // The targets' selection ranges are the «…» ranges, in order.
  const cases: { name: string; files: Record<string, string> }[] = [
    { name: 'a key goes to the entry key in the .bib', files: { '/r/paper.md': mark(PANDOC, 'As @|smith2020 says'), '/r/refs.bib': mark(BIB, '@article{«smith2020»,') } },
    { name: 'a number goes to its reference-list item', files: { '/n/paper.md': mark(NUMERIC, 'Text cites [|1]', '«1.» Smith J'), '/n/refs.bib': BIB } },
    { name: 'a group goes to every entry', files: { '/r/paper.md': mark(PANDOC, '|[@smith2020; @doe2019'), '/r/refs.bib': mark(BIB, '@article{«smith2020»,', '@book{«doe2019»,') } },
    { name: 'a reference-list item goes to its BibTeX entry', files: { '/n/paper.md': mark(NUMERIC, '1. |Smith J'), '/n/refs.bib': mark(BIB, '@article{«smith2020»,') } },
    { name: 'an unknown key has no definition', files: { '/r/paper.md': mark(PANDOC, '[@|smtih2020]'), '/r/refs.bib': BIB } },
  ];
  for (const c of cases) {
    test(c.name, async () => {
      const { f, analysis } = await analyse(c.files);
      const result = getDefinition(analysis, f.path, f.offset);
      assert.deepEqual((result?.targets ?? []).map((t) => ({ path: t.path, span: t.selection })), f.ranges);
    });
  }
});

describe('references', () => {
  // The locations are the «…» ranges, in order (the files are listed in the order expected).
  const cases: { name: string; files: Record<string, string>; declaration: boolean }[] = [
    { name: 'from a key: every citation of it', files: { '/r/paper.md': mark(PANDOC, 'works [@«|smith2020»;', 'As @«smith2020» says'), '/r/refs.bib': BIB }, declaration: false },
    { name: 'with the declaration: the .bib key first', files: { '/r/refs.bib': mark(BIB, '@article{«smith2020»,'), '/r/paper.md': mark(PANDOC, 'works [@«|smith2020»;', 'As @«smith2020» says') }, declaration: true },
    { name: 'from a .bib key', files: { '/r/paper.md': mark(PANDOC, '@«doe2019», p. 4'), '/r/refs.bib': mark(BIB, '@book{|doe2019,') }, declaration: false },
    { name: 'from a reference-list item: each [1]', files: { '/n/paper.md': mark(NUMERIC, 'Text cites [«1»]', 'Later [«1»].', '|1. Smith J'), '/n/refs.bib': BIB }, declaration: false },
    { name: 'from a number: the other citations of the same work', files: { '/n/paper.md': mark(NUMERIC, 'Text cites [«1»]', 'Later [«|1»].'), '/n/refs.bib': BIB }, declaration: false },
  ];
  for (const c of cases) {
    test(c.name, async () => {
      const { f, analysis } = await analyse(c.files);
      const got = getReferences(analysis, f.path, f.offset, c.declaration).map((l) => ({ path: l.path, span: l.span }));
      assert.deepEqual(got, f.ranges);
    });
  }
});

describe('document highlights', () => {
  // The «…» ranges of the document holding the cursor, as highlighted: `write` for the definition, `read` for citations.
  const cases: { name: string; files: Record<string, string>; kinds: string[] }[] = [
    { name: 'a key: its citations in this document, none elsewhere', files: { '/r/paper.md': mark(PANDOC, 'works [@«|smith2020»;', 'As @«smith2020» says'), '/r/refs.bib': BIB }, kinds: ['read', 'read'] },
    { name: 'in a .bib: the entry key, as the definition', files: { '/r/paper.md': PANDOC, '/r/refs.bib': mark(BIB, '@article{«smi|th2020»,') }, kinds: ['write'] },
    { name: 'a number: its list item as the definition, then each citation', files: { '/n/paper.md': mark(NUMERIC, 'Text cites [«|1»]', 'Later [«1»].', '«1.» Smith J'), '/n/refs.bib': BIB }, kinds: ['write', 'read', 'read'] },
  ];
  for (const c of cases) {
    test(c.name, async () => {
      const { f, analysis } = await analyse(c.files);
      const got = getDocumentHighlights(analysis, f.path, f.offset).sort((a, b) => a.span.start - b.span.start);
      const expected = f.ranges.filter((r) => r.path === f.path).map((r) => r.span);
      assert.deepEqual(got.map((h) => h.span), expected);
      assert.deepEqual(got.map((h) => h.kind).sort(), [...c.kinds].sort());
    });
  }
});

describe('rename', () => {
  test('renames a key in the manuscript and the .bib', async () => {
    const { f, analysis } = await analyse({ '/r/paper.md': mark(PANDOC, 'As @smit|h2020 says'), '/r/refs.bib': BIB });
    const prepared = prepareRename(analysis, f.path, f.offset);
    assert.deepEqual('placeholder' in prepared && prepared.placeholder, 'smith2020');
    const edits = getRenameEdits(analysis, f.path, f.offset, 'smith2020deep');
    assert.ok(edits instanceof Map);
    const paper = applyEdits(f.files['/r/paper.md'], edits.get('/r/paper.md')!);
    const bib = applyEdits(f.files['/r/refs.bib'], edits.get('/r/refs.bib')!);
    assert.ok(paper.includes('[@smith2020deep; @doe2019, p. 4]. As @smith2020deep says'));
    assert.ok(paper.includes('`@smith2020`'), 'code spans are left alone');
    assert.ok(bib.startsWith('@article{smith2020deep,'));
  });

  test('renames from the .bib key', async () => {
    const { f, analysis } = await analyse({ '/r/paper.md': PANDOC, '/r/refs.bib': mark(BIB, '@book{|doe2019,') });
    const edits = getRenameEdits(analysis, f.path, f.offset, 'doe2019stat');
    assert.ok(edits instanceof Map);
    assert.ok(applyEdits(f.files['/r/paper.md'], edits.get('/r/paper.md')!).includes('@doe2019stat, p. 4'));
    assert.ok(applyEdits(f.files['/r/refs.bib'], edits.get('/r/refs.bib')!).includes('@book{doe2019stat,'));
  });

  const refusals: { name: string; files: Record<string, string>; newName?: string; message: RegExp }[] = [
    { name: 'a number', files: { '/n/paper.md': mark(NUMERIC, 'Text cites [|1]'), '/n/refs.bib': BIB }, message: /Renumber/ },
    { name: 'prose', files: { '/r/paper.md': mark(PANDOC, 'Deep learning |works'), '/r/refs.bib': BIB }, message: /Only a citation key/ },
    { name: 'an invalid new key', files: { '/r/paper.md': mark(PANDOC, '@|doe2019, p. 4'), '/r/refs.bib': BIB }, newName: 'has space', message: /not a valid citation key/ },
  ];
  for (const c of refusals) {
    test(`refuses ${c.name}`, async () => {
      const { f, analysis } = await analyse(c.files);
      const result = c.newName ? getRenameEdits(analysis, f.path, f.offset, c.newName) : prepareRename(analysis, f.path, f.offset);
      assert.ok('refused' in result, 'expected a refusal');
      assert.match((result as { refused: string }).refused, c.message);
    });
  }
});

describe('completion', () => {
  // «…» is the range a completion replaces; `labels: null`: no completion.
  const cases: { name: string; files: Record<string, string>; labels: string[] | null }[] = [
    { name: 'keys after [@ matching the typed prefix', files: { '/r/paper.md': 'See [@«sm|»].\n', '/r/refs.bib': BIB }, labels: ['smith2020'] },
    { name: 'all keys after [@', files: { '/r/paper.md': 'See [@«|»].\n', '/r/refs.bib': BIB }, labels: ['doe2019', 'smith2020'] },
    { name: 'keys after ; @', files: { '/r/paper.md': 'See [@smith2020; @«do|»].\n', '/r/refs.bib': BIB }, labels: ['doe2019'] },
    { name: 'a narrative @ matching an author', files: { '/r/paper.md': 'As @«Roe|» showed.\n', '/r/refs.bib': BIB }, labels: ['smith2020'] },
    { name: 'matching a title word and year', files: { '/r/paper.md': 'As [@«statis|» showed.\n', '/r/refs.bib': BIB }, labels: ['doe2019'] },
    { name: 'the key first, then works whose title or author starts with the typed word', files: { '/r/paper.md': 'See [@«d|»\n', '/r/refs.bib': BIB }, labels: ['doe2019', 'smith2020'] },
    { name: 'the whole key is replaced when the cursor is inside it', files: { '/r/paper.md': 'See [@«smi|th2020»].\n', '/r/refs.bib': BIB }, labels: ['smith2020'] },
    { name: 'not for a cross-reference label', files: { '/r/paper.md': 'See @fig:ov|\n', '/r/refs.bib': BIB }, labels: null },
    { name: 'not in an e-mail address', files: { '/r/paper.md': 'Mail me@sm|\n', '/r/refs.bib': BIB }, labels: null },
    { name: 'not in a code span', files: { '/r/paper.md': 'Code `[@sm| x` here.\n', '/r/refs.bib': BIB }, labels: null },
    { name: 'not in math', files: { '/r/paper.md': 'Math $a [@sm| b$ here.\n', '/r/refs.bib': BIB }, labels: null },
    { name: 'numbers after [ in a numeric manuscript', files: { '/n/paper.md': NUMERIC.replace('Later [1].', 'Later [«|»'), '/n/refs.bib': BIB }, labels: ['1', '2', '3'] },
    { name: 'numbers after a comma in a group', files: { '/n/paper.md': NUMERIC.replace('Later [1].', 'Later [1, «2|»'), '/n/refs.bib': BIB }, labels: ['1', '2', '3'] },
    { name: 'no numbers in a Pandoc manuscript', files: { '/r/paper.md': PANDOC + '\nSee [|\n', '/r/refs.bib': BIB }, labels: null },
  ];
  for (const c of cases) {
    test(c.name, async () => {
      const { f, analysis } = await analyse(c.files);
      const result = getCompletions(analysis, f.path, f.offset);
      if (c.labels === null) return assert.equal(result, null);
      assert.ok(result, 'expected completions');
      assert.deepEqual({ path: f.path, span: result.span }, f.ranges[0]);
      assert.deepEqual(result.items.map((i) => i.label).sort(), c.labels);
    });
  }

  test('numbers show their reference; keys resolve to the formatted reference', async () => {
    const { f, analysis } = await analyse({ '/n/paper.md': NUMERIC.replace('Later [1].', 'Later [|'), '/n/refs.bib': BIB });
    const items = getCompletions(analysis, f.path, f.offset)!.items;
    assert.match(items[1].documentation ?? '', /\*\*\[2\]\*\* Doe J\. Statistical Methods/);
    assert.match(items[0].detail ?? '', /^Smith J, Roe R/);
    const doc = resolveKeyDocumentation(analysis, 'smith2020', options);
    assert.match(doc ?? '', /Deep learning for medical imaging/);
  });

  test('key items carry author-year and title', async () => {
    const { f, analysis } = await analyse({ '/r/paper.md': 'See [@smi|\n', '/r/refs.bib': BIB });
    const [item] = getCompletions(analysis, f.path, f.offset)!.items;
    assert.equal(item.description, 'Smith & Roe 2020');
    assert.equal(item.detail, 'Deep learning for medical imaging');
  });
});

describe('code actions', () => {
  test('did you mean: replaces the unknown key by the suggestion', async () => {
    const { f, analysis } = await analyse({ '/r/paper.md': PANDOC, '/r/refs.bib': BIB });
    const diagnostic = analysis.diagnostics.find((d) => d.code === 'unresolved-citation')!;
    const actions = getCodeActions(analysis, '/r/paper.md', diagnostic.span, [diagnostic]);
    // The row names the work, not only its key.
    assert.deepEqual(actions.map((a) => a.title), ['Change to @smith2020 — Smith & Roe 2020, “Deep learning for medical imaging”']);
    const fixed = applyEdits(f.files['/r/paper.md'], actions[0].edits!.get('/r/paper.md')!);
    assert.ok(fixed.includes('and [@smith2020].'));
    assert.equal(actions[0].isPreferred, true);
  });

  test('did you mean without suggestions in the data: the nearest keys', async () => {
    const { analysis } = await analyse({ '/r/paper.md': PANDOC, '/r/refs.bib': BIB });
    const d = analysis.diagnostics.find((x) => x.code === 'unresolved-citation')!;
    const actions = getCodeActions(analysis, '/r/paper.md', d.span, [{ code: d.code, span: d.span }]);
    assert.deepEqual(actions.map((a) => a.title), ['Change to @smith2020 — Smith & Roe 2020, “Deep learning for medical imaging”']);
  });

  test('comma between citations: one edit puts “; ” in place of the separator', async () => {
    const cases: [string, string][] = [
      ['Deep [@smith2020, @doe2019].', 'Deep [@smith2020; @doe2019].'],
      ['Deep [@smith2020,@doe2019, p. 4].', 'Deep [@smith2020; @doe2019, p. 4].'],
      ['Deep [@smith2020 @doe2019].', 'Deep [@smith2020; @doe2019].'],
      ['Deep [@smith2020,\n  @doe2019].', 'Deep [@smith2020; @doe2019].'],
    ];
    for (const [md, expected] of cases) {
      const { f, analysis } = await analyse({ '/r/paper.md': md, '/r/refs.bib': BIB });
      const d = analysis.diagnostics.find((x) => x.code === 'citation-separator')!;
      const actions = getCodeActions(analysis, '/r/paper.md', d.span, [d]);
      assert.deepEqual(actions.map((a) => a.title), ['Separate @smith2020 and @doe2019 with “;”'], md);
      assert.equal(actions[0].edits!.get('/r/paper.md')!.length, 1);
      const fixed = applyEdits(f.files['/r/paper.md'], actions[0].edits!.get('/r/paper.md')!);
      assert.equal(fixed, expected);
      const again = await analyse({ '/r/paper.md': fixed, '/r/refs.bib': BIB });
      assert.deepEqual(again.analysis.diagnostics.filter((x) => x.code === 'citation-separator'), []);
    }
  });

  test('numbering problems offer the renumber command once', async () => {
    const { f, analysis } = await analyse({ '/n/paper.md': NUMERIC.replace('Text cites [1] and [2-3].', '«Text cites [2] and [1, 3].»'), '/n/refs.bib': BIB });
    const order = analysis.diagnostics.filter((d) => d.code === 'citation-order');
    assert.ok(order.length > 0, 'expected citation-order diagnostics');
    const actions = getCodeActions(analysis, '/n/paper.md', f.ranges[0].span, order);
    assert.deepEqual(actions.map((a) => a.command?.name), ['renumberReferences']);
  });

  test('extra providers add fixes for their codes', async () => {
    const { analysis } = await analyse({ '/r/paper.md': PANDOC, '/r/refs.bib': BIB });
    const d = analysis.diagnostics.find((x) => x.code === 'unresolved-citation')!;
    const actions = getCodeActions(analysis, '/r/paper.md', d.span, [d], {
      'unresolved-citation': [(ctx) => [{ title: 'Add to bibliography', kind: 'quickfix', diagnostics: [ctx.diagnostic] }]],
    });
    assert.deepEqual(actions.map((a) => a.title), ['Change to @smith2020 — Smith & Roe 2020, “Deep learning for medical imaging”', 'Add to bibliography']);
  });

  // "Ignore CODE on this line" (as the language server asks for it): the README's comment, placed so that the
  // diagnostic is gone after the edit and the Markdown renders the same. `text` marks the diagnostic's line with «…»
  // around its first character; `expect` is the text after the edit.
  const ignoreCases: { name: string; text: string; code: string; expect: string | null }[] = [
    { name: 'first line of a paragraph: a comment line of its own', text: 'Intro.\n\n«S»ee [@smtih2020].\n', code: 'unresolved-citation', expect: 'Intro.\n\n<!-- citelens-disable-next-line unresolved-citation -->\nSee [@smtih2020].\n' },
    { name: 'the first line of the file', text: '«S»ee [@smtih2020].\n', code: 'unresolved-citation', expect: '<!-- citelens-disable-next-line unresolved-citation -->\nSee [@smtih2020].\n' },
    { name: 'inside a hard-wrapped paragraph: at the end of the line before (the paragraph stays one)', text: 'Intro line\n«s»ee [@smtih2020].\n', code: 'unresolved-citation', expect: 'Intro line <!-- citelens-disable-next-line unresolved-citation -->\nsee [@smtih2020].\n' },
    { name: 'after a heading', text: '# Intro\n«S»ee [@smtih2020].\n', code: 'unresolved-citation', expect: '# Intro\n<!-- citelens-disable-next-line unresolved-citation -->\nSee [@smtih2020].\n' },
    { name: 'a list item: a line of its own with its indentation', text: '- one\n  «-» two [@smtih2020]\n', code: 'unresolved-citation', expect: '- one\n  <!-- citelens-disable-next-line unresolved-citation -->\n  - two [@smtih2020]\n' },
    { name: 'a reference-list item: a line of its own between the items (the list reads on)', text: 'A [1] and [3].\n\n## References\n\n1. A.\n«2». Orphan.\n3. B.\n', code: 'orphaned-reference', expect: 'A [1] and [3].\n\n## References\n\n1. A.\n<!-- citelens-disable-next-line orphaned-reference -->\n2. Orphan.\n3. B.\n' },
    { name: 'a second code joins the comment already there', text: '<!-- citelens-disable-next-line orphaned-reference -->\n«S»ee [@smtih2020].\n', code: 'unresolved-citation', expect: '<!-- citelens-disable-next-line orphaned-reference unresolved-citation -->\nSee [@smtih2020].\n' },
    { name: 'a table row: inside the last cell of the row before', text: '¦ a ¦ b ¦\n¦---¦---¦\n¦ c ¦ d ¦\n«¦» e ¦ [@smtih2020] ¦\n', code: 'unresolved-citation', expect: '| a | b |\n|---|---|\n| c | d <!-- citelens-disable-next-line unresolved-citation --> |\n| e | [@smtih2020] |\n' },
    { name: 'the first row after a table\'s delimiter row: not offered', text: '¦ a ¦ b ¦\n¦---¦---¦\n«¦» e ¦ [@smtih2020] ¦\n', code: 'unresolved-citation', expect: null },
  ];
  for (const c of ignoreCases) {
    test(`ignore on this line: ${c.name}`, async () => {
      const { text, ranges: [line] } = parseMarked(c.text);
      // `analyse` reads markers: a table's literal `|` go to it as `¦`.
      const esc = (t: string) => t.replaceAll('|', '¦');
      const { analysis } = await analyse({ '/r/paper.md': esc(text), '/r/refs.bib': BIB });
      const span = { start: line.start, end: text.indexOf('\n', line.start) };
      const actions = getCodeActions(analysis, '/r/paper.md', span, [{ code: c.code, span }], {}, { ignoreComments: true });
      const ignore = actions.find((a) => a.title === `Ignore ${c.code} on this line`);
      if (c.expect === null) return assert.equal(ignore, undefined);
      assert.ok(ignore, actions.map((a) => a.title).join(' | '));
      assert.equal(actions.at(-1), ignore, 'the ignore action comes after the fixes');
      const after = applyEdits(text, ignore.edits!.get('/r/paper.md')!);
      assert.equal(after, c.expect);
      const again = await analyse({ '/r/paper.md': esc(after), '/r/refs.bib': BIB });
      assert.deepEqual(again.analysis.diagnostics.filter((d) => d.code === c.code).map((d) => d.message), [], 'the diagnostic is silenced');
    });
  }

  test('ignore on this line: offered for every code the server reports, once per code and line', async () => {
    const text = 'Cites [@smtih2020] and [@smtih2020] and [@nope].\n';
    const { analysis } = await analyse({ '/r/paper.md': text, '/r/refs.bib': BIB });
    const ds = analysis.diagnostics.filter((d) => d.uri === '/r/paper.md');
    assert.ok(ds.length >= 3);
    const actions = getCodeActions(analysis, '/r/paper.md', { start: 0, end: text.length }, ds, {}, { ignoreComments: true });
    assert.deepEqual(actions.filter((a) => a.title.startsWith('Ignore')).map((a) => a.title), ['Ignore unresolved-citation on this line']);
    assert.equal(getCodeActions(analysis, '/r/paper.md', { start: 0, end: text.length }, ds).filter((a) => a.title.startsWith('Ignore')).length, 0, 'only when asked');
  });

  // "Remove reference [n] from the list": the item goes, and every higher number moves down by one in the same edit.
  const removeCases: { name: string; text: string; number: number; title: string; expect: string }[] = [
    {
      name: 'an item in the middle: the list and the citations above it are renumbered, ranges kept',
      text: 'A [1], B [3–4] and C [1, 4, p. 2].\n\n## References\n\n1. A.\n2. Orphan.\n3. B.\n4. C.\n',
      number: 2,
      title: 'Remove reference [2] from the list and renumber [3]–[4] as [2]–[3]',
      expect: 'A [1], B [2–3] and C [1, 3, p. 2].\n\n## References\n\n1. A.\n2. B.\n3. C.\n',
    },
    {
      name: 'the last item: no renumbering needed',
      text: 'A [1].\n\n## References\n\n1. A.\n2. Orphan.\n',
      number: 2,
      title: 'Remove reference [2] from the list (no renumbering needed)',
      expect: 'A [1].\n\n## References\n\n1. A.\n',
    },
    {
      name: 'a loose list keeps its blank lines',
      text: 'A [1] and [3].\n\n## References\n\n1. A.\n\n2. Orphan.\n\n3. B.\n',
      number: 2,
      title: 'Remove reference [2] from the list and renumber [3] as [2]',
      expect: 'A [1] and [2].\n\n## References\n\n1. A.\n\n2. B.\n',
    },
  ];
  for (const c of removeCases) {
    test(`remove an orphaned reference: ${c.name}`, async () => {
      const { analysis } = await analyse({ '/n/paper.md': c.text });
      const d = analysis.diagnostics.find((x) => x.code === 'orphaned-reference');
      assert.ok(d, 'expected an orphaned-reference');
      const action = getCodeActions(analysis, '/n/paper.md', d.span, [d]).find((a) => a.title.startsWith('Remove reference'));
      assert.equal(action?.title, c.title);
      assert.equal(applyEdits(c.text, action.edits!.get('/n/paper.md')!), c.expect);
      const again = await analyse({ '/n/paper.md': c.expect });
      assert.deepEqual(again.analysis.diagnostics.map((x) => x.code), [], 'nothing left to fix');
    });
  }
});

describe('document links', () => {
  // The links are the «…» ranges.
  const cases: { name: string; text: string }[] = [
    { name: 'doi: and bare DOIs, without trailing punctuation', text: 'See doi:«10.1000/xyz». And «10.1038/nature14539», too.' },
    { name: 'a DOI with balanced parentheses keeps them', text: 'doi:«10.1016/S0140-6736(20)30183-5»).' },
    { name: 'URLs are left to the editor', text: 'https://doi.org/10.1000/xyz and https://x.org/?doi=10.1000/abc' },
  ];
  for (const c of cases) {
    test(c.name, () => {
      const { text, ranges } = parseMarked(c.text);
      const links = getDocumentLinks(text);
      assert.deepEqual(links.map((l) => l.span), ranges);
      for (const l of links) assert.ok(l.target.startsWith('https://doi.org/10.'));
    });
  }

  test('links in reference items, not in code', async () => {
    const { analysis } = await analyse({ '/n/paper.md': NUMERIC + '\n`doi:10.9/code`\n', '/n/refs.bib': BIB });
    const file = analysis.files[0];
    const links = getDocumentLinks(file.text, file.excluded);
    assert.deepEqual(links.map((l) => l.target), ['https://doi.org/10.1000/xyz']);
  });
});

describe('completion on a model carried over to newer text', () => {
  const base = 'Intro `code @x` and $a$.\n\nEnd.\n';
  const cases: { name: string; edit: (t: string) => string; labels: string[] | null }[] = [
    { name: 'typing [@ after the code span completes', edit: (t) => t.replace('End.', 'End [@sm|'), labels: ['smith2020'] },
    { name: 'typing inside the code span does not', edit: (t) => t.replace('@x', '@x [@sm|'), labels: null },
    { name: 'typing before the code span completes', edit: (t) => t.replace('Intro', 'Intro [@d|] more'), labels: ['doe2019', 'smith2020'] },
    { name: 'text inserted before the code span shifts it', edit: (t) => t.replace('Intro', 'Intro [@d] more').replace('@x', '@x|'), labels: null },
  ];
  for (const c of cases) {
    test(c.name, async () => {
      const { analysis } = await analyse({ '/r/paper.md': base, '/r/refs.bib': BIB });
      const { text, cursor: offset } = parseMarked(c.edit(base));
      const files = analysis.files.slice();
      files[0] = rebaseManuscript(files[0], text);
      const result = getCompletions({ ...analysis, files }, '/r/paper.md', offset!);
      if (c.labels === null) return assert.equal(result, null);
      assert.deepEqual(result?.items.map((i) => i.label).sort(), c.labels);
    });
  }

  test('spans move with the edit', () => {
    const change = diffRegion('abcdef', 'abXYcdef')!;
    assert.deepEqual(change, { start: 2, oldEnd: 2, newEnd: 4 });
    assert.deepEqual(rebaseSpan({ start: 0, end: 2 }, change), { start: 0, end: 2 });
    assert.deepEqual(rebaseSpan({ start: 2, end: 4 }, change), { start: 4, end: 6 });
    assert.deepEqual(rebaseSpan({ start: 1, end: 3 }, change), { start: 1, end: 5 });
  });
});

describe('a manuscript in chapters', () => {
  const files = {
    '/m/index.md': '---\ncitelens:\n  files: [ch1.md, ch2.md]\n---\n# Book\n',
    '/m/ch1.md': 'One [@smith2020] and [@doe2019].\n',
    '/m/ch2.md': 'Two @smith2020 again.\n',
    '/m/refs.bib': BIB,
  };

  test('references and rename span every chapter', async () => {
    const f = fixture({ ...files, '/m/ch2.md': 'Two @smi|th2020 again.\n' });
    const service = createCitelensService(f.workspace);
    const analysis = await service.analyze('/m/index.md');
    assert.deepEqual(analysis.files.map((m) => m.uri), ['/m/index.md', '/m/ch1.md', '/m/ch2.md']);
    const refs = getReferences(analysis, '/m/ch2.md', f.offset, true).map((l) => l.path);
    assert.deepEqual(refs, ['/m/refs.bib', '/m/ch1.md', '/m/ch2.md']);
    const edits = getRenameEdits(analysis, '/m/ch2.md', f.offset, 'smith');
    assert.ok(edits instanceof Map);
    assert.deepEqual([...edits.keys()].sort(), ['/m/ch1.md', '/m/ch2.md', '/m/refs.bib']);
    assert.equal(applyEdits(f.files['/m/ch1.md'], edits.get('/m/ch1.md')!), 'One [@smith] and [@doe2019].\n');
  });
});
