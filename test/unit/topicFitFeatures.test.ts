/**
 * The topic fit in the editor features: the hover section ("Topic fit with this claim: 0.02 — low …", or "Too
 * little text to judge …"), the quick fix replacing an off-topic citation by a suggested work, and the quick
 * fix citing an orphaned reference where it fits. On the example workspace (in memory) and on small fixtures;
 * positions and ranges are marked excerpts (`helpers/markers.ts`: `|` the cursor, `«…»` a range).
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { CodeAction, Diagnostic as LspDiagnostic, Hover, WorkspaceEdit } from 'vscode-languageserver-protocol';
import { formatReference } from '../../server/src/service/bibtex/formatReference';
import { getCodeActions, type DiagnosticRef } from '../../server/src/service/features/codeActions';
import { getHover, type HoverOptions } from '../../server/src/service/features/hover';
import { describeFit, topicFitHoverSection } from '../../server/src/service/features/topicFitHover';
import { topicFitQuickFixes } from '../../server/src/service/features/topicFitQuickFixes';
import { createCitelensService, MemoryWorkspace } from '../../server/src/service/service';
import type { Diagnostic, Span } from '../../server/src/service/types';
import type { Analysis } from '../../server/src/service/analysis';
import { applyEdits, cursorIn, locate, parseMarked, rangeIn } from '../helpers/featureFixture';
import { LspClient, serverBundle } from '../helpers/lspClient';

const options: HoverOptions = { style: 'vancouver', formatReference, sections: [topicFitHoverSection({ threshold: () => 0.07 })] };
const EXAMPLE = join(import.meta.dirname, '..', '..', 'examples', 'genai-healthcare');
const MS = '/ex/manuscript.md';

/** Analyses `path` in a workspace of unmarked texts (the example's manuscript has tables: its `|` are not cursors). */
async function analyse(files: Record<string, string>, path: string): Promise<Analysis> {
  return createCitelensService(MemoryWorkspace.of(files, ['/'])).analyze(path);
}

let example: Promise<{ text: string; analysis: Analysis }> | null = null;
function loadExample(): Promise<{ text: string; analysis: Analysis }> {
  example ??= (async () => {
    const files = Object.fromEntries(['manuscript.md', 'references.bib', 'taxonomy.yaml'].map((n) => [`/ex/${n}`, readFileSync(join(EXAMPLE, n), 'utf8')]));
    return { text: files[MS], analysis: await analyse(files, MS) };
  })();
  return example;
}

function diagnosticAt(analysis: Analysis, code: string, span: Span): Diagnostic {
  const d = analysis.diagnostics.find((x) => x.code === code && x.span.start === span.start && x.span.end === span.end);
  assert.ok(d, `no ${code} at ${span.start}–${span.end}: ${analysis.diagnostics.filter((x) => x.code === code).map((x) => x.message).join(' | ')}`);
  return d;
}

const ref = (d: Diagnostic): DiagnosticRef => ({ code: d.code, span: d.span, message: d.message, data: d.data });

function actionsFor(analysis: Analysis, path: string, diagnostic: DiagnosticRef) {
  return getCodeActions(analysis, path, diagnostic.span, [diagnostic], topicFitQuickFixes);
}

const SHORT_BIB = `@article{ddpm,
  title={Denoising diffusion probabilistic models},
  abstract={We present high quality image synthesis results using diffusion probabilistic models, a class of latent variable models trained by denoising score matching with noise.},
  year={2020}
}
@article{gdpr,
  title={Why a right to explanation of automated decision-making does not exist in the general data protection regulation},
  abstract={Legal analysis of the GDPR and automated decisions: transparency, accountability and the right to explanation for data subjects.},
  year={2017}
}
@article{gan,
  title={Generative adversarial networks},
  abstract={A generator and a discriminator are trained adversarially to synthesize realistic images from noise.},
  year={2014}
}
@misc{tiny,
  title={Notes},
  year={2020}
}
`;

const SHORT_MD = `# Imaging

Diffusion models synthesize realistic medical images from noise by denoising [@ddpm; @tiny].

The GDPR right to explanation constrains automated decisions about data subjects [@gdpr].

Adversarial generators synthesize realistic images from noise [@gan].
`;

describe('topic fit hover on the example', () => {
  test('[18] shows a low fit with the threshold, no shared terms and what each side is about', async () => {
    const { text, analysis } = await loadExample();
    const { cursor, ranges } = locate(text, 'consistent images[«|18»]');
    const hover = getHover(analysis, MS, cursor!, options);
    assert.ok(hover);
    assert.deepEqual(hover.span, ranges[0]);
    assert.match(hover.markdown, /Topic fit with this claim: \*\*0\.\d\d\*\* — low \(threshold 0\.10 for a title-only work\)\. Shared terms: none\./);
    // What each side is about is the off-topic diagnostic's text, shown in the same hover by the editor: not repeated.
    assert.ok(!hover.markdown.includes('Claim is about'), hover.markdown);
    assert.ok(hover.markdown.includes('Why a Right to Explanation'), 'the work part still comes first');
  });

  test('a well-fitting citation is not called low', async () => {
    const { analysis } = await loadExample();
    const i = analysis.fits.findIndex((f) => f?.judgeable && f.score >= 0.25);
    assert.ok(i >= 0);
    const r = analysis.resolutions[i];
    const hover = getHover(analysis, MS, r.item.span.start, options);
    assert.ok(hover);
    assert.match(hover.markdown, /Topic fit with this claim: \*\*\d\.\d\d\*\* — good\./);
  });

  test('[1] (a short title, no abstract) says there is too little text to judge', async () => {
    const { text, analysis } = await loadExample();
    const i = analysis.resolutions.findIndex((r) => r.item.number === 1);
    assert.equal(analysis.fits[i]?.judgeable, false);
    const hover = getHover(analysis, MS, analysis.resolutions[i].item.span.start, options);
    assert.ok(hover);
    assert.equal(text.slice(hover.span.start, hover.span.end), '1');
    assert.ok(hover.markdown.includes('Too little text to judge the topic fit (a short title and no abstract).'), hover.markdown);
    assert.ok(!hover.markdown.includes('Topic fit with this claim'));
  });
});

describe('topic fit hover on a small Pandoc fixture', () => {
  test('a work with too little text says so, on its key', async () => {
    const analysis = await analyse({ '/p/paper.md': SHORT_MD, '/p/refs.bib': SHORT_BIB }, '/p/paper.md');
    const hover = getHover(analysis, '/p/paper.md', cursorIn(SHORT_MD, '@t|iny'), options);
    assert.ok(hover);
    assert.ok(hover.markdown.includes('Too little text to judge the topic fit (a short title and no abstract).'), hover.markdown);
  });

  test('on the brackets, one topic-fit line per work', async () => {
    const analysis = await analyse({ '/p/paper.md': SHORT_MD, '/p/refs.bib': SHORT_BIB }, '/p/paper.md');
    const hover = getHover(analysis, '/p/paper.md', cursorIn(SHORT_MD, '|[@ddpm'), options);
    assert.ok(hover);
    assert.equal(hover.markdown.match(/Topic fit with this claim/g)?.length, 1);
    assert.equal(hover.markdown.match(/Too little text to judge/g)?.length, 1);
    assert.ok(hover.markdown.indexOf('Topic fit with this claim') < hover.markdown.indexOf('Too little text'), 'in the order of the group');
  });

  test('describeFit wording', () => {
    const claim = { start: 0, end: 1 };
    assert.equal(
      describeFit({ score: 0.061, judgeable: true, sharedTerms: [], claimTerms: ['diffusion models', 'image synthesis'], workTerms: ['GDPR'], claim, evidence: 'abstract', paragraphScore: 0.061, citedElsewhereInParagraph: false }, 0.07),
      'Topic fit with this claim: **0.06** — low (threshold 0.07). Shared terms: none.  \nClaim is about diffusion models, image synthesis; the work is about GDPR.  \nJudged on title and abstract.',
    );
    assert.match(describeFit({ score: 0.1, judgeable: true, sharedTerms: ['x_y'], claimTerms: [], workTerms: [], claim, evidence: 'abstract', paragraphScore: 0.1, citedElsewhereInParagraph: false }, 0.07), /— fair\. Shared terms: x\\_y\.  \nJudged on title and abstract\.$/);
    assert.match(
      describeFit({ score: 0.02, judgeable: true, sharedTerms: [], claimTerms: [], workTerms: [], claim, evidence: 'title', paragraphScore: 0.3, citedElsewhereInParagraph: true, namedInClaim: 'Smith' }, 0.07),
      /— low \(threshold 0\.10 for a title-only work\)\. .*\nJudged on the title only \(no abstract: a low fit is information, not a warning\); paragraph fit 0\.30; cited again in this paragraph, so not flagged; the sentence names Smith, so not flagged\.$/s,
    );
  });
});

describe('replace an off-topic citation', () => {
  test('[18] on the example: replace exactly the number, first suggestion preferred', async () => {
    const { text, analysis } = await loadExample();
    const span = rangeIn(text, 'consistent images[«18»]');
    const d = diagnosticAt(analysis, 'off-topic-citation', span);
    const actions = actionsFor(analysis, MS, ref(d));
    assert.ok(actions.length >= 1);
    assert.match(actions[0].title, /^Replace \[18\] with \[3\] “Denoising Diffusion Probabilistic Models” \(fit 0\.\d\d\)$/);
    assert.equal(actions[0].isPreferred, true);
    assert.ok(actions.slice(1).every((a) => !a.isPreferred));
    const edits = actions[0].edits!.get(MS)!;
    assert.deepEqual(edits, [{ span, newText: '3' }]);
    const after = applyEdits(text, edits);
    assert.ok(after.includes('anatomically consistent images[3].'));
    assert.equal(after.length, text.length - 1);
  });

  const NUMERIC = `Diffusion models denoise images [2–5] and more [1, 4].\n\n## References\n\n1. A.\n2. B.\n3. C.\n4. D.\n5. E.\n`;
  const suggestions = [{ label: '[1]', ref: '1', score: 0.5, title: 'A' }, { label: '[3]', ref: '3', score: 0.4, title: 'C' }];
  // The diagnostic is on the «…» range.
  const cases: { name: string; excerpt: string; expect: string[]; result?: string }[] = [
    { name: 'a number inside a range is not replaced (the range would break)', excerpt: 'images [«2–5»]', expect: [] },
    { name: 'a single number is; a work the group already cites is not offered', excerpt: 'more [1, «4»]', expect: ['Replace [4] with [3] “C” (fit 0.40)'], result: 'more [1, 3].' },
  ];
  for (const c of cases) {
    test(c.name, async () => {
      const analysis = await analyse({ '/n/paper.md': NUMERIC }, '/n/paper.md');
      const d: DiagnosticRef = { code: 'off-topic-citation', span: rangeIn(NUMERIC, c.excerpt), data: { score: 0.01, suggestions, style: 'numeric' } };
      const actions = actionsFor(analysis, '/n/paper.md', d);
      assert.deepEqual(actions.map((a) => a.title), c.expect);
      if (c.result) assert.ok(applyEdits(NUMERIC, actions[0].edits!.get('/n/paper.md')!).includes(c.result));
    });
  }

  test('a Pandoc key is replaced by the suggested key', async () => {
    const analysis = await analyse({ '/p/paper.md': SHORT_MD, '/p/refs.bib': SHORT_BIB }, '/p/paper.md');
    const d: DiagnosticRef = { code: 'off-topic-citation', span: rangeIn(SHORT_MD, '[@«gdpr»]'), data: { score: 0.01, suggestions: [{ label: '@ddpm', ref: 'ddpm', score: 0.3, title: 'Denoising diffusion probabilistic models' }], style: 'pandoc' } };
    const [action] = actionsFor(analysis, '/p/paper.md', d);
    assert.equal(action.title, 'Replace @gdpr with @ddpm “Denoising diffusion probabilistic models” (fit 0.30)');
    assert.ok(applyEdits(SHORT_MD, action.edits!.get('/p/paper.md')!).includes('data subjects [@ddpm].'));
  });
});

describe('cite an orphaned reference where it fits', () => {
  test('[6] on the example: added into the sentence’s closing group', async () => {
    const { text, analysis } = await loadExample();
    const d = analysis.diagnostics.find((x) => x.code === 'orphaned-reference' && (x.data as { number?: number } | undefined)?.number === 6);
    assert.ok(d && (d.data as { fitsAt?: unknown[] }).fitsAt?.length, 'the example has a topic-fit orphan [6]');
    const actions = actionsFor(analysis, MS, ref(d));
    const first = actions[0];
    // The label names the line and enough of the sentence to recognise it, and says what the edit renumbers.
    assert.match(first.title, /^Cite \[6\] \(as \[\d+\]\) in line 49: “In healthcare, diffusion models have demonstrated superior…” \(fit 0\.\d\d\); renumbers \d+ references by first citation$/);
    assert.ok(!actions.some((a) => a.title.includes('then run Renumber')));
    assert.deepEqual(first.reveal?.path, MS);
    const after = applyEdits(text, first.edits!.get(MS)!);
    // Cited there and renumbered in the same edit: [18] and [6] become their first-citation numbers.
    assert.match(after, /anatomically consistent images\[(\d+), (\d+)\]\./);
    const files = Object.fromEntries(['references.bib', 'taxonomy.yaml'].map((n) => [`/ex/${n}`, readFileSync(join(EXAMPLE, n), 'utf8')]));
    const analysed = await analyse({ ...files, [MS]: after }, MS);
    assert.deepEqual(analysed.diagnostics.filter((x) => ['citation-order', 'reference-numbering', 'orphaned-reference', 'unresolved-citation'].includes(x.code)).map((x) => x.message), []);
  });

  // The orphan [6] fits the «…» sentence; the list 1. A, 2. B, 6. F is cited nowhere else, so citing [6] (and the
  // [2] some texts cite) renumbers by first citation in the same edit: `expect` is the prose, `list` the new list.
  const cases: { name: string; text: string; expect: string; list: string }[] = [
    { name: 'no group: before the final full stop', text: '«Augmentation enlarges small imaging datasets.» Other.\n', expect: 'imaging datasets[1]. Other.', list: '1. F.\n2. A.\n3. B.' },
    { name: 'a group after the full stop', text: '«Augmentation enlarges datasets.[2]» Other.\n', expect: 'datasets.[1, 2] Other.', list: '1. B.\n2. F.\n3. A.' },
    { name: 'a group inside the sentence is not the closing one', text: '«Augmentation [2] enlarges datasets!»\n', expect: 'Augmentation [1] enlarges datasets [2]!', list: '1. B.\n2. F.\n3. A.' },
    { name: 'no final punctuation: at the end', text: '«Augmentation enlarges datasets»\n', expect: 'datasets[1]\n', list: '1. F.\n2. A.\n3. B.' },
  ];
  for (const c of cases) {
    test(c.name, async () => {
      const { text, ranges: [sentence] } = parseMarked(`${c.text}\n## References\n\n1. A.\n2. B.\n6. F.\n`);
      const analysis = await analyse({ '/o/paper.md': text }, '/o/paper.md');
      const d: DiagnosticRef = { code: 'orphaned-reference', span: { start: 0, end: 1 }, data: { number: 6, topicFit: true, fitsAt: [{ uri: '/o/paper.md', span: sentence, score: 0.3 }] } };
      const actions = getCodeActions(analysis, '/o/paper.md', d.span, [d], topicFitQuickFixes).filter((a) => a.title.startsWith('Cite '));
      assert.equal(actions.length, 1);
      const after = applyEdits(text, actions[0].edits!.get('/o/paper.md')!);
      assert.ok(after.includes(c.expect) && after.endsWith(`## References\n\n${c.list}\n`), after);
    });
  }

  test('citing where the order is kept is the insertion alone, without renumbering', async () => {
    const { text, ranges: [sentence] } = parseMarked('First [1]. «Augmentation enlarges datasets.» Then [3].\n\n## References\n\n1. A.\n2. F.\n3. B.\n');
    const analysis = await analyse({ '/o/paper.md': text }, '/o/paper.md');
    const d: DiagnosticRef = { code: 'orphaned-reference', span: { start: 0, end: 1 }, data: { number: 2, topicFit: true, fitsAt: [{ uri: '/o/paper.md', span: sentence, score: 0.3 }] } };
    const [action] = getCodeActions(analysis, '/o/paper.md', d.span, [d], topicFitQuickFixes);
    assert.equal(action.title, 'Cite [2] in line 1: “Augmentation enlarges datasets.” (fit 0.30)');
    assert.deepEqual(action.edits!.get('/o/paper.md')!.length, 1);
    assert.ok(applyEdits(text, action.edits!.get('/o/paper.md')!).startsWith('First [1]. Augmentation enlarges datasets [2]. Then [3].'));
  });

  test('the claim in another chapter: the edit is for that file; a work already in the group is not offered', async () => {
    const { text: one, ranges: [inOne] } = parseMarked('«Augmentation enlarges imaging datasets[1].»\n');
    const { text: two, ranges: [inTwo] } = parseMarked('«More text here [6].»\n\n## References\n\n1. A.\n6. F.\n');
    const analysis = await analyse({ '/m/index.md': '---\ncitelens:\n  files: [one.md, two.md]\n---\n', '/m/one.md': one, '/m/two.md': two }, '/m/index.md');
    const path = analysis.files.find((f) => f.uri.endsWith('two.md'))?.uri ?? '/m/two.md';
    const d: DiagnosticRef = {
      code: 'orphaned-reference',
      span: { start: 0, end: 1 },
      data: { number: 6, fitsAt: [{ uri: '/m/one.md', span: inOne, score: 0.41 }, { uri: path, span: inTwo, score: 0.2 }] },
    };
    const actions = getCodeActions(analysis, path, d.span, [d], topicFitQuickFixes).filter((a) => a.title.startsWith('Cite '));
    // One action (two.md's sentence already cites [6]); citing [6] after [1] in one.md makes it [2] in both chapters.
    assert.equal(actions.length, 1);
    assert.equal(applyEdits(one, actions[0].edits!.get('/m/one.md')!), 'Augmentation enlarges imaging datasets[1, 2].\n');
    assert.equal(applyEdits(two, actions[0].edits!.get(path)!), 'More text here [2].\n\n## References\n\n1. A.\n2. F.\n');
  });

  test('Pandoc: [@key] for an unused entry', async () => {
    const { text, ranges } = parseMarked('«Augmentation enlarges datasets [@a].»\n\n«Other claim.»\n');
    const analysis = await analyse({ '/q/paper.md': text, '/q/refs.bib': '@misc{a, title={A}}\n@misc{b, title={B}}\n' }, '/q/paper.md');
    const fitsAt = [{ uri: '/q/paper.md', span: ranges[0], score: 0.3 }, { uri: '/q/paper.md', span: ranges[1], score: 0.2 }];
    const d: DiagnosticRef = { code: 'orphaned-reference', span: { start: 0, end: 1 }, data: { key: 'b', fitsAt } };
    const actions = getCodeActions(analysis, '/q/paper.md', d.span, [d], topicFitQuickFixes);
    assert.deepEqual(actions.map((a) => applyEdits(text, a.edits!.get('/q/paper.md')!)), [
      'Augmentation enlarges datasets [@a; @b].\n\nOther claim.\n',
      'Augmentation enlarges datasets [@a].\n\nOther claim [@b].\n',
    ]);
    assert.equal(actions[0].title, 'Cite [@b] in line 1: “Augmentation enlarges datasets [@a].” (fit 0.30)');
  });
});

describe('over LSP on the example workspace', () => {
  let client: LspClient;
  let uri: string;
  before(async () => {
    await serverBundle();
    ({ client } = await LspClient.start({ root: EXAMPLE }));
    uri = await client.open(join(EXAMPLE, 'manuscript.md'));
    // A session's first topic model is built after the first publication (modelBuilds.ts): wait for its results.
    await client.diagnostics(uri, (p) => p.diagnostics.some((d) => d.code === 'off-topic-citation'));
  });
  after(() => client.stop());

  test('the code action on [18] replaces it with [3]', async () => {
    const { diagnostics } = await client.diagnostics(uri);
    const d = diagnostics.find((x: LspDiagnostic) => x.code === 'off-topic-citation' && client.slice(uri, x.range) === '18');
    assert.ok(d, 'off-topic-citation on [18]');
    assert.match(String(d.message), /^\[18\] may not support this claim: the claim is about [^;]*diffusion[^;]*; its title is about [^;]+\. Better fit: \[3\]\.$/);
    assert.equal(d.severity, 3, 'information: the work has a title only');
    assert.match(d.relatedInformation?.[0]?.message ?? '', /^\[18\] "Why a Right to Explanation.*judged on title only/);
    assert.match(d.relatedInformation?.[1]?.message ?? '', /^Better fit \[3\] "Denoising Diffusion Probabilistic Models": 0\.\d\d with this claim/);
    const actions = await client.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri }, range: d.range, context: { diagnostics: [d] } });
    const replace = actions.find((a) => a.title.startsWith('Replace [18] with [3] '));
    assert.ok(replace, actions.map((a) => a.title).join(' | '));
    assert.equal(replace.isPreferred, true);
    assert.deepEqual(replace.diagnostics, [d]);
    const edits = (replace.edit as WorkspaceEdit).changes![uri];
    assert.deepEqual(edits, [{ range: client.range(uri, 'consistent images[«18»]'), newText: '3' }]);
  });

  test('the hover on [18] shows its topic fit', async () => {
    const hover = await client.request<Hover>('textDocument/hover', { textDocument: { uri }, position: client.at(uri, 'consistent images[|18]') });
    const contents = hover.contents as { value: string };
    assert.match(contents.value, /Topic fit with this claim: \*\*0\.\d\d\*\* — low \(threshold 0\.10 for a title-only work\)/);
  });
});
