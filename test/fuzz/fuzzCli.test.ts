/**
 * The command line on fuzzed files (fast-check samples, seeded): `citelens check` (text, JSON, SARIF),
 * `citelens citations` and `citelens renumber` over generated manuscripts, bibliographies and taxonomies in a
 * temp folder exit 0, 1 or 2 and never print a stack trace. Runs a fresh bundle of the CLI, not `dist/`.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { before, test } from 'node:test';
import fc from 'fast-check';
import { bibliography, manuscript, numericManuscript, taxonomyText } from '../helpers/fuzzArbitraries';
import { FUZZ_SEED } from '../helpers/fuzzInvariants';
import { repoRoot } from '../helpers/shared';

/** Each run of the CLI gets a minute (`spawnSync`'s timeout); each test, this long in all. */
const RUN_TIMEOUT_MS = 60_000;
const CLI_TEST = { timeout: 5 * 60_000 };

const dir = mkdtempSync(join(tmpdir(), 'citelens-fuzzcli-'));
let cli = '';
const manuscripts: string[] = [];

before(async () => {
  const esbuild = await import('esbuild');
  cli = join(dir, 'cli.js');
  await esbuild.build({ entryPoints: [join(repoRoot, 'server/src/cli/main.ts')], outfile: cli, bundle: true, platform: 'node', target: 'node20', format: 'cjs', logLevel: 'error' });
  const cases = fc.sample(fc.tuple(fc.oneof(manuscript, numericManuscript), bibliography, fc.option(taxonomyText)), { seed: FUZZ_SEED, numRuns: 12 });
  cases.forEach(([md, bib, tax], i) => {
    const folder = join(dir, 'ws', `case${i}`);
    mkdirSync(folder, { recursive: true });
    writeFileSync(join(folder, 'paper.md'), md);
    writeFileSync(join(folder, 'refs.bib'), bib);
    if (tax !== null) writeFileSync(join(folder, 'taxonomy.yaml'), tax);
    manuscripts.push(join(folder, 'paper.md'));
  });
});

function run(args: string[]): { code: number | null; out: string; err: string } {
  const r = spawnSync(process.execPath, [cli, ...args], { cwd: dir, encoding: 'utf8', timeout: RUN_TIMEOUT_MS, env: { ...process.env, NO_COLOR: '1' } });
  const result = { code: r.status, out: r.stdout, err: r.stderr };
  assert.ok(result.code === 0 || result.code === 1 || result.code === 2, `citelens ${args.join(' ')} exited ${result.code}${r.signal ? ` (${r.signal})` : ''}\n${result.err}`);
  assert.doesNotMatch(result.err + result.out, /\n\s+at .+:\d+:\d+\)?\n/, `no stack trace from citelens ${args.join(' ')}`);
  return result;
}

test('check over fuzzed workspaces, in every format', CLI_TEST, () => {
  run(['check', join(dir, 'ws')]);
  const json = JSON.parse(run(['check', join(dir, 'ws'), '--format', 'json']).out) as { files: unknown[] };
  assert.ok(Array.isArray(json.files));
  JSON.parse(run(['check', join(dir, 'ws'), '--format', 'sarif']).out);
});

test('check, citations and renumber on single fuzzed files', CLI_TEST, () => {
  for (const path of manuscripts.slice(0, 4)) {
    run(['check', path, '--bib', join(path, '..', 'refs.bib')]);
    run(['citations', path, '--format', 'json']);
    run(['renumber', path]);
  }
});
