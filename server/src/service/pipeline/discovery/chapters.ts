/**
 * Part of step 1, discovery: which files make up a manuscript (product.md §1), first that applies:
 *   1. `citelens: {files: [...]}` in the front matter, or the setting `citelens.files`;
 *   2. a Quarto book: `_quarto.yml` (in the file's folder or above) listing `book: chapters:` (parts allowed), then
 *      its `appendices:`;
 *   3. a bookdown book: `_bookdown.yml`'s `rmd_files`, else the book folder's `.Rmd` files (`bookdown.ts`);
 *   4. Manubot: `content/NN.name.md` files, in name order;
 *   5. else the file alone.
 * A Quarto project's `bibliography:` (with its nearest directory `_metadata.yml`'s), or the one a bookdown book's `index.Rmd` names, also counts when the
 * chapter's front matter names none.
 * Takes the manuscript asked for (parsed: its front matter may list the chapters); gives the chapter paths, the
 * project's configuration files and the bibliographies the project names.
 */
import { posix as path } from 'node:path';
import { parse } from 'yaml';
import type { Manuscript } from '../../types';
import type { Workspace } from '../../workspace';
import { bibliographyNames } from '../../markdown/bibliographyNames';
import { findBookdown } from './bookdown';
import { customCrossrefKinds } from './crossrefs';
import { workspaceFolderOf } from './workspaceFolder';

/** The files of a manuscript and where the list came from. */
export interface ChapterList {
  /** Chapter files in reading order (absolute paths). */
  files: string[];
  /** Where the chapter list came from, for messages. */
  source: 'front matter' | 'settings' | 'quarto' | 'bookdown' | 'manubot' | 'single';
  /** Config files the project depends on (watched by the server). */
  configFiles: string[];
  /** Bibliographies named by the project configuration (absolute paths). */
  bibliography: string[];
  /** Where those bibliographies are named, for messages. */
  bibliographySource?: string;
  /** Custom cross-reference kinds a Quarto project declares (`crossref: custom:`), whose labels are no citations. */
  crossrefKinds?: string[];
}

const MANUBOT_CHAPTER = /^\d+\..+\.md$/i;

export async function chapterListOf(root: Manuscript, workspace: Workspace, settingsFiles: string[]): Promise<ChapterList> {
  const dir = path.dirname(root.uri);
  const single: ChapterList = { files: [root.uri], source: 'single', configFiles: [], bibliography: [] };
  const listed = root.frontMatter?.files;
  if (listed?.length) return withRoot(root.uri, listed.map((f) => path.resolve(dir, f)), 'front matter');
  if (settingsFiles.length) {
    const base = workspaceFolderOf(workspace, root.uri) ?? dir;
    const files = settingsFiles.map((f) => path.resolve(base, f));
    if (files.includes(root.uri)) return { files, source: 'settings', configFiles: [], bibliography: [] };
  }
  const quarto = await findQuarto(dir, workspace);
  if (quarto) {
    const { config, file } = quarto;
    const base = path.dirname(file);
    // Quarto reads `book: appendices:` after the chapters (lettered A, B…): a citation there is the book's too.
    const book = config.book as Record<string, unknown> | undefined;
    const chapters = [...collectChapters(book?.chapters), ...collectChapters(book?.appendices)].map((c) => path.resolve(base, c));
    const markdown = chapters.filter((c) => /\.(md|qmd|rmd)$/i.test(c));
    const directory = await quartoDirectoryMetadata(dir, base, workspace);
    // Quarto merges the two (lists are joined); a name in both is read once.
    const bibliography = [...new Set([...(directory?.bibliography ?? []), ...bibliographyNames(config).map((b) => path.resolve(base, b))])];
    const bibliographySource = directory ? `Quarto project (_quarto.yml, ${path.relative(base, directory.file)})` : 'Quarto project (_quarto.yml)';
    const configFiles = directory ? [file, directory.file] : [file];
    const crossrefKinds = customCrossrefKinds(config);
    if (markdown.includes(root.uri)) return { files: markdown, source: 'quarto', configFiles, bibliography, bibliographySource, crossrefKinds };
    if (bibliography.length) Object.assign(single, { bibliography, bibliographySource });
    single.configFiles = configFiles;
    single.crossrefKinds = crossrefKinds;
  } else {
    const book = await findBookdown(dir, workspace);
    if (book) {
      const configFiles = book.configFile ? [book.configFile] : [book.files[0]];
      const bibliographySource = `front matter of ${path.basename(book.files[0])} (bookdown)`;
      if (book.files.includes(root.uri)) return { files: book.files, source: 'bookdown', configFiles, bibliography: book.bibliography, bibliographySource };
      return { ...single, configFiles, bibliography: book.bibliography, bibliographySource };
    }
  }
  if (path.basename(dir) === 'content' && MANUBOT_CHAPTER.test(path.basename(root.uri))) {
    const files = (await workspace.listDir(dir)).filter((n) => MANUBOT_CHAPTER.test(n)).sort().map((n) => path.join(dir, n));
    if (files.length > 1) return { files, source: 'manubot', configFiles: [], bibliography: [] };
  }
  return single;
}

function withRoot(rootPath: string, files: string[], source: ChapterList['source']): ChapterList {
  // A root that lists its chapters (and holds only front matter) is read first.
  return { files: files.includes(rootPath) ? files : [rootPath, ...files], source, configFiles: [], bibliography: [] };
}

/**
 * The `_quarto.yml` of the project the folder `dir` is in: in it or up to three folders above, as Quarto looks for
 * it (above the workspace folder too: a chapter folder opened or checked alone is still the book's).
 */
async function findQuarto(dir: string, workspace: Workspace): Promise<{ config: Record<string, unknown>; file: string } | null> {
  let current = dir;
  for (let depth = 0; depth < 4; depth++) {
    for (const name of ['_quarto.yml', '_quarto.yaml']) {
      const file = path.join(current, name);
      const text = await workspace.readText(file).catch(() => null);
      if (typeof text === 'string') {
        try {
          const config = parse(text, { maxAliasCount: 100 }) as unknown;
          if (config && typeof config === 'object') return { config: config as Record<string, unknown>, file };
        } catch {
          return null;
        }
      }
    }
    const parent = path.dirname(current);
    if (parent === current) break;
    current = parent;
  }
  return null;
}

/**
 * Quarto's directory metadata: the nearest `_metadata.yml` naming a `bibliography:`, from the file's folder up to
 * the project's, whose options Quarto merges into every document below it (paths relative to that file).
 */
async function quartoDirectoryMetadata(dir: string, projectDir: string, workspace: Workspace): Promise<{ file: string; bibliography: string[] } | null> {
  for (let current = dir; current.startsWith(projectDir); current = path.dirname(current)) {
    const file = path.join(current, '_metadata.yml');
    const text = await workspace.readText(file).catch(() => null);
    if (typeof text === 'string') {
      try {
        const names = bibliographyNames(parse(text, { maxAliasCount: 100 }));
        if (names.length) return { file, bibliography: names.map((b) => path.resolve(current, b)) };
      } catch {
        // Quarto stops on a broken `_metadata.yml`; the project's bibliography applies here.
      }
    }
    if (current === projectDir || path.dirname(current) === current) break;
  }
  return null;
}

/** Quarto chapters: strings, `{part: …, chapters: [...]}` and `{href|file: …}` entries. */
function collectChapters(value: unknown): string[] {
  if (!Array.isArray(value)) return [];
  const out: string[] = [];
  for (const entry of value) {
    if (typeof entry === 'string') out.push(entry);
    else if (entry && typeof entry === 'object') {
      const e = entry as Record<string, unknown>;
      if (typeof e.part === 'string' && /\.(md|qmd)$/i.test(e.part)) out.push(e.part);
      if (typeof e.href === 'string') out.push(e.href);
      if (typeof e.file === 'string') out.push(e.file);
      out.push(...collectChapters(e.chapters));
    }
  }
  return out;
}
