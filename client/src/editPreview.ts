/**
 * A preview of a Citelens edit before it applies (issue 16 item 5): a diff editor for each changed file (current
 * text ↔ the text after the edit), which the author scrolls and reads at leisure — nothing modal blocks it — and
 * Apply / Cancel offered twice, non-modally: as buttons of a notification and in the diff editor's title bar
 * (`citelens.applyPreview` / `citelens.cancelPreview`, shown on preview documents only). Closing the diff cancels.
 *
 * VS Code's own Refactor Preview (`needsConfirmation`) starts with every change unticked, and a partial renumbering
 * is worse than none, so Citelens shows the whole change and applies it all or nothing — as one undoable edit.
 * A document that changed while the preview was open is refused: the change was computed on the old text.
 */
import * as vscode from 'vscode';
import { EditorCommands } from '../../server/src/protocol';

const SCHEME = 'citelens-preview';

/** Serves the proposed texts to the diff editors. */
class PreviewContent implements vscode.TextDocumentContentProvider {
  private readonly texts = new Map<string, string>();
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;

  set(uri: vscode.Uri, text: string): void {
    this.texts.set(uri.toString(), text);
    this.changed.fire(uri);
  }

  delete(uri: vscode.Uri): void {
    this.texts.delete(uri.toString());
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.texts.get(uri.toString()) ?? '';
  }
}

/** What the author decided about a preview. */
export type PreviewDecision = 'apply' | 'cancel' | 'stale';

/** The preview waiting for a decision (one at a time: a new one cancels the last). */
interface Pending {
  decide(decision: 'apply' | 'cancel'): void;
}

const content = new PreviewContent();
let pending: Pending | undefined;

export function registerEditPreview(): vscode.Disposable {
  return vscode.Disposable.from(
    vscode.workspace.registerTextDocumentContentProvider(SCHEME, content),
    vscode.commands.registerCommand(EditorCommands.applyPreview, () => pending?.decide('apply')),
    vscode.commands.registerCommand(EditorCommands.cancelPreview, () => pending?.decide('cancel')),
  );
}

/** Whether commands should preview their edits (setting `citelens.edits.preview`, unless the caller says no). */
export function previewWanted(args: unknown): boolean {
  if (args && typeof args === 'object' && (args as { preview?: unknown }).preview === false) return false;
  return vscode.workspace.getConfiguration('citelens').get<boolean>('edits.preview', true);
}

/**
 * Shows the change `edit` would make and waits for Apply or Cancel. 'apply': the caller applies the edit;
 * 'cancel': nothing happens; 'stale': a document changed while the preview was open, so the edit must not apply.
 */
export async function confirmEdit(edit: vscode.WorkspaceEdit, summary: string): Promise<PreviewDecision> {
  pending?.decide('cancel');
  const previews: { original: vscode.Uri; preview: vscode.Uri; version: number }[] = [];
  for (const [uri, edits] of edit.entries()) {
    const document = await vscode.workspace.openTextDocument(uri);
    const preview = vscode.Uri.from({ scheme: SCHEME, path: uri.path, query: `v${document.version}-${Date.now()}` });
    content.set(preview, applyTextEdits(document, edits));
    previews.push({ original: uri, preview, version: document.version });
  }
  const subscriptions: vscode.Disposable[] = [];
  try {
    let resolve: (d: 'apply' | 'cancel') => void = () => undefined;
    const decision = new Promise<'apply' | 'cancel'>((r) => (resolve = r));
    // This preview's own decision: a button of an older notification clicked later decides nothing here.
    const self: Pending = {
      decide: (d) => {
        if (pending === self) pending = undefined;
        resolve(d);
      },
    };
    pending = self;
    // Closing every diff of the preview is a Cancel (listened to before they open: one may close at once, even
    // before `vscode.diff` has returned, so a close event naming one of ours counts as well as the end of opening).
    // The tab model is read after the event has run its course, when the closed tabs are gone from it.
    let opened = false;
    let closedOne = false;
    const ours = (tab: vscode.Tab) => tab.input instanceof vscode.TabInputTextDiff
      && previews.some((p) => (tab.input as vscode.TabInputTextDiff).modified.toString() === p.preview.toString());
    const closedAll = () => (opened || closedOne) && !previews.some((p) => diffTabOf(p.preview));
    subscriptions.push(vscode.window.tabGroups.onDidChangeTabs((e) => {
      if (e.closed.some(ours)) closedOne = true;
      setTimeout(() => closedAll() && self.decide('cancel'), 0);
    }));
    // Every file's diff, the first (the manuscript, or its first chapter) in front. Not awaited before the decision:
    // a diff closed while it is still opening may leave `vscode.diff` unresolved, and the close must still cancel.
    void (async () => {
      for (const p of [...previews].reverse()) {
        const name = p.original.path.split('/').pop();
        await vscode.commands.executeCommand('vscode.diff', p.original, p.preview, `${name} ↔ after Citelens (preview)`, { preview: false });
      }
      opened = true;
      if (closedAll()) self.decide('cancel');
    })().catch(() => self.decide('cancel'));
    const files = previews.length > 1 ? ` It changes ${previews.length} files: ${previews.map((p) => p.original.path.split('/').pop()).join(', ')}.` : '';
    void vscode.window
      .showInformationMessage(`Citelens: ${summary}${files} Review the diff, then Apply or Cancel (also in the diff's title bar).`, 'Apply', 'Cancel')
      .then((choice) => {
        // Dismissing the notification decides nothing: the diff's title bar still offers both.
        if (choice === 'Apply') self.decide('apply');
        else if (choice === 'Cancel') self.decide('cancel');
      });
    const chosen = await decision;
    if (chosen === 'cancel') return 'cancel';
    const changed = previews.some((p) => vscode.workspace.textDocuments.find((d) => d.uri.toString() === p.original.toString())?.version !== p.version);
    return changed ? 'stale' : 'apply';
  } finally {
    for (const s of subscriptions) s.dispose();
    for (const p of previews) {
      // Close the diff editor the preview opened, then forget its text.
      const tab = diffTabOf(p.preview);
      if (tab) await vscode.window.tabGroups.close(tab);
      content.delete(p.preview);
    }
  }
}

/** The open diff tab showing `preview`, if any. */
function diffTabOf(preview: vscode.Uri): vscode.Tab | undefined {
  for (const group of vscode.window.tabGroups.all) {
    for (const tab of group.tabs) {
      const input = tab.input;
      if (input instanceof vscode.TabInputTextDiff && input.modified.toString() === preview.toString()) return tab;
    }
  }
  return undefined;
}

/** The document's text after `edits` (non-overlapping, as a WorkspaceEdit's edits of one file are). */
export function applyTextEdits(document: vscode.TextDocument, edits: readonly vscode.TextEdit[]): string {
  const text = document.getText();
  const spans = edits
    .map((e) => ({ start: document.offsetAt(e.range.start), end: document.offsetAt(e.range.end), text: e.newText }))
    .sort((a, b) => b.start - a.start || b.end - a.end);
  let out = text;
  for (const s of spans) out = out.slice(0, s.start) + s.text + out.slice(s.end);
  return out;
}
