/**
 * The rewriting commands over LSP (product.md §4): Renumber References, Update Reference List from BibTeX and the
 * two citation conversions. Each analyses the manuscript holding the document, asks the core for an edit plan
 * (`service/renumber/`), and answers with ONE `WorkspaceEdit` across all its files — or refuses.
 *
 * Stale text is refused twice over: here, when the client's document version is not the server's or any file's
 * current text (open buffer, else disk) differs from the text the plan was computed on; and by the editor, since
 * each `TextDocumentEdit` names the open document's version (null for a file not open), so VS Code rejects an
 * edit whose document changed after the answer left the server.
 *
 * The renumber quick fix carries the same edit, computed in `codeAction/resolve` when the client resolves edits.
 */
import type {
  ClientCapabilities,
  CodeAction,
  Command,
  TextDocumentEdit,
  TextEdit as LspTextEdit,
  WorkspaceEdit,
} from 'vscode-languageserver';
import { dirname, isAbsolute, resolve } from 'node:path';
import { ServerCommands, type DocumentCommandParams, type EditCommandResult } from '../protocol';
import type { Analysis } from '../service/analysis';
import type { ActionCommand } from '../service/features/codeActions';
import type { EditPlan } from '../service/renumber/editPlan';
import { planConvertToNumeric, planConvertToPandoc, planReferenceList } from '../service/renumber/fromBib';
import { planRenumber } from '../service/renumber/renumber';
import { isManuscriptPath } from './fileKinds';
import { lineTable, toRange } from './positions';
import type { ServerContext } from './serverContext';
import { uriToPath } from './uris';

/** The server commands answered here, by their `ServerCommands` name. */
export type EditCommandName = 'renumber' | 'updateReferenceList' | 'convertToPandoc' | 'convertToNumeric';

const names: EditCommandName[] = ['renumber', 'updateReferenceList', 'convertToPandoc', 'convertToNumeric'];

/** What each command is doing, for the refusal of stale text ("… while Citelens was renumbering"). */
const doing: Record<EditCommandName, string> = {
  renumber: 'renumbering',
  updateReferenceList: 'updating the reference list',
  convertToPandoc: 'converting citations',
  convertToNumeric: 'converting citations',
};

/** The edit command a `workspace/executeCommand` id names, if any. */
export function editCommandOf(id: string): EditCommandName | undefined {
  return names.find((n) => ServerCommands[n] === id);
}

/** The edit command behind a code action's client command (the core's renumber quick fix), if any. */
function actionCommandOf(name: ActionCommand['name']): EditCommandName {
  return name === 'renumberReferences' ? 'renumber' : 'updateReferenceList';
}

/** `data` of a quick fix whose edit is computed in `codeAction/resolve`. */
interface DeferredEdit {
  citelensEdit: EditCommandName;
  uri: string;
  version: number | null;
  /** The client command run instead when the edit cannot be computed (stale text, refusal). */
  fallback: Command;
}

function isDeferred(data: unknown): data is DeferredEdit {
  const d = data as Partial<DeferredEdit> | null | undefined;
  return !!d && typeof d.citelensEdit === 'string' && names.includes(d.citelensEdit) && typeof d.uri === 'string';
}

export class EditCommands {
  constructor(
    private readonly ctx: ServerContext,
    /** The client's capabilities (also read by rename, for versioned edits). */
    readonly capabilities: () => ClientCapabilities,
  ) {}

  /** Runs `command` on the manuscript holding `params.uri`; never throws for a user-level problem. */
  async run(command: EditCommandName, params: DocumentCommandParams | undefined): Promise<EditCommandResult> {
    if (!params || typeof params.uri !== 'string') return refused('No document was given to the command.');
    const path = uriToPath(params.uri);
    if (!isManuscriptPath(path)) return refused('Open a Markdown manuscript first.');
    const stale = `The document changed while Citelens was ${doing[command]}; run the command again.`;
    const versionMoved = () => {
      const open = this.ctx.workspace.document(path);
      return typeof params.version === 'number' && !!open && open.version !== params.version;
    };
    if (versionMoved()) return refused(stale);
    const analysis = await this.ctx.analysisFor(path);
    const plan = await this.plan(command, analysis);
    if (plan.refused) return refused(plan.refused, plan.notes);
    const notes = plan.notes.length ? { notes: plan.notes } : {};
    if (!plan.changed) return { edit: null, summary: plan.summary, ...notes };
    const edit = await this.workspaceEdit(analysis, plan);
    if (!edit || versionMoved()) return refused(stale);
    return { edit, summary: plan.summary, ...notes };
  }

  /**
   * A code action's fields for the core's renumber quick fix: the edit itself (or, when the client resolves edits,
   * the data to compute it in `codeAction/resolve`), else the client command as before. Preferred: it is the one
   * fix for a numbering problem, so "auto fix" may apply it.
   */
  async codeActionFields(name: ActionCommand['name'], uri: string, fallback: Command): Promise<Pick<CodeAction, 'edit' | 'command' | 'data' | 'isPreferred'>> {
    const command = actionCommandOf(name);
    const version = this.ctx.workspace.document(uriToPath(uri))?.version ?? null;
    const data: DeferredEdit = { citelensEdit: command, uri, version, fallback };
    if (this.resolvesEdits()) return { data, isPreferred: true };
    return { ...(await this.resolvedFields(data)), isPreferred: true };
  }

  /** `codeAction/resolve`: adds the edit to a deferred quick fix; other actions come back as they are. */
  async resolve(action: CodeAction): Promise<CodeAction> {
    if (!isDeferred(action.data)) return action;
    const { data, ...rest } = action;
    return { ...rest, ...(await this.resolvedFields(data)) };
  }

  private async resolvedFields(data: DeferredEdit): Promise<Pick<CodeAction, 'edit' | 'command'>> {
    const result = await this.run(data.citelensEdit, { uri: data.uri, version: data.version });
    // Refused or nothing to do: the client command runs instead and tells the user why.
    return result.edit ? { edit: result.edit } : { command: data.fallback };
  }

  private resolvesEdits(): boolean {
    return !!this.capabilities().textDocument?.codeAction?.resolveSupport?.properties.includes('edit');
  }

  private async plan(command: EditCommandName, analysis: Analysis): Promise<EditPlan> {
    const settings = this.ctx.service.settings;
    const numbering = { compactRanges: settings.renumberCompactRanges, removeUncited: settings.renumberRemoveUncited };
    switch (command) {
      case 'renumber':
        return planRenumber(analysis, numbering);
      case 'convertToPandoc':
        return planConvertToPandoc(analysis);
      case 'updateReferenceList':
      case 'convertToNumeric': {
        const { style, note } = await this.style(analysis);
        const options = { ...numbering, style, titles: settings.referenceSectionTitles };
        const plan = command === 'updateReferenceList' ? planReferenceList(analysis, options) : planConvertToNumeric(analysis, options);
        return note && !plan.refused ? { ...plan, notes: [note, ...plan.notes] } : plan;
      }
    }
  }

  /**
   * The CSL style for generated lists: front matter `csl:` (relative to its file), else `citelens.citationStyle`
   * (relative to the workspace folder); a `.csl` path is read through the workspace and passed as XML. An
   * unreadable file falls back to the default style, with a note.
   */
  private async style(analysis: Analysis): Promise<{ style: string; note?: string }> {
    const holder = analysis.files.find((f) => f.frontMatter?.csl);
    const setting = this.ctx.service.settings.citationStyle;
    const name = holder?.frontMatter?.csl ?? setting;
    if (!/\.csl$/i.test(name)) return { style: name };
    const base = holder ? dirname(holder.uri) : this.folderOf(analysis.files[0]?.uri ?? '');
    const path = isAbsolute(name) ? name : resolve(base, name);
    const text = await this.ctx.workspace.readText(path);
    if (typeof text === 'string' && text.trim()) return { style: text };
    return { style: 'vancouver', note: `The CSL style “${name}” (${holder ? 'front matter csl:' : 'setting citelens.citationStyle'}) cannot be read; the list was formatted in vancouver.` };
  }

  private folderOf(path: string): string {
    const folder = this.ctx.workspace.folders().find((f) => path.startsWith(f.endsWith('/') ? f : f + '/'));
    return folder ?? dirname(path);
  }

  /**
   * The plan as one `WorkspaceEdit`, or null when any file of the manuscript no longer has the text the plan was
   * computed on. Positions are computed on that (verified) text.
   */
  private async workspaceEdit(analysis: Analysis, plan: EditPlan): Promise<WorkspaceEdit | null> {
    for (const file of analysis.files) {
      if ((await this.ctx.workspace.readText(file.uri)) !== file.text) return null;
    }
    const documentChanges: TextDocumentEdit[] = [];
    for (const fileEdits of plan.edits) {
      const file = analysis.files.find((f) => f.uri === fileEdits.uri);
      if (!file) return null;
      const open = this.ctx.workspace.document(file.uri);
      if (open && open.getText() !== file.text) return null;
      const table = lineTable(file.uri, file.text, open);
      const edits: LspTextEdit[] = fileEdits.edits.map((e) => ({ range: toRange(table, e.span), newText: e.newText }));
      documentChanges.push({ textDocument: { uri: this.ctx.workspace.uriOf(file.uri), version: open?.version ?? null }, edits });
    }
    if (this.capabilities().workspace?.workspaceEdit?.documentChanges) return { documentChanges };
    // Clients without versioned edits get plain changes (the server-side check above still ran).
    return { changes: Object.fromEntries(documentChanges.map((d) => [d.textDocument.uri, d.edits as LspTextEdit[]])) };
  }
}

function refused(summary: string, notes: string[] = []): EditCommandResult {
  return { edit: null, summary, refused: true, ...(notes.length ? { notes } : {}) };
}
