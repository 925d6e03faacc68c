/**
 * A status-bar item with the active manuscript's Citelens errors and warnings; a click opens the Problems panel.
 * Counts come from VS Code's own diagnostics (source `citelens`), so they always agree with the Problems panel.
 */
import * as vscode from 'vscode';
import { DIAGNOSTIC_SOURCE } from '../../server/src/protocol';

export class DiagnosticsStatus implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('citelens.status', vscode.StatusBarAlignment.Left, 50);
  private readonly subscriptions: vscode.Disposable[];

  constructor(private readonly selector: vscode.DocumentSelector) {
    this.item.name = 'Citelens';
    this.item.command = 'workbench.actions.view.problems';
    this.subscriptions = [
      vscode.window.onDidChangeActiveTextEditor(() => this.update()),
      vscode.languages.onDidChangeDiagnostics((event) => {
        const active = vscode.window.activeTextEditor?.document.uri.toString();
        if (active && event.uris.some((uri) => uri.toString() === active)) this.update();
      }),
    ];
    this.update();
  }

  private update(): void {
    const document = vscode.window.activeTextEditor?.document;
    if (!document || vscode.languages.match(this.selector, document) === 0) {
      this.item.hide();
      return;
    }
    let errors = 0;
    let warnings = 0;
    for (const diagnostic of vscode.languages.getDiagnostics(document.uri)) {
      if (diagnostic.source !== DIAGNOSTIC_SOURCE) continue;
      if (diagnostic.severity === vscode.DiagnosticSeverity.Error) errors++;
      else if (diagnostic.severity === vscode.DiagnosticSeverity.Warning) warnings++;
    }
    this.item.text = `$(book) Citelens $(error) ${errors} $(warning) ${warnings}`;
    this.item.tooltip = `Citelens: ${errors} error(s), ${warnings} warning(s) in this file. Click to open the Problems panel.`;
    this.item.accessibilityInformation = { label: `Citelens: ${errors} errors, ${warnings} warnings` };
    this.item.show();
  }

  dispose(): void {
    this.item.dispose();
    for (const s of this.subscriptions) s.dispose();
  }
}
