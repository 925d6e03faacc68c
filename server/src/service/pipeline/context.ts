/**
 * What every step of the pipeline takes: the host's workspace and pause, the service's caches, and the
 * per-service state — the settings in force, the files parsed so far (each kept with the text it was parsed
 * from), which manuscripts depend on which files, and the entry index of the last analysis. One service owns
 * one of each; two services share nothing.
 */
import type { ServiceCaches } from '../caches';
import type { EntryIndex } from '../resolve/resolve';
import type { Settings } from '../settings';
import type { Taxonomy } from '../taxonomy';
import { TopicFitCache } from '../topicFit/topicFitCache';
import type { Bibliography, Manuscript } from '../types';
import type { Workspace } from '../workspace';

/** A file's parse, kept with the text it was made from: reused while the file's text is the same. */
export interface ParsedFile<T> {
  text: string;
  parsed: T;
}

/** The state one service keeps between analyses. */
export class ServiceState {
  /** Markdown files by path (dropped when the settings change: parsing reads them). */
  readonly manuscripts = new Map<string, ParsedFile<Manuscript>>();
  readonly bibliographies = new Map<string, ParsedFile<Bibliography>>();
  readonly taxonomies = new Map<string, ParsedFile<Taxonomy>>();
  /** Dependency path (chapter, bibliography, taxonomy, `_quarto.yml`) → manuscripts (roots) whose last analysis read it. */
  readonly dependents = new Map<string, Set<string>>();
  /**
   * The last entry index, reused while the same bibliography objects (cached by content) are analysed: its
   * key, identifier and title maps over thousands of entries would otherwise be rebuilt on every keystroke.
   */
  lastIndex: EntryIndex | null = null;
  /** Duplicated keys per entry index (a pass over every key, done once per set of bibliographies). */
  readonly duplicatedKeys = new WeakMap<EntryIndex, Set<string>>();
  /** The topic model, works and scores between analyses. */
  readonly topicFit = new TopicFitCache();

  constructor(public settings: Settings) {}

  /** `root`'s analysis read `dependency`: a change to it calls for analysing `root` again. */
  noteDependency(dependency: string, root: string): void {
    let roots = this.dependents.get(dependency);
    if (!roots) this.dependents.set(dependency, (roots = new Set()));
    roots.add(root);
  }

  /** New settings: manuscripts are parsed again (their parse depends on them). */
  replaceSettings(settings: Settings): void {
    this.settings = settings;
    this.manuscripts.clear();
  }

  /** Forgets the parse of a file whose text changed (the next analysis reads it again). */
  forget(path: string): void {
    this.manuscripts.delete(path);
    this.bibliographies.delete(path);
    this.taxonomies.delete(path);
  }
}

/** What each step is given. */
export interface ServiceContext {
  readonly workspace: Workspace;
  /** The host's pause between slices of long work, when it has one (the language server; not the CLI). */
  readonly pause: (() => Promise<void>) | undefined;
  readonly state: ServiceState;
  readonly caches: ServiceCaches;
  /**
   * Set for a rehearsal (`CitelensService.rehearse`): texts that replace the workspace's for these paths in this
   * analysis only. Nothing the analysis learns of them is kept as those files' state (their parse, the
   * dependencies noted), and topic fit scores only with a model already kept (see `fitTopics`).
   */
  readonly rehearsed?: ReadonlyMap<string, string>;
}

/** `root`'s analysis read `dependency` (noted for real analyses only, not for a rehearsal's text). */
export function noteDependency(ctx: ServiceContext, dependency: string, root: string): void {
  if (!ctx.rehearsed) ctx.state.noteDependency(dependency, root);
}

/** The text of `path`: null when there is no such file, an `Error` when it cannot be read (also when the host throws). */
export async function readText(workspace: Workspace, path: string): Promise<string | null | Error> {
  try {
    return await workspace.readText(path);
  } catch (e) {
    return e instanceof Error ? e : new Error(String(e));
  }
}
