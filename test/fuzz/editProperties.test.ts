/**
 * Every edit Citelens makes is lossless (fast-check, seeded, bounded runs). Manuscripts are generated as a
 * structure and rendered, with LF or CRLF, with or without a BOM, and with astral characters in the prose, so the
 * expected text of an edit is rendered too rather than re-derived from the edit:
 * - rename: the edits for a cited key give exactly the manuscript and .bib rendered with the new key; renaming it
 *   back restores the original byte for byte;
 * - quick fixes (did-you-mean, non-preferred-term, undefined-abbreviation, off-topic replace/insert): each fix's
 *   edits lie inside its document, do not overlap, split no surrogate pair or CRLF, and change only their spans;
 * - renumber: the BOM and CRLF line ends survive, and the reverse edits (computed from the applied ones) restore
 *   the original exactly, as one undo step does.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import type { Analysis } from '../../server/src/service/analysis';
import { getCodeActions, type CodeActionResult } from '../../server/src/service/features/codeActions';
import { getRenameEdits } from '../../server/src/service/features/rename';
import { taxonomyQuickFixes } from '../../server/src/service/features/taxonomyQuickFixes';
import { topicFitQuickFixes } from '../../server/src/service/features/topicFitQuickFixes';
import { applyEdits, editProblem, sortEdits } from '../../server/src/service/renumber/applyEdits';
import type { TextEdit } from '../../server/src/service/renumber/editPlan';
import { planRenumber } from '../../server/src/service/renumber/renumber';
import { createCitelensService, MemoryWorkspace } from '../../server/src/service/service';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TextDocumentEdit, WorkspaceEdit } from 'vscode-languageserver-protocol';
import { LspClient } from '../helpers/lspClient';

const SEED = 20261127;
const MS = '/w/paper.md';
const BIB = '/w/refs.bib';
const TAX = '/w/taxonomy.yaml';

/** Keys, some prefixes of others (so a rename must not touch the longer one). */
const KEYS = ['smith', 'smith2020', 'doe:2019', 'lee.2021', 'ho-2020', 'kingma_14', 'goodfellow2014', 'müller2018'];
/** Works with abstracts on distinct topics, so off-topic citations (and their fixes) come up. */
const TOPICS: Record<string, string> = {
  smith: 'Generative adversarial networks train a generator against a discriminator for image synthesis.',
  smith2020: 'Variational autoencoders learn a latent distribution of medical images with an encoder and a decoder.',
  'doe:2019': 'Soil nitrogen and crop rotation in wheat farming across temperate climates.',
  'lee.2021': 'Diffusion models denoise images step by step and generate synthetic radiology scans.',
  'ho-2020': 'Maritime shipping routes, port congestion and container freight prices.',
  kingma_14: 'Privacy of patient data and bias in clinical machine learning models.',
  goodfellow2014: 'Adversarial examples fool neural network classifiers with small perturbations.',
  'müller2018': 'Medieval monastery architecture and stone masonry in Bavaria.',
};
/** New keys for renames: plain, punctuated, non-ASCII and astral letters (all valid citation keys). */
const NEW_KEYS = ['renamed', 'new:key.2024', 'neu_schlüssel', 'x', 'smith2020b'];
/** Sentences with taxonomy terms, aliases and abbreviations (non-preferred terms, undefined abbreviations). */
const SENTENCES = [
  'Adversarial networks synthesise images',
  'A GAN and a VAE generate samples',
  'Score-based generative models denoise radiographs',
  'Variational auto-encoders compress scans',
  'Crop yields depend on soil nitrogen',
  'Container ports were congested in 2021',
  'Stone masonry in monasteries 𝔐 lasted centuries',
  'Emoji 😀 and math 𝑥² appear in the prose',
];
const TAXONOMY = `title: Generative AI
terms:
  - id: gan
    label: Generative adversarial networks
    abbreviation: GAN
    aliases: [adversarial networks]
  - id: vae
    label: Variational autoencoders
    abbreviation: VAE
    aliases: [variational auto-encoders]
  - id: diffusion
    label: Diffusion models
    aliases: [score-based generative models]
`;

interface Citation {
  /** Indexes into KEYS (a key outside KEYS' bib part is unresolved). */
  keys: number[];
  form: 'bracket' | 'narrative' | 'suppress';
  locator: boolean;
}
interface Paragraph {
  sentence: number;
  citation: Citation | null;
  /** Replace the first cited key by a misspelling (an unresolved key with did-you-mean fixes). */
  typo: boolean;
}
interface Doc {
  crlf: boolean;
  bom: boolean;
  paragraphs: Paragraph[];
  /** How many of KEYS the .bib defines (the rest are unresolved). */
  defined: number;
}

const docArb: fc.Arbitrary<Doc> = fc.record({
  crlf: fc.boolean(),
  bom: fc.boolean(),
  defined: fc.integer({ min: 4, max: KEYS.length }),
  paragraphs: fc.array(fc.record({
    sentence: fc.nat({ max: SENTENCES.length - 1 }),
    citation: fc.option(fc.record({
      keys: fc.uniqueArray(fc.nat({ max: KEYS.length - 1 }), { minLength: 1, maxLength: 3 }),
      form: fc.constantFrom<Citation['form']>('bracket', 'narrative', 'suppress'),
      locator: fc.boolean(),
    }), { nil: null }),
    typo: fc.boolean(),
  }), { minLength: 1, maxLength: 8 }),
});

/** A misspelling that stays a valid key: the last two characters swapped. */
const typo = (key: string) => key.slice(0, -2) + key.slice(-1) + key.slice(-2, -1);

/** The manuscript and bibliography of `doc`, with keys renamed through `keyOf`. */
function render(doc: Doc, keyOf: (k: string) => string = (k) => k): { md: string; bib: string } {
  const nl = doc.crlf ? '\r\n' : '\n';
  const cite = (c: Citation, misspell: boolean): string => {
    const keys = c.keys.map((i, n) => (misspell && n === 0 ? typo(KEYS[i]) : keyOf(KEYS[i])));
    if (c.form === 'narrative') return `@${keys[0]} says${keys.length > 1 ? ` [${keys.slice(1).map((k) => `@${k}`).join('; ')}]` : ''}`;
    const items = keys.map((k, n) => `${c.form === 'suppress' && n === 0 ? '-' : ''}@${k}${c.locator && n === 0 ? ', p. 3' : ''}`);
    return `[${items.join('; ')}]`;
  };
  const lines = ['---', 'title: A review', 'bibliography: refs.bib', 'taxonomy: taxonomy.yaml', '---', '', '# Review 𝒮', ''];
  for (const p of doc.paragraphs) {
    lines.push(`${SENTENCES[p.sentence]}${p.citation ? ` ${cite(p.citation, p.typo)}` : ''}.`, '');
  }
  const bib = KEYS.slice(0, doc.defined).map((k) => `@article{${keyOf(k)},${nl}  title = {On ${k}},${nl}  author = {Author, A.},${nl}  year = {2020},${nl}  abstract = {${TOPICS[k]}}${nl}}${nl}`).join(nl);
  return { md: (doc.bom ? '\uFEFF' : '') + lines.join(nl), bib: (doc.bom ? '\uFEFF' : '') + bib };
}

async function analyse(files: Record<string, string>): Promise<Analysis> {
  return createCitelensService(MemoryWorkspace.of(files, ['/w'])).analyze(Object.keys(files)[0]);
}

/** Applies core edits by path; a file without edits stays as it is. */
function applyAll(files: Record<string, string>, edits: Map<string, TextEdit[]>): Record<string, string> {
  const out = { ...files };
  for (const [path, list] of edits) {
    assert.ok(path in files, `an edit for ${path}, which is not one of the files`);
    out[path] = applyEdits(files[path], list);
  }
  return out;
}

/** True when `offset` falls inside a surrogate pair or a CRLF (an edit there would corrupt the text). */
function splitsUnit(text: string, offset: number): boolean {
  const a = text.charCodeAt(offset - 1);
  const b = text.charCodeAt(offset);
  return (a >= 0xd800 && a <= 0xdbff && b >= 0xdc00 && b <= 0xdfff) || (a === 13 && b === 10);
}

/** Reverse edits of `edits` applied to `before`: spans in the edited text, replaced by the original slices. */
function reverseEdits(before: string, edits: readonly TextEdit[]): TextEdit[] {
  let shift = 0;
  return sortEdits(edits).map((e) => {
    const start = e.span.start + shift;
    shift += e.newText.length - (e.span.end - e.span.start);
    return { span: { start, end: start + e.newText.length }, newText: before.slice(e.span.start, e.span.end) };
  });
}

const runs = (n: number) => ({ seed: SEED, numRuns: n, endOnFailure: true, includeErrorInReport: true });

test('rename: exactly the key changes, everywhere it is written; renaming back restores every byte', async () => {
  let renamed = 0;
  await fc.assert(fc.asyncProperty(docArb, fc.nat(), fc.constantFrom(...NEW_KEYS), async (doc, pick, newKey) => {
    const { md, bib } = render(doc);
    const files = { [MS]: md, [BIB]: bib, [TAX]: TAXONOMY };
    const analysis = await analyse(files);
    const cited = analysis.files[0].citations.flatMap((c) => c.items).filter((i) => i.kind === 'key' && i.key !== undefined && KEYS.includes(i.key));
    fc.pre(cited.length > 0 && !KEYS.includes(newKey));
    const item = cited[pick % cited.length];
    const oldKey = item.key!;
    const edits = getRenameEdits(analysis, MS, item.span.start + 1, newKey);
    assert.ok(!('refused' in edits), `refused: ${'refused' in edits ? edits.refused : ''}`);
    const after = applyAll(files, edits);
    const expected = render(doc, (k) => (k === oldKey ? newKey : k));
    assert.equal(after[MS], expected.md, 'manuscript after the rename');
    assert.equal(after[BIB], expected.bib, '.bib after the rename');
    assert.equal(after[TAX], TAXONOMY);
    renamed++;
    // The inverse rename, on the renamed texts, restores the original byte for byte.
    const again = await analyse(after);
    const back = again.files[0].citations.flatMap((c) => c.items).find((i) => i.kind === 'key' && i.key === newKey);
    assert.ok(back, `@${newKey} is not a citation after the rename`);
    const inverse = getRenameEdits(again, MS, back.span.start + 1, oldKey);
    assert.ok(!('refused' in inverse), `inverse refused: ${'refused' in inverse ? inverse.refused : ''}`);
    assert.deepEqual(applyAll(after, inverse), files);
  }), runs(120));
  assert.ok(renamed > 50, `only ${renamed} renames ran`);
});

test('quick fixes: each fix edits only its spans, inside its document, without splitting a character or CRLF', async () => {
  const seen = new Map<string, number>();
  await fc.assert(fc.asyncProperty(docArb, async (doc) => {
    const { md, bib } = render(doc);
    const files: Record<string, string> = { [MS]: md, [BIB]: bib, [TAX]: TAXONOMY };
    const analysis = await analyse(files);
    const providers = { ...taxonomyQuickFixes, ...topicFitQuickFixes };
    for (const d of analysis.diagnostics.filter((x) => (x.uri ?? MS) === MS)) {
      const ref = { code: d.code, span: d.span, message: d.message, data: d.data };
      const actions: CodeActionResult[] = getCodeActions(analysis, MS, d.span, [ref], providers);
      for (const action of actions.filter((a) => a.edits)) {
        seen.set(d.code, (seen.get(d.code) ?? 0) + 1);
        for (const [path, list] of action.edits!) {
          const text = files[path];
          assert.ok(text !== undefined, `${action.title}: edits ${path}`);
          assert.equal(editProblem(text.length, list), null, `${action.title}: ${JSON.stringify(list)}`);
          const after = applyEdits(text, list);
          // Outside the spans nothing changed: the pieces between them are the original's, in order.
          let at = 0;
          let out = 0;
          for (const e of sortEdits(list)) {
            assert.ok(!splitsUnit(text, e.span.start) && !splitsUnit(text, e.span.end), `${action.title}: splits a character at ${e.span.start}–${e.span.end}`);
            const piece = text.slice(at, e.span.start);
            assert.equal(after.slice(out, out + piece.length), piece, `${action.title}: text before ${e.span.start} changed`);
            out += piece.length;
            assert.equal(after.slice(out, out + e.newText.length), e.newText);
            out += e.newText.length;
            at = e.span.end;
          }
          assert.equal(after.slice(out), text.slice(at), `${action.title}: the tail changed`);
          assert.ok(!/\r(?!\n)|(?<!\r)\n/.test(list.map((e) => e.newText).join('')) || !doc.crlf, `${action.title}: a bare line end in a CRLF file`);
          assert.equal(after.startsWith('\uFEFF'), text.startsWith('\uFEFF'), `${action.title}: the BOM changed`);
        }
      }
    }
  }), runs(80));
  console.log(`# quick fixes applied per diagnostic code: ${JSON.stringify(Object.fromEntries(seen))}`);
  for (const code of ['unresolved-citation', 'non-preferred-term', 'undefined-abbreviation', 'off-topic-citation']) {
    assert.ok(seen.has(code), `no ${code} fix was exercised: ${JSON.stringify(Object.fromEntries(seen))}`);
  }
});

// validateKey accepts keys starting with an astral letter (Pandoc does too), but the citation parser reads only
// one UTF-16 unit for a key's first character, so the renamed citation is no longer a citation.
test('rename to a key starting with an astral letter (𝐀lpha2024) keeps the citation', async () => {
  const doc: Doc = { crlf: false, bom: false, defined: 4, paragraphs: [{ sentence: 0, citation: { keys: [0], form: 'bracket', locator: false }, typo: false }] };
  const { md, bib } = render(doc);
  const files = { [MS]: md, [BIB]: bib, [TAX]: TAXONOMY };
  const analysis = await analyse(files);
  const item = analysis.files[0].citations[0].items[0];
  const edits = getRenameEdits(analysis, MS, item.span.start + 1, '𝐀lpha2024');
  assert.ok(!('refused' in edits));
  const again = await analyse(applyAll(files, edits));
  assert.ok(again.files[0].citations.flatMap((c) => c.items).some((i) => i.key === '𝐀lpha2024'));
});

/** A numeric manuscript, numbered out of order, with a reference list. */
const numericArb = fc.record({
  crlf: fc.boolean(),
  bom: fc.boolean(),
  works: fc.integer({ min: 2, max: 8 }),
  citations: fc.array(fc.uniqueArray(fc.nat({ max: 7 }), { minLength: 1, maxLength: 3 }), { minLength: 1, maxLength: 8 }),
  sentences: fc.array(fc.nat({ max: SENTENCES.length - 1 }), { minLength: 8, maxLength: 8 }),
}).map((g) => {
  const nl = g.crlf ? '\r\n' : '\n';
  const lines = ['# Review 𝒮', ''];
  g.citations.forEach((c, i) => {
    const numbers = [...new Set(c.map((n) => (n % g.works) + 1))].sort((a, b) => b - a);
    lines.push(`${SENTENCES[g.sentences[i]]} [${numbers.join(', ')}].`, '');
  });
  lines.push('## References', '');
  for (let n = 1; n <= g.works; n++) lines.push(`${n}. Author ${n}. Title 𝔗 ${n}. 2020.`);
  return { crlf: g.crlf, bom: g.bom, text: (g.bom ? '\uFEFF' : '') + lines.join(nl) + nl };
});

test('renumber: BOM and CRLF survive, and the reverse edits (one undo) restore the original exactly', async () => {
  let changed = 0;
  await fc.assert(fc.asyncProperty(numericArb, fc.boolean(), fc.boolean(), async ({ crlf, bom, text }, compactRanges, removeUncited) => {
    const plan = planRenumber(await analyse({ [MS]: text }), { compactRanges, removeUncited });
    if (!plan.changed) return;
    changed++;
    const edits = plan.edits.find((f) => f.uri === MS)!.edits;
    const after = applyEdits(text, edits);
    assert.equal(after.startsWith('\uFEFF'), bom, 'the BOM');
    assert.equal(after.slice(1).includes('\uFEFF'), false, 'no BOM inside the text');
    if (crlf) assert.doesNotMatch(after, /(?<!\r)\n|\r(?!\n)/, 'a bare line end in a CRLF file');
    else assert.doesNotMatch(after, /\r/, 'a CR in an LF file');
    for (const e of edits) assert.ok(!splitsUnit(text, e.span.start) && !splitsUnit(text, e.span.end), `splits a character at ${e.span.start}`);
    assert.equal(applyEdits(after, reverseEdits(text, edits)), text, 'undo restores the original');
  }), runs(150));
  assert.ok(changed > 50, `only ${changed} manuscripts needed renumbering`);
});

test('protocol: rename answers versioned documentChanges when the client supports them, so a stale document is not edited', async () => {
  const root = mkdtempSync(join(tmpdir(), 'citelens-rename-'));
  const md = '---\nbibliography: refs.bib\n---\n# Review\n\nAs shown [@smith; @doe:2019] and by @smith.\n';
  writeFileSync(join(root, 'paper.md'), md);
  writeFileSync(join(root, 'refs.bib'), '@article{smith, title = {S}, year = {2020}}\n@article{doe:2019, title = {D}, year = {2019}}\n');
  const { client } = await LspClient.start({
    root,
    capabilities: { workspace: { configuration: true, workspaceEdit: { documentChanges: true } }, textDocument: { rename: { prepareSupport: true } } },
  });
  try {
    const uri = await client.open(join(root, 'paper.md'), md);
    await client.diagnostics(uri);
    const version = await client.change(uri, [{ range: { start: { line: 3, character: 8 }, end: { line: 3, character: 8 } }, text: ' 𝒮' }]);
    const edit = await client.request<WorkspaceEdit>('textDocument/rename', { textDocument: { uri }, position: client.at(uri, 'As shown [@sm|ith;'), newName: 'smith2020' });
    assert.equal(edit.changes, undefined, 'unversioned changes');
    const byFile = new Map((edit.documentChanges as TextDocumentEdit[]).map((d) => [d.textDocument.uri.replace(/^.*\//, ''), d]));
    assert.deepEqual([...byFile.keys()].sort(), ['paper.md', 'refs.bib']);
    // The open manuscript's current version (the client refuses the edit once it moves on); the .bib is not open.
    assert.equal(byFile.get('paper.md')!.textDocument.version, version);
    assert.equal(byFile.get('refs.bib')!.textDocument.version, null);
    assert.equal(byFile.get('paper.md')!.edits.length, 2);
  } finally {
    await client.stop();
  }
});
