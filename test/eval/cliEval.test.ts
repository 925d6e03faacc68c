/**
 * The command line on a real manuscript of the shared data (`shared/eval/deep-rules`), as a user runs it: the built
 * `dist/cli.js` (`npm run test:all` builds it first).
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { repoRoot, sharedDir, skipWithoutShared } from '../helpers/shared';

const cli = join(repoRoot, 'dist', 'cli.js');

function run(args: string[], cwd = repoRoot) {
  const r = spawnSync(process.execPath, [cli, ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

test('deep-rules: no unresolved citation; removing an entry makes exactly that key unresolved', { skip: skipWithoutShared }, () => {
  const src = join(sharedDir, 'eval', 'deep-rules');
  const dir = mkdtempSync(join(tmpdir(), 'citelens-cli-'));
  try {
    cpSync(join(src, 'manuscript.md'), join(dir, 'manuscript.md'));
    const bib = readFileSync(join(src, 'references.bib'), 'utf8');
    writeFileSync(join(dir, 'references.bib'), bib);
    const codes = (out: string) => (JSON.parse(out).files as { diagnostics: { code: string; message: string }[] }[]).flatMap((f) => f.diagnostics).filter((d) => d.code === 'unresolved-citation');
    assert.deepEqual(codes(run(['check', join(dir, 'manuscript.md'), '--format', 'json']).out), []);
    const key = 'doi:10.1038/s41583-020-0277-3';
    const start = bib.indexOf(`@article{${key},`);
    writeFileSync(join(dir, 'references.bib'), bib.slice(0, start) + bib.slice(bib.indexOf('\n}\n', start) + 3));
    const unresolved = codes(run(['check', join(dir, 'manuscript.md'), '--format', 'json']).out);
    assert.ok(unresolved.length >= 1);
    for (const d of unresolved) assert.match(d.message, new RegExp(`“${key.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}”`));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
