/**
 * The table of checks (server/src/service/problems/catalog.ts) is the one list of diagnostic codes: the README's
 * Diagnostics table and package.json's `citelens.diagnostics.severity` setting must say what it says, in its order,
 * so a code cannot be added, renamed or re-defaulted in one place only. Also: every code's quick fixes are keyed
 * by a code of the table, and a problem's message and data are made from its facts.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { checks, defaultSeverity, diagnosticCodes, isDiagnosticCode } from '../../server/src/service/problems/catalog';
import { severities } from '../../server/src/service/problems/catalog/check';
import { problem } from '../../server/src/service/problems/problem';
import { quickFixes } from '../../server/src/service/features/quickFixes';

const root = join(import.meta.dirname, '..', '..');

/** The rows of the README's Diagnostics table: `| \`code\` | default | raised when |`. */
function readmeRows(): { code: string; severity: string; summary: string }[] {
  const readme = readFileSync(join(root, 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('\n## Diagnostics\n'));
  const body = section.slice(0, section.indexOf('\n## ', 1));
  const rows = [...body.matchAll(/^\| `([^`]+)` \| ([^|]+) \| (.*) \|$/gm)];
  return rows.map((m) => ({ code: m[1], severity: m[2].trim(), summary: m[3].trim() }));
}

test('the README lists every code of the table, in its order, with its default severity and summary', () => {
  const expected = diagnosticCodes.map((code) => ({ code, severity: checks[code].severity, summary: checks[code].summary }));
  assert.deepEqual(readmeRows(), expected);
});

test('package.json documents a severity setting for every code of the table, in its order, with its description', () => {
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  const setting = pkg.contributes.configuration.properties['citelens.diagnostics.severity'];
  assert.equal(setting.additionalProperties, false, 'no setting for a code that does not exist');
  assert.deepEqual(Object.keys(setting.properties), diagnosticCodes);
  for (const code of diagnosticCodes) {
    // Each code can take any severity, or `ignore` (the check is off: `SeveritySetting`).
    assert.deepEqual(setting.properties[code], { type: 'string', enum: [...severities, 'ignore'], markdownDescription: checks[code].setting }, code);
  }
});

test('default severities and codes are the table\'s', () => {
  assert.deepEqual(Object.keys(defaultSeverity), diagnosticCodes);
  for (const code of diagnosticCodes) {
    assert.equal(defaultSeverity[code], checks[code].severity);
    assert.ok(isDiagnosticCode(code));
  }
  assert.equal(isDiagnosticCode('no-such-code'), false);
  assert.equal(isDiagnosticCode('toString'), false, 'not an inherited property');
});

test('quick fixes are keyed by codes of the table', () => {
  for (const code of Object.keys(quickFixes)) assert.ok(isDiagnosticCode(code), code);
});

test('a problem is made from its facts: message and data from the table, the facts kept', () => {
  const span = { start: 3, end: 9 };
  const facts = { kind: 'unknown-key' as const, key: 'smtih2020', suggestions: ['smith2020'] };
  const made = problem('unresolved-citation', '/r/paper.md', span, facts);
  assert.deepEqual(made, {
    code: 'unresolved-citation',
    message: 'No bibliography entry has the key “smtih2020”. Did you mean “smith2020”?',
    span,
    uri: '/r/paper.md',
    facts,
    data: { suggestions: ['smith2020'] },
  });
  // No data for a code (or a finding) that carries none: the property is absent, not undefined.
  assert.equal('data' in problem('unresolved-citation', '/r/paper.md', span, { kind: 'no-bibliography', key: 'a' }), false);
  assert.equal('related' in made, false);
});

test('an orphan placed by topic fit is worded from its own facts and the fits', () => {
  const base = { kind: 'list-item', number: 6, work: 'Shorten & Khoshgoftaar 2019, “A survey…”' } as const;
  const fit = { uri: '/r/paper.md', span: { start: 0, end: 40 }, score: 0.361, claim: 'In healthcare,   diffusion models synthesise images for rare diseases.' };
  const plain = problem('orphaned-reference', '/r/paper.md', span(), base);
  const placed = problem('orphaned-reference', '/r/paper.md', span(), { ...base, fits: [fit] });
  assert.equal(plain.message, 'Reference [6] (Shorten & Khoshgoftaar 2019, “A survey…”) is never cited. Cite it where it supports a claim, or remove it from the list.');
  assert.equal(placed.message, 'Reference [6] (Shorten & Khoshgoftaar 2019, “A survey…”) is never cited. It would fit best at: “In healthcare, diffusion models synthesise images for rare…” (fit 0.36).');
  assert.deepEqual(plain.data, { number: 6 });
  assert.deepEqual(placed.data, { number: 6, fitsAt: [{ uri: fit.uri, span: fit.span, score: fit.score }], topicFit: true });
});

function span() {
  return { start: 100, end: 120 };
}
