/**
 * The Citelens VS Code client: a thin host that starts the bundled language server (`dist/server.js`, over stdio),
 * tells it which documents and file changes matter, and registers the palette commands from one table
 * (`commands.ts`). Everything Citelens knows is computed by the server.
 */
import { join } from 'node:path';
import * as vscode from 'vscode';
import { LanguageClient, State, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { CODE_CACHE_ENV, CONFIGURATION_SECTION, EditorCommands, SERVER_EXEC_ARGV, SERVER_PROCESS_ENV, type RevealArgs } from '../../server/src/protocol';
import { commandTable, type CommandContext } from './commands';
import { registerEditPreview } from './editPreview';
import { CoverageView } from './coverageView';
import { documentSelector, watchedFilesGlob } from './documents';
import { DiagnosticsStatus, type StatusSnapshot } from './statusBar';

let client: LanguageClient | undefined;

/** What the extension exports (`vscode.extensions.getExtension('citelens.citelens').exports`): the status bar's state. */
export interface CitelensApi {
  status(): StatusSnapshot;
}

export async function activate(context: vscode.ExtensionContext): Promise<CitelensApi> {
  const output = vscode.window.createOutputChannel('Citelens', { log: true });
  output.info(`Citelens ${String(context.extension.packageJSON.version)}`);
  const status = new DiagnosticsStatus(documentSelector);
  client = createClient(context, output, status);
  // A (re)started server has published nothing yet: the status bar says "checking…" until it has.
  context.subscriptions.push(client.onDidChangeState((e) => {
    if (e.newState === State.Starting) status.restarted();
  }));
  const coverage = new CoverageView(context);
  const ctx: CommandContext = { client: () => client, coverage, output };
  for (const command of commandTable) {
    context.subscriptions.push(vscode.commands.registerCommand(command.id, (...args: unknown[]) => command.run(ctx, ...args)));
  }
  context.subscriptions.push(vscode.commands.registerCommand(EditorCommands.reveal, (args: RevealArgs) => reveal(args)));
  context.subscriptions.push(output, coverage, status, registerEditPreview());
  // Trust granted: restart so the server may read bibliographies outside the workspace folders again.
  context.subscriptions.push(vscode.workspace.onDidGrantWorkspaceTrust(() => void client?.restart()));
  try {
    await client.start();
  } catch (error) {
    // The commands stay registered (Restart Server can recover); the output channel has the details.
    output.error(`Citelens language server failed to start: ${String(error)}`);
  }
  return { status: () => status.snapshot() };
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}

/** A quick fix's edit far from the cursor: open its document (another chapter, maybe) and show the place. */
async function reveal(args: RevealArgs): Promise<void> {
  if (!args || typeof args.uri !== 'string' || !args.range) return;
  const { start } = args.range;
  const at = new vscode.Position(start.line, start.character);
  await vscode.window.showTextDocument(vscode.Uri.parse(args.uri), { selection: new vscode.Range(at, at), preserveFocus: false });
  vscode.window.activeTextEditor?.revealRange(new vscode.Range(at, at), vscode.TextEditorRevealType.InCenterIfOutsideViewport);
}

function createClient(context: vscode.ExtensionContext, output: vscode.LogOutputChannel, status: DiagnosticsStatus): LanguageClient {
  const module = context.asAbsolutePath('dist/server.js');
  // stdio, as the benchmarks and protocol tests measure it: there the server serialises each diagnostic once
  // and re-sends unchanged ones as cached bytes (lsp/diagnosticsWriter.ts); Node IPC would re-serialise all.
  // The server's compiled code is kept in the extension's storage between starts (server/src/launch.ts).
  const codeCache = context.globalStorageUri.scheme === 'file' ? { [CODE_CACHE_ENV]: join(context.globalStorageUri.fsPath, 'code-cache') } : {};
  const env = { ...process.env, ...SERVER_PROCESS_ENV, ...codeCache };
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.stdio, options: { env, execArgv: [...SERVER_EXEC_ARGV] } },
    debug: { module, transport: TransportKind.stdio, options: { env, execArgv: [...SERVER_EXEC_ARGV, '--nolazy', '--inspect=6009'] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector,
    synchronize: {
      // The server pulls `citelens.*` with workspace/configuration; this makes it re-pull on change.
      configurationSection: CONFIGURATION_SECTION,
      // Bibliographies, taxonomies and chapters change on disk without being open (Zotero exports, git pulls).
      fileEvents: vscode.workspace.createFileSystemWatcher(watchedFilesGlob),
    },
    outputChannel: output,
    // Every publication, empty ones too, ends the status bar's "checking…" for its document.
    middleware: {
      handleDiagnostics(uri, diagnostics, next) {
        next(uri, diagnostics);
        status.received(uri);
      },
    },
    // Hover markdown links to DOIs and may run our own commands, nothing else.
    markdown: { isTrusted: false, supportHtml: false },
    // Restricted Mode: the server then reads nothing outside the workspace folders (a function: re-read on restart).
    // storagePath: the extension's global storage, where the server keeps scans of large bibliographies between
    // sessions. Global, not per workspace: they are keyed by content, so one Zotero library used by several
    // projects is kept once, and there is one size bound for all.
    initializationOptions: () => ({
      trusted: vscode.workspace.isTrusted,
      ...(context.globalStorageUri.scheme === 'file' ? { storagePath: context.globalStorageUri.fsPath } : {}),
    }),
  };
  // The id 'citelens' makes the client honour `citelens.trace.server`.
  return new LanguageClient('citelens', 'Citelens', serverOptions, clientOptions);
}
