/**
 * `citelens coverage` as a user runs it (the built dist/cli.js; npm test builds it first): Markdown by default,
 * JSON and HTML on request, on the example workspace; usage errors and a manuscript without a taxonomy.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { repoRoot } from '../helpers/shared';

const cli = join(repoRoot, 'dist', 'cli.js');
const example = join('examples', 'genai-healthcare');

function run(args: string[], cwd = repoRoot) {
  const r = spawnSync(process.execPath, [cli, ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

test('md (default) on the example folder: the matrix, and the sections that cite no work', () => {
  const r = run(['coverage', example]);
  assert.equal(r.code, 0, r.err);
  assert.match(r.out, /^# Taxonomy coverage: Generative AI in healthcare$/m);
  const silent = /^\*\*Sections citing no work:\*\* (.*)$/m.exec(r.out)?.[1] ?? '';
  assert.match(silent, /S\d+ \(4\. Clinical Applications of Generative AI in Healthcare\)/);
  assert.match(silent, /S\d+ \(5\. Ethical, Legal, and Social Challenges\)/);
  assert.doesNotMatch(silent, /Introduction|3\. Generative AI Techniques/);
  assert.match(r.out, /^- S\d+: 4\. Clinical Applications of Generative AI in Healthcare — \*\*cites no work\*\*$/m);
  assert.match(r.out, /^- S\d+: 1\. Introduction$/m);
  assert.match(r.out, /^\| · Generative adversarial networks \|/m);
  assert.doesNotMatch(r.out, /References/, 'the reference list is not a section');
});

test('json: versioned matrix with citations per section', () => {
  const r = run(['coverage', join(example, 'manuscript.md'), '--format', 'json']);
  assert.equal(r.code, 0, r.err);
  const data = JSON.parse(r.out) as { version: number; title: string; sections: { title: string; citations: number | null }[]; terms: { id: string; mentions: number; cells: unknown[] }[] };
  assert.equal(data.version, 1);
  assert.equal(data.title, 'Generative AI in healthcare');
  const clinical = data.sections.find((s) => s.title.startsWith('4. Clinical'));
  assert.equal(clinical?.citations, 0);
  assert.ok((data.sections.find((s) => s.title === '1. Introduction')?.citations ?? 0) > 0);
  const gan = data.terms.find((t) => t.id === 'gan');
  assert.ok(gan && gan.mentions > 0 && gan.cells.length === data.sections.length);
});

test('html: a self-contained heat map with a strict CSP and nothing remote', () => {
  const r = run(['coverage', example, '--format', 'html']);
  assert.equal(r.code, 0, r.err);
  assert.match(r.out, /^<!DOCTYPE html>/);
  assert.match(r.out, /Content-Security-Policy" content="default-src (?:'|&#39;)none(?:'|&#39;);/);
  assert.doesNotMatch(r.out, /<script/, 'a file on disk needs no script');
  assert.doesNotMatch(r.out, /(?:src|href)="https?:/);
  assert.match(r.out, /Generative adversarial networks/);
});

test('usage errors exit 2; a manuscript without a taxonomy says how to add one', () => {
  assert.equal(run(['coverage', example, '--format', 'csv']).code, 2);
  assert.equal(run(['coverage']).code, 2);
  assert.equal(run(['coverage', 'no/such/file.md']).code, 2);
  const dir = mkdtempSync(join(tmpdir(), 'citelens-coverage-'));
  try {
    writeFileSync(join(dir, 'paper.md'), '# Paper\n\nText [1].\n\n## References\n\n1. A work.\n');
    const r = run(['coverage', join(dir, 'paper.md')], dir);
    assert.equal(r.code, 2);
    assert.match(r.err, /no taxonomy found for paper\.md.*taxonomy\.yaml/);
    // --taxonomy names one explicitly.
    const withTaxonomy = run(['coverage', join(dir, 'paper.md'), '--taxonomy', join(repoRoot, example, 'taxonomy.yaml')], dir);
    assert.equal(withTaxonomy.code, 0, withTaxonomy.err);
    assert.match(withTaxonomy.out, /Sections citing no work:\*\* none\./);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
