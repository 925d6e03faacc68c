/**
 * Publishes diagnostics: a manuscript analysis on each of its files, a bibliography's own problems on the
 * bibliography. A result computed from text the editor no longer holds is dropped, never published.
 */
import type { DiagnosticRelatedInformation, Diagnostic as LspDiagnostic } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Analysis } from '../service/analysis';
import type { Bibliography, Diagnostic, RelatedLocation } from '../service/types';
import { DiagnosticReuse } from './diagnosticReuse';
import { sameLspDiagnostic, sameLspRelated, toLspDiagnostic, toLspRelated, withSeverity } from './diagnostics';
import type { ServerContext } from './serverContext';
import { touches, type TypingEdits } from './typingEdits';

export class DiagnosticsPublisher {
  /** The problem list last published per bibliography, to skip re-sending an unchanged one. */
  private readonly bibPublished = new Map<string, Bibliography['problems']>();
  /** Unchanged diagnostics keep their objects from one publication to the next (and so their serialised bytes). */
  private readonly reused = new DiagnosticReuse();
  /** The LSP diagnostic last published for a core diagnostic object. */
  private readonly converted = new WeakMap<Diagnostic, LspDiagnostic>();
  /**
   * The LSP diagnostic last published for a diagnostic carrying this `data` object. A check that hands out the same
   * data while its problem only moves (topic fit's warnings: `offTopic.ts`) makes a new problem, and so a new
   * diagnostic, whenever its span or related locations move; this finds what was published for its predecessor,
   * which is reused when its LSP form is the same (the usual case: a keystroke moves offsets, not lines).
   */
  private readonly byData = new WeakMap<object, LspDiagnostic>();
  /**
   * Related locations in LSP form per core array (the core hands out the same array while the locations are the
   * same, e.g. a topic-fit warning that only moved), with the line tables they were converted with.
   */
  private readonly relatedConverted = new WeakMap<readonly RelatedLocation[], { tables: (TextDocument | undefined)[]; related: DiagnosticRelatedInformation[] }>();
  /**
   * The diagnostics last published per manuscript file (what is not new while typing), with their code and message
   * keys made only when a keystroke touches a diagnostic (a set of ~900 keys per keystroke was ~0.5 ms).
   */
  private readonly lastShown = new Map<string, { shown: readonly Diagnostic[]; keys?: Set<string> }>();
  /**
   * Called when diagnostics were held back because the author is typing where they are: publish again after
   * `delayMs` (the server re-checks `path`, which is cached by then).
   */
  onHeld: (path: string, delayMs: number) => void = () => undefined;

  constructor(
    private readonly ctx: ServerContext,
    private readonly typing?: TypingEdits,
  ) {}

  /** True when every file of the analysis still has the text it was computed from (or is not open). */
  isCurrent(analysis: Analysis): boolean {
    return analysis.files.every((f) => {
      const open = this.ctx.workspace.document(f.uri);
      return !open || open.getText() === f.text;
    });
  }

  /**
   * Publishes the analysis on its manuscript files and the problems of its bibliographies. Returns what was
   * published per path, or null when the analysis was stale and nothing was published.
   */
  async publishAnalysis(analysis: Analysis, force = false): Promise<Map<string, LspDiagnostic[]> | null> {
    if (!this.isCurrent(analysis)) return null;
    const byPath = new Map<string, Diagnostic[]>(analysis.files.map((f) => [f.uri, []]));
    for (const d of analysis.diagnostics) byPath.get(d.uri)?.push(d);
    const tables = await this.relatedTables(analysis);
    // Check again: reading related files yielded to the event loop.
    if (!this.isCurrent(analysis)) return null;
    const out = new Map<string, LspDiagnostic[]>();
    // URIs of related documents, made once per publication (a thousand warnings point into one bibliography).
    const uris = new Map<string, string>();
    const uriOf = (path: string): string => {
      let uri = uris.get(path);
      if (uri === undefined) uris.set(path, (uri = this.ctx.workspace.uriOf(path)));
      return uri;
    };
    for (const file of analysis.files) {
      const table = await this.ctx.tableFor(file.uri, analysis);
      if (!table) continue;
      const diagnostics = this.holdBack(file.uri, byPath.get(file.uri)!);
      const list = this.reused.reuse(file.uri, diagnostics.map((d) => this.convert(d, table, tables, uriOf)));
      for (let i = 0; i < list.length; i++) {
        const d = diagnostics[i];
        // One map per diagnostic: by its data when it has some (which finds it again even as a new object).
        if (typeof d.data === 'object' && d.data !== null) this.byData.set(d.data, list[i]);
        else this.converted.set(d, list[i]);
      }
      out.set(file.uri, list);
      this.send(file.uri, list);
    }
    for (const bib of analysis.bibliographies) {
      const published = await this.publishBibliography(bib, force);
      if (published) out.set(bib.uri, published);
    }
    return out;
  }

  /** Publishes a bibliography's `bib-syntax`/`duplicate-bib-key` problems on the bibliography itself. */
  async publishBibliography(bib: Bibliography, force = false): Promise<LspDiagnostic[] | null> {
    if (!force && this.bibPublished.get(bib.uri) === bib.problems) return null;
    const table = await this.ctx.tableFor(bib.uri);
    if (!table) return null;
    const tables = new Map<string, TextDocument>([[bib.uri, table]]);
    const list = withSeverity(bib.problems, this.ctx.service.settings)
      .map((d) => toLspDiagnostic(d, table, (p) => tables.get(p), (p) => this.ctx.workspace.uriOf(p)));
    this.bibPublished.set(bib.uri, bib.problems);
    this.send(bib.uri, list);
    return list;
  }

  /**
   * Leaves out the diagnostics of a file that are new (no diagnostic with the same code and message was
   * published last time) and touch the span the author is typing in, until they pause
   * (`citelens.diagnostics.typingPause` after the last change): a citation being typed, `[@` or `[@Flo`, is not
   * an error yet. Diagnostics elsewhere, and those already shown before the edit, are published as usual.
   */
  private holdBack(path: string, diagnostics: Diagnostic[]): Diagnostic[] {
    const open = this.ctx.workspace.document(path);
    const pauseMs = this.ctx.options.typingPauseMs;
    const edit = open && this.typing?.typing(open.uri, open.version, pauseMs);
    const before = this.lastShown.get(path);
    const shownBefore = (d: Diagnostic): boolean => {
      if (!before) return false;
      before.keys ??= new Set(before.shown.map(shownKey));
      return before.keys.has(shownKey(d));
    };
    const shown = edit ? diagnostics.filter((d) => !touches(d.span, edit) || shownBefore(d)) : diagnostics;
    if (edit && shown.length < diagnostics.length) this.onHeld(path, Math.max(0, edit.at + pauseMs - performance.now()));
    this.lastShown.set(path, { shown });
    return shown;
  }

  clear(path: string): void {
    this.lastShown.delete(path);
    this.bibPublished.delete(path);
    this.reused.forget(path);
    this.send(path, []);
  }

  /** Forget what was published so the next publication is sent even if unchanged (settings changed). */
  reset(): void {
    this.lastShown.clear();
    this.bibPublished.clear();
    this.reused.clear();
  }

  private send(path: string, diagnostics: LspDiagnostic[]): void {
    const open = this.ctx.workspace.document(path);
    void this.ctx.connection.sendDiagnostics({ uri: this.ctx.workspace.uriOf(path), version: open?.version, diagnostics });
  }

  /**
   * The LSP form of a core diagnostic: the one made last time from the same object, or from its predecessor (same
   * `data` object, `byData`), while it converts to the same (the core hands out unchanged problems again; see
   * `toDiagnostics`), else a new one.
   */
  private convert(d: Diagnostic, table: TextDocument, tables: Map<string, TextDocument>, uriOf: (path: string) => string): LspDiagnostic {
    const last = this.converted.get(d) ?? (typeof d.data === 'object' && d.data !== null ? this.byData.get(d.data) : undefined);
    const related = d.related?.length ? this.relatedOf(d, table, tables, uriOf, last?.relatedInformation) : NO_RELATED;
    if (last && sameLspDiagnostic(last, d, table, related)) return last;
    return toLspDiagnostic(d, table, (p) => tables.get(p), uriOf, related);
  }

  /**
   * The LSP form of a diagnostic's related locations: the one made last time from the same core array while the
   * documents they point into have the same line tables (a location in the diagnostic's own document is
   * converted again whenever that document changed), else `previous` (the predecessor's) when the locations
   * convert to it, else a new one.
   */
  private relatedOf(d: Diagnostic, table: TextDocument, tables: Map<string, TextDocument>, uriOf: (path: string) => string, previous: DiagnosticRelatedInformation[] | undefined): DiagnosticRelatedInformation[] {
    const locations = d.related!;
    const tableOf = (r: RelatedLocation): TextDocument | undefined => (r.uri === d.uri ? table : tables.get(r.uri));
    const last = this.relatedConverted.get(locations);
    // Compared in place (an array of tables per warning per keystroke was garbage for ~850 warnings).
    if (last && last.tables.length === locations.length && last.tables.every((t, i) => t === tableOf(locations[i]))) return last.related;
    const used = locations.map(tableOf);
    const lineTables = (p: string): TextDocument | undefined => tables.get(p);
    const kept = previous ?? NO_RELATED;
    const related = sameLspRelated(kept, d, table, lineTables, uriOf) ? kept : toLspRelated(d, table, lineTables, uriOf);
    this.relatedConverted.set(locations, { tables: used, related: related.length ? related : NO_RELATED });
    return related.length ? related : NO_RELATED;
  }

  /** Line tables of the other documents that related locations point into. */
  private async relatedTables(analysis: Analysis): Promise<Map<string, TextDocument>> {
    const tables = new Map<string, TextDocument>();
    for (const d of analysis.diagnostics) {
      for (const r of d.related ?? []) {
        if (tables.has(r.uri)) continue;
        const table = await this.ctx.tableFor(r.uri, analysis);
        if (table) tables.set(r.uri, table);
      }
    }
    return tables;
  }
}

const NO_RELATED: DiagnosticRelatedInformation[] = [];

const shownKey = (d: Diagnostic): string => `${d.code}\u0000${d.message}`;
