/**
 * The editor features over LSP: each handler converts the request's position to an offset, asks the
 * protocol-free feature in `service/features/`, and converts the answer back. Nothing is computed here.
 *
 * The features are a closed set, named here: citation hovers (with the topic-fit section, see
 * `ServerContext.hoverOptions`) then taxonomy term hovers; key and number completion then taxonomy terms; the
 * quick fixes of `service/features/quickFixes.ts`; document highlights (find references within the document),
 * inlay hints (who each citation names), and the works as symbols (a bibliography's outline, "go to symbol in
 * workspace").
 */
import {
  CodeActionKind,
  CompletionItemKind,
  DocumentHighlightKind,
  ErrorCodes,
  InsertTextFormat,
  LSPErrorCodes,
  MarkupKind,
  ResponseError,
  SymbolKind,
  type CodeAction,
  type CompletionItem,
  type CompletionList,
  type Diagnostic as LspDiagnostic,
  type DocumentHighlight,
  type DocumentLink,
  type DocumentSymbol,
  type Hover,
  type InlayHint,
  type Location as LspLocation,
  type LocationLink,
  type Position,
  type TextDocumentEdit,
  type SymbolInformation,
  type TextEdit as LspTextEdit,
  type WorkspaceEdit,
} from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { ClientCommands, DIAGNOSTIC_SOURCE, EditorCommands, type RevealArgs } from '../protocol';
import type { Analysis } from '../service/analysis';
import { getCodeActions, type DiagnosticRef } from '../service/features/codeActions';
import { getCompletions, loadingCompletion, resolveKeyDocumentation, type CompletionEntry, type CompletionResult } from '../service/features/completion';
import { getDefinition } from '../service/features/definition';
import { getDocumentLinks } from '../service/features/documentLinks';
import type { Location, WorkspaceEdits } from '../service/features/featureTypes';
import { getHover } from '../service/features/hover';
import { getInlayHints } from '../service/features/inlayHints';
import { getDocumentHighlights, getReferences } from '../service/features/references';
import { getRenameEdits, prepareRename } from '../service/features/rename';
import { taxonomyCompletion } from '../service/features/taxonomyCompletion';
import { bibliographySymbols, searchWorkSymbols } from '../service/features/workSymbols';
import { getTermHover } from '../service/features/taxonomyHover';
import type { EditCommands } from './editCommands';
import { isBibPath, isManuscriptPath } from './fileKinds';
import { guard } from './guard';
import { toOffset, toRange, toSpan } from './positions';
import type { ServerContext } from './serverContext';
import { uriToPath } from './uris';

/** The analyses a request at `uri` is answered from, with the line table and offset of `position`. */
interface RequestScope {
  path: string;
  analyses: Analysis[];
  table: TextDocument;
  offset: number;
}

/**
 * How long a completion waits for a manuscript's first analysis before answering with the loading row: a small
 * bibliography is read by then, so its keys come at once instead of a row that flashes by.
 */
const LOADING_WAIT_MS = 150;

/**
 * A completion result in LSP terms. Keys and numbers show "Author Year" right after the label and the title (or
 * the reference's text) right-aligned on the same row (`labelDetails`), so even a DBLP key's row is readable.
 */
function completionList(table: TextDocument, result: CompletionResult | null, path: string): CompletionList | null {
  if (!result) return null;
  const range = toRange(table, result.span);
  const items = result.items.map((item): CompletionItem => {
    const beside = item.kind === 'key' || item.kind === 'number';
    return {
      label: item.label,
      kind: COMPLETION_KINDS[item.kind],
      labelDetails: beside
        ? { detail: item.description ? ` ${item.description}` : undefined, description: item.detail }
        : item.description ? { description: item.description } : undefined,
      detail: item.detail,
      documentation: item.documentation ? { kind: MarkupKind.Markdown, value: item.documentation } : undefined,
      filterText: item.filterText,
      sortText: item.sortText,
      insertTextFormat: InsertTextFormat.PlainText,
      textEdit: { range, newText: item.insertText },
      data: item.data ? { ...item.data, path } : undefined,
    };
  });
  return { isIncomplete: result.isIncomplete, items };
}

const COMPLETION_KINDS: Record<CompletionEntry['kind'], CompletionItemKind> = {
  key: CompletionItemKind.Reference,
  number: CompletionItemKind.EnumMember,
  term: CompletionItemKind.Text,
  loading: CompletionItemKind.Event,
};

export function registerLanguageFeatures(ctx: ServerContext, clientSupportsLinks: () => boolean, editCommands?: EditCommands): void {
  const { connection } = ctx;
  const log = (m: string) => ctx.log(m);
  /** Completion kinds tried after keys and numbers: taxonomy terms (while typing only when the setting says so). */
  const completionProviders = [taxonomyCompletion({ whileTyping: () => ctx.service.settings.taxonomyCompleteWhileTyping })];

  async function scope(uri: string, position: Position, quick = false): Promise<RequestScope | null> {
    const path = uriToPath(uri);
    let analyses: Analysis[];
    if (isManuscriptPath(path)) analyses = [await (quick ? ctx.quickAnalysisFor(path) : ctx.analysisFor(path))];
    else if (isBibPath(path)) analyses = await ctx.analysesForBibliography(path);
    else return null;
    const table = await ctx.tableFor(path, analyses[0]);
    if (!table || analyses.length === 0) return null;
    return { path, analyses, table, offset: toOffset(table, position) };
  }

  /** Converts a feature's locations (in manuscripts and bibliographies) to LSP locations. */
  async function locations(list: Location[], analysis: Analysis): Promise<LspLocation[]> {
    const out: LspLocation[] = [];
    for (const location of list) {
      const table = await ctx.tableFor(location.path, analysis);
      if (table) out.push({ uri: ctx.workspace.uriOf(location.path), range: toRange(table, location.span) });
    }
    return out;
  }

  async function workspaceEdit(edits: WorkspaceEdits, analysis: Analysis): Promise<WorkspaceEdit> {
    const changes: Record<string, LspTextEdit[]> = {};
    for (const [path, list] of edits) {
      const table = await ctx.tableFor(path, analysis);
      if (!table) throw new Error(`cannot read ${path} to edit it`);
      changes[ctx.workspace.uriOf(path)] = list.map((e) => ({ range: toRange(table, e.span), newText: e.newText }));
    }
    return { changes };
  }

  connection.onHover(guard('hover', null, log, async (params): Promise<Hover | null> => {
    const s = await scope(params.textDocument.uri, params.position);
    if (!s) return null;
    for (const analysis of s.analyses) {
      const hover = getHover(analysis, s.path, s.offset, ctx.hoverOptions());
      if (hover) return { contents: { kind: MarkupKind.Markdown, value: hover.markdown }, range: toRange(s.table, hover.span) };
    }
    // Not on a citation, list item or key: a taxonomy term?
    const hover = getTermHover(s.analyses[0], s.path, s.offset);
    if (hover) return { contents: { kind: MarkupKind.Markdown, value: hover.markdown }, range: toRange(s.table, hover.span) };
    return null;
  }));

  connection.onDefinition(guard('definition', null, log, async (params): Promise<LocationLink[] | LspLocation[] | null> => {
    const s = await scope(params.textDocument.uri, params.position);
    if (!s) return null;
    const analysis = s.analyses[0];
    const result = getDefinition(analysis, s.path, s.offset);
    if (!result) return null;
    const links: LocationLink[] = [];
    for (const target of result.targets) {
      const table = await ctx.tableFor(target.path, analysis);
      if (!table) continue;
      links.push({
        originSelectionRange: toRange(s.table, result.origin),
        targetUri: ctx.workspace.uriOf(target.path),
        targetRange: toRange(table, target.span),
        targetSelectionRange: toRange(table, target.selection),
      });
    }
    if (clientSupportsLinks()) return links;
    return links.map((l) => ({ uri: l.targetUri, range: l.targetSelectionRange }));
  }));

  connection.onReferences(guard('references', [], log, async (params): Promise<LspLocation[]> => {
    const s = await scope(params.textDocument.uri, params.position);
    if (!s) return [];
    const out: LspLocation[] = [];
    const seen = new Set<string>();
    for (const analysis of s.analyses) {
      const found = getReferences(analysis, s.path, s.offset, params.context.includeDeclaration);
      for (const location of await locations(found, analysis)) {
        const id = `${location.uri}#${location.range.start.line}:${location.range.start.character}`;
        if (!seen.has(id)) {
          seen.add(id);
          out.push(location);
        }
      }
    }
    return out;
  }));

  // The same work's other citations in this document (and its list item or entry key, as a write), highlighted where
  // the cursor stands: find references without the panel.
  connection.onDocumentHighlight(guard('documentHighlight', [], log, async (params): Promise<DocumentHighlight[]> => {
    const s = await scope(params.textDocument.uri, params.position);
    if (!s) return [];
    const out = new Map<string, DocumentHighlight>();
    for (const analysis of s.analyses) {
      for (const h of getDocumentHighlights(analysis, s.path, s.offset)) {
        const kind = h.kind === 'write' ? DocumentHighlightKind.Write : DocumentHighlightKind.Read;
        out.set(`${h.span.start}:${h.span.end}`, { range: toRange(s.table, h.span), kind });
      }
    }
    return [...out.values()];
  }));

  connection.languages.inlayHint.on(guard('inlayHint', null, log, async (params): Promise<InlayHint[] | null> => {
    const path = uriToPath(params.textDocument.uri);
    const setting = ctx.service.settings.inlayHints;
    if (!isManuscriptPath(path) || setting === 'off') return null;
    const analysis = await ctx.analysisFor(path);
    const table = await ctx.tableFor(path, analysis);
    if (!table) return null;
    const span = toSpan(table, params.range);
    return getInlayHints(analysis, path, span, setting).map((hint) => ({
      position: table.positionAt(hint.offset),
      label: hint.label,
      tooltip: hint.tooltip,
      paddingLeft: true,
    }));
  }));

  // A bibliography's outline: its entries (a manuscript's outline is the editor's own, by headings).
  connection.onDocumentSymbol(guard('documentSymbol', null, log, async (params): Promise<DocumentSymbol[] | null> => {
    const path = uriToPath(params.textDocument.uri);
    if (!isBibPath(path)) return null;
    const bibliography = await ctx.service.bibliography(path);
    const table = bibliography && (await ctx.tableFor(path));
    if (!bibliography || !table) return null;
    return bibliographySymbols(bibliography).map((symbol) => ({
      name: symbol.name,
      detail: symbol.detail,
      kind: SymbolKind.Key,
      range: toRange(table, symbol.span),
      selectionRange: toRange(table, symbol.selection),
    }));
  }));

  // "Go to symbol in workspace": the works of the open manuscripts' bibliographies, ranked as key completion ranks.
  connection.onWorkspaceSymbol(guard('workspaceSymbol', [], log, async (params): Promise<SymbolInformation[]> => {
    if (!params.query.trim()) return [];
    const out = new Map<string, SymbolInformation>();
    for (const path of ctx.workspace.openPaths().filter(isManuscriptPath)) {
      const analysis = await ctx.analysisFor(path);
      for (const symbol of searchWorkSymbols(analysis, params.query)) {
        const id = `${symbol.path}\0${symbol.name}`;
        const table = out.has(id) ? null : await ctx.tableFor(symbol.path, analysis);
        // The editor filters the results by their name: it holds the authors and title, so they are found by those too.
        if (table) out.set(id, { name: symbol.label, kind: SymbolKind.Key, location: { uri: ctx.workspace.uriOf(symbol.path), range: toRange(table, symbol.selection) } });
      }
    }
    return [...out.values()];
  }));

  connection.onPrepareRename(guard('prepareRename', null, log, async (params) => {
    const s = await scope(params.textDocument.uri, params.position);
    if (!s) return null;
    const prepared = prepareRename(s.analyses[0], s.path, s.offset);
    if ('refused' in prepared) throw new ResponseError(ErrorCodes.InvalidRequest, prepared.refused);
    return { range: toRange(s.table, prepared.span), placeholder: prepared.placeholder };
  }));

  connection.onRenameRequest(guard('rename', null, log, async (params): Promise<WorkspaceEdit | null> => {
    const versionAt = () => ctx.workspace.document(uriToPath(params.textDocument.uri))?.version;
    const asked = versionAt();
    const s = await scope(params.textDocument.uri, params.position);
    if (!s) return null;
    const merged: WorkspaceEdit = { changes: {} };
    for (const analysis of s.analyses) {
      const edits = getRenameEdits(analysis, s.path, s.offset, params.newName);
      if ('refused' in edits) throw new ResponseError(ErrorCodes.InvalidRequest, edits.refused);
      const edit = await workspaceEdit(edits, analysis);
      for (const [uri, list] of Object.entries(edit.changes ?? {})) {
        const into = (merged.changes![uri] ??= []);
        for (const e of list) {
          if (!into.some((o) => o.range.start.line === e.range.start.line && o.range.start.character === e.range.start.character)) into.push(e);
        }
      }
    }
    // The document changed while the edits were computed: they are for text the editor no longer has.
    if (versionAt() !== asked) throw new ResponseError(LSPErrorCodes.ContentModified, 'The document changed during the rename; try again.');
    return versioned(merged);
  }));

  /**
   * `changes` as `documentChanges` naming each open document's version (null for a file not open), when the
   * client supports them: the edits were computed on those versions, so the client refuses to apply them to a
   * document that changed since (VS Code does).
   */
  function versioned(edit: WorkspaceEdit): WorkspaceEdit {
    if (!editCommands?.capabilities().workspace?.workspaceEdit?.documentChanges) return edit;
    const documentChanges: TextDocumentEdit[] = Object.entries(edit.changes ?? {}).map(([uri, edits]) => ({
      textDocument: { uri, version: ctx.workspace.document(uriToPath(uri))?.version ?? null },
      edits,
    }));
    return { documentChanges };
  }

  connection.onCompletion(guard('completion', null, log, async (params): Promise<CompletionList | null> => {
    const path = uriToPath(params.textDocument.uri);
    if (!isManuscriptPath(path)) return null;
    // Before the manuscript's first analysis (a large bibliography being read) a key gets the loading row.
    const analysis = await ctx.readyAnalysisFor(path, LOADING_WAIT_MS);
    const document = ctx.workspace.document(path);
    if (!analysis) return document ? completionList(document, loadingCompletion(document.getText(), document.offsetAt(params.position), ctx.loading.bibliography()), path) : null;
    const table = await ctx.tableFor(path, analysis);
    if (!table) return null;
    const result = getCompletions(analysis, path, toOffset(table, params.position), {
      explicit: params.context?.triggerKind === 1,
      providers: completionProviders,
    });
    return completionList(table, result, path);
  }));

  connection.onCompletionResolve(async (item: CompletionItem): Promise<CompletionItem> => {
    const data = item.data as { key?: string; path?: string } | undefined;
    if (!data?.key || !data.path || item.documentation) return item;
    try {
      const doc = resolveKeyDocumentation(await ctx.analysisFor(data.path), data.key, ctx.hoverOptions());
      if (doc) item.documentation = { kind: MarkupKind.Markdown, value: doc };
    } catch (error) {
      log(`completionResolve failed for ${data.key}: ${error instanceof Error ? error.stack ?? error.message : String(error)}`);
    }
    return item;
  });

  connection.onCodeAction(guard('codeAction', [], log, async (params): Promise<CodeAction[]> => {
    const path = uriToPath(params.textDocument.uri);
    if (!isManuscriptPath(path)) return [];
    const ours = params.context.diagnostics.filter((d): d is LspDiagnostic & { code: string } => d.source === DIAGNOSTIC_SOURCE && typeof d.code === 'string');
    if (ours.length === 0) return [];
    const analysis = await ctx.analysisFor(path);
    const table = await ctx.tableFor(path, analysis);
    if (!table) return [];
    const refs: DiagnosticRef[] = ours.map((d) => ({ code: d.code, span: toSpan(table, d.range), message: typeof d.message === 'string' ? d.message : d.message.value, data: d.data }));
    const original = new Map<DiagnosticRef, LspDiagnostic>(refs.map((r, i) => [r, ours[i]]));
    const results = getCodeActions(analysis, path, toSpan(table, params.range), refs, {}, { ignoreComments: true });
    const out: CodeAction[] = [];
    for (const result of results) {
      const action: CodeAction = {
        title: result.title,
        kind: result.kind === 'quickfix' ? CodeActionKind.QuickFix : result.kind === 'refactor' ? CodeActionKind.Refactor : CodeActionKind.Source,
        diagnostics: result.diagnostics.map((d) => original.get(d)).filter((d): d is LspDiagnostic => !!d),
        isPreferred: result.isPreferred,
      };
      if (result.edits) action.edit = await workspaceEdit(result.edits, analysis);
      if (result.reveal && !result.command) {
        // The edit is applied first, then the command: the editor shows where the edit went.
        const table = await ctx.tableFor(result.reveal.path, analysis);
        const args: RevealArgs | null = table ? { uri: ctx.workspace.uriOf(result.reveal.path), range: toRange(table, result.reveal.span) } : null;
        if (args) action.command = { title: 'Show the edit', command: EditorCommands.reveal, arguments: [args] };
      }
      if (result.command) {
        const command = { title: result.command.title, command: ClientCommands[result.command.name], arguments: [{ uri: params.textDocument.uri }] };
        // Renumbering carries its workspace edit (resolved lazily when the client can); the command is the fallback.
        if (editCommands) Object.assign(action, await editCommands.codeActionFields(result.command.name, params.textDocument.uri, command));
        else action.command = command;
      }
      out.push(action);
    }
    return out;
  }));

  connection.onDocumentLinks(guard('documentLinks', [], log, async (params): Promise<DocumentLink[]> => {
    const path = uriToPath(params.textDocument.uri);
    if (isManuscriptPath(path)) {
      const manuscript = await ctx.service.manuscript(path);
      if (!manuscript) return [];
      const table = await ctx.tableFor(path, { files: [manuscript] });
      if (!table) return [];
      return getDocumentLinks(manuscript.text, manuscript.excluded)
        .map((l) => ({ range: toRange(table, l.span), target: l.target, tooltip: l.tooltip }));
    }
    if (isBibPath(path)) {
      const table = await ctx.tableFor(path);
      if (!table) return [];
      return getDocumentLinks(table.getText()).map((l) => ({ range: toRange(table, l.span), target: l.target, tooltip: l.tooltip }));
    }
    return [];
  }));
}
