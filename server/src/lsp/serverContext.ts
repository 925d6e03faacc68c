/**
 * The state the language server's handlers share: the core service over the editor's workspace, the current
 * settings, a cache of analyses valid until the next change, and line tables for converting results.
 */
import type { Connection } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Analysis } from '../service/analysis';
import type { HoverOptions } from '../service/features/hover';
import type { CitelensService } from '../service/service';
import type { Bibliography } from '../service/types';
import { defaultServerOptions, type ServerOptions } from './configuration';
import { isManuscriptPath } from './fileKinds';
import type { LspWorkspace } from './lspWorkspace';
import { lineTable } from './positions';
import { formatReference, hoverSections } from './extensions';

export class ServerContext {
  options: ServerOptions = defaultServerOptions;
  /** Bumped on every change of any text or setting: cached analyses of an older epoch are not reused. */
  private epoch = 0;
  private readonly analyses = new Map<string, { epoch: number; analysis: Promise<Analysis> }>();

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

  /** The analysis of the manuscript holding `path`, shared by all requests until the next change. */
  analysisFor(path: string): Promise<Analysis> {
    const cached = this.analyses.get(path);
    if (cached && cached.epoch === this.epoch) return cached.analysis;
    const analysis = this.service.analyze(path);
    this.analyses.set(path, { epoch: this.epoch, analysis });
    analysis.catch(() => this.analyses.delete(path));
    return analysis;
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
    return typeof text === 'string' ? lineTable(path, text) : undefined;
  }

  hoverOptions(): HoverOptions {
    return { style: this.service.settings.citationStyle, formatReference, sections: hoverSections };
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
    diagnostics: [],
  };
}
