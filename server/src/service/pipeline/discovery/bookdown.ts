/**
 * Part of step 1, discovery: a bookdown book (https://bookdown.org/yihui/bookdown/configuration.html). bookdown
 * merges its chapters into one document and renders it with the front matter of the first (`index.Rmd`), so the
 * bibliography named there serves every chapter, however the chapters are opened.
 *
 * A book is a folder (the chapter's, or up to two above it) holding `_bookdown.yml`, or an `index.Rmd` whose front
 * matter says `site: bookdown::bookdown_site`. Its chapters, as bookdown orders them:
 *   - `rmd_files:` in `_bookdown.yml`: a list, or per output format (`html:`, `latex:`: the HTML list is taken);
 *   - else every `.Rmd` in the book's folder (and in the folders `rmd_subdir:` lists) whose name does not start
 *     with `_`, in name order, `index.Rmd` first.
 */
import { posix as path } from 'node:path';
import { parse } from 'yaml';
import type { Workspace } from '../../workspace';
import { bibliographyNames } from '../../markdown/bibliographyNames';
import { findFrontMatter } from '../../markdown/parseMarkdown';
import { stopsSearchAt } from './workspaceFolder';

export interface BookdownBook {
  /** The chapters in bookdown's order (absolute paths). */
  files: string[];
  /** `_bookdown.yml`, when there is one (watched). */
  configFile: string | null;
  /** The bibliographies the first chapter's front matter names (absolute paths). */
  bibliography: string[];
}

const SITE = /^site:[ \t]*["']?bookdown::bookdown_site/m;

export async function findBookdown(dir: string, workspace: Workspace): Promise<BookdownBook | null> {
  let current = dir;
  for (let depth = 0; depth < 3; depth++) {
    const book = await bookAt(current, workspace);
    if (book) return book;
    if (stopsSearchAt(workspace, current)) break;
    const parent = path.dirname(current);
    if (parent === current) break;
    current = parent;
  }
  return null;
}

async function bookAt(dir: string, workspace: Workspace): Promise<BookdownBook | null> {
  const configFile = path.join(dir, '_bookdown.yml');
  const configText = await workspace.readText(configFile).catch(() => null);
  const index = path.join(dir, 'index.Rmd');
  let config: Record<string, unknown> = {};
  if (typeof configText === 'string') {
    try {
      const parsed = parse(configText, { maxAliasCount: 100 }) as unknown;
      if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) config = parsed as Record<string, unknown>;
    } catch {
      // A broken `_bookdown.yml` fails bookdown's own build; its chapters are then bookdown's default.
    }
  } else {
    const indexText = await workspace.readText(index).catch(() => null);
    if (typeof indexText !== 'string' || !SITE.test(findFrontMatter(indexText)?.yaml ?? '')) return null;
  }
  const files = await chaptersOf(dir, config, workspace);
  if (!files.length) return null;
  const bibliography = await bibliographyOf(files[0], workspace);
  return { files, configFile: typeof configText === 'string' ? configFile : null, bibliography };
}

async function chaptersOf(dir: string, config: Record<string, unknown>, workspace: Workspace): Promise<string[]> {
  let listed = config.rmd_files;
  if (listed && typeof listed === 'object' && !Array.isArray(listed)) listed = (listed as Record<string, unknown>).html ?? Object.values(listed)[0];
  if (typeof listed === 'string') listed = [listed];
  if (Array.isArray(listed)) return listed.filter((f): f is string => typeof f === 'string').map((f) => path.resolve(dir, f));
  const subdirs = Array.isArray(config.rmd_subdir) ? config.rmd_subdir.filter((d): d is string => typeof d === 'string') : [];
  const files: string[] = [];
  for (const sub of ['', ...subdirs]) {
    const folder = path.resolve(dir, sub);
    const names = (await workspace.listDir(folder).catch(() => [] as string[])).filter((n) => /\.rmd$/i.test(n) && !n.startsWith('_')).sort();
    files.push(...names.map((n) => path.join(folder, n)));
  }
  const index = files.findIndex((f) => path.basename(f).toLowerCase() === 'index.rmd' && path.dirname(f) === dir);
  if (index > 0) files.unshift(...files.splice(index, 1));
  return files;
}

/** The `bibliography:` of a file's front matter (a path or a list), resolved against its folder. */
async function bibliographyOf(file: string, workspace: Workspace): Promise<string[]> {
  const text = await workspace.readText(file).catch(() => null);
  const yaml = typeof text === 'string' ? findFrontMatter(text)?.yaml : undefined;
  if (!yaml) return [];
  try {
    return bibliographyNames(parse(yaml, { maxAliasCount: 100 })).map((n) => path.resolve(path.dirname(file), n));
  } catch {
    return [];
  }
}
