/**
 * A status-bar item with the manuscript's Citelens errors, warnings and information; a click opens the Problems
 * panel. Counts come from VS Code's own diagnostics (source `citelens`), so they always agree with the Problems
 * panel.
 *
 * - Until the server has published diagnostics for the document once, the item says "checking…" (not a count of
 *   zero, which would read as an all-clear while the server is still starting or reading a large bibliography).
 *   Publications are reported by the language client's middleware (`received`), also when they are empty, which
 *   VS Code's diagnostics-changed event does not tell apart from "none yet".
 * - It follows the active Citelens document, and stays on the last one while a tab shows it, so it does not
 *   vanish when focus moves to the Problems panel, the terminal or a file Citelens does not check.
 */
import * as vscode from 'vscode';
import { DIAGNOSTIC_SOURCE } from '../../server/src/protocol';

/** What the item shows, for the extension's API (the in-host tests read it). */
export interface StatusSnapshot {
  visible: boolean;
  /** The document counted, if any. */
  uri?: string;
  checking: boolean;
  text: string;
  tooltip: string;
}

export class DiagnosticsStatus implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('citelens.status', vscode.StatusBarAlignment.Left, 50);
  private readonly subscriptions: vscode.Disposable[];
  /** Documents the server has published diagnostics for (since it started). */
  private readonly checked = new Set<string>();
  /** The document counted: the active Citelens document, else the last one while it is open. */
  private shown: vscode.Uri | undefined;
  private visible = false;

  constructor(private readonly selector: vscode.DocumentSelector) {
    this.item.name = 'Citelens';
    this.item.command = 'workbench.actions.view.problems';
    this.subscriptions = [
      vscode.window.onDidChangeActiveTextEditor(() => this.update()),
      // A closed tab: VS Code closes the document itself only later (or never, while an extension holds it).
      vscode.window.tabGroups.onDidChangeTabs(() => this.update()),
      vscode.workspace.onDidCloseTextDocument((document) => {
        if (document.uri.toString() === this.shown?.toString()) this.shown = undefined;
        this.update();
      }),
      vscode.languages.onDidChangeDiagnostics((event) => {
        const shown = this.shown?.toString();
        if (shown && event.uris.some((uri) => uri.toString() === shown)) this.update();
      }),
    ];
    this.update();
  }

  /**
   * The server published diagnostics for `uri` (possibly none), and they are in VS Code's collection: its counts
   * are real from now on.
   */
  received(uri: vscode.Uri): void {
    const key = uri.toString();
    if (this.checked.has(key)) return;
    this.checked.add(key);
    if (key === this.shown?.toString()) this.update();
  }

  /** The server (re)starts: nothing it published before counts as a result of the new one. */
  restarted(): void {
    this.checked.clear();
    this.update();
  }

  snapshot(): StatusSnapshot {
    return {
      visible: this.visible,
      uri: this.shown?.toString(),
      checking: !!this.shown && !this.checked.has(this.shown.toString()),
      text: this.item.text,
      tooltip: typeof this.item.tooltip === 'string' ? this.item.tooltip : '',
    };
  }

  private update(): void {
    const active = vscode.window.activeTextEditor?.document;
    if (active && vscode.languages.match(this.selector, active) > 0) this.shown = active.uri;
    else if (this.shown && !isInATab(this.shown)) this.shown = undefined;
    const shown = this.shown;
    if (!shown) {
      this.visible = false;
      this.item.hide();
      return;
    }
    const name = shown.path.slice(shown.path.lastIndexOf('/') + 1);
    if (!this.checked.has(shown.toString())) {
      this.item.text = '$(book) Citelens $(sync~spin) checking…';
      this.item.tooltip = `Citelens is checking ${name}…`;
      this.item.accessibilityInformation = { label: 'Citelens: checking' };
    } else {
      let errors = 0;
      let warnings = 0;
      let information = 0;
      for (const diagnostic of vscode.languages.getDiagnostics(shown)) {
        if (diagnostic.source !== DIAGNOSTIC_SOURCE) continue;
        if (diagnostic.severity === vscode.DiagnosticSeverity.Error) errors++;
        else if (diagnostic.severity === vscode.DiagnosticSeverity.Warning) warnings++;
        else if (diagnostic.severity === vscode.DiagnosticSeverity.Information) information++;
      }
      this.item.text = `$(book) Citelens $(error) ${errors} $(warning) ${warnings} $(info) ${information}`;
      this.item.tooltip = `Citelens: ${errors} error(s), ${warnings} warning(s), ${information} information in ${name}. Click to open the Problems panel.`;
      this.item.accessibilityInformation = { label: `Citelens: ${errors} errors, ${warnings} warnings, ${information} information` };
    }
    this.visible = true;
    this.item.show();
  }

  dispose(): void {
    this.item.dispose();
    for (const s of this.subscriptions) s.dispose();
  }
}

/** True while a tab shows the document (a text editor, or one side of a diff). */
function isInATab(uri: vscode.Uri): boolean {
  const key = uri.toString();
  return vscode.window.tabGroups.all.some((group) => group.tabs.some((tab) => {
    const input = tab.input;
    if (input instanceof vscode.TabInputText) return input.uri.toString() === key;
    if (input instanceof vscode.TabInputTextDiff) return input.original.toString() === key || input.modified.toString() === key;
    return false;
  }));
}
