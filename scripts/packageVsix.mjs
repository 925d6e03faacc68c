#!/usr/bin/env node
// Packages the extension as a .vsix from a clean staging folder (run `node esbuild.mjs` first; `npm run package`
// does both).
//
//   node scripts/packageVsix.mjs [-o out.vsix]   package (default: citelens-<version>.vsix in the repository)
//   node scripts/packageVsix.mjs --ls            list the files the .vsix would hold (`vsce ls`), package nothing
//   node scripts/packageVsix.mjs --release …     refuse to package unless package.json names a `repository`
//   node scripts/packageVsix.mjs --repository URL …   package as if package.json named that repository (to see the
//                                                 Marketplace README before setting it; the tests use it)
//
// Why a staging folder: the bundles in dist/ hold every dependency, so the vsix needs no node_modules, and the
// staged package.json drops what is for npm and development only: devDependencies, scripts, bin and files (vsce
// refuses a `files` list beside a .vscodeignore, and the CLI is not in the vsix). vsce also refuses to package
// while devDependencies pin @types/vscode above engines.vscode (we type-check against 1.100 but support ^1.91);
// a manifest without them is what the marketplaces should see anyway. Works offline.
//
// The repository URL is the maintainer's to set (package.json `repository`; README, "Publishing"). With it, vsce
// turns the README's relative links and its screenshot into absolute URLs on that repository, as the Marketplace
// and Open VSX pages need. Without it we pass --allow-missing-repository (vsce would otherwise warn and ask) and
// --no-rewrite-relative-links (vsce would otherwise refuse: it cannot know where the screenshot lives), say so
// in one line, and the vsix is fine to install from a file; --release makes the missing repository an error.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const argv = process.argv.slice(2);
const outArg = argv.indexOf('-o');
const out = resolve(outArg >= 0 ? argv[outArg + 1] : join(root, `${pkg.name}-${pkg.version}.vsix`));
const listOnly = argv.includes('--ls');
const release = argv.includes('--release');
const repositoryArg = argv.indexOf('--repository');
if (repositoryArg >= 0) pkg.repository = { type: 'git', url: argv[repositoryArg + 1] };

for (const bundle of ['dist/client.js', 'dist/server.js', 'dist/citelensServer.js', 'dist/topicWorker.js']) {
  if (!existsSync(join(root, bundle))) {
    console.error(`packageVsix: ${bundle} is missing; run \`node esbuild.mjs\` first (or \`npm run package\`).`);
    process.exit(2);
  }
}
if (release && !pkg.repository) {
  console.error('packageVsix: --release needs a `repository` in package.json (the README\'s links and screenshot point there).');
  process.exit(2);
}

const stage = mkdtempSync(join(tmpdir(), 'citelens-vsix-'));
try {
  // What ships; .vscodeignore (copied too) is the allow-list inside these (e.g. it drops source maps and the CLI).
  for (const item of ['dist', 'syntaxes', 'schemas', 'images', 'README.md', 'LICENSE', 'CHANGELOG.md', '.vscodeignore']) {
    if (existsSync(join(root, item))) cpSync(join(root, item), join(stage, item), { recursive: true });
  }
  const manifest = { ...pkg };
  for (const key of ['dependencies', 'devDependencies', 'scripts', 'bin', 'files']) delete manifest[key];
  writeFileSync(join(stage, 'package.json'), JSON.stringify(manifest, null, 2) + '\n');
  const vsce = join(root, 'node_modules', '.bin', 'vsce');
  const repositoryFlags = pkg.repository ? [] : ['--allow-missing-repository', '--no-rewrite-relative-links'];
  const args = listOnly ? ['ls', '--no-dependencies'] : ['package', '--no-dependencies', ...repositoryFlags, '-o', out];
  if (!listOnly && !pkg.repository) {
    console.log('packageVsix: package.json names no `repository`: README links stay relative (fine for a local install; set it before publishing).');
  }
  const result = spawnSync(vsce, args, { cwd: stage, stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
} finally {
  rmSync(stage, { recursive: true, force: true });
}
