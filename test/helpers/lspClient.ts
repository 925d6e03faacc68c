/**
 * A small LSP client for protocol tests: starts the bundled server (`node server.js --stdio`), speaks JSON-RPC
 * over its stdio, answers the server's requests (configuration, capability registration) and records
 * `publishDiagnostics` so tests can wait on them — on state, never on a fixed sleep.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node';
import { SERVER_EXEC_ARGV, SERVER_PROCESS_ENV } from '../../server/src/protocol';
import { cursorIn, rangeIn } from './markers';
import type {
  ClientCapabilities,
  InitializeResult,
  Position,
  PublishDiagnosticsParams,
  Range,
  TextDocumentContentChangeEvent,
} from 'vscode-languageserver-protocol';

const repoRoot = resolve(__dirname, '..', '..');
let bundle: Promise<string> | undefined;

/**
 * The server bundle to run: `$CITELENS_SERVER`, else fresh esbuild bundles of the server, its launcher and its
 * topic worker in a temp folder (built once per test process, ~0.5 s, so the tests never run a stale `dist/`).
 * `npm test` and `npm run test:all` build `dist/` first and set `CITELENS_SERVER=dist/server.js`: every test process
 * then runs the bundles a user gets instead of making its own (the server only reads them).
 */
export function serverBundle(): Promise<string> {
  if (process.env.CITELENS_SERVER) return Promise.resolve(resolve(process.env.CITELENS_SERVER));
  bundle ??= (async () => {
    const esbuild = await import('esbuild');
    const outdir = mkdtempSync(join(tmpdir(), 'citelens-server-'));
    await esbuild.build({
      // As in dist/: server.js is the launcher (server/src/launch.ts) of citelensServer.js, and the topic worker is
      // started from beside them (server/src/node/topicLearner.ts).
      entryPoints: {
        server: join(repoRoot, 'server/src/launch.ts'),
        citelensServer: join(repoRoot, 'server/src/server.ts'),
        topicWorker: join(repoRoot, 'server/src/node/topicWorker.ts'),
      },
      outdir,
      bundle: true,
      platform: 'node',
      target: 'node20',
      format: 'cjs',
      logLevel: 'error',
      external: ['vscode'],
    });
    return join(outdir, 'server.js');
  })();
  return bundle;
}

export function uriOf(path: string): string {
  return pathToFileURL(path).href;
}

export interface StartOptions {
  /** Workspace folder. */
  root: string;
  /** The `citelens` configuration section the client reports (nested, as VS Code sends it). */
  settings?: Record<string, unknown>;
  capabilities?: ClientCapabilities;
  /** Sent as `initializationOptions` (e.g. `{ trusted: false }` for Restricted Mode). */
  initializationOptions?: unknown;
  /** Extra environment of the server process (e.g. `NODE_OPTIONS`). */
  env?: NodeJS.ProcessEnv;
}

export class LspClient {
  /** Every publishDiagnostics received, in order. */
  readonly published: PublishDiagnosticsParams[] = [];
  readonly stderr: string[] = [];
  /** Document versions the client has sent, by URI. */
  private readonly versions = new Map<string, number>();
  private readonly texts = new Map<string, string>();
  private readonly waiters: { uri: string; predicate: (p: PublishDiagnosticsParams) => boolean; resolve: (p: PublishDiagnosticsParams) => void }[] = [];
  settings: Record<string, unknown>;

  private constructor(
    readonly process: ChildProcessWithoutNullStreams,
    readonly connection: MessageConnection,
    settings: Record<string, unknown>,
  ) {
    this.settings = settings;
  }

  static async start(options: StartOptions): Promise<{ client: LspClient; init: InitializeResult }> {
    const server = await serverBundle();
    // The flags and environment the VS Code client gives the server, so tests and benchmarks run it alike.
    const child = spawn(process.execPath, [...SERVER_EXEC_ARGV, server, '--stdio'], { stdio: 'pipe', env: { ...process.env, ...SERVER_PROCESS_ENV, ...options.env } });
    const connection = createMessageConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
    const client = new LspClient(child, connection, options.settings ?? {});
    child.stderr.on('data', (chunk: Buffer) => client.stderr.push(chunk.toString()));
    connection.onRequest('workspace/configuration', (params: { items: { section?: string }[] }) =>
      params.items.map((item) => (item.section === 'citelens' ? client.settings : null)));
    connection.onRequest('client/registerCapability', () => null);
    connection.onRequest('window/workDoneProgress/create', () => null);
    connection.onNotification('window/logMessage', (p: { message: string }) => void client.stderr.push(p.message));
    connection.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => client.receive(p));
    connection.listen();
    const init = (await connection.sendRequest('initialize', {
      processId: process.pid,
      rootUri: uriOf(options.root),
      workspaceFolders: [{ uri: uriOf(options.root), name: 'root' }],
      ...(options.initializationOptions === undefined ? {} : { initializationOptions: options.initializationOptions }),
      capabilities: options.capabilities ?? {
        workspace: { configuration: true, didChangeConfiguration: { dynamicRegistration: true }, workspaceFolders: true },
        textDocument: {
          definition: { linkSupport: true },
          rename: { prepareSupport: true },
          completion: { completionItem: { snippetSupport: false, labelDetailsSupport: true } },
          publishDiagnostics: { relatedInformation: true, versionSupport: true },
        },
      },
    })) as InitializeResult;
    await connection.sendNotification('initialized', {});
    return { client, init };
  }

  private receive(p: PublishDiagnosticsParams): void {
    this.published.push(p);
    for (let i = this.waiters.length - 1; i >= 0; i--) {
      const w = this.waiters[i];
      if (w.uri === p.uri && w.predicate(p)) {
        this.waiters.splice(i, 1);
        w.resolve(p);
      }
    }
  }

  /** The last diagnostics published for `uri`, if any. */
  latest(uri: string): PublishDiagnosticsParams | undefined {
    for (let i = this.published.length - 1; i >= 0; i--) if (this.published[i].uri === uri) return this.published[i];
    return undefined;
  }

  /**
   * Resolves with the first publication for `uri` matching `predicate`, counting the latest one already
   * received. Rejects after `timeoutMs` with what was published, so a failing test says why.
   */
  diagnostics(uri: string, predicate: (p: PublishDiagnosticsParams) => boolean = () => true, timeoutMs = 10_000): Promise<PublishDiagnosticsParams> {
    const latest = this.latest(uri);
    if (latest && predicate(latest)) return Promise.resolve(latest);
    return this.nextDiagnostics(uri, predicate, timeoutMs);
  }

  /** Like `diagnostics`, but only publications received after this call. */
  nextDiagnostics(uri: string, predicate: (p: PublishDiagnosticsParams) => boolean = () => true, timeoutMs = 10_000): Promise<PublishDiagnosticsParams> {
    return new Promise((resolvePromise, reject) => {
      const waiter = { uri, predicate, resolve: (p: PublishDiagnosticsParams) => (clearTimeout(timer), resolvePromise(p)) };
      const timer = setTimeout(() => {
        this.waiters.splice(this.waiters.indexOf(waiter), 1);
        const seen = this.published.filter((p) => p.uri === uri).map((p) => `v${p.version}: ${p.diagnostics.map((d) => d.code).join(', ')}`);
        reject(new Error(`no matching diagnostics for ${uri} within ${timeoutMs} ms; received: ${seen.join(' | ') || 'none'}\n${this.stderr.join('')}`));
      }, timeoutMs);
      this.waiters.push(waiter);
    });
  }

  /** Opens a document (its text from disk unless given); returns its URI. */
  async open(path: string, text?: string, languageId = path.endsWith('.bib') ? 'bibtex' : 'markdown'): Promise<string> {
    const uri = uriOf(path);
    const content = text ?? readFileSync(path, 'utf8');
    this.versions.set(uri, 1);
    this.texts.set(uri, content);
    await this.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version: 1, text: content } });
    return uri;
  }

  /** Sends incremental changes; returns the new version. */
  async change(uri: string, changes: TextDocumentContentChangeEvent[]): Promise<number> {
    const version = (this.versions.get(uri) ?? 0) + 1;
    this.versions.set(uri, version);
    let text = this.texts.get(uri) ?? '';
    for (const c of changes) {
      if ('range' in c) text = text.slice(0, offsetAt(text, c.range.start)) + c.text + text.slice(offsetAt(text, c.range.end));
      else text = c.text;
    }
    this.texts.set(uri, text);
    await this.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: changes });
    return version;
  }

  /**
   * A keystroke for latency measurements: step 0, 2, 4… types "x" at `at`, step 1, 3, 5… deletes it again, so
   * the text alternates between two versions. Resolves to the new document version. (A position, not an
   * offset: converting one scans the text, which a timed keystroke should not include.)
   */
  keystroke(uri: string, at: Position, step: number): Promise<number> {
    return step % 2 === 0
      ? this.change(uri, [{ range: { start: at, end: at }, text: 'x' }])
      : this.change(uri, [{ range: { start: at, end: { line: at.line, character: at.character + 1 } }, text: '' }]);
  }

  /** Inserts `text` at `offset` of the client's copy of the document. */
  insert(uri: string, offset: number, text: string): Promise<number> {
    const at = this.positionAt(uri, offset);
    return this.change(uri, [{ range: { start: at, end: at }, text }]);
  }

  async close(uri: string): Promise<void> {
    this.versions.delete(uri);
    this.texts.delete(uri);
    await this.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
  }

  text(uri: string): string {
    return this.texts.get(uri) ?? '';
  }

  version(uri: string): number {
    return this.versions.get(uri) ?? 0;
  }

  positionAt(uri: string, offset: number): Position {
    const before = this.text(uri).slice(0, offset);
    const line = before.split('\n').length - 1;
    return { line, character: offset - (before.lastIndexOf('\n') + 1) };
  }

  /** The position of the cursor `|` of a marked excerpt (`helpers/markers.ts`) of the client's copy. */
  at(uri: string, excerpt: string): Position {
    return this.positionAt(uri, cursorIn(this.text(uri), excerpt));
  }

  /** The LSP range of the one `«…»` range of a marked excerpt of the client's copy. */
  range(uri: string, excerpt: string): Range {
    const span = rangeIn(this.text(uri), excerpt);
    return { start: this.positionAt(uri, span.start), end: this.positionAt(uri, span.end) };
  }

  /** The text a range covers in the client's copy of an open document. */
  slice(uri: string, range: Range): string {
    const text = this.text(uri);
    return text.slice(offsetAt(text, range.start), offsetAt(text, range.end));
  }

  request<R>(method: string, params: unknown): Promise<R> {
    return this.connection.sendRequest(method, params) as Promise<R>;
  }

  async setSettings(settings: Record<string, unknown>): Promise<void> {
    this.settings = settings;
    await this.connection.sendNotification('workspace/didChangeConfiguration', { settings: { citelens: settings } });
  }

  async stop(): Promise<void> {
    try {
      await within(this.connection.sendRequest('shutdown'), 2000);
      await this.connection.sendNotification('exit');
    } catch {
      // the server may already be gone
    }
    this.connection.dispose();
    // Resolves once the process has ended (what it writes on exit, e.g. its code cache, is then on disk).
    const exited = new Promise<void>((resolve) => (this.process.exitCode !== null || this.process.signalCode !== null ? resolve() : this.process.once('exit', () => resolve())));
    if (this.process.exitCode === null) this.process.kill();
    await within(exited, 5000);
  }
}

/**
 * `promise`, or undefined after `ms`. The timer is cleared as soon as the promise settles: a pending one would keep
 * the test process alive (node:test waits for it) for the rest of its `ms` after the last test.
 */
function within<T>(promise: Promise<T>, ms: number): Promise<T | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<undefined>((resolve) => (timer = setTimeout(() => resolve(undefined), ms)));
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** Offset of an LSP position (UTF-16 characters) in `text`. */
export function offsetAt(text: string, position: Position): number {
  let offset = 0;
  for (let line = 0; line < position.line; line++) {
    const next = text.indexOf('\n', offset);
    if (next < 0) return text.length;
    offset = next + 1;
  }
  return Math.min(offset + position.character, text.length);
}
