/**
 * package.json's `contributes` agrees with the code: every palette command is one of the protocol's client
 * commands (category "Citelens"), and the documented settings, read the way the server reads them, give exactly
 * the core's defaults — so a setting can't be renamed or re-defaulted on one side only.
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { readConfiguration } from '../../server/src/lsp/configuration';
import { ClientCommands } from '../../server/src/protocol';
import { defaultSettings, diagnosticCodes, resolveSettings } from '../../server/src/service/settings';

const root = join(__dirname, '..', '..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const properties: Record<string, { default?: unknown; properties?: Record<string, unknown> }> = pkg.contributes.configuration.properties;

test('contributes exactly the protocol\'s client commands, in category Citelens', () => {
  const contributed = pkg.contributes.commands.map((c: { command: string }) => c.command).sort();
  assert.deepEqual(contributed, Object.values(ClientCommands).sort());
  for (const c of pkg.contributes.commands) assert.equal(c.category, 'Citelens', c.command);
  const titles = Object.fromEntries(pkg.contributes.commands.map((c: { command: string; title: string }) => [c.command, c.title]));
  assert.deepEqual(titles, {
    'citelens.renumberReferences': 'Renumber References',
    'citelens.updateReferenceList': 'Update Reference List from BibTeX',
    'citelens.convertToPandoc': 'Convert Citations to Pandoc Keys',
    'citelens.convertToNumeric': 'Convert Citations to Numbers',
    'citelens.showTaxonomyCoverage': 'Show Taxonomy Coverage',
    'citelens.checkWorkspace': 'Check Workspace',
    'citelens.restartServer': 'Restart Server',
  });
});

test('setting defaults, read as the server reads them, are the core\'s defaults', () => {
  // What VS Code sends for the `citelens` section when the user set nothing: the defaults, nested by dots.
  const section: Record<string, unknown> = {};
  for (const [name, schema] of Object.entries(properties)) {
    const path = name.split('.').slice(1);
    let node = section;
    for (const part of path.slice(0, -1)) node = (node[part] ??= {}) as Record<string, unknown>;
    assert.ok(!(path.at(-1)! in node), `${name} collides with another setting's prefix`);
    node[path.at(-1)!] = schema.default;
  }
  const { settings } = readConfiguration(section);
  assert.deepEqual(Object.keys(settings).sort(), Object.keys(defaultSettings).sort(), 'every core setting is contributed');
  assert.deepEqual(resolveSettings(settings), defaultSettings);
});

test('severity overrides are documented for every diagnostic code', () => {
  const documented = Object.keys(properties['citelens.diagnostics.severity']!.properties!).sort();
  assert.deepEqual(documented, [...diagnosticCodes].sort());
});

test('activation, entry point and contributed files exist as the host expects', () => {
  assert.equal(pkg.main, './dist/client.js');
  assert.deepEqual(pkg.activationEvents, ['onLanguage:markdown', 'onLanguage:quarto', 'workspaceContains:**/*.bib']);
  assert.equal(pkg.engines.vscode, '^1.91.0');
  for (const g of pkg.contributes.grammars) assert.ok(existsSync(join(root, g.path)), g.path);
  assert.equal(pkg.capabilities.untrustedWorkspaces.supported, 'limited');
});
