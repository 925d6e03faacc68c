/**
 * package.json's `contributes` agrees with the code — relations, not values copied from package.json, so a
 * command or setting can't be added, renamed or re-defaulted on one side only:
 * - commands: the ones contributed are the ones the client registers on activation (its command table, with
 *   the same titles) and the protocol's client commands; the palette menu names only contributed commands;
 * - settings: every declared setting is read (by the server's configuration reader, or by the client), the
 *   declared defaults read as the server reads them are the core's defaults, every severity the manifest offers
 *   is one the core applies, and the settings Restricted Mode ignores are declared ones;
 * - files: the entry point is what the build writes for the client; grammars and schemas exist.
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, test } from 'node:test';
import { readConfiguration } from '../../server/src/lsp/configuration';
import { ClientCommands, CONFIGURATION_SECTION, EditorCommands } from '../../server/src/protocol';
import { createCitelensService, MemoryWorkspace } from '../../server/src/service/service';
import { defaultSettings, diagnosticCodes, resolveSettings } from '../../server/src/service/settings';
import { activateClient, type ActivatedClient } from '../helpers/fakeHost';
import { repoRoot } from '../helpers/shared';

interface PropertySchema {
  type?: string | string[];
  default?: unknown;
  enum?: unknown[];
  anyOf?: PropertySchema[];
  properties?: Record<string, PropertySchema>;
}

const pkg = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8'));
const properties: Record<string, PropertySchema> = pkg.contributes.configuration.properties;
const contributed: { command: string; title: string; category?: string }[] = pkg.contributes.commands;

let client: ActivatedClient;
before(async () => {
  client = await activateClient(CONFIGURATION_SECTION);
});

test('the contributed commands are the ones the client registers and the protocol lists, in category Citelens', () => {
  const ids = contributed.map((c) => c.command).sort();
  assert.deepEqual([...client.commands].sort(), ids, 'registered on activation ↔ contributed');
  assert.equal(new Set(client.commands).size, client.commands.length, 'each registered once');
  assert.deepEqual([...Object.values(ClientCommands), ...Object.values(EditorCommands)].sort(), ids, 'the protocol’s client and editor commands ↔ contributed');
  // The editor commands are not for the palette.
  const hidden = new Set((pkg.contributes.menus.commandPalette as { command: string; when?: string }[]).filter((m) => m.when === 'false').map((m) => m.command));
  assert.deepEqual(Object.values(EditorCommands).filter((id) => !hidden.has(id)), []);
  const categories = new Set(contributed.map((c) => c.category));
  assert.deepEqual([...categories], [pkg.displayName], 'one category, the extension’s name');
});

test('the client’s command table gives each command the title package.json contributes', () => {
  const palette = contributed.filter((c) => !(Object.values(EditorCommands) as string[]).includes(c.command));
  assert.deepEqual(client.commandTitles, Object.fromEntries(palette.map((c) => [c.command, c.title])));
});

test('the palette menu names contributed commands only', () => {
  const ids = new Set(contributed.map((c) => c.command));
  for (const [menu, items] of Object.entries(pkg.contributes.menus ?? {}) as [string, { command: string }[]][]) {
    for (const item of items) assert.ok(ids.has(item.command), `${menu} names ${item.command}, which is not contributed`);
  }
});

test('every setting is declared under the section the client synchronises and the server pulls', () => {
  const options = client.languageClient?.clientOptions as { synchronize?: { configurationSection?: unknown } } | undefined;
  assert.equal(options?.synchronize?.configurationSection, CONFIGURATION_SECTION);
  for (const name of Object.keys(properties)) assert.ok(name.startsWith(`${CONFIGURATION_SECTION}.`), name);
});

/** A valid value of a declared setting that differs from its default. */
function otherValue(name: string, schema: PropertySchema): unknown {
  const enums = schema.enum ?? schema.anyOf?.flatMap((s) => s.enum ?? []);
  if (enums?.length) return enums.find((v) => v !== schema.default);
  const types = ([] as string[]).concat(schema.type ?? []);
  if (types.includes('boolean')) return !schema.default;
  if (types.includes('number')) return typeof schema.default === 'number' ? schema.default / 2 + 1 : 1;
  if (types.includes('array')) return ['changed.bib'];
  if (types.includes('object')) return { [diagnosticCodes[0]]: 'ignore' };
  if (types.includes('string')) return 'changed.yaml';
  throw new Error(`${name}: no value to try for type ${JSON.stringify(schema.type)}`);
}

/** What VS Code sends for the `citelens` section: each setting's value (its default unless given), nested by dots. */
function section(values: Record<string, unknown> = {}): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, schema] of Object.entries(properties)) {
    const path = name.split('.').slice(1);
    let node = out;
    for (const part of path.slice(0, -1)) node = (node[part] ??= {}) as Record<string, unknown>;
    assert.ok(!(path.at(-1)! in node), `${name} collides with another setting's prefix`);
    node[path.at(-1)!] = name in values ? values[name] : schema.default;
  }
  return out;
}

test('every declared setting is read: by the server (changing it changes what it reads) or by the client', () => {
  const base = readConfiguration(section());
  const unread: string[] = [];
  for (const [name, schema] of Object.entries(properties)) {
    const read = readConfiguration(section({ [name]: otherValue(name, schema) }));
    if (JSON.stringify(read) === JSON.stringify(base)) unread.push(name);
  }
  // The client reads some itself; the language client library reads `<client id>.trace.server`.
  const byClient = new Set(client.configurationReads);
  if (client.languageClient) byClient.add(`${client.languageClient.id}.trace.server`);
  assert.deepEqual(unread.filter((name) => !byClient.has(name)), [], 'declared but read by nobody');
  assert.deepEqual([...byClient].filter((name) => !(name in properties)), [], 'read by the client but not declared');
});

test('setting defaults, read as the server reads them, are the core\'s defaults', () => {
  const { settings } = readConfiguration(section());
  assert.deepEqual(Object.keys(settings).sort(), Object.keys(defaultSettings).sort(), 'every core setting is contributed');
  assert.deepEqual(resolveSettings(settings), defaultSettings);
});

test('severity overrides are declared for every diagnostic code, and each severity offered is the one applied', async () => {
  const severities = properties[`${CONFIGURATION_SECTION}.diagnostics.severity`].properties!;
  assert.deepEqual(Object.keys(severities).sort(), [...diagnosticCodes].sort());
  const workspace = MemoryWorkspace.of({ '/w/paper.md': 'Folding [@nobody2000].\n', '/w/refs.bib': '@misc{a, title = {A}}\n' }, ['/w']);
  for (const [code, schema] of Object.entries(severities)) {
    for (const value of schema.enum ?? []) {
      const { settings } = readConfiguration(section({ [`${CONFIGURATION_SECTION}.diagnostics.severity`]: { [code]: value } }));
      if (code !== 'unresolved-citation') {
        assert.deepEqual(resolveSettings(settings).diagnosticsSeverity, { [code]: value });
        continue;
      }
      const analysis = await createCitelensService(workspace, settings).analyze('/w/paper.md');
      const found = analysis.diagnostics.filter((d) => d.code === code).map((d) => d.severity);
      assert.deepEqual(found, value === 'ignore' ? [] : [value], `${code}: ${String(value)}`);
    }
  }
});

test('the settings Restricted Mode ignores are declared settings', () => {
  for (const name of pkg.capabilities.untrustedWorkspaces.restrictedConfigurations as string[]) assert.ok(name in properties, name);
});

test('the entry point is the client bundle the build writes; contributed grammars and schemas exist', () => {
  const build = readFileSync(join(repoRoot, 'esbuild.mjs'), 'utf8');
  const entry = build.match(/entryPoints: \['client\/src\/extension\.ts'\], outfile: '([^']+)'/);
  assert.ok(entry, 'esbuild.mjs bundles client/src/extension.ts');
  assert.equal(join(repoRoot, pkg.main), join(repoRoot, entry[1]));
  for (const g of pkg.contributes.grammars) assert.ok(existsSync(join(repoRoot, g.path)), g.path);
  for (const v of [...(pkg.contributes.jsonValidation ?? []), ...(pkg.contributes.yamlValidation ?? [])]) assert.ok(existsSync(join(repoRoot, v.url)), v.url);
});

test('the languages that activate the extension are ones the client serves', () => {
  const selector = client.languageClient?.clientOptions.documentSelector as { language?: string }[];
  const served = new Set(selector.map((f) => f.language).filter(Boolean));
  for (const event of pkg.activationEvents as string[]) {
    const language = event.match(/^onLanguage:(.+)$/)?.[1];
    if (language) assert.ok(served.has(language), `${event}: the client does not serve ${language}`);
  }
  for (const language of pkg.contributes.languages ?? []) assert.ok(served.has(language.id), `contributed language ${language.id} is not served`);
});

test('the client logs the version package.json gives (one version for the extension and the CLI)', () => {
  assert.ok(client.logged.includes(`Citelens ${pkg.version}`), client.logged.join('\n'));
});
