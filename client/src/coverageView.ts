/**
 * The "Show Taxonomy Coverage" webview: one panel, reused, showing the table that `server/src/coverageHtml.ts` renders
 * from the server's `citelens/coverage` answer. Clicking a cell reveals the first mention in the manuscript.
 */
import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import type { CoverageResult, CoverageViewMessage } from '../../server/src/protocol';
import { renderCoverageHtml } from '../../server/src/coverageHtml';

export class CoverageView implements vscode.Disposable {
  private panel: vscode.WebviewPanel | undefined;

  constructor(private readonly context: vscode.ExtensionContext) {}

  /** Shows (or refreshes) the panel with a coverage result. */
  show(result: CoverageResult): void {
    if (!this.panel) {
      this.panel = vscode.window.createWebviewPanel('citelens.coverage', 'Taxonomy Coverage', vscode.ViewColumn.Beside, {
        enableScripts: true,
        localResourceRoots: [], // nothing to load: styles and script are inline with a nonce
      });
      this.panel.onDidDispose(() => (this.panel = undefined), null, this.context.subscriptions);
      this.panel.webview.onDidReceiveMessage((m: unknown) => reveal(m), null, this.context.subscriptions);
    }
    this.panel.title = `Taxonomy Coverage: ${result.title}`;
    this.panel.webview.html = renderCoverageHtml(result, { nonce: randomBytes(16).toString('base64'), cspSource: this.panel.webview.cspSource });
    this.panel.reveal(undefined, true);
  }

  dispose(): void {
    this.panel?.dispose();
  }
}

function isRevealMessage(m: unknown): m is CoverageViewMessage {
  const r = m as CoverageViewMessage | undefined;
  return r?.type === 'reveal' && typeof r.uri === 'string' && typeof r.range?.start?.line === 'number';
}

/** Opens the document of a clicked cell beside the view and selects the range. Ignores anything malformed. */
async function reveal(message: unknown): Promise<void> {
  if (!isRevealMessage(message)) return;
  const { start, end } = message.range;
  const range = new vscode.Range(start.line, start.character, end.line, end.character);
  const document = await vscode.workspace.openTextDocument(vscode.Uri.parse(message.uri));
  await vscode.window.showTextDocument(document, { viewColumn: vscode.ViewColumn.One, selection: range });
}
