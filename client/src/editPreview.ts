/**
 * A preview of a Citelens edit before it applies: a diff editor of each changed file (current text ↔ the text
 * after the edit), then a modal "Apply" / "Cancel". VS Code's own Refactor Preview (`needsConfirmation`) starts
 * with every change unticked, and a partial renumbering is worse than none, so Citelens shows the whole change
 * and applies it all or nothing — as one undoable edit.
 */
import * as vscode from 'vscode';

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

const content = new PreviewContent();

export function registerEditPreview(): vscode.Disposable {
  return vscode.workspace.registerTextDocumentContentProvider(SCHEME, content);
}

/** Whether commands should preview their edits (setting `citelens.edits.preview`, unless the caller says no). */
export function previewWanted(args: unknown): boolean {
  if (args && typeof args === 'object' && (args as { preview?: unknown }).preview === false) return false;
  return vscode.workspace.getConfiguration('citelens').get<boolean>('edits.preview', true);
}

/**
 * Shows the change `edit` would make and asks to apply it. Resolves to true when the user chose Apply (the caller
 * then applies the edit), false on Cancel.
 */
export async function confirmEdit(edit: vscode.WorkspaceEdit, summary: string): Promise<boolean> {
  const previews: { original: vscode.Uri; preview: vscode.Uri }[] = [];
  for (const [uri, edits] of edit.entries()) {
    const document = await vscode.workspace.openTextDocument(uri);
    const preview = vscode.Uri.from({ scheme: SCHEME, path: uri.path, query: `v${document.version}-${Date.now()}` });
    content.set(preview, applyTextEdits(document, edits));
    previews.push({ original: uri, preview });
  }
  try {
    // The first file in the editor (the manuscript, or its first chapter); the others are named in the dialog.
    const first = previews[0];
    if (first) {
      const name = first.original.path.split('/').pop();
      await vscode.commands.executeCommand('vscode.diff', first.original, first.preview, `${name} ↔ after Citelens (preview)`, { preview: true });
    }
    const others = previews.length > 1 ? ` It changes ${previews.length} files: ${previews.map((p) => p.original.path.split('/').pop()).join(', ')}.` : '';
    const choice = await vscode.window.showInformationMessage(`Citelens: ${summary}${others} Apply this change?`, { modal: true }, 'Apply');
    return choice === 'Apply';
  } finally {
    for (const p of previews) {
      // Close the diff editor the preview opened, then forget its text.
      for (const group of vscode.window.tabGroups.all) {
        for (const tab of group.tabs) {
          const input = tab.input;
          if (input instanceof vscode.TabInputTextDiff && input.modified.toString() === p.preview.toString()) await vscode.window.tabGroups.close(tab);
        }
      }
      content.delete(p.preview);
    }
  }
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
