/**
 * The CI channel: the composite GitHub Action (action.yml) around scripts/action/check.sh, and the pre-commit hook.
 * The action's steps are run here as the Actions runner runs them — inputs and step outputs substituted, `if:`
 * conditions evaluated, `run:` under `bash --noprofile --norc -eo pipefail` with GITHUB_OUTPUT, GITHUB_STEP_SUMMARY
 * and GITHUB_ACTION_PATH — except the two `uses:` steps (setup-node, upload-sarif), which are only checked to be
 * reached with the right inputs. The CLI is the repository's build (CITELENS_CLI), not `npx citelens@VERSION`.
 * Every SARIF log is validated against the SARIF 2.1.0 JSON schema (the schema file shipped in the npm package
 * @microsoft/jest-sarif, validated with Ajv's draft-04 class and ajv-formats).
 * Run by .ci/run (channel tests).
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import Ajv04 from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import { parse } from 'yaml';
import { repoRoot } from '../helpers/shared';

interface Step {
  id?: string;
  if?: string;
  uses?: string;
  with?: Record<string, string>;
  shell?: string;
  env?: Record<string, string>;
  run?: string;
}
interface Action {
  inputs: Record<string, { description: string; default?: string }>;
  outputs: Record<string, { value: string }>;
  runs: { using: string; steps: Step[] };
}
interface SarifLog {
  version: string;
  runs: { tool: { driver: { name: string; version: string } }; results: { ruleId: string; level: string; locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }[] }[];
}

const action = parse(readFileSync(join(repoRoot, 'action.yml'), 'utf8')) as Action;
const pkg = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8'));
const cli = join(repoRoot, 'dist', 'cli.js');
const work = mkdtempSync(join(tmpdir(), 'citelens-action-test-'));
after(() => rmSync(work, { recursive: true, force: true }));
before(() => {
  if (!existsSync(cli)) assert.equal(spawnSync(process.execPath, ['esbuild.mjs'], { cwd: repoRoot }).status, 0);
});

const schema = JSON.parse(readFileSync(join(repoRoot, 'node_modules', '@microsoft', 'jest-sarif', 'lib', 'schemas', 'sarif-2.1.0-rtm.5.json'), 'utf8'));
// unicodeRegExp: false — the schema's `language` pattern (`…{2}]?$`) is valid only without the u flag.
const ajv = new Ajv04({ allErrors: true, strict: false, unicodeRegExp: false });
addFormats(ajv);
const validateSarif = ajv.compile(schema);

function assertValidSarif(log: unknown): asserts log is SarifLog {
  const ok = validateSarif(log);
  assert.ok(ok, `SARIF 2.1.0 schema: ${ajv.errorsText(validateSarif.errors?.slice(0, 3), { separator: '\n' })}`);
}

/** A `${{ … }}` expression of the kinds action.yml uses: `inputs.NAME` and `steps.ID.outputs.NAME`. */
function value(expression: string, inputs: Record<string, string>, outputs: Record<string, Record<string, string>>): string {
  const e = expression.trim();
  let m = /^inputs\.([\w-]+)$/.exec(e);
  if (m) {
    assert.ok(m[1] in action.inputs, `action.yml uses an undeclared input ${m[1]}`);
    return inputs[m[1]] ?? action.inputs[m[1]].default ?? '';
  }
  m = /^steps\.([\w-]+)\.outputs\.([\w-]+)$/.exec(e);
  if (m) return outputs[m[1]]?.[m[2]] ?? '';
  m = /^'([^']*)'$/.exec(e);
  if (m) return m[1];
  throw new Error(`expression the test does not know: ${e}`);
}
const substitute = (text: string, inputs: Record<string, string>, outputs: Record<string, Record<string, string>>) =>
  text.replace(/\$\{\{(.*?)\}\}/g, (_, e: string) => value(e, inputs, outputs));

/** An `if:` of the form `A == 'x' && B != ''`. */
function condition(expression: string, inputs: Record<string, string>, outputs: Record<string, Record<string, string>>): boolean {
  return expression.split('&&').every((part) => {
    const m = /^\s*(.+?)\s*(==|!=)\s*(.+?)\s*$/.exec(part);
    assert.ok(m, `if: the test does not know ${part}`);
    const equal = value(m[1], inputs, outputs) === value(m[3], inputs, outputs);
    return m[2] === '==' ? equal : !equal;
  });
}

interface ActionRun {
  /** The job's result: the exit code of the first failing `run:` step, else 0. */
  code: number;
  outputs: Record<string, string>;
  /** The `uses:` steps that ran, with their resolved inputs. */
  used: { uses: string; with: Record<string, string> }[];
  log: string;
  summary: string;
}

function runAction(cwd: string, inputs: Record<string, string>): ActionRun {
  assert.equal(action.runs.using, 'composite');
  const outputs: Record<string, Record<string, string>> = {};
  const used: ActionRun['used'] = [];
  let log = '';
  const summaryFile = join(cwd, '.step-summary');
  writeFileSync(summaryFile, '');
  for (const [index, step] of action.runs.steps.entries()) {
    if (step.if !== undefined && !condition(step.if, inputs, outputs)) continue;
    if (step.uses) {
      used.push({ uses: step.uses, with: Object.fromEntries(Object.entries(step.with ?? {}).map(([k, v]) => [k, substitute(String(v), inputs, outputs)])) });
      continue;
    }
    assert.equal(step.shell, 'bash');
    const outputFile = join(cwd, `.step-output-${index}`);
    const script = join(cwd, `.step-${index}.sh`);
    writeFileSync(outputFile, '');
    writeFileSync(script, step.run!);
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      CITELENS_CLI: `${process.execPath} ${cli}`,
      NO_COLOR: '1',
      GITHUB_ACTION_PATH: repoRoot,
      GITHUB_OUTPUT: outputFile,
      GITHUB_STEP_SUMMARY: summaryFile,
    };
    for (const [k, v] of Object.entries(step.env ?? {})) env[k] = substitute(String(v), inputs, outputs);
    const r = spawnSync('bash', ['--noprofile', '--norc', '-eo', 'pipefail', script], { cwd, encoding: 'utf8', env });
    log += r.stdout + r.stderr;
    if (step.id) {
      outputs[step.id] = Object.fromEntries(readFileSync(outputFile, 'utf8').split('\n').filter(Boolean).map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]));
    }
    if (r.status !== 0) return { code: r.status ?? 1, outputs: outputs.check ?? {}, used, log, summary: readFileSync(summaryFile, 'utf8') };
  }
  return { code: 0, outputs: outputs.check ?? {}, used, log, summary: readFileSync(summaryFile, 'utf8') };
}

/** A manuscript repository holding a copy of the example in `paper/`. */
function repository(name: string): string {
  const dir = join(work, name);
  cpSync(join(repoRoot, 'examples', 'genai-healthcare'), join(dir, 'paper'), { recursive: true });
  return dir;
}

function textSummary(cwd: string, path: string): { errors: number; warnings: number; infos: number } {
  const r = spawnSync(process.execPath, [cli, 'check', path], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  const m = /^(\d+) errors?, (\d+) warnings?, (\d+) info/m.exec(r.stdout);
  assert.ok(m, r.stdout);
  return { errors: Number(m[1]), warnings: Number(m[2]), infos: Number(m[3]) };
}

test('within the warnings budget: passes, writes a valid SARIF log and uploads it', () => {
  const repo = repository('within');
  const counts = textSummary(repo, 'paper');
  assert.equal(counts.errors, 0);
  const run = runAction(repo, { path: 'paper', 'max-warnings': String(counts.warnings) });
  assert.equal(run.code, 0, run.log);
  assert.deepEqual(run.outputs, { errors: '0', warnings: String(counts.warnings), notes: String(counts.infos), 'sarif-file': 'citelens.sarif' });
  assert.match(run.log, new RegExp(`Citelens passed: 0 errors, ${counts.warnings} warnings \\(budget: ${counts.warnings}\\), ${counts.infos} notes → citelens.sarif`));
  assert.match(run.summary, /Citelens passed/);

  const log = JSON.parse(readFileSync(join(repo, 'citelens.sarif'), 'utf8'));
  assertValidSarif(log);
  assert.equal(log.runs[0].tool.driver.name, 'citelens');
  assert.equal(log.runs[0].tool.driver.version, pkg.version);
  const results = log.runs[0].results;
  assert.equal(results.length, counts.warnings + counts.infos);
  assert.ok(results.some((r) => r.ruleId === 'orphaned-reference' && r.level === 'warning'));
  assert.ok(results.some((r) => r.ruleId === 'citation-order' && r.level === 'warning'));
  assert.ok(results.some((r) => r.ruleId === 'undefined-abbreviation' && r.level === 'note'));
  // Paths relative to the repository root, as code scanning needs them.
  assert.ok(results.every((r) => r.locations[0].physicalLocation.artifactLocation.uri === 'paper/manuscript.md'));

  assert.deepEqual(run.used.map((u) => u.uses.replace(/@.*/, '')), ['actions/setup-node', 'github/codeql-action/upload-sarif']);
  assert.deepEqual(run.used[1].with, { sarif_file: 'citelens.sarif', category: 'citelens' });
});

test('over the warnings budget: the SARIF is still uploaded, then the step fails', () => {
  const repo = repository('over');
  // One warning under what the example has (its orphan and order warnings; off-topic fits of its title-only works are notes).
  const budget = textSummary(repo, 'paper').warnings - 1;
  assert.ok(budget >= 0, 'the example has warnings');
  const run = runAction(repo, { path: 'paper', 'max-warnings': String(budget), 'sarif-file': 'out/citations.sarif', 'node-version': '' });
  assert.equal(run.code, 1, run.log);
  assert.match(run.log, new RegExp(`Citelens failed: 0 errors, \\d+ warnings \\(budget: ${budget}\\)`));
  assert.match(run.log, /::error title=Citelens::The citation check failed \(exit 1\)/);
  assertValidSarif(JSON.parse(readFileSync(join(repo, 'out', 'citations.sarif'), 'utf8')));
  assert.deepEqual(run.used, [{ uses: run.used[0].uses, with: { sarif_file: 'out/citations.sarif', category: 'citelens' } }], 'no setup-node with node-version empty; the upload runs');
});

test('errors fail the check whatever the budget; upload: false only writes the SARIF', () => {
  const repo = repository('errors');
  const manuscript = join(repo, 'paper', 'manuscript.md');
  writeFileSync(manuscript, readFileSync(manuscript, 'utf8').replace('\n## References', '\nA claim that cites a work the list does not hold [42].\n\n## References'));
  const run = runAction(repo, { path: 'paper', upload: 'false' });
  assert.equal(run.code, 1);
  assert.ok(Number(run.outputs.errors) >= 1, run.log);
  const log = JSON.parse(readFileSync(join(repo, 'citelens.sarif'), 'utf8'));
  assertValidSarif(log);
  assert.ok(log.runs[0].results.some((r) => r.ruleId === 'unresolved-citation' && r.level === 'error'));
  assert.ok(run.used.every((u) => !u.uses.includes('upload-sarif')));
});

test('when Citelens cannot run: exit 2, no SARIF left, nothing uploaded', () => {
  const repo = repository('broken');
  for (const inputs of [{ path: 'no/such/folder' }, { path: 'paper', 'max-warnings': 'lots' }] as Record<string, string>[]) {
    const run = runAction(repo, inputs);
    assert.equal(run.code, 2, run.log);
    assert.equal(run.outputs['sarif-file'], undefined);
    assert.equal(existsSync(join(repo, 'citelens.sarif')), false);
    assert.ok(run.used.every((u) => !u.uses.includes('upload-sarif')));
  }
});

test('check.sh on its own (any CI): several paths, extra arguments, exit code as the CLI', () => {
  const repo = repository('standalone');
  cpSync(join(repo, 'paper'), join(repo, 'second'), { recursive: true });
  const r = spawnSync('bash', [join(repoRoot, 'scripts', 'action', 'check.sh')], {
    cwd: repo,
    encoding: 'utf8',
    env: { ...process.env, GITHUB_OUTPUT: '', GITHUB_STEP_SUMMARY: '', CITELENS_CLI: `${process.execPath} ${cli}`, CITELENS_PATHS: 'paper\n  second  \n', CITELENS_ARGS: '--bib paper/references.bib', CITELENS_SARIF_FILE: 'ci.sarif' },
  });
  assert.equal(r.status, 0, r.stderr);
  const log = JSON.parse(readFileSync(join(repo, 'ci.sarif'), 'utf8'));
  assertValidSarif(log);
  assert.deepEqual([...new Set(log.runs[0].results.map((x) => x.locations[0].physicalLocation.artifactLocation.uri))].sort(), ['paper/manuscript.md', 'second/manuscript.md']);
});

test('check.sh runs `npx --yes citelens@<package.json version>` unless told otherwise', () => {
  const script = readFileSync(join(repoRoot, 'scripts', 'action', 'check.sh'), 'utf8');
  assert.match(script, /cli=\(npx --yes "citelens@\$version"\)/);
  assert.match(script, /require\(process\.argv\[1\]\)\.version" "\$root\/package\.json"/);
  for (const name of Object.values(action.runs.steps.find((s) => s.id === 'check')!.env!).map(String)) assert.match(name, /^\$\{\{ inputs\.[\w-]+ \}\}$/);
  for (const variable of Object.keys(action.runs.steps.find((s) => s.id === 'check')!.env!)) assert.ok(script.includes(`#   ${variable}`), `check.sh documents ${variable}`);
  // Every input is used by some step.
  const text = readFileSync(join(repoRoot, 'action.yml'), 'utf8');
  for (const input of Object.keys(action.inputs)) assert.ok(text.includes(`inputs.${input}`), `input ${input} is used`);
});

test('SARIF for a manuscript folder whose name has a space: a percent-encoded uri-reference', () => {
  const dir = join(work, 'spaces');
  cpSync(join(repoRoot, 'examples', 'genai-healthcare'), join(dir, 'my paper'), { recursive: true });
  const r = spawnSync(process.execPath, [cli, 'check', 'my paper', '--format', 'sarif'], { cwd: dir, encoding: 'utf8' });
  const log = JSON.parse(r.stdout);
  assertValidSarif(log);
  assert.equal(log.runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri, 'my%20paper/manuscript.md');
});

test('the pre-commit hook runs the package\'s own command on manuscript, bibliography and taxonomy changes', () => {
  const hooks = parse(readFileSync(join(repoRoot, '.pre-commit-hooks.yaml'), 'utf8')) as { id: string; entry: string; language: string; files: string; pass_filenames: boolean }[];
  assert.equal(hooks.length, 1);
  const [hook] = hooks;
  assert.equal(hook.id, 'citelens');
  assert.equal(hook.language, 'node');
  assert.equal(hook.entry, 'citelens check');
  assert.ok(hook.entry.split(' ')[0] in pkg.bin, 'the entry is the npm package\'s bin');
  assert.equal(pkg.scripts.prepack, 'node esbuild.mjs', 'pre-commit installs the hook with npm pack: prepack builds dist/cli.js');
  assert.equal(hook.pass_filenames, false);
  // pre-commit reads `files` as a Python regular expression; (?i) is its case-insensitive flag.
  const files = new RegExp(hook.files.replace(/^\(\?i\)/, ''), hook.files.startsWith('(?i)') ? 'i' : '');
  for (const f of ['paper/manuscript.md', 'chapter.qmd', 'notes.Rmd', 'references.bib', 'taxonomy.yaml', 'paper/taxonomy.json']) assert.match(f, files);
  for (const f of ['src/app.ts', 'package.json', '.github/workflows/ci.yml']) assert.doesNotMatch(f, files);
});

test('the README\'s CI recipes parse and use the action\'s inputs and the hook\'s id', () => {
  const readme = readFileSync(join(repoRoot, 'README.md'), 'utf8');
  const blocks = [...readme.matchAll(/```yaml\n([\s\S]*?)```/g)].map((m) => parse(m[1]) as unknown);
  assert.ok(blocks.length >= 3);
  const workflow = blocks.find((b): b is { jobs: Record<string, { steps: Step[] }> } => typeof b === 'object' && b !== null && 'jobs' in b)!;
  const step = Object.values(workflow.jobs)[0].steps.find((s) => s.uses?.includes('/citelens@'))!;
  assert.equal(step.uses, `<owner>/citelens@v${pkg.version}`);
  for (const input of Object.keys(step.with ?? {})) assert.ok(input in action.inputs, `README uses input ${input}`);
  const precommit = blocks.find((b): b is { repos: { rev: string; hooks: { id: string }[] }[] } => typeof b === 'object' && b !== null && 'repos' in b)!;
  assert.equal(precommit.repos[0].rev, `v${pkg.version}`);
  assert.equal(precommit.repos[0].hooks[0].id, 'citelens');
  for (const [name, info] of Object.entries(action.inputs)) assert.ok(readme.includes(`| \`${name}\` |`), `README documents input ${name}: ${info.description}`);
  // Versions the README names (npx citelens@…, citelens-….vsix, rev/tag v…) follow package.json's.
  const named = [...readme.matchAll(/citelens[@-](\d+\.\d+\.\d+)|(?:rev: |citelens@)v(\d+\.\d+\.\d+)/g)].map((m) => m[1] ?? m[2]);
  assert.ok(named.length >= 5);
  assert.deepEqual([...new Set(named)], [pkg.version], 'README versions follow package.json');
});
