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

  async function analyze(p: string): Promise<Analysis> {
    const project = await discoverProject(ctx, p); // 1
    const sources = await parseSources(ctx, project.bibliographies, project.taxonomy, project.files); // 2
    const resolved = await resolveManuscript(ctx, project.files, sources); // 3
    const checked = await runChecks(ctx, resolved); // 4
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
    manuscript: (p) => manuscriptOf(ctx, p),
    bibliography: (p) => bibliographyOf(ctx, p),
    taxonomy: (p) => taxonomyOf(ctx, p),
    dependents(p) {
      return [...(state.dependents.get(p) ?? [])];
    },
  };
}
