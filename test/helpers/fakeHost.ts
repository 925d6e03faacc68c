/**
 * The VS Code client (`client/src/extension.ts`) activated outside VS Code, to see what it does with the
 * manifest: which commands it registers, which language client it starts (its id decides which
 * `<id>.trace.server` setting the library reads) and with which options. `vscode` and `vscode-languageclient/node`
 * are replaced by recording stand-ins: every API the client touches answers with an inert object, except the
 * calls recorded here. The real-host tests (`npm run test:e2e`) run the same code in a real VS Code.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from './shared';

export interface ActivatedClient {
  /** Ids passed to `vscode.commands.registerCommand`, in order. */
  commands: string[];
  /** `new LanguageClient(id, name, serverOptions, clientOptions)`. */
  languageClient: { id: string; name: string; clientOptions: Record<string, unknown> } | undefined;
  /**
   * Settings the client reads (`section.key`): through `vscode.workspace.getConfiguration(section).get(key)` while
   * activating, and every `getConfiguration(<section>).get('key')` written in the client's source (most are read
   * when a command runs).
   */
  configurationReads: string[];
  /** The client's command table (`client/src/commands.ts`): id → title. */
  commandTitles: Record<string, string>;
  /** Lines the client wrote to its output channels (`info`, `warn`, `error`, `appendLine`). */
  logged: string[];
}

/** An object that accepts any property access, call or `new`, returning more of itself; iterates as empty; converts to ''; never a thenable. */
function inert(): unknown {
  const cache = new Map<PropertyKey, unknown>();
  const target = function () {};
  return new Proxy(target, {
    get: (_t, key) => {
      if (key === Symbol.iterator) return function* () {}; // an empty list
      if (key === Symbol.toPrimitive) return () => ''; // in a template or a comparison: the empty string
      if (key === 'then' || typeof key === 'symbol') return undefined;
      if (!cache.has(key)) cache.set(key, inert());
      return cache.get(key);
    },
    set: (_t, key, value) => (cache.set(key, value), true),
    apply: () => inert(),
    construct: () => inert() as object,
  });
}

/** The `vscode` namespaces and classes the client source names (`vscode.X`), each inert unless overridden. */
function vscodeNames(): string[] {
  const dir = join(repoRoot, 'client', 'src');
  const names = new Set<string>();
  for (const file of readdirSync(dir, { recursive: true }) as string[]) {
    if (!file.endsWith('.ts')) continue;
    for (const m of readFileSync(join(dir, file), 'utf8').matchAll(/\bvscode\.([A-Za-z_]\w*)/g)) names.add(m[1]);
  }
  return [...names];
}

/** `getConfiguration(<section>).get('key')` calls written in the client's source, as `section.key`. */
function configurationReadsInSource(section: string): string[] {
  const dir = join(repoRoot, 'client', 'src');
  const reads: string[] = [];
  for (const file of readdirSync(dir, { recursive: true }) as string[]) {
    if (!file.endsWith('.ts')) continue;
    const text = readFileSync(join(dir, file), 'utf8');
    for (const m of text.matchAll(/getConfiguration\(\s*(?:'([\w.]+)'|CONFIGURATION_SECTION)\s*\)\s*\.get(?:<[^>]*>)?\(\s*'([\w.]+)'/g)) reads.push(`${m[1] ?? section}.${m[2]}`);
  }
  return reads;
}

/** Bundles the client with the stand-ins and runs `activate` on a fake extension context. */
export async function activateClient(section: string): Promise<ActivatedClient> {
  const recorded: ActivatedClient = { commands: [], languageClient: undefined, configurationReads: configurationReadsInSource(section), commandTitles: {}, logged: [] };
  const vscode: Record<string, unknown> = Object.fromEntries(vscodeNames().map((n) => [n, inert()]));
  vscode.commands = new Proxy({}, {
    get: (_t, key) => (key === 'registerCommand' ? (id: string) => (recorded.commands.push(id), inert()) : inert()),
  });
  const window = inert() as Record<string, unknown>;
  vscode.window = new Proxy({}, {
    get: (_t, key) => {
      if (key !== 'createOutputChannel') return window[key as string];
      return () => {
        const channel = inert() as Record<string, unknown>;
        const log = (line: unknown) => void recorded.logged.push(String(line));
        return new Proxy({}, { get: (_c, k) => (['info', 'warn', 'error', 'appendLine'].includes(k as string) ? log : channel[k as string]) });
      };
    },
  });
  const workspace = inert() as Record<string, unknown>;
  vscode.workspace = new Proxy({}, {
    get: (_t, key) => {
      if (key === 'getConfiguration') {
        return (section?: string) => ({
          get: (key: string, fallback?: unknown) => (recorded.configurationReads.push(section ? `${section}.${key}` : key), fallback),
          has: () => false,
          inspect: () => undefined,
        });
      }
      if (key === 'isTrusted') return true;
      return workspace[key as string];
    },
  });
  class LanguageClient {
    constructor(id: string, name: string, _server: unknown, clientOptions: Record<string, unknown>) {
      recorded.languageClient = { id, name, clientOptions };
    }
    start = async () => undefined;
    stop = async () => undefined;
    restart = async () => undefined;
    onDidChangeState = () => inert();
  }
  const languageClient: Record<string, unknown> = new Proxy({ LanguageClient, TransportKind: { stdio: 0, ipc: 1 } } as Record<string, unknown>, {
    get: (t, key) => (typeof key === 'string' && key in t ? t[key] : inert()),
  });
  const stubs: Record<string, unknown> = { vscode, 'vscode-languageclient/node': languageClient };

  const esbuild = await import('esbuild');
  const out = await esbuild.build({
    stdin: {
      contents: "export { activate } from './extension';\nexport { commandTable } from './commands';\n",
      resolveDir: join(repoRoot, 'client', 'src'),
      sourcefile: 'fakeHostEntry.ts',
      loader: 'ts',
    },
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    write: false,
    logLevel: 'error',
    plugins: [{
      name: 'stand-ins',
      setup(build) {
        build.onResolve({ filter: /^(vscode|vscode-languageclient\/node)$/ }, (args) => ({ path: args.path, namespace: 'stand-in' }));
        build.onLoad({ filter: /.*/, namespace: 'stand-in' }, (args) => ({
          loader: 'js',
          contents: `module.exports = globalThis.__citelensStandIns[${JSON.stringify(args.path)}];`,
        }));
      },
    }],
  });
  const g = globalThis as { __citelensStandIns?: Record<string, unknown> };
  g.__citelensStandIns = stubs;
  try {
    const module = { exports: {} as { activate(context: unknown): Promise<void>; commandTable: { id: string; title: string }[] } };
    new Function('module', 'exports', 'require', out.outputFiles[0].text)(module, module.exports, require);
    const context = {
      subscriptions: [] as unknown[],
      asAbsolutePath: (p: string) => join(repoRoot, p),
      // Not a `file:` URI: the client then keeps no code cache or scans (nothing written by a test).
      globalStorageUri: { scheme: 'memory', fsPath: '' },
      extensionUri: inert(),
      extensionPath: repoRoot,
      // The extension as VS Code describes it: its manifest (the client logs its version at start).
      extension: { packageJSON: JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as unknown },
    };
    await module.exports.activate(context);
    recorded.commandTitles = Object.fromEntries(module.exports.commandTable.map((c) => [c.id, c.title]));
  } finally {
    delete g.__citelensStandIns;
  }
  return recorded;
}
