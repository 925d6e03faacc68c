/**
 * Reference lists from BibTeX, and conversion between numeric and Pandoc citations.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { planConvertToNumeric, planConvertToPandoc, planReferenceList } from '../../server/src/service/renumber/fromBib';
import { analyze, applyPlan } from '../helpers/renumberHarness';
import { repoRoot } from '../helpers/shared';

const dir = join(repoRoot, 'examples', 'genai-healthcare');
const example = {
  '/ex/manuscript.md': readFileSync(join(dir, 'manuscript.md'), 'utf8'),
  '/ex/references.bib': readFileSync(join(dir, 'references.bib'), 'utf8'),
};
const M = '/ex/manuscript.md';

test('numeric: the list is renumbered by first citation and each item formatted from its entry (Vancouver)', async () => {
  const plan = planReferenceList(await analyze(example, M), { style: 'vancouver' });
  assert.equal(plan.changed, true);
  const after = applyPlan(example, plan)[M];
  const list = after.slice(after.indexOf('## References'));
  assert.match(list, /^1\. Goodfellow I, Pouget-Abadie J, Mirza M, .*Generative Adversarial Nets\./m);
  assert.match(list, /^6\. Frid-Adar M/m);
  assert.match(list, /^20\. Shorten C, Khoshgoftaar TM\. A survey on image data augmentation/im);
  assert.match(after, /domain\[6\]\. \|/);
  // Stable: a second run changes nothing.
  assert.equal(planReferenceList(await analyze({ ...example, [M]: after }, M), { style: 'vancouver' }).changed, false);
});

test('numeric: an item with no entry keeps its own text and is reported', async () => {
  const files = { '/m.md': '# T\n\nA [2]. B [1].\n\n## References\n\n1. Some unpublished note, 2020.\n2. Another one.\n' };
  const plan = planReferenceList(await analyze(files), {});
  const after = applyPlan(files, plan)['/m.md'];
  assert.equal(after, '# T\n\nA [1]. B [2].\n\n## References\n\n1. Another one.\n2. Some unpublished note, 2020.\n');
  assert.equal(plan.notes.filter((n) => /matches no BibTeX entry; its own text is kept/.test(n)).length, 2);
});

test('numeric → Pandoc: [n] becomes [@key], locators kept, unmatched citations left and reported', async () => {
  const bib = '@article{a, title={Alpha}, author={Doe, J}, year={2020}, doi={10.1000/a}}\n@article{b, title={Beta}, author={Roe, R}, year={2021}, doi={10.1000/b}}\n';
  const files = { '/m.md': '# T\n\nA [1, 2]. B [2, p. 4]. C [3].\n\n## References\n\n1. Doe J. Alpha. 2020. doi:10.1000/a\n2. Roe R. Beta. 2021. doi:10.1000/b\n3. Unknown work.\n', '/refs.bib': bib };
  const plan = planConvertToPandoc(await analyze(files, '/m.md'));
  const after = applyPlan(files, plan)['/m.md'];
  assert.match(after, /A \[@a; @b\]\. B \[@b, p\. 4\]\. C \[3\]\./);
  assert.match(plan.summary, /Converted 2 citations.*1 kept as numbers/);
  assert.match(plan.notes.join('\n'), /\[3\] is kept: \[3\] has no BibTeX entry/);
});

test('Pandoc → numeric: numbers by first citation, narrative citations keep an author, a generated list', async () => {
  const bib = '@article{a, title={Alpha}, author={Doe, Jane and Poe, Edgar and Moe, Max}, year={2020}, journal={J}}\n@article{b, title={Beta}, author={Roe, R}, year={2021}, journal={K}}\n';
  const files = { '/m.md': '# T\n\nFirst [@b]. Then @a showed it [@a; @b, p. 3]. Unknown [@zz]. Prefixed [see @a].\n', '/refs.bib': bib };
  const plan = planConvertToNumeric(await analyze(files, '/m.md'), { style: 'vancouver' });
  const after = applyPlan(files, plan)['/m.md'];
  assert.match(after, /First \[1\]\. Then Doe et al\. \[2\] showed it \[2, 1, p\. 3\]\. Unknown \[@zz\]\. Prefixed \[see @a\]\./);
  assert.match(after, /\n## References\n\n1\. Roe R\. Beta\. K\. 2021\.\n2\. Doe J, Poe E, Moe M\. Alpha\. J\. 2020\.\n$/);
  assert.equal(plan.notes.length, 2);
  const analysed = await analyze({ ...files, '/m.md': after }, '/m.md');
  assert.deepEqual(analysed.diagnostics.filter((d) => d.code === 'citation-order' || d.code === 'reference-numbering'), []);
});

test('Pandoc: a References section listing the cited works, replaced in place and stable', async () => {
  const bib = '@article{a, title={Alpha}, author={Doe, Jane}, year={2020}, journal={J}}\n@article{b, title={Beta}, author={Adams, R}, year={2021}, journal={K}}\n@article{c, title={Gamma}, author={Zed, Z}, year={2021}}\n';
  const files = { '/m.md': '# T\n\nSee [@a] and [@b; @nope].\n\n# References\n\n::: {#refs}\n:::\n', '/refs.bib': bib };
  const plan = planReferenceList(await analyze(files, '/m.md'), { style: 'apa' });
  const after = applyPlan(files, plan)['/m.md'];
  assert.match(after, /# References\n\nAdams, R\. \(2021\)\. Beta\. K\.\n\nDoe, J\. \(2020\)\. Alpha\. J\.\n$/);
  assert.doesNotMatch(after, /Gamma/);
  assert.match(plan.notes.join('\n'), /@nope is in no bibliography/);
  assert.equal(planReferenceList(await analyze({ ...files, '/m.md': after }, '/m.md'), { style: 'apa' }).changed, false);
});
