/**
 * Front matter Pandoc reads and the `yaml` package's letter of YAML 1.2 refuses: a quoted value continued on
 * margin lines (R Markdown's long titles and author lists; seen on Debian's R vignettes).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createCitelensService, MemoryWorkspace } from '../../server/src/service/service';

const BIB = '@article{doe2019, title={Imputation by chained equations}, author={Doe, J}, year=2019}\n@article{roe2020, title={Multiple imputation}, author={Roe, R}, year=2020}\n';

async function analyze(text: string) {
  return createCitelensService(MemoryWorkspace.of({ '/m/a.md': text, '/m/r.bib': BIB }, ['/m'])).analyze('/m/a.md');
}

test('a quoted author list continued at the margin: no error, the bibliography and nocite are read', async () => {
  const text = '---\ntitle: "An Example"\nauthor: "Ben Goodrich and Jonathan Kropko, based on earlier\nversions written by Yu-Sung Su and Andrew Gelman"\nbibliography: r.bib\nnocite: "@roe2020"\n---\n\nImputation works [@doe2019].\n';
  const analysis = await analyze(text);
  assert.deepEqual(analysis.diagnostics.filter((d) => d.code !== 'off-topic-citation').map((d) => d.code), []);
  const nocite = analysis.files[0].citations.find((c) => c.nocite)!;
  assert.equal(text.slice(nocite.items[0].span.start, nocite.items[0].span.end), 'roe2020');
});

test('single quotes, with a doubled quote inside, continued at the margin', async () => {
  const text = "---\ntitle: 'The ''mi'' package: an example that runs on\nover two lines'\nbibliography: r.bib\n---\n\nImputation works [@doe2019; @roe2020].\n";
  assert.deepEqual((await analyze(text)).diagnostics.filter((d) => d.code !== 'off-topic-citation').map((d) => d.code), []);
});

test('YAML broken otherwise still reports its error where it is', async () => {
  const text = '---\ntitle: "An Example\nbibliography: [r.bib\n---\n\nImputation works [@doe2019].\n';
  const errors = (await analyze(text)).diagnostics.filter((d) => d.code === 'front-matter-syntax');
  assert.ok(errors.length >= 1);
  assert.ok(errors.every((e) => e.span.start >= 4 && e.span.end <= text.indexOf('\n---\n', 4) + 1), JSON.stringify(errors.map((e) => e.span)));
});

test('a collection as a key writes no warning to stderr (the CLI and the server print what Node warns)', async () => {
  const warnings: string[] = [];
  const listen = (w: Error): void => void warnings.push(w.message);
  process.on('warning', listen);
  try {
    await analyze('---\ntitle: x\n? { theme }\n: 1\nbibliography: r.bib\n---\n\nImputation works [@doe2019].\n');
    await new Promise((resolve) => setImmediate(resolve));
  } finally {
    process.off('warning', listen);
  }
  assert.deepEqual(warnings, []);
});
