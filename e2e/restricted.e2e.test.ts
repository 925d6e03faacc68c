/**
 * Restricted Mode in the real host: code-server with workspace trust ON (no startup prompt, so the new folder is
 * simply not trusted), Citelens loaded from the repository in development mode, and a workspace whose manuscript's
 * front matter says `bibliography: ../outside.bib`, a file that exists next to (outside) the folder. The tiny
 * in-host suite e2e/restricted/index.ts asserts the refusal diagnostic and that nothing from outside.bib is used.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { after, before, test } from 'node:test';
import { build } from 'esbuild';
import { cacheDir, repoRoot, runInHostTests, startCodeServer, type CodeServer, type InHostRun } from './lib/codeServer';

const extensionDir = resolve(process.env.CITELENS_EXT_DIR ?? repoRoot);
const suiteBundle = join(cacheDir, 'restricted', 'index.js');

const manuscript = `---
title: A review in an untrusted folder
bibliography: ../outside.bib
---
# Review

Outside works are cited here [@outsider2020].
`;
const outsideBib = `@article{outsider2020,
  author = {Outsider, Olga},
  title = {A Work Kept Outside},
  journal = {Journal of Elsewhere},
  year = {2020}
}
`;

let server: CodeServer | undefined;
let run: InHostRun;

before(async () => {
  for (const bundle of ['dist/client.js', 'dist/server.js']) {
    assert.ok(existsSync(join(extensionDir, bundle)), `${bundle} missing in ${extensionDir}: run \`node esbuild.mjs\` (scripts/e2e.sh does)`);
  }
  await build({ entryPoints: [join(__dirname, 'restricted', 'index.ts')], outfile: suiteBundle, bundle: true, platform: 'node',
    target: 'node20', format: 'cjs', external: ['vscode'], sourcemap: 'inline', logLevel: 'warning' });
  server = await startCodeServer({ workspaceTrust: true });
  const parent = join(server.dirs.root, 'restricted');
  const workspace = join(parent, 'review');
  mkdirSync(workspace, { recursive: true });
  writeFileSync(join(workspace, 'manuscript.md'), manuscript);
  writeFileSync(join(parent, 'outside.bib'), outsideBib);
  const t0 = Date.now();
  run = await runInHostTests(server, workspace, { extensionDevelopmentPath: extensionDir, extensionTestsPath: suiteBundle }, 120_000);
  console.log(`# restricted in-host suite: exit ${run.exitCode} after ${Date.now() - t0} ms (code-server up in ${server.startupMs} ms)`);
});

after(async () => {
  await server?.stop();
});

test('Restricted Mode (in-host)', async (t) => {
  const results = run.logs
    .filter((line) => line.startsWith('CITELENS-E2E '))
    .map((line) => JSON.parse(line.slice('CITELENS-E2E '.length)) as { name: string; ok?: boolean; ms?: number; error?: string });
  const diagnostics = () => `${run.logs.filter((l) => !l.startsWith('CITELENS-E2E ')).slice(-30).join('\n')}\n${server?.logTail(20) ?? ''}`;
  assert.ok(results.length > 0, `the in-host suite reported nothing (exit ${run.exitCode}). Extension host output:\n${diagnostics()}`);
  for (const r of results) {
    if (r.ms !== undefined) console.log(`# in-host: ${r.name}: ${r.ms} ms`);
    await t.test(r.name, () => {
      if (r.ok === false) assert.fail(`${r.error}\n${diagnostics()}`);
    });
  }
  if (typeof run.exitCode === 'string') assert.fail(`in-host suite ${run.exitCode}\n${diagnostics()}`);
});
