/**
 * The state the language server's handlers share: the core service over the editor's workspace, the current
 * settings (the service's, and the server's own options), a cache of analyses valid until the next change, and
 * line tables for converting results. Handlers read settings from here, never from a module-level variable.
 */
import type { Connection } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Analysis } from '../service/analysis';
import { formatReference } from '../service/bibtex/formatReference';
import type { HoverOptions, HoverSection } from '../service/features/hover';
import { topicFitHoverSection } from '../service/features/topicFitHover';
import type { CitelensService } from '../service/service';
import type { Bibliography } from '../service/types';
import { defaultServerOptions, type ServerOptions } from './configuration';
import { isManuscriptPath } from './fileKinds';
import type { LspWorkspace } from './lspWorkspace';
import { LoadingTracker } from './loadingProgress';
import { lineTable, lineTableInSlices } from './positions';
import { rebaseManuscript } from './rebaseManuscript';
import { sortCompletionKeys, warmCompletionIndex } from '../service/bibtex/completionIndex';

export class ServerContext {
  options: ServerOptions = defaultServerOptions;
  /** Bumped on every change of any text or setting: cached analyses of an older epoch are not reused. */
  private epoch = 0;
  private readonly analyses = new Map<string, { epoch: number; analysis: Promise<Analysis> }>();
  /** The last analysis completed per path, whatever its epoch (completion answers from it while typing). */
  private readonly completed = new Map<string, Analysis>();
  private readonly warming = new WeakSet<object>();
  /** Bibliographies (by uri) indexed for completion before: indexing one again follows an edit of it. */
  private readonly warmedBefore = new Set<string>();
  /** Bibliographies being read right now, for completion's loading row (the server wraps its progress factory). */
  readonly loading = new LoadingTracker();
  /** Bibliographies being indexed for completion right now (other idle work waits for them). */
  indexing = 0;
  /** Sections appended to citation hovers: the topic fit, judged at the current threshold setting. */
  private readonly hoverSections: HoverSection[] = [topicFitHoverSection({ threshold: () => this.service.settings.topicFitThreshold })];

  constructor(
    readonly connection: Connection,
    readonly workspace: LspWorkspace,
    readonly service: CitelensService,
  ) {}

  log(message: string): void {
    this.connection.console.error(message);
  }

  /** A file's text changed (in the editor or on disk) or settings changed. */
  invalidate(path?: string): void {
    this.epoch++;
    if (path !== undefined) this.service.invalidate(path);
  }

  /**
   * The analysis of the manuscript holding `path`, shared by all requests until the next change. A chapter is
   * analysed through its manuscript's root file once the service knows the root (it lists the root among the
   * chapter's dependents), so chapters are never checked on their own.
   */
  analysisFor(chapter: string): Promise<Analysis> {
    const path = this.rootOf(chapter);
    const cached = this.analyses.get(path);
    if (cached && cached.epoch === this.epoch) return cached.analysis;
    const analysis = this.service.analyze(path);
    this.analyses.set(path, { epoch: this.epoch, analysis });
    analysis.then(
      (a) => {
        this.completed.set(path, a);
        this.warmCompletionIndex(a);
      },
      () => this.analyses.delete(path),
    );
    return analysis;
  }

  /**
   * Indexes the analysis' bibliography for completion in slices of a few milliseconds while the server is idle
   * (a 20,000-entry bibliography takes seconds of CSL conversion; requests are answered between slices).
   */
  warmCompletionIndex(analysis: Analysis): void {
    // Keyed by the first bibliography object: the service keeps it while the file is unchanged.
    const key = analysis.bibliographies[0];
    if (!key || this.warming.has(key)) return;
    this.warming.add(key);
    // Shown only when indexing takes long (a bibliography of thousands of entries; see progress.ts).
    const progress = this.workspace.progress?.('Citelens: indexing the bibliography for completion');
    this.indexing++;
    const slice = () => {
      try {
        // `pause` (not a timer) between slices: a request read meanwhile is dispatched before the next slice.
        // Sorting the keys is a slice of its own, then entries are indexed a few milliseconds at a time.
        if (sortCompletionKeys(analysis) || !warmCompletionIndex(analysis, 8)) void this.workspace.pause().then(slice);
        else {
          this.indexing--;
          progress?.done();
        }
      } catch (error) {
        this.indexing--;
        progress?.done();
        this.log(`indexing the bibliography for completion failed: ${String(error)}`);
      }
    };
    // The first slice takes its turn among other long jobs' slices too (see `LspWorkspace.pause`). After an edit
    // of a bibliography indexed before, indexing it again (sorting 35,000 keys, their rows and word starts: ~100 ms
    // in slices) waits until the edited works' topics are updated (at most a second): its slices would otherwise
    // share the turns of that update and delay the diagnostics the author waits for, while completion indexes
    // what it needs per request meanwhile.
    const edited = this.warmedBefore.has(key.uri);
    this.warmedBefore.add(key.uri);
    const after = edited && analysis.topicFitPending ? Promise.race([analysis.topicFitPending, new Promise((r) => setTimeout(r, 1000))]).catch(() => undefined) : Promise.resolve();
    void after.then(() => setTimeout(() => void this.workspace.pause().then(slice), 50));
  }

  /** The root file of the manuscript `path` belongs to, as far as the service knows; else `path` itself. */
  rootOf(path: string): string {
    return this.service.dependents(path).find((d) => d !== path && isManuscriptPath(d)) ?? path;
  }

  /**
   * {@link quickAnalysisFor} if an analysis of the manuscript was completed before or completes within
   * `waitMs`; else null (its bibliography is still being read: completion shows that instead of waiting).
   */
  async readyAnalysisFor(path: string, waitMs: number): Promise<Analysis | null> {
    if (this.completed.has(this.rootOf(path))) return this.quickAnalysisFor(path);
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<null>((resolve) => (timer = setTimeout(() => resolve(null), waitMs)));
    try {
      return await Promise.race([this.analysisFor(path), late]);
    } finally {
      clearTimeout(timer);
    }
  }

  /**
   * An analysis to complete at typing speed: the last completed one, with the edited file's text and excluded
   * spans carried over to the editor's current text (bibliography and reference list as they were), so a
   * completion never waits for the new text to be parsed. The full analysis follows with the diagnostics.
   */
  async quickAnalysisFor(path: string): Promise<Analysis> {
    const last = this.completed.get(this.rootOf(path));
    const open = this.workspace.document(path);
    const index = last?.files.findIndex((f) => f.uri === path) ?? -1;
    if (!last || !open || index < 0) return this.analysisFor(path);
    const text = open.getText();
    if (last.files[index].text === text) return last;
    const files = last.files.slice();
    files[index] = rebaseManuscript(files[index], text);
    return { ...last, files };
  }

  /**
   * The analyses of manuscripts that use the bibliography `path`: those the service knows depend on it, else
   * open manuscripts and manuscripts beside it that turn out to use it; else an analysis of the bibliography alone.
   */
  async analysesForBibliography(path: string): Promise<Analysis[]> {
    let candidates = this.service.dependents(path).filter(isManuscriptPath);
    if (candidates.length === 0) {
      const dir = path.slice(0, Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')));
      const beside = (await this.workspace.listDir(dir)).filter(isManuscriptPath).map((name) => `${dir}/${name}`);
      candidates = [...new Set([...this.workspace.openPaths().filter(isManuscriptPath), ...beside])];
    }
    const out: Analysis[] = [];
    for (const candidate of candidates) {
      try {
        const analysis = await this.analysisFor(candidate);
        if (analysis.bibliographies.some((b) => b.uri === path) && !out.some((a) => a.files[0]?.uri === analysis.files[0]?.uri)) {
          out.push(analysis);
        }
      } catch (error) {
        this.log(`analysis of ${candidate} failed: ${String(error)}`);
      }
    }
    if (out.length) return out;
    const bib = await this.service.bibliography(path);
    return bib ? [bibliographyOnly(bib)] : [];
  }

  /** The line table of `path` for the text a result was computed from (the manuscript's text, or the file's). */
  async tableFor(path: string, analysis?: Pick<Analysis, 'files'>): Promise<TextDocument | undefined> {
    const open = this.workspace.document(path);
    const file = analysis?.files.find((f) => f.uri === path);
    if (file) return lineTable(path, file.text, open);
    if (open) return open;
    const text = await this.workspace.readText(path);
    return typeof text === 'string' ? lineTableInSlices(path, text, () => this.workspace.pause()) : undefined;
  }

  hoverOptions(): HoverOptions {
    return { style: this.service.settings.citationStyle, formatReference, sections: this.hoverSections };
  }
}

/** An analysis holding only a bibliography: hovers and references on a `.bib` no manuscript uses. */
function bibliographyOnly(bib: Bibliography): Analysis {
  const entriesByKey = new Map(bib.entries.map((e) => [e.key, e] as const));
  return {
    files: [],
    style: 'none',
    bibliographies: [bib],
    entriesByKey,
    resolutions: [],
    references: [],
    referenceFile: -1,
    listOrder: null,
    taxonomy: null,
    termUses: [],
    fits: [],
    diagnostics: [],
  };
}
