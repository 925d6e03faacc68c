/**
 * Kind A, in-host: runs e2e/suite/index.ts inside code-server's real Node extension host, with Citelens loaded
 * from this repository in development mode (dist/client.js, dist/server.js must be built: scripts/e2e.sh does it)
 * and a copy of examples/genai-healthcare open. Each in-host result becomes a subtest here.
 *
 * Overrides: CITELENS_EXT_DIR (extension folder), CITELENS_E2E_WORKSPACE (workspace to copy),
 * CITELENS_E2E_SCOPE=client (only the tests that need no language server).
 */
import assert from 'node:assert/strict';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { after, before, test } from 'node:test';
import { build } from 'esbuild';
import { cacheDir, copyWorkspace, repoRoot, runInHostTests, startCodeServer, type CodeServer, type InHostRun } from './lib/codeServer';

const extensionDir = resolve(process.env.CITELENS_EXT_DIR ?? repoRoot);
const exampleDir = resolve(process.env.CITELENS_E2E_WORKSPACE ?? join(repoRoot, 'examples', 'genai-healthcare'));
const suiteBundle = join(cacheDir, 'suite', 'index.js');

let server: CodeServer | undefined;
let run: InHostRun;

before(async () => {
  for (const bundle of ['dist/client.js', 'dist/server.js']) {
    assert.ok(existsSync(join(extensionDir, bundle)), `${bundle} missing in ${extensionDir}: run \`node esbuild.mjs\` (scripts/e2e.sh does)`);
  }
  // The suite runs in the extension host as CommonJS; `vscode` is provided there.
  await build({ entryPoints: [join(__dirname, 'suite', 'index.ts')], outfile: suiteBundle, bundle: true, platform: 'node',
    target: 'node20', format: 'cjs', external: ['vscode'], sourcemap: 'inline', logLevel: 'warning' });
  const scope = process.env.CITELENS_E2E_SCOPE;
  server = await startCodeServer(scope ? { env: { CITELENS_E2E_SCOPE: scope } } : {});
  const workspace = copyWorkspace(server, exampleDir);
  const t0 = Date.now();
  run = await runInHostTests(server, workspace, { extensionDevelopmentPath: extensionDir, extensionTestsPath: suiteBundle });
  console.log(`# in-host suite: exit ${run.exitCode} after ${Date.now() - t0} ms (code-server up in ${server.startupMs} ms)`);
});

after(async () => {
  await server?.stop();
});

test('in-host suite', async (t) => {
  const results = run.logs
    .filter((line) => line.startsWith('CITELENS-E2E '))
    .map((line) => JSON.parse(line.slice('CITELENS-E2E '.length)) as { name: string; ok?: boolean; ms?: number; error?: string; skip?: string; todo?: string });
  const diagnostics = () => `${run.logs.filter((l) => !l.startsWith('CITELENS-E2E ')).slice(-30).join('\n')}\n${server?.logTail(20) ?? ''}`;
  assert.ok(results.length > 0, `the in-host suite reported nothing (exit ${run.exitCode}). Extension host output:\n${diagnostics()}`);
  for (const r of results) {
    if (r.ms !== undefined) console.log(`# in-host: ${r.name}: ${r.ms} ms`);
    await t.test(r.name, { skip: r.skip ?? false, todo: r.todo ?? false }, () => {
      if (r.ok === false) assert.fail(r.error);
    });
  }
  // Measurements the in-host tests log as `# …` lines (e.g. completion timings on a large bibliography).
  for (const line of run.logs) if (line.startsWith('# ')) console.log(`# in-host note: ${line.slice(2)}`);
  if (typeof run.exitCode === 'string') assert.fail(`in-host suite ${run.exitCode}\n${diagnostics()}`);
});

test('the language server keeps its compiled code in the extension’s storage (written when a server exits)', () => {
  // "Restart Server" in the suite above ended the first server, which had no code cache yet.
  const dir = join(server!.dirs.userData, 'User', 'globalStorage', 'citelens.citelens', 'code-cache');
  const files = existsSync(dir) ? readdirSync(dir).filter((f) => /^server-[0-9a-f]+\.bin$/.test(f)) : [];
  assert.equal(files.length, 1, `one code cache in ${dir}: ${files.join(', ') || 'none'}`);
  assert.ok(statSync(join(dir, files[0])).size > 100_000);
});
