/**
 * The VS Code Marketplace / Open VSX channel: `npm run package` builds a .vsix that vsce packages without a
 * warning, holding exactly what the extension needs (the bundles, grammar, schema, icon, manifest, README,
 * CHANGELOG, LICENSE) — every file its manifest names, no source map, CLI or node_modules — and a manifest with
 * the metadata the marketplaces show and nothing that is for npm or development only.
 * Run by .ci/run (channel tests); it rebuilds dist/, so run the packaging tests one file at a time.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { repoRoot } from '../helpers/shared';
import { readZip } from './zip';

const pkg = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8'));
const work = mkdtempSync(join(tmpdir(), 'citelens-vsix-test-'));
after(() => rmSync(work, { recursive: true, force: true }));

/** What the extension needs at run time and on its Marketplace page, as `vsce ls` names them. */
const SHIPPED = [
  'CHANGELOG.md',
  'LICENSE',
  'README.md',
  'dist/citelensServer.js',
  'dist/client.js',
  'dist/server.js',
  'dist/topicWorker.js',
  'images/icon.png',
  'package.json',
  'schemas/taxonomy.schema.json',
  'syntaxes/citelens.injection.tmLanguage.json',
];

function run(command: string, args: string[]) {
  const r = spawnSync(command, args, { cwd: repoRoot, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' } });
  return { code: r.status, out: r.stdout + r.stderr };
}

test('npm run package builds a .vsix without a vsce warning, holding only what the extension needs', (t) => {
  const vsix = join(work, 'citelens.vsix');
  // `npm run package -- -o FILE`: npm appends the arguments to the script's last command (packageVsix.mjs).
  const r = run('npm', ['run', 'package', '--', '-o', vsix]);
  assert.equal(r.code, 0, r.out);
  assert.doesNotMatch(r.out, /WARNING|\bwarn/i, 'vsce package gives no warnings');
  assert.match(r.out, /DONE\s+Packaged/);

  const zip = readZip(readFileSync(vsix));
  const names = [...zip.keys()].sort();
  // vsce renames README.md, CHANGELOG.md and LICENSE in the package, and adds its own two manifest files.
  const renamed: Record<string, string> = { 'README.md': 'readme.md', 'CHANGELOG.md': 'changelog.md', LICENSE: 'LICENSE.txt' };
  const expected = ['[Content_Types].xml', 'extension.vsixmanifest', ...SHIPPED.map((f) => `extension/${renamed[f] ?? f}`)].sort();
  assert.deepEqual(names, expected);

  // The manifest in the .vsix: the marketplace metadata, nothing for npm or development.
  const manifest = JSON.parse(zip.get('extension/package.json')!.read().toString('utf8'));
  assert.equal(manifest.version, pkg.version);
  assert.equal(manifest.license, 'MIT');
  assert.deepEqual(manifest.keywords, pkg.keywords);
  for (const key of ['dependencies', 'devDependencies', 'scripts', 'bin', 'files']) assert.equal(manifest[key], undefined, key);
  const vsixManifest = zip.get('extension.vsixmanifest')!.read().toString('utf8');
  assert.match(vsixManifest, /<License>extension\/LICENSE\.txt<\/License>/);
  assert.match(vsixManifest, /Microsoft\.VisualStudio\.Services\.Content\.Changelog/);
  for (const keyword of ['citations', 'BibTeX', 'Pandoc', 'Quarto', 'Manubot', 'systematic review']) {
    assert.ok(vsixManifest.includes(keyword), `tag ${keyword}`);
  }

  // Every file the manifest points at is in the package.
  const referenced = [
    manifest.main,
    manifest.icon,
    ...manifest.contributes.grammars.map((g: { path: string }) => g.path),
    ...manifest.contributes.jsonValidation.map((v: { url: string }) => v.url),
    ...manifest.contributes.yamlValidation.map((v: { url: string }) => v.url),
  ];
  for (const file of referenced) assert.ok(zip.has(`extension/${file.replace(/^\.\//, '')}`), `${file} is in the .vsix`);
  // The client starts dist/server.js, which loads dist/citelensServer.js and, for large bibliographies, dist/topicWorker.js.
  for (const file of ['dist/server.js', 'dist/citelensServer.js', 'dist/topicWorker.js']) assert.ok(zip.has(`extension/${file}`), file);

  const size = statSync(vsix).size;
  const unpacked = [...zip.values()].reduce((sum, e) => sum + e.size, 0);
  t.diagnostic(`.vsix: ${zip.size} files, ${size} bytes packed, ${unpacked} bytes unpacked`);
  assert.ok(size < 1024 * 1024, `the .vsix stays under 1 MiB (${size} bytes)`);
});

test('vsce ls lists exactly the shipped files', () => {
  const r = run(process.execPath, [join('scripts', 'packageVsix.mjs'), '--ls']);
  assert.equal(r.code, 0, r.out);
  assert.deepEqual(r.out.trim().split('\n').sort(), SHIPPED);
});

test('--release refuses to package while package.json names no repository', { skip: pkg.repository ? 'package.json names a repository' : false }, () => {
  const r = run(process.execPath, [join('scripts', 'packageVsix.mjs'), '--release', '-o', join(work, 'release.vsix')]);
  assert.equal(r.code, 2);
  assert.match(r.out, /--release needs a `repository` in package\.json/);
});

test('with a repository, the Marketplace README links to it: the screenshot and every relative link become absolute', () => {
  // What `npm run package` does once package.json names a repository (an example URL: the maintainer sets the real one).
  const vsix = join(work, 'with-repository.vsix');
  const r = run(process.execPath, [join('scripts', 'packageVsix.mjs'), '--release', '--repository', 'https://github.com/example-owner/citelens.git', '-o', vsix]);
  assert.equal(r.code, 0, r.out);
  assert.doesNotMatch(r.out, /WARNING|\bwarn/i);
  const zip = readZip(readFileSync(vsix));
  const readme = zip.get('extension/readme.md')!.read().toString('utf8');
  assert.match(readme, /!\[[^\]]*\]\(https:\/\/github\.com\/example-owner\/citelens\/raw\/HEAD\/docs\/images\/example-diagnostics\.png\)/);
  // The screenshot is the first thing after the opening paragraph.
  assert.ok(readme.indexOf('example-diagnostics.png') < readme.indexOf('## Install'));
  const links = [...readme.matchAll(/\]\(([^)\s]+)\)/g)].map((m) => m[1]);
  for (const link of links) assert.match(link, /^(https:\/\/|#)/, `link ${link}`);
});
