/**
 * The import rules `npm run lint` enforces (.dependency-cruiser.cjs, docs/design.md "Folders") fail when broken:
 * each case writes a small tree under the real folder names into a temporary directory and runs dependency-cruiser
 * there with the repository's configuration.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { test } from 'node:test';
import { repoRoot } from '../helpers/shared';

const depcruise = join(repoRoot, 'node_modules', 'dependency-cruiser', 'bin', 'dependency-cruise.mjs');

/** The rules dependency-cruiser reports for the files `tree` (path → source), sorted and de-duplicated. */
function violations(tree: Record<string, string>): string[] {
  const dir = mkdtempSync(join(tmpdir(), 'citelens-imports-'));
  try {
    copyFileSync(join(repoRoot, '.dependency-cruiser.cjs'), join(dir, '.dependency-cruiser.cjs'));
    writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify({ compilerOptions: { module: 'preserve', moduleResolution: 'bundler', strict: true } }));
    for (const [path, source] of Object.entries(tree)) {
      mkdirSync(dirname(join(dir, path)), { recursive: true });
      writeFileSync(join(dir, path), source);
    }
    const run = spawnSync(process.execPath, [depcruise, 'server/src', '--config', '.dependency-cruiser.cjs', '--output-type', 'json'], { cwd: dir, encoding: 'utf8' });
    const result = JSON.parse(run.stdout) as { summary: { violations: { rule: { name: string } }[] } };
    return [...new Set(result.summary.violations.map((v) => v.rule.name))].sort();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

test('a tree that keeps the layers passes', () => {
  assert.deepEqual(violations({
    'server/src/service/util/search.ts': 'export const a = 1;\n',
    'server/src/service/bibtex/parse.ts': "import { a } from '../util/search';\nexport const b = a;\n",
    'server/src/service/features/hover.ts': "import { b } from '../bibtex/parse';\nexport const c = b;\n",
  }), []);
});

const cases: [string, Record<string, string>, string[]][] = [
  ['an import cycle', {
    'server/src/service/checks/a.ts': "import { b } from './b';\nexport const a = () => b;\n",
    'server/src/service/checks/b.ts': "import { a } from './a';\nexport const b = () => a;\n",
  }, ['no-cycle']],
  ['a parser importing an editor feature', {
    'server/src/service/features/completion.ts': 'export const rows = 1;\n',
    'server/src/service/bibtex/index.ts': "import { rows } from '../features/completion';\nexport const x = rows;\n",
  }, ['layer-parsers']],
  ['the core reading the disk', { 'server/src/service/markdown/read.ts': "import { readFileSync } from 'fs';\nexport const r = readFileSync;\n" }, ['core-no-io-modules']],
  ['the core importing a host', {
    'server/src/lsp/server.ts': 'export const s = 1;\n',
    'server/src/service/checks/c.ts': "import { s } from '../../lsp/server';\nexport const c = s;\n",
  }, ['core-knows-no-host']],
  ['a feature running the pipeline', {
    'server/src/service/pipeline/run.ts': 'export const run = 1;\n',
    'server/src/service/features/f.ts': "import { run } from '../pipeline/run';\nexport const f = run;\n",
  }, ['layer-features', 'layer-pipeline']],
];

for (const [name, tree, rules] of cases) {
  test(`lint fails on ${name}`, () => {
    assert.deepEqual(violations(tree), rules);
  });
}
