/**
 * The core's service: caches, discovery (chapters, bibliographies) and the analysis pipeline
 *   manuscript files → bibliographies → resolution → checks → diagnostics.
 */
import { posix as path } from 'node:path';
import type { Analysis } from './analysis';
import { crossFileDuplicateKeyProblems } from './bibtex/duplicateKeys';
import type { KeptScans } from './bibtex/parseBibliographyFile';
import { ServiceCaches } from './caches';
import { citationProblems } from './checks/citationChecks';
import { numberingProblems } from './checks/numberingChecks';
import { problem } from './checks/problem';
import { referenceProblems } from './checks/referenceChecks';
import { toDiagnostics } from './diagnostics';
import { primeChunkSteps } from './markdown/chunks';
import { exampleLabels } from './markdown/citations';
import { parseManuscript } from './markdown/manuscript';
import { runStepsInSlices } from './slices';
import { discoverProject, type Project } from './project';
import { EntryIndex, resolveAll } from './resolve/resolve';
import { parseTaxonomy, type Taxonomy } from './taxonomy';
import { termProblems, termUsesOf } from './checks/taxonomyChecks';
import { mergeOrphanFits } from './topicFit/mergeOrphanFits';
import { TopicFitCache } from './topicFit/topicFitCache';
import { topicFit } from './topicFit/topicFitStep';
import type { CitelensService } from './service';
import { resolveSettings, type Settings } from './settings';
import type { Bibliography, Manuscript, Problem, Span, Suppression } from './types';
import type { ScanCache, Workspace } from './workspace';
import { completionIndexRows, seedCompletionIndex } from './bibtex/completionIndex';

const BIB_EXTENSIONS = /\.(bib|bibtex|json|ya?ml)$/i;

export function createCitelensService(workspace: Workspace, initial?: Partial<Settings>): CitelensService {
  let settings = resolveSettings(initial);
  const manuscripts = new Map<string, { text: string; model: Manuscript }>();
  const bibliographies = new Map<string, { text: string; bib: Bibliography }>();
  const taxonomies = new Map<string, { text: string; taxonomy: Taxonomy }>();
  const fitCache = new TopicFitCache();
  const caches = new ServiceCaches();
  /** The host's pause between slices of long work, when it has one (the language server; not the CLI). */
  const pause = workspace.pause?.bind(workspace);
  /** dependency path → manuscripts (roots) whose last analysis read it. */
  const dependents = new Map<string, Set<string>>();

  const note = (dependency: string, root: string): void => {
    let set = dependents.get(dependency);
    if (!set) dependents.set(dependency, (set = new Set()));
    set.add(root);
  };

  async function read(p: string): Promise<string | null | Error> {
    try {
      return await workspace.readText(p);
    } catch (e) {
      return e instanceof Error ? e : new Error(String(e));
    }
  }

  async function manuscript(p: string): Promise<Manuscript | null> {
    const text = await read(p);
    if (typeof text !== 'string') return null;
    const cached = manuscripts.get(p);
    if (cached && cached.text === text) return cached.model;
    // A document's first parse runs in slices in a host that can pause (the chunks it caches make the parse
    // below cheap); later ones re-parse only the chunks an edit touched.
    if (!cached && pause) await runStepsInSlices(primeChunkSteps(text, exampleLabels(text), caches.manuscripts.chunks), { pause, sliceMs: 10 });
    const model = parseManuscript(p, text, settings, caches.manuscripts);
    manuscripts.set(p, { text, model });
    return model;
  }

  async function taxonomy(p: string): Promise<Taxonomy | null> {
    const text = await read(p);
    if (typeof text !== 'string') return null;
    const cached = taxonomies.get(p);
    if (cached && cached.text === text) return cached.taxonomy;
    const parsed = parseTaxonomy(p, text);
    taxonomies.set(p, { text, taxonomy: parsed });
    return parsed;
  }

  /** The taxonomy file: front matter `taxonomy:`, the setting, `taxonomy.{yaml,yml,json}` beside, then at the root. */
  async function discoverTaxonomy(files: Manuscript[], problems: Problem[]): Promise<string | null> {
    const root = files.find((f) => f.frontMatter?.taxonomy) ?? files[0];
    const dir = path.dirname(root.uri);
    const folder = workspace.folders().find((f) => root.uri.startsWith(f.endsWith('/') ? f : f + '/')) ?? dir;
    const configured: [string, string, string][] = [];
    if (root.frontMatter?.taxonomy) configured.push([path.resolve(dir, root.frontMatter.taxonomy), root.frontMatter.taxonomy, 'front matter']);
    if (settings.taxonomy) configured.push([path.resolve(folder, settings.taxonomy), settings.taxonomy, 'setting citelens.taxonomy']);
    for (const [p, name, where] of configured) {
      const text = await read(p);
      if (typeof text === 'string') return p;
      problems.push(notFound(root, name, text instanceof Error ? text : null, where, 'taxonomy'));
    }
    if (configured.length) return null;
    for (const d of dir === folder ? [dir] : [dir, folder]) {
      const names = await workspace.listDir(d);
      const name = ['taxonomy.yaml', 'taxonomy.yml', 'taxonomy.json'].find((n) => names.includes(n));
      if (name) return path.join(d, name);
    }
    return null;
  }

  async function bibliography(p: string): Promise<Bibliography | null> {
    const text = await read(p);
    if (typeof text !== 'string') return null;
    const cached = bibliographies.get(p);
    if (cached && cached.text === text) return cached.bib;
    const bib = pause ? await loadInSlices(p, text, pause) : caches.bibliographies.parse(p, text);
    bibliographies.set(p, { text, bib });
    return bib;
  }

  /** A large bibliography, scanned in slices with the host's pauses between them and its progress shown. */
  async function loadInSlices(p: string, text: string, pause: () => Promise<void>): Promise<Bibliography> {
    const progress = workspace.progress?.(`Citelens: reading ${path.basename(p)}`);
    try {
      return await caches.bibliographies.parseInSlices(p, text, {
        // 10 ms of work between pauses: a request that arrives meanwhile may also wait for a garbage collection
        // and for a slice of other sliced work (completion indexing), so slices are kept well under the 50 ms.
        sliceMs: 10,
        pause,
        onProgress: (done, total) => progress?.report(Math.floor((100 * done) / Math.max(1, total))),
        kept: workspace.scans && keptScans(p, workspace.scans),
      });
    } finally {
      progress?.done();
    }
  }

  /**
   * The host's scans kept between sessions, for the file `p`: a kept completion index is made known to completion
   * as the scan is loaded, and what is saved carries the index as far as it is built when the host writes.
   */
  function keptScans(p: string, scans: ScanCache): KeptScans {
    return {
      async load(text) {
        try {
          const stored = await scans.get(p, text);
          if (stored?.completion) {
            // ~10 ms for 20,000 entries: a task of its own, before the bibliography is built in slices.
            seedCompletionIndex(stored.scan.entries, stored.completion);
            await pause?.();
          }
          return stored?.scan;
        } catch {
          return undefined; // a store that fails is a store that misses
        }
      },
      save(text, scan, edited) {
        scans.put(p, text, () => {
          const { rows, complete } = completionIndexRows(scan.entries);
          return { scan, completion: rows, indexed: complete };
        }, edited);
      },
    };
  }

  /** Bibliography paths: front matter, else the setting's globs, else `*.bib` beside the manuscript. */
  async function discoverBibliographies(files: Manuscript[], project: Project, problems: Problem[]): Promise<string[]> {
    // The first chapter whose front matter names a bibliography speaks for the manuscript (Pandoc reads one).
    const root = files.find((f) => f.frontMatter?.bibliography.length) ?? files[0];
    const dir = path.dirname(root.uri);
    const fromFrontMatter = root.frontMatter?.bibliography ?? [];
    if (fromFrontMatter.length) {
      const found: string[] = [];
      for (const rel of fromFrontMatter) {
        const p = path.resolve(dir, rel);
        const text = await read(p);
        if (typeof text === 'string') found.push(p);
        else problems.push(notFound(root, rel, text, 'front matter'));
      }
      if (found.length) return found;
    }
    if (project.bibliography.length) {
      const found: string[] = [];
      for (const p of project.bibliography) {
        if (typeof (await read(p)) === 'string') found.push(p);
        else problems.push(notFound(root, p, null, 'Quarto project (_quarto.yml)'));
      }
      if (found.length) return found;
    }
    const folder = workspace.folders().find((f) => root.uri.startsWith(f.endsWith('/') ? f : f + '/')) ?? dir;
    if (settings.bibliography.length) {
      const found: string[] = [];
      for (const pattern of settings.bibliography) {
        const matches = await glob(path.resolve(folder, pattern));
        if (matches.length) found.push(...matches);
        else problems.push(notFound(root, pattern, null, 'setting citelens.bibliography'));
      }
      if (found.length) return found;
    }
    const names = await workspace.listDir(dir);
    return names.filter((n) => /\.bib$/i.test(n)).map((n) => path.join(dir, n));
  }

  /** Minimal globbing: `*` and `?` in the last path segment. */
  async function glob(pattern: string): Promise<string[]> {
    const base = path.basename(pattern);
    if (!/[*?]/.test(base)) return typeof (await read(pattern)) === 'string' ? [pattern] : [];
    const dir = path.dirname(pattern);
    const re = new RegExp(`^${base.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')}$`);
    return (await workspace.listDir(dir)).filter((n) => re.test(n) && BIB_EXTENSIONS.test(n)).map((n) => path.join(dir, n));
  }

  function notFound(root: Manuscript, name: string, error: Error | null, where: string, kind: 'bibliography' | 'taxonomy' = 'bibliography'): Problem {
    let span: Span = { start: 0, end: 0 };
    if (root.frontMatter && where === 'front matter') {
      const at = root.text.indexOf(name, root.frontMatter.span.start);
      if (at >= 0 && at < root.frontMatter.span.end) span = { start: at, end: at + name.length };
    }
    return problem('bibliography-not-found', root.uri, span, { kind, name, where, error: error ? error.message : null });
  }

  async function analyze(p: string): Promise<Analysis> {
    const rootModel = await manuscript(p);
    const root = rootModel ?? parseManuscript(p, '', settings, caches.manuscripts);
    const problems: Problem[] = [...root.problems];
    const files: Manuscript[] = [];
    const project = await discoverProject(root, workspace, settings.files);
    for (const config of project.configFiles) note(config, root.uri);
    for (const chapter of project.files) {
      const model = chapter === root.uri ? root : await manuscript(chapter);
      note(chapter, root.uri);
      if (model) {
        files.push(model);
        if (model !== root) problems.push(...model.problems);
      } else {
        problems.push(problem('bibliography-not-found', root.uri, { start: 0, end: 0 }, { kind: 'chapter', chapter: path.basename(chapter), listedIn: project.source }));
      }
    }
    const bibPaths = await discoverBibliographies(files.length ? files : [root], project, problems);
    const bibs: Bibliography[] = [];
    for (const bp of bibPaths) {
      note(bp, root.uri);
      const bib = await bibliography(bp);
      if (bib) {
        bibs.push(bib);
        problems.push(...bib.problems);
      }
    }
    problems.push(...crossFileDuplicateKeyProblems(bibs));
    // New bibliographies (a large file just loaded): their key index and duplicated keys take ~10 ms each per
    // 20,000 entries; the host gets a turn before each, so the load's last steps do not add up into one long task.
    const fresh = !sameBibliographies(lastIndex?.bibliographies, bibs);
    if (fresh) await pause?.();
    const index = entryIndexOf(bibs);
    const style = styleOf(files);
    const { resolutions, references, referenceFile } = resolveAll(files, index, style !== 'pandoc');
    const taxonomyPath = await discoverTaxonomy(files.length ? files : [root], problems);
    const tax = taxonomyPath ? await taxonomy(taxonomyPath) : null;
    if (taxonomyPath) note(taxonomyPath, root.uri);
    const termUses = tax ? files.map((f) => termUsesOf(tax, f)) : files.map(() => []);
    if (tax) problems.push(...tax.problems, ...termProblems(tax, files, termUses));
    const analysis: Analysis = {
      files,
      style,
      taxonomy: tax,
      termUses,
      fits: [],
      bibliographies: bibs,
      entriesByKey: index.byKey,
      resolutions,
      references,
      referenceFile,
      diagnostics: [],
    };
    if (fresh) await pause?.();
    const duplicateKeys = duplicatedKeysOf(index);
    if (fresh) await pause?.();
    problems.push(...citationProblems(analysis, index, duplicateKeys));
    problems.push(...numberingProblems(analysis));
    if (fresh) await pause?.();
    problems.push(...referenceProblems(analysis, settings, index.size));
    const fit = topicFit(analysis, settings, fitCache, pause && { pause, progress: workspace.progress?.bind(workspace), learnTopics: workspace.learnTopics });
    if (fit.pending) analysis.topicFitPending = fit.pending;
    analysis.fits = fit.fits;
    mergeOrphanFits(problems, fit.orphanFits);
    problems.push(...fit.problems);
    const suppressions = new Map<string, Suppression[]>(files.map((f) => [f.uri, f.suppressions]));
    analysis.diagnostics = toDiagnostics(problems, settings, suppressions, caches.diagnostics);
    return analysis;
  }

  /**
   * The last entry index, reused while the same bibliography objects (cached by content) are analysed: its
   * key, identifier and title maps over thousands of entries would otherwise be rebuilt on every keystroke.
   */
  let lastIndex: EntryIndex | null = null;
  /** Duplicated keys per entry index (a pass over every key, done once per set of bibliographies). */
  const duplicates = new WeakMap<EntryIndex, Set<string>>();
  function duplicatedKeysOf(index: EntryIndex): Set<string> {
    let keys = duplicates.get(index);
    if (!keys) duplicates.set(index, (keys = duplicatedKeys(index.bibliographies)));
    return keys;
  }
  function entryIndexOf(bibs: Bibliography[]): EntryIndex {
    if (sameBibliographies(lastIndex?.bibliographies, bibs)) return lastIndex!;
    return (lastIndex = new EntryIndex(bibs));
  }

  return {
    get settings() {
      return settings;
    },
    setSettings(next) {
      settings = resolveSettings(next);
      manuscripts.clear();
    },
    invalidate(p) {
      manuscripts.delete(p);
      bibliographies.delete(p);
      taxonomies.delete(p);
    },
    taxonomy,
    analyze,
    manuscript,
    bibliography,
    dependents(p) {
      return [...(dependents.get(p) ?? [])];
    },
  };
}

function sameBibliographies(a: readonly Bibliography[] | undefined, b: readonly Bibliography[]): boolean {
  return !!a && a.length === b.length && a.every((x, i) => x === b[i]);
}

/** Numeric when the manuscript cites by number (or has a numbered list) and has no Pandoc citations. */
function styleOf(files: Manuscript[]): Analysis['style'] {
  let numeric = 0;
  let pandoc = 0;
  let list = false;
  for (const f of files) {
    if (f.referenceList) list = true;
    for (const c of f.citations) {
      if (c.nocite) continue;
      if (c.style === 'numeric') numeric++;
      else pandoc++;
    }
  }
  if (pandoc && (numeric || list) && list) return 'mixed';
  if (pandoc) return 'pandoc';
  if (numeric || list) return 'numeric';
  return 'none';
}

/** Keys (lower-cased, as BibTeX compares them) defined more than once across the manuscript's bibliographies. */
function duplicatedKeys(bibs: Bibliography[]): Set<string> {
  const seen = new Set<string>();
  const twice = new Set<string>();
  for (const b of bibs) for (const e of b.entries) {
    const k = e.key.toLowerCase();
    if (seen.has(k)) twice.add(k);
    seen.add(k);
  }
  return twice;
}
