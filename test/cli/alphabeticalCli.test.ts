/**
 * `citelens check` and `citelens renumber` on a list numbered alphabetically (the built dist/cli.js; npm test
 * builds it first): no citation-order, a note on stderr, nothing renumbered; `--numbering` forces either reading.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { test } from 'node:test';
import { repoRoot } from '../helpers/shared';

const cli = join(repoRoot, 'dist', 'cli.js');
const acm = join('test', 'fixtures', 'alphabetical', 'acm.md');

function run(args: string[]) {
  const r = spawnSync(process.execPath, [cli, ...args], { cwd: repoRoot, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

test('check: an ACM manuscript gets no citation-order, and stderr says why once', () => {
  const r = run(['check', acm]);
  assert.equal(r.code, 0, r.err);
  assert.doesNotMatch(r.out, /citation-order/);
  assert.equal(r.err, `${acm}: the reference list is numbered alphabetically (by first author): order of first citation not checked.\n`);
  const forced = run(['check', '--numbering', 'citation-order', acm]);
  assert.equal(forced.out.match(/citation-order/g)?.length, 11);
  assert.equal(forced.err, '');
});

test('renumber: an alphabetical list is left as it is (exit 0, reason on stderr); --numbering citation-order renumbers it', () => {
  const r = run(['renumber', acm]);
  assert.equal(r.code, 0, r.err);
  assert.equal(r.out, '');
  assert.equal(r.err, `${acm}: The reference list is numbered alphabetically (by first author): numbering works by first citation would destroy that order, so nothing was changed. Set citelens.numbering to “citation-order” to renumber by first citation.\n`);
  const forced = run(['renumber', '--numbering', 'citation-order', acm]);
  assert.equal(forced.code, 1, forced.err);
  assert.match(forced.out, /^-Neural models of code build on the naturalness hypothesis \\\[6\\\]/m);
  assert.match(forced.out, /^\+Neural models of code build on the naturalness hypothesis \\\[1\\\]/m);
});

test('--numbering with an unknown value is a usage error', () => {
  const r = run(['check', '--numbering', 'by-year', acm]);
  assert.equal(r.code, 2);
  assert.equal(r.err, 'citelens: Unknown --numbering “by-year”: use auto, citation-order, alphabetical.\n');
});
