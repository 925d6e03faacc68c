/**
 * The taxonomy features through the language server over stdio, on the example workspace: hover on a term,
 * term completion (explicit, and while typing only with the setting), the preferred-term quick fix and the
 * `citelens/coverage` request the heat-map webview renders.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { CodeAction, CompletionList, Diagnostic, Hover } from 'vscode-languageserver-protocol';
import type { CoverageResult } from '../../server/src/protocol';
import { LspClient, serverBundle, uriOf } from '../helpers/lspClient';
import { repoRoot } from '../helpers/shared';

const example = join(repoRoot, 'examples', 'genai-healthcare');
let client: LspClient;
let uri: string;

before(async () => {
  await serverBundle();
  ({ client } = await LspClient.start({ root: example }));
  uri = await client.open(join(example, 'manuscript.md'));
  await client.diagnostics(uri);
});
after(() => client.stop());

test('hover on "VAEs" describes variational autoencoders, spanning the term', async () => {
  const vaes = 'such as Generative Adversarial Networks (GANs), Variational Autoencoders («V|AEs»)';
  const hover = await client.request<Hover>('textDocument/hover', { textDocument: { uri }, position: client.at(uri, vaes) });
  assert.deepEqual(hover.range, client.range(uri, vaes));
  const value = (hover.contents as { value: string }).value;
  assert.match(value, /\*\*Variational autoencoders\*\* \(VAE\)/);
  assert.match(value, /Broader term: Generative AI techniques/);
  assert.match(value, /cited in the same paragraphs: \d+ works/);
});

test('the coverage request returns the terms × sections matrix with LSP ranges', async () => {
  const result = await client.request<CoverageResult>('citelens/coverage', { uri });
  assert.equal(result.uri, uri);
  assert.equal(result.taxonomyUri, uriOf(join(example, 'taxonomy.yaml')));
  assert.equal(result.title, 'Generative AI in healthcare');
  const titles = result.sections.map((s) => s.title);
  assert.ok(titles.includes('1. Introduction') && !titles.includes('References'), titles.join(' | '));
  const intro = result.sections.find((s) => s.title === '1. Introduction')!;
  assert.equal(client.slice(uri, intro.location.range), '## 1. Introduction');
  const gan = result.terms.find((t) => t.id === 'gan')!;
  assert.equal(gan.cells.length, result.sections.length);
  const cell = gan.cells.find((c) => c.mentions > 0)!;
  assert.match(client.slice(uri, cell.locations[0].range), /GAN|adversarial/i);
  assert.ok(gan.definition?.uri.endsWith('taxonomy.yaml'));
  assert.match(result.message ?? '', /Sections citing no work: .*4\. Clinical Applications.*5\. Ethical, Legal, and Social Challenges/);
});

test('completion of "diff" offers Diffusion models on explicit invocation only (unless the setting is on)', async () => {
  const at = client.text(uri).indexOf('\n\n## 2.');
  await client.insert(uri, at, ' Images from diff');
  const position = client.at(uri, ' Images from diff|');
  const explicit = await client.request<CompletionList>('textDocument/completion', { textDocument: { uri }, position, context: { triggerKind: 1 } });
  assert.equal(explicit.items[0]?.label, 'Diffusion models');
  assert.equal(explicit.items[0].detail, 'Generative AI techniques');
  const typing = await client.request<CompletionList | null>('textDocument/completion', { textDocument: { uri }, position, context: { triggerKind: 3 } });
  assert.equal(typing?.items.length ?? 0, 0);
  await client.setSettings({ completion: { taxonomyWhileTyping: true } });
  // The server pulls the new configuration: ask until it applies (bounded).
  let on: CompletionList | null = null;
  for (let i = 0; i < 100 && !on?.items.length; i++) {
    on = await client.request<CompletionList | null>('textDocument/completion', { textDocument: { uri }, position, context: { triggerKind: 3 } });
    if (!on?.items.length) await new Promise((r) => setImmediate(r));
  }
  assert.equal(on?.items[0]?.label, 'Diffusion models');
  await client.setSettings({});
});

test('a non-preferred term has a quick fix writing the preferred label', async () => {
  const published = await client.diagnostics(uri, (p) => p.diagnostics.some((d) => d.code === 'non-preferred-term'));
  const d = published.diagnostics.find((x) => x.code === 'non-preferred-term') as Diagnostic & { data: { replacement: string } };
  const actions = await client.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri }, range: d.range, context: { diagnostics: [d] } });
  const fix = actions.find((a) => /preferred term/.test(a.title));
  assert.ok(fix, actions.map((a) => a.title).join(' | '));
  assert.equal(fix.edit?.changes?.[uri]?.[0].newText, d.data.replacement);
});
