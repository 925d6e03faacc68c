/**
 * Quarto's per-format options: a bibliography named under `format: html:` (or `pdf:`, `docx:`…) in `_quarto.yml`,
 * `_metadata.yml` or a document's front matter is the one Quarto uses when it renders that format.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createCitelensService, MemoryWorkspace } from '../../server/src/service/service';

const BIB = '@article{smith2020, title = {Deep learning for sleep staging}, author = {Smith, J}, year = {2020}}\n';
const BODY = 'Sleep staging uses deep networks [@smith2020].\n';

const cases: [name: string, files: Record<string, string>][] = [
  ['_quarto.yml, format: html:', { '/p/_quarto.yml': 'project:\n  type: default\nformat:\n  html:\n    bibliography: assets/refs.bib\n', '/p/a.qmd': `---\ntitle: T\n---\n\n${BODY}` }],
  ['front matter, format: pdf:', { '/p/a.qmd': `---\ntitle: T\nformat:\n  pdf:\n    bibliography: assets/refs.bib\n---\n\n${BODY}` }],
  ['_metadata.yml, format: docx: (a list)', { '/p/_quarto.yml': 'project:\n  type: default\n', '/p/_metadata.yml': 'format:\n  docx:\n    bibliography: [assets/refs.bib]\n', '/p/a.qmd': `---\ntitle: T\n---\n\n${BODY}` }],
];

for (const [name, files] of cases) {
  test(`a bibliography under ${name} resolves the citations`, async () => {
    const analysis = await createCitelensService(MemoryWorkspace.of({ ...files, '/p/assets/refs.bib': BIB }, ['/p'])).analyze('/p/a.qmd');
    assert.deepEqual(analysis.bibliographies.map((b) => b.uri), ['/p/assets/refs.bib']);
    assert.deepEqual(analysis.diagnostics.filter((d) => d.code !== 'off-topic-citation').map((d) => d.message), []);
  });
}
