/**
 * The core's service: the interface hosts use, and its factory. An analysis is a sequence of steps, each in its
 * own module under `pipeline/`, read top to bottom in `analyze` below:
 *
 *   1. discovery      `pipeline/discovery/`      the manuscript's chapters, bibliographies and taxonomy
 *   2. parse          `pipeline/parseFiles.ts`   each file parsed, kept with its text (sliced in hosts that pause)
 *   3. resolve        `pipeline/resolveManuscript.ts`  citations → entries and list items, terms → taxonomy
 *   4. checks         `pipeline/runChecks.ts`    problems of citations, numbering, references, terms
 *   5. topic fit      `pipeline/fitTopics.ts`    does each cited work fit its claim
 *   6. diagnostics    `diagnostics.ts`           problems → diagnostics (severity, suppression comments)
 *
 * and the `Analysis` is built once, complete. The service keeps its state (`ServiceState`: parsed files by text,
 * dependents, the last entry index) and its caches (`ServiceCaches`) between analyses; two services share none.
 */
import type { Analysis } from './analysis';
import { ServiceCaches } from './caches';
import { toDiagnostics } from './diagnostics';
import { ServiceState, type ServiceContext } from './pipeline/context';
import { discoverProject } from './pipeline/discovery/discoverProject';
import { fitTopics } from './pipeline/fitTopics';
import { bibliographyOf, manuscriptOf, parseSources, taxonomyOf } from './pipeline/parseFiles';
import { resolveManuscript } from './pipeline/resolveManuscript';
import { runChecks } from './pipeline/runChecks';
import { resolveSettings, type Settings } from './settings';
import type { Taxonomy } from './taxonomy';
import type { Bibliography, Manuscript, Suppression } from './types';
import type { Workspace } from './workspace';

/**
 * What a host (LSP server, CLI, tests) holds: it tells the service when files change and asks for analyses. The
 * service caches parsed bibliographies, taxonomies and manuscripts by text, so repeated analyses re-do only what
 * changed.
 */
export interface CitelensService {
  /** Replaces the settings (a partial object is merged over the defaults). */
  setSettings(settings: Partial<Settings>): void;
  readonly settings: Settings;
  /** Forget cached state of a file whose text changed (the next analysis re-reads it from the workspace). */
  invalidate(path: string): void;
  /** Analyse the manuscript containing `path` (one file, or all chapters of a multi-file manuscript). */
  analyze(path: string): Promise<Analysis>;
  /**
   * Analyse the manuscript containing `path` as if the files of `texts` held those texts, keeping nothing of them
   * as those files' state: the workspace is not asked for them, their parse is not kept as theirs, no dependency is
   * noted, and topic fit scores only with the model kept for the same works (never building or waiting for one).
   * Caches keyed by content (parsed chunks, cited blocks' claims, scores) may keep what it made, within their
   * bounds, and the kept model's claims are those of the last text analysed (every analysis sets them). So an
   * analysis of the real texts afterwards gives what it gives without it, and a host's requests meanwhile see the
   * real texts. Resolves to null when `signal` was aborted (checked between steps). For a host that runs the
   * typing path before the author types (the language server, lsp/typingRehearsal.ts).
   */
  rehearse(path: string, texts: ReadonlyMap<string, string>, signal?: AbortSignal): Promise<Analysis | null>;
  /** The parsed model of one Markdown file (cached by text). */
  manuscript(path: string): Promise<Manuscript | null>;
  /** A bibliography file, parsed (cached by content); its problems are `bib-syntax`/`duplicate-bib-key`. */
  bibliography(path: string): Promise<Bibliography | null>;
  /** A taxonomy file, parsed (cached by content); its problems are `taxonomy-syntax`. */
  taxonomy(path: string): Promise<Taxonomy | null>;
  /** Manuscript paths analysed so far that depend on `path` (a bibliography, taxonomy or chapter file). */
  dependents(path: string): string[];
}

export function createCitelensService(workspace: Workspace, initial?: Partial<Settings>): CitelensService {
  const state = new ServiceState(resolveSettings(initial));
  const ctx: ServiceContext = { workspace, pause: workspace.pause?.bind(workspace), state, caches: new ServiceCaches() };

  const analyze = (p: string): Promise<Analysis> => run(ctx, p) as Promise<Analysis>;

  /** The pipeline; null when `signal` is aborted between steps (a rehearsal). */
  async function run(ctx: ServiceContext, p: string, signal?: AbortSignal): Promise<Analysis | null> {
    const project = await discoverProject(ctx, p); // 1
    if (signal?.aborted) return null;
    const sources = await parseSources(ctx, project.bibliographies, project.taxonomy, project.files); // 2
    if (signal?.aborted) return null;
    const resolved = await resolveManuscript(ctx, project.files, sources); // 3
    if (signal?.aborted) return null;
    const checked = await runChecks(ctx, resolved); // 4
    if (signal?.aborted) return null;
    // In the order they have always been found: diagnostics at the same place keep this order.
    const problems = [...project.problems, ...sources.bibliographyProblems, ...project.taxonomyProblems, ...sources.taxonomyProblems, ...checked];
    const fit = fitTopics(ctx, resolved.manuscript, problems); // 5
    problems.push(...fit.problems);
    const { files, style, taxonomy, termUses, bibliographies, entriesByKey, resolutions, references, referenceFile, listOrder } = resolved.manuscript;
    const suppressions = new Map<string, Suppression[]>(files.map((f) => [f.uri, f.suppressions]));
    const diagnostics = toDiagnostics(problems, state.settings, suppressions, ctx.caches.diagnostics); // 6
    return {
      files,
      style,
      taxonomy,
      termUses,
      fits: fit.fits,
      bibliographies,
      entriesByKey,
      resolutions,
      references,
      referenceFile,
      listOrder,
      diagnostics,
      ...(fit.pending ? { topicFitPending: fit.pending } : {}),
    };
  }

  return {
    get settings() {
      return state.settings;
    },
    setSettings(next) {
      state.replaceSettings(resolveSettings(next));
    },
    invalidate(p) {
      state.forget(p);
    },
    analyze,
    rehearse(p, texts, signal) {
      return run({ ...ctx, workspace: withTexts(workspace, texts), rehearsed: texts }, p, signal);
    },
    manuscript: (p) => manuscriptOf(ctx, p),
    bibliography: (p) => bibliographyOf(ctx, p),
    taxonomy: (p) => taxonomyOf(ctx, p),
    dependents(p) {
      return [...(state.dependents.get(p) ?? [])];
    },
  };
}

/**
 * `workspace` with `texts` in place of those files' texts; everything else is asked of the workspace as before
 * (also whether a file was not UTF-8: a rehearsal's text is an edit of the file's).
 */
function withTexts(workspace: Workspace, texts: ReadonlyMap<string, string>): Workspace {
  return {
    readText: async (p) => texts.get(p) ?? workspace.readText(p),
    notUtf8: workspace.notUtf8?.bind(workspace),
    listDir: (dir) => workspace.listDir(dir),
    folders: () => workspace.folders(),
    pause: workspace.pause?.bind(workspace),
    backgroundPause: workspace.backgroundPause?.bind(workspace),
    progress: workspace.progress?.bind(workspace),
    scans: workspace.scans,
    learnTopics: workspace.learnTopics,
  };
}
