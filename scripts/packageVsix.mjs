#!/usr/bin/env node
// Packages the extension as a .vsix from a clean staging folder (run `node esbuild.mjs` first; `npm run package`
// does both). Usage: node scripts/packageVsix.mjs [-o out.vsix]   (default: citelens-<version>.vsix)
//
// Why a staging folder: the bundles in dist/ hold every dependency, so the vsix needs no node_modules, and the
// staged package.json drops dependencies, devDependencies, scripts and bin (the CLI is not in the vsix). vsce
// refuses to package while devDependencies pin @types/vscode above engines.vscode (we type-check against 1.100
// but support ^1.91); a manifest without them is what the marketplace should see anyway. Works offline.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const outArg = process.argv.indexOf('-o');
const out = resolve(outArg > 0 ? process.argv[outArg + 1] : join(root, `${pkg.name}-${pkg.version}.vsix`));

for (const bundle of ['dist/client.js', 'dist/server.js', 'dist/citelensServer.js', 'dist/topicWorker.js']) {
  if (!existsSync(join(root, bundle))) {
    console.error(`packageVsix: ${bundle} is missing; run \`node esbuild.mjs\` first (or \`npm run package\`).`);
    process.exit(2);
  }
}

const stage = mkdtempSync(join(tmpdir(), 'citelens-vsix-'));
try {
  // What ships; .vscodeignore (copied too) filters inside these (e.g. drops source maps).
  for (const item of ['dist', 'syntaxes', 'schemas', 'images', 'README.md', 'LICENSE', 'LICENSE.md', 'CHANGELOG.md', '.vscodeignore']) {
    if (existsSync(join(root, item))) cpSync(join(root, item), join(stage, item), { recursive: true });
  }
  const manifest = { ...pkg };
  for (const key of ['dependencies', 'devDependencies', 'scripts', 'bin']) delete manifest[key];
  writeFileSync(join(stage, 'package.json'), JSON.stringify(manifest, null, 2) + '\n');
  const vsce = join(root, 'node_modules', '.bin', 'vsce');
  const args = ['package', '--no-dependencies', '--allow-missing-repository', '--skip-license', '--no-rewrite-relative-links', '-o', out];
  const result = spawnSync(vsce, args, { cwd: stage, stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
} finally {
  rmSync(stage, { recursive: true, force: true });
}
