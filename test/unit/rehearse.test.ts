/**
 * `CitelensService.rehearse(path, texts)`: the analysis of a text that is not the document's (the language server
 * runs the typing path on edited copies before the author types, lsp/typingRehearsal.ts). It analyses the given
 * text, and leaves the document's state as it was: the parse kept for the path, the dependencies noted, and what
 * the next analysis of the real text gives (diagnostics, fits) are those of a service that never rehearsed.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Analysis } from '../../server/src/service/analysis';
import { createCitelensService, MemoryWorkspace } from '../../server/src/service/service';

const BIB = [
  ['kipf2017', 'Semi-supervised classification with graph convolutional networks', 'graph neural networks node classification'],
  ['gilmer2017', 'Neural message passing for quantum chemistry', 'message passing neural networks molecules'],
  ['he2016', 'Deep residual learning for image recognition', 'residual networks image classification'],
  ['vaswani2017', 'Attention is all you need', 'transformer attention machine translation'],
  ['ronneberger2015', 'U-Net: convolutional networks for biomedical image segmentation', 'segmentation microscopy'],
  ['smith2019', 'Crop yields under drought stress in wheat fields', 'agriculture drought wheat'],
]
  .map(([key, title, abstract]) => `@article{${key}, author = {Doe, Jane}, title = {${title}}, abstract = {${abstract}}, journal = {J}, year = {2019}}\n`)
  .join('');

const PARAGRAPHS = [
  'Graph neural networks classify the nodes of citation graphs from few labels [@kipf2017].',
  'Message passing networks predict the quantum properties of molecules [@gilmer2017; @kipf2017].',
  'Residual connections made very deep image classifiers trainable [@he2016].',
  'Attention alone translates sentences better than recurrent networks [@vaswani2017].',
  'Convolutional networks segment cells in microscopy images [@ronneberger2015].',
  'Graph networks also predict drug toxicity from molecular graphs [@smith2019].',
];
const TEXT = `---\nbibliography: refs.bib\n---\n\n# Introduction\n\n${PARAGRAPHS.join('\n\n')}\n`;
const PATH = '/m/paper.md';

function service(): { service: ReturnType<typeof createCitelensService>; workspace: MemoryWorkspace } {
  const workspace = MemoryWorkspace.of({ [PATH]: TEXT, '/m/refs.bib': BIB, '/m/other.bib': BIB }, ['/m']);
  return { service: createCitelensService(workspace), workspace };
}

/** What a user sees of an analysis: its diagnostics and every citation's fit score. */
function seen(analysis: Analysis): unknown {
  return {
    diagnostics: analysis.diagnostics.map((d) => ({ code: d.code, uri: d.uri, span: d.span, message: d.message, severity: d.severity, facts: d.facts, related: d.related })),
    fits: analysis.fits.map((f) => f && { score: f.score, judgeable: f.judgeable }),
  };
}

/** Copies as the server makes them (a letter typed, a character deleted), and edits that change what is cited and read. */
const at = TEXT.indexOf('[@he2016].') + '[@he2016].'.length;
const COPIES: Record<string, string> = {
  'a letter typed': `${TEXT.slice(0, at)}x${TEXT.slice(at)}`,
  'a character deleted': `${TEXT.slice(0, at - 1)}${TEXT.slice(at)}`,
  'a sentence rewritten': TEXT.replace('Residual connections made very deep image classifiers trainable', 'Wheat yields fall under drought'),
  'a citation of an unknown key': TEXT.replace('[@he2016]', '[@nobody2020]'),
  'another bibliography named': TEXT.replace('bibliography: refs.bib', 'bibliography: other.bib'),
};

test('a rehearsal analyses the text it is given', async () => {
  const { service: s } = service();
  await s.analyze(PATH);
  const copy = await s.rehearse(PATH, new Map([[PATH, COPIES['a citation of an unknown key']]]));
  assert.ok(copy);
  assert.equal(copy.files[0].text, COPIES['a citation of an unknown key']);
  assert.ok(copy.diagnostics.some((d) => d.code === 'unresolved-citation' && d.message.includes('nobody2020')));
  const real = await s.analyze(PATH);
  assert.ok(!real.diagnostics.some((d) => d.message.includes('nobody2020')));
});

test('with topic fit, a rehearsal scores the copy with the kept model', async () => {
  const { service: s } = service();
  await s.analyze(PATH);
  const copy = await s.rehearse(PATH, new Map([[PATH, COPIES['a sentence rewritten']]]));
  assert.ok(copy?.fits.some((f) => f !== null));
});

test("after rehearsals, the document's parse, dependencies and next analysis are those of a service that never rehearsed", async () => {
  const { service: s } = service();
  const fresh = service().service;
  const before = await s.analyze(PATH);
  const parsed = await s.manuscript(PATH);
  for (const copy of Object.values(COPIES)) await s.rehearse(PATH, new Map([[PATH, copy]]));
  // The parse kept for the path is the real text's, the same object (no re-parse needed).
  assert.equal(await s.manuscript(PATH), parsed);
  // The bibliography only a copy names (it exists) is no dependency of the manuscript.
  assert.deepEqual(s.dependents('/m/other.bib'), []);
  assert.deepEqual(s.dependents('/m/refs.bib'), [PATH]);
  const after = await s.analyze(PATH);
  assert.ok(after.fits.some((f) => f !== null), 'topic fit ran');
  assert.deepEqual(seen(after), seen(before));
  assert.deepEqual(seen(after), seen(await fresh.analyze(PATH)));
});

test('a rehearsal aborted resolves to null and changes nothing', async () => {
  const { service: s } = service();
  const before = await s.analyze(PATH);
  const controller = new AbortController();
  controller.abort();
  assert.equal(await s.rehearse(PATH, new Map([[PATH, COPIES['a letter typed']]]), controller.signal), null);
  assert.deepEqual(seen(await s.analyze(PATH)), seen(before));
});

test('before a topic model is kept, a rehearsal builds none', async () => {
  const { service: s } = service();
  // No analysis of the document yet: the service keeps no model, and a copy gets no topic fit.
  const copy = await s.rehearse(PATH, new Map([[PATH, COPIES['a letter typed']]]));
  assert.ok(copy);
  assert.ok(copy.fits.every((f) => f === null));
  assert.ok(!copy.diagnostics.some((d) => d.code === 'off-topic-citation'));
});
