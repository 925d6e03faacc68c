/**
 * `citelens renumber` as a user runs it (the built dist/cli.js; npm test builds it first).
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { planRenumber } from '../../server/src/service/renumber/renumber';
import { analyze, applyPlan } from '../helpers/renumberHarness';
import { repoRoot } from '../helpers/shared';

const cli = join(repoRoot, 'dist', 'cli.js');

function run(args: string[], cwd = repoRoot) {
  const r = spawnSync(process.execPath, [cli, ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

function tempCopy(): string {
  const dir = mkdtempSync(join(tmpdir(), 'citelens-renumber-'));
  cpSync(join(repoRoot, 'examples', 'genai-healthcare'), dir, { recursive: true });
  return dir;
}

test('renumber prints a diff and exits 1; --write gives the in-process bytes and exits 0; then nothing is left', async () => {
  const dir = tempCopy();
  try {
    const file = join(dir, 'manuscript.md');
    const original = readFileSync(file, 'utf8');
    const dry = run(['renumber', file]);
    assert.equal(dry.code, 1, dry.err);
    assert.match(dry.out, /^--- a\/.*manuscript\.md\n\+\+\+ b\/.*manuscript\.md\n@@ /);
    assert.match(dry.out, /^-\| \*\*Research Questions\*\* .*\[7\]\. \|$/m);
    assert.match(dry.out, /^\+\| \*\*Research Questions\*\* .*\[6\]\. \|$/m);
    assert.match(dry.err, /\[6\] → \[20\]/);
    assert.equal(readFileSync(file, 'utf8'), original, 'a dry run writes nothing');

    const files = { [file]: original, [join(dir, 'references.bib')]: readFileSync(join(dir, 'references.bib'), 'utf8') };
    const expected = applyPlan(files, planRenumber(await analyze(files, file), { compactRanges: true, removeUncited: false }))[file];
    const write = run(['renumber', '--write', file]);
    assert.equal(write.code, 0, write.err);
    assert.equal(readFileSync(file, 'utf8'), expected);
    assert.deepEqual(readdirSync(dir).filter((n) => n.includes('.tmp')), [], 'no temporary file left');

    const again = run(['renumber', file]);
    assert.equal(again.code, 0, again.err);
    assert.equal(again.out, '');
    assert.match(again.err, /Nothing to renumber/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('--write keeps the encoding, BOM and line endings of the file', () => {
  const dir = mkdtempSync(join(tmpdir(), 'citelens-renumber-enc-'));
  try {
    const text = '# Café\r\n\r\nA [2]. B [1].\r\n\r\n## References\r\n\r\n1. Müller.\r\n2. Øre.\r\n';
    const want = '# Café\r\n\r\nA [1]. B [2].\r\n\r\n## References\r\n\r\n1. Øre.\r\n2. Müller.\r\n';
    const cases: { name: string; encode: (t: string) => Buffer }[] = [
      { name: 'utf8.md', encode: (t) => Buffer.from(t, 'utf8') },
      { name: 'utf8bom.md', encode: (t) => Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(t, 'utf8')]) },
      { name: 'utf16le.md', encode: (t) => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(t, 'utf16le')]) },
      { name: 'utf16be.md', encode: (t) => Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(t, 'utf16le').swap16()]) },
      { name: 'latin1.md', encode: (t) => Buffer.from(t, 'latin1') },
    ];
    for (const c of cases) {
      const path = join(dir, c.name);
      writeFileSync(path, c.encode(text));
      const r = run(['renumber', '--write', path]);
      assert.equal(r.code, 0, `${c.name}: ${r.err}`);
      assert.deepEqual(readFileSync(path), c.encode(want), c.name);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('--no-compact, --remove-uncited and --from-bib', () => {
  const dir = tempCopy();
  try {
    const file = join(dir, 'manuscript.md');
    assert.equal(run(['renumber', '--write', '--remove-uncited', file]).code, 0);
    assert.doesNotMatch(readFileSync(file, 'utf8'), /Shorten/);
    const fromBib = run(['renumber', '--from-bib', file]);
    assert.equal(fromBib.code, 1, fromBib.err);
    assert.match(fromBib.out, /^\+1\. Goodfellow I, Pouget-Abadie J/m);
    assert.equal(run(['renumber', '--from-bib', '--write', file]).code, 0);
    assert.equal(run(['renumber', '--from-bib', file]).code, 0, 'the generated list is stable');
    const compactDir = mkdtempSync(join(tmpdir(), 'citelens-renumber-nc-'));
    const path = join(compactDir, 'm.md');
    writeFileSync(path, '# T\n\nA [4]. B [1–3].\n\n## References\n\n1. A.\n2. B.\n3. C.\n4. D.\n');
    assert.equal(run(['renumber', '--write', '--no-compact', path]).code, 0);
    assert.match(readFileSync(path, 'utf8'), /A \[1\]\. B \[2, 3, 4\]\./);
    rmSync(compactDir, { recursive: true, force: true });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('renumber usage errors exit 2 with a message', () => {
  const dir = mkdtempSync(join(tmpdir(), 'citelens-renumber-usage-'));
  try {
    writeFileSync(join(dir, 'p.md'), '# T\n\nSee [@a].\n');
    for (const args of [['renumber'], ['renumber', join(dir, 'missing.md')], ['renumber', join(dir, 'p.md')]]) {
      const r = run(args);
      assert.equal(r.code, 2, args.join(' '));
      assert.match(r.err, /citelens: /);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
