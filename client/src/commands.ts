/**
 * The palette commands, in one table. Each id is contributed in `package.json` (category "Citelens") and listed
 * in `ClientCommands` of the shared protocol. Commands that need the manuscript ask the server
 * (`workspace/executeCommand` or a custom request) and turn its answer into an edit, a message or a view.
 * Every command returns what it showed, so in-host tests can assert on it.
 */
import * as vscode from 'vscode';
import { ExecuteCommandRequest, type LanguageClient } from 'vscode-languageclient/node';
import {
  ClientCommands,
  Requests,
  ServerCommands,
  type CheckWorkspaceParams,
  type ClientCommand,
  type ClientCommandArgs,
  type CoverageParams,
  type DocumentCommandParams,
  type EditCommandResult,
  type EditServerCommand,
  type ServerCommand,
  type ServerCommandSignatures,
} from '../../server/src/protocol';
import type { CoverageView } from './coverageView';
import { documentSelector } from './documents';
import { confirmEdit, previewWanted } from './editPreview';

/** What a command may use. */
export interface CommandContext {
  /** The current client (replaced on restart), or undefined before activation finished. */
  client(): LanguageClient | undefined;
  coverage: CoverageView;
  output: vscode.LogOutputChannel;
}

export interface CommandEntry {
  id: ClientCommand;
  /** Title as in `package.json` (without the category). */
  title: string;
  run(ctx: CommandContext, ...args: unknown[]): Promise<unknown>;
}

export const commandTable: readonly CommandEntry[] = [
  {
    id: ClientCommands.renumberReferences,
    title: 'Renumber References',
    run: (ctx, args) => applyServerEdit(ctx, ServerCommands.renumber, args),
  },
  {
    id: ClientCommands.updateReferenceList,
    title: 'Update Reference List from BibTeX',
    run: (ctx, args) => applyServerEdit(ctx, ServerCommands.updateReferenceList, args),
  },
  {
    id: ClientCommands.convertToPandoc,
    title: 'Convert Citations to Pandoc Keys',
    run: (ctx, args) => applyServerEdit(ctx, ServerCommands.convertToPandoc, args),
  },
  {
    id: ClientCommands.convertToNumeric,
    title: 'Convert Citations to Numbers',
    run: (ctx, args) => applyServerEdit(ctx, ServerCommands.convertToNumeric, args),
  },
  {
    id: ClientCommands.showTaxonomyCoverage,
    title: 'Show Taxonomy Coverage',
    run: (ctx, args) =>
      guarded(ctx, async (client) => {
        const document = await targetDocument(args);
        if (!document) return undefined;
        const params: CoverageParams = { uri: client.code2ProtocolConverter.asUri(document.uri) };
        const result = await client.sendRequest(Requests.coverage, params);
        // The server answers null when computing the coverage failed (its log has why).
        if (!result) throw new Error('the taxonomy coverage could not be computed; see the Citelens output.');
        ctx.coverage.show(result);
        return result;
      }),
  },
  {
    id: ClientCommands.checkWorkspace,
    title: 'Check Workspace',
    run: (ctx) =>
      guarded(ctx, async (client) => {
        const params: CheckWorkspaceParams = {};
        const result = await vscode.window.withProgress(
          { location: vscode.ProgressLocation.Window, title: 'Citelens: checking workspace' },
          () => executeServerCommand(client, ServerCommands.checkWorkspace, params),
        );
        if (!result) return undefined;
        void vscode.window.showInformationMessage(
          `Citelens: checked ${plural(result.files, 'file')}: ${plural(result.errors, 'error')}, ${plural(result.warnings, 'warning')}`,
        );
        return result;
      }),
  },
  {
    id: ClientCommands.restartServer,
    title: 'Restart Server',
    run: async (ctx) => {
      const client = ctx.client();
      if (!client) return false;
      ctx.output.info('Restarting the Citelens language server');
      await client.restart();
      return true;
    },
  },
];

/** Runs a server command that answers with an {@link EditCommandResult}, applies its edit and shows its summary. */
async function applyServerEdit(ctx: CommandContext, command: EditServerCommand, args: unknown): Promise<EditCommandResult | undefined> {
  return guarded(ctx, async (client) => {
    const document = await targetDocument(args);
    if (!document) return undefined;
    const params: DocumentCommandParams = {
      uri: client.code2ProtocolConverter.asUri(document.uri),
      version: document.version,
    };
    const result = await executeServerCommand(client, command, params);
    if (!result) return undefined;
    // A notification shows one line: its first sentence. The rest of the summary and the notes (citations left as
    // they were, a style that could not be read) go to the output channel, behind a "Details" button.
    const [headline, ...rest] = sentences(result.summary);
    const details = [...rest, ...(result.notes ?? [])];
    for (const line of details) ctx.output.info(`${document.uri.fsPath}: ${line}`);
    const tell = (show: (message: string, ...items: string[]) => Thenable<string | undefined>) => {
      void show(`Citelens: ${headline}`, ...(details.length ? ['Details'] : [])).then((choice) => {
        if (choice === 'Details') ctx.output.show(true);
      });
    };
    if (result.refused) {
      tell(vscode.window.showWarningMessage);
    } else if (!result.edit) {
      tell(vscode.window.showInformationMessage);
    } else {
      const edit = await client.protocol2CodeConverter.asWorkspaceEdit(result.edit);
      // Shown before it applies (setting citelens.edits.preview): a diff of the change, then Apply / Cancel.
      const decision = previewWanted(args) ? await confirmEdit(edit, result.summary) : 'apply';
      if (decision === 'cancel') {
        void vscode.window.showInformationMessage('Citelens: nothing was changed.');
        return { ...result, edit: null, summary: `Cancelled: ${result.summary}` };
      }
      if (decision === 'stale') {
        const stale = 'The document changed while the preview was open; nothing was changed. Run the command again.';
        void vscode.window.showWarningMessage(`Citelens: ${stale}`);
        return { ...result, edit: null, refused: true, summary: stale };
      }
      // One edit across all chapters: one undo step. VS Code refuses it if a document changed meanwhile.
      const applied = await vscode.workspace.applyEdit(edit, { isRefactoring: true });
      if (applied) tell(vscode.window.showInformationMessage);
      // VS Code rejects a versioned edit whose document changed since the server computed it.
      else void vscode.window.showWarningMessage('Citelens: the document changed before the edit could be applied; run the command again.');
    }
    return result;
  });
}

/** `workspace/executeCommand` of a server command, typed by the protocol's {@link ServerCommandSignatures}. */
function executeServerCommand<C extends ServerCommand>(
  client: LanguageClient,
  command: C,
  params: ServerCommandSignatures[C]['params'],
): Promise<ServerCommandSignatures[C]['result'] | null> {
  return client.sendRequest(ExecuteCommandRequest.type, { command, arguments: [params] }) as Promise<ServerCommandSignatures[C]['result'] | null>;
}

/** The document a command acts on: the one named in its arguments, else the active editor's manuscript. */
async function targetDocument(args: unknown): Promise<vscode.TextDocument | undefined> {
  const uri = (args as ClientCommandArgs | undefined)?.uri;
  if (typeof uri === 'string') return vscode.workspace.openTextDocument(vscode.Uri.parse(uri));
  const document = vscode.window.activeTextEditor?.document;
  if (document && vscode.languages.match(documentSelector, document) > 0) return document;
  void vscode.window.showWarningMessage('Citelens: open a Markdown manuscript first.');
  return undefined;
}

/** Runs `body` with a started client; reports failures to the user instead of throwing into the palette. */
async function guarded<T>(ctx: CommandContext, body: (client: LanguageClient) => Promise<T>): Promise<T | undefined> {
  const client = ctx.client();
  if (!client || !client.isRunning()) {
    void vscode.window.showErrorMessage('Citelens: the language server is not running. Run "Citelens: Restart Server".');
    return undefined;
  }
  try {
    return await body(client);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    ctx.output.error(message);
    void vscode.window.showErrorMessage(`Citelens: ${message}`);
    return undefined;
  }
}

/** The sentences of a summary (it ends each with a full stop; numbers like `[6] → [20]` hold none). */
function sentences(text: string): string[] {
  const parts = text.split(/(?<=\.)\s+(?=[A-Z0-9])/);
  return parts.length ? parts : [text];
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
