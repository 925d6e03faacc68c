/**
 * The npm channel, the path a user takes: `npm pack` (its `prepack` builds the CLI bundle; pre-commit installs the
 * hook the same way) gives a tarball holding
 * only what runs; installed into an empty folder with production dependencies only — none: the bundle holds them,
 * so this needs no registry — `npx citelens check` on a copy of the example reports what the repository's own build
 * reports, and `npx citelens --version` prints package.json's version.
 * Run by .ci/run (channel tests); `npm pack` rebuilds dist/, so run the packaging tests one file at a time.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { after, before, test } from 'node:test';
import { repoRoot } from '../helpers/shared';

const pkg = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8'));
const work = mkdtempSync(join(tmpdir(), 'citelens-npm-test-'));
const app = join(work, 'app');
after(() => rmSync(work, { recursive: true, force: true }));

// npm run sets npm_config_* variables (and npm_package_*) for its children: the user's shell has none of them.
const env: NodeJS.ProcessEnv = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^npm_(config|package|lifecycle)_/i.test(k)));
env.NO_COLOR = '1';
// npx must run the installed package, never fetch one named citelens from the registry.
const offline = { ...env, npm_config_offline: 'true' };

function run(command: string, args: string[], cwd: string, environment = command === 'npx' ? offline : env) {
  const r = spawnSync(command, args, { cwd, encoding: 'utf8', env: environment });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

interface Packed {
  filename: string;
  size: number;
  unpackedSize: number;
  files: string[];
}
let packed: Packed;

/** The entries of a .tgz (ustar): a 512-byte header per file (name, octal size), then its data in 512-byte blocks. */
function tarEntries(tgz: Buffer): { path: string; size: number }[] {
  const tar = gunzipSync(tgz);
  const entries: { path: string; size: number }[] = [];
  for (let at = 0; at + 512 <= tar.length && tar[at] !== 0; ) {
    const field = (from: number, length: number) => tar.toString('utf8', at + from, at + from + length).replace(/\0.*$/s, '');
    const size = parseInt(field(124, 12).trim() || '0', 8);
    const name = (field(345, 155) ? `${field(345, 155)}/` : '') + field(0, 100);
    if (field(156, 1) === '0' || field(156, 1) === '') entries.push({ path: name.replace(/^package\//, ''), size });
    at += 512 + Math.ceil(size / 512) * 512;
  }
  return entries;
}

before(() => {
  // Exactly what pre-commit's node installer runs and reads: standard output is the tarball's name, nothing else.
  const r = run('npm', ['pack', '--pack-destination', work], repoRoot);
  assert.equal(r.code, 0, r.err);
  const filename = `${pkg.name}-${pkg.version}.tgz`;
  assert.equal(r.out.trim(), filename, 'npm pack prints only the tarball name (prepack runs quietly: .npmrc)');
  const tgz = readFileSync(join(work, filename));
  const entries = tarEntries(tgz);
  packed = { filename, size: tgz.length, unpackedSize: entries.reduce((sum, e) => sum + e.size, 0), files: entries.map((e) => e.path) };
  mkdirSync(app);
  const install = run('npm', ['install', '--omit=dev', '--prefer-offline', '--no-audit', '--no-fund', join(work, filename)], app);
  assert.equal(install.code, 0, install.err);
  cpSync(join(repoRoot, 'examples', 'genai-healthcare'), join(app, 'genai-healthcare'), { recursive: true });
});

test('the tarball holds the CLI bundle, the manifest, README and LICENSE, and nothing else', (t) => {
  assert.deepEqual([...packed.files].sort(), ['LICENSE', 'README.md', 'dist/cli.js', 'package.json']);
  t.diagnostic(`npm package: ${packed.files.length} files, ${packed.size} bytes packed, ${packed.unpackedSize} bytes unpacked`);
  assert.ok(packed.size < 1_000_000, `packed size ${packed.size} bytes`);
});

test('installed with production dependencies only, it brings no other package', () => {
  assert.equal(pkg.dependencies, undefined, 'everything the CLI runs is bundled into dist/cli.js: libraries are devDependencies');
  assert.deepEqual(readdirSync(join(app, 'node_modules')).filter((n) => !n.startsWith('.')), ['citelens']);
  const installed = JSON.parse(readFileSync(join(app, 'node_modules', 'citelens', 'package.json'), 'utf8'));
  assert.equal(installed.version, pkg.version);
  assert.deepEqual(installed.bin, { citelens: './dist/cli.js' });
});

test('npx citelens --version prints package.json\'s version', () => {
  const r = run('npx', ['citelens', '--version'], app);
  assert.equal(r.code, 0, r.err);
  assert.equal(r.out, `${pkg.version}\n`);
});

test('npx citelens check on the example reports what the repository\'s build reports', () => {
  const r = run('npx', ['citelens', 'check', 'genai-healthcare'], app);
  assert.equal(r.code, 0, r.err);
  assert.match(r.out, /^genai-healthcare\/manuscript\.md:\d+:1 +warning +orphaned-reference +Reference \[6\] \(Shorten & Khoshgoftaar 2019/m);
  assert.match(r.out, /warning +citation-order +\[7\] is cited before \[6\] has been; numbered by first citation it would be \[6\]/);
  assert.match(r.out, /info +off-topic-citation +\[18\] may not support this claim: the claim is about diffusion models/);
  assert.match(r.out, /info +undefined-abbreviation +“HIPAA” is never defined/);
  assert.match(r.out, /^0 errors, \d+ warnings, \d+ info in 1 file \(1 checked\)\.$/m);
  // The same program as dist/cli.js (which prepack just built): the same report, byte for byte.
  const local = run(process.execPath, [join(repoRoot, 'dist', 'cli.js'), 'check', 'genai-healthcare'], app);
  assert.equal(r.out, local.out);

  const budget = run('npx', ['citelens', 'check', 'genai-healthcare', '--max-warnings', '0'], app);
  assert.equal(budget.code, 1, 'more warnings than the budget');
});
