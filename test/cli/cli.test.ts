/**
 * The command line as a user runs it: the built `dist/cli.js` (npm test builds it first). On a real manuscript
 * of the shared data: test/eval/cliEval.test.ts.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { hugeParagraph } from '../helpers/hugeParagraph';
import { repoRoot } from '../helpers/shared';

const cli = join(repoRoot, 'dist', 'cli.js');
const example = join(repoRoot, 'examples', 'genai-healthcare');

function run(args: string[], cwd = repoRoot) {
  const r = spawnSync(process.execPath, [cli, ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' }, maxBuffer: 64 * 1024 * 1024 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

test('check on the example reports the orphaned [6], the out-of-order [7] and off-topic citations', () => {
  const r = run(['check', example]);
  assert.equal(r.code, 0, r.err);
  // The example's works have titles only: a poor fit is information, led by the citation, at most 200 characters.
  assert.match(r.out, /info +off-topic-citation +\[18\] may not support this claim: the claim is about diffusion models[^;]*; its title is about [^;]+\. Better fit: \[3\]\.\n/);
  assert.match(r.out, /info +off-topic-citation +\[12\] may not support this claim: /);
  assert.doesNotMatch(r.out, /off-topic-citation +\[1\] /);
  for (const line of r.out.split('\n').filter((l) => l.includes('off-topic-citation'))) assert.ok(line.split('off-topic-citation  ')[1].length <= 200, line);
  assert.match(r.out, /manuscript\.md:\d+:1 +warning +orphaned-reference +Reference \[6\] \(Shorten & Khoshgoftaar 2019/);
  assert.match(r.out, /warning +citation-order +\[7\] is cited before \[6\] has been; numbered by first citation it would be \[6\]/);
  assert.match(r.out, /0 errors, \d+ warnings/);
});

/** `check --format json` on the example, run once: the two tests below read different parts of the one output. */
let exampleJson: ReturnType<typeof run> | undefined;
const checkExampleJson = () => (exampleJson ??= run(['check', example, '--format', 'json']));

test('check --format json follows the contract, with 0-based ranges', () => {
  const r = checkExampleJson();
  const json = JSON.parse(r.out) as { version: number; files: { path: string; diagnostics: { code: string; severity: string; range: { start: { line: number; character: number } } }[] }[] };
  assert.equal(json.version, 1);
  const orphan = json.files[0].diagnostics.find((d) => d.code === 'orphaned-reference')!;
  const lines = readFileSync(join(example, 'manuscript.md'), 'utf8').split('\n');
  assert.match(lines[orphan.range.start.line], /^6\. Shorten/);
  assert.equal(orphan.range.start.character, 0);
});

test('check --format json carries the fit score, evidence and better fits of off-topic-citation', () => {
  const json = JSON.parse(checkExampleJson().out);
  const d = json.files[0].diagnostics.find((x: { code: string; message: string }) => x.code === 'off-topic-citation' && x.message.startsWith('[18] '));
  assert.equal(d.severity, 'information');
  assert.equal(d.data.evidence, 'title');
  assert.ok(d.data.score >= 0 && d.data.score < 0.1, String(d.data.score));
  assert.equal(d.data.suggestions[0].ref, '3');
  assert.equal(json.files[0].diagnostics.find((x: { code: string }) => x.code === 'orphaned-reference').data, undefined, 'other codes print no data');
});

test('check --format sarif and --max-warnings', () => {
  const sarif = JSON.parse(run(['check', example, '--format', 'sarif']).out);
  assert.equal(sarif.version, '2.1.0');
  assert.ok(sarif.runs[0].results.some((x: { ruleId: string }) => x.ruleId === 'citation-order'));
  const offTopic = sarif.runs[0].results.find((x: { ruleId: string; message: { text: string } }) => x.ruleId === 'off-topic-citation' && x.message.text.startsWith('[18] '));
  assert.equal(offTopic.level, 'note');
  assert.deepEqual(Object.keys(offTopic.properties), ['score', 'evidence', 'suggestions']);
  assert.equal(offTopic.properties.evidence, 'title');
  assert.equal(run(['check', example, '--max-warnings', '1']).code, 1);
  assert.equal(run(['check', example, '--max-warnings', '100']).code, 0);
});

test('usage and I/O failures exit 2 with a message, never a stack trace', () => {
  for (const args of [['check', 'no/such/file.md'], ['frobnicate'], ['check', '--format', 'xml', example], ['check', '--max-warnings', 'lots']]) {
    const r = run(args);
    assert.equal(r.code, 2, args.join(' '));
    assert.match(r.err, /^citelens: /);
    assert.doesNotMatch(r.err, /\n\s+at /);
  }
});

test('citations lists every citation with its claim and works', () => {
  const json = JSON.parse(run(['citations', join(example, 'manuscript.md')]).out);
  assert.equal(json.version, 1);
  const c18 = json.citations.find((c: { text: string }) => c.text === '[18]');
  assert.equal(c18.works[0].key, 'wachter2017right');
  assert.match(c18.works[0].title, /Right to Explanation/);
  assert.match(c18.claim, /diffusion/i);
  // Topic fit: the GDPR paper does not fit a claim about diffusion-model imaging; the GANs paper's title is too
  // short to judge ("Generative Adversarial Nets": three words, no abstract).
  assert.ok(c18.works[0].fit < 0.1, `fit of [18] is ${c18.works[0].fit}`); // below the title-only threshold
  const c1 = json.citations.find((c: { text: string }) => c.text === '[1]');
  assert.equal(c1.works[0].fit, null);
  for (const c of json.citations) for (const w of c.works) assert.ok(w.fit === null || (w.fit >= 0 && w.fit <= 1));
  const csv = run(['citations', join(example, 'manuscript.md'), '--format', 'csv']).out;
  assert.match(csv.split('\n')[0], /^path,line,column,citation,ref,key,title,fit,claim$/);
});


/** A temporary folder holding `files`, removed after `body`. */
function withFolder(files: Record<string, string>, body: (dir: string) => void): void {
  const dir = mkdtempSync(join(tmpdir(), 'citelens-cli-'));
  try {
    for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
    body(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

test('--bib replaces the front matter\'s bibliography, as --help says', () => {
  withFolder({
    'paper.md': '---\nbibliography: front.bib\n---\n\nCites [@fromfront] and [@frombib].\n',
    'front.bib': '@misc{fromfront, title = {Front}, author = {A, B}, year = {2020}}\n',
    'other.bib': '@misc{frombib, title = {Other}, author = {C, D}, year = {2021}}\n',
  }, (dir) => {
    const unresolved = (args: string[]) => (JSON.parse(run(['check', 'paper.md', '--format', 'json', ...args], dir).out).files[0].diagnostics as { code: string; message: string }[])
      .filter((d) => d.code === 'unresolved-citation').map((d) => d.message);
    assert.deepEqual(unresolved([]), ['No bibliography entry has the key “frombib”.']);
    assert.deepEqual(unresolved(['--bib', 'other.bib']), ['No bibliography entry has the key “fromfront”.']);
  });
});

test('a 262 KB paragraph with 4,000 citations and no full stop: citations and check complete', () => {
  const { manuscript, bib } = hugeParagraph();
  withFolder({ 'paper.md': manuscript, 'refs.bib': bib }, (dir) => {
    const cited = run(['citations', 'paper.md'], dir);
    assert.equal(cited.code, 0, cited.err);
    const rows = JSON.parse(cited.out).citations as { text: string; claim: string }[];
    assert.equal(rows.length, 4_000);
    // Each claim is a bounded piece of the run-on "sentence" holding its citation, not the whole paragraph.
    for (const row of rows) {
      assert.ok(row.claim.length <= 1_600, `claim of ${row.claim.length} characters`);
      assert.ok(row.claim.includes(row.text), `${row.text} in its claim`);
    }
    const checked = run(['check', 'paper.md', '--format', 'json'], dir);
    assert.equal(checked.code, 0, checked.err);
    assert.deepEqual(JSON.parse(checked.out).files[0].diagnostics.filter((d: { code: string }) => d.code !== 'off-topic-citation'), []);
  });
});
