/**
 * Part of step 1, discovery: which bibliography files a manuscript uses (product.md §1), first that applies:
 *   1. the front matter's `bibliography:`, relative to the file (in a Manubot project also to the project folder,
 *      where Manubot runs Pandoc; named by inline R, `` `r here::here('refs.bib')` ``, the file it quotes); when
 *      several chapters name bibliographies (a thesis with one `.bib` per chapter), all of them;
 *   2. the Quarto project's `bibliography:` (or the one a bookdown book's `index.Rmd` names);
 *   3. the setting `citelens.bibliography`: paths or globs, relative to the workspace folder;
 *   4. a Manubot project's `output/references.json` and `content/manual-references*.*` (`manubotBibliographies.ts`);
 *   5. the build's: `--bibliography` in a Makefile or script beside the manuscript, `bibliography:` in a Pandoc
 *      defaults or metadata file there (`buildBibliographies.ts`);
 *   6. else the `.bib` files beside the manuscript, else in its `bib/`, `refs/`, `references/` or `bibliography/`.
 * Steps 4–6 stand for a Pandoc command line; a document Quarto or R Markdown renders (`namedOnly`: a `.qmd` or
 * `.Rmd` with a front matter, or any page of a Quarto project) is rendered with only the bibliographies its metadata
 * names, so with none named it has none: its `[@key]` prints as written, and an `@handle` in its text ("reach me at
 * @urbanclimate", a Quarto website's about page) is text, no citation of an unrelated `.bib` lying beside it. (With
 * one named but missing, the fallbacks still apply, as for any manuscript.)
 * With `bibliographyOverridesFrontMatter` (the CLI's `--bib`), the setting comes first: 1 and 2 are skipped.
 * A source none of whose files can be read is reported (`bibliography-not-found`) and the next one applies.
 * Takes the parsed chapters and the project's bibliographies; gives absolute paths, and pushes the problems.
 */
import { posix as path } from 'node:path';
import picomatch from 'picomatch';
import type { Manuscript, Problem } from '../../types';
import { bibliographyWriter } from '../../markdown/knitrWriteBib';
import { readText, type ServiceContext } from '../context';
import { bibFolderBibliographies, buildBibliographies } from './buildBibliographies';
import { manubotBibliographies, manubotRootOf } from './manubotBibliographies';
import { bibliographyNotFound } from './notFound';
import { workspaceFolderOf } from './workspaceFolder';

/** The files a glob of the setting may match. */
const BIB_EXTENSIONS = /\.(bib|bibtex|json|ya?ml)$/i;

/**
 * Matches a file name against the last segment of a glob of the setting, where `*` and `?` are the only special
 * characters (every other one is escaped: brackets, braces and parentheses are part of a name) and match names
 * starting with a dot too.
 */
function globMatcher(segment: string): (name: string) => boolean {
  return picomatch(segment.replace(/[^\w*?]/g, '\\$&'), { dot: true });
}

export async function bibliographyFilesOf(ctx: ServiceContext, files: Manuscript[], fromProject: string[], problems: Problem[], projectSource = 'Quarto project (_quarto.yml)', namedOnly = false): Promise<string[]> {
  const { settings } = ctx.state;
  const override = settings.bibliographyOverridesFrontMatter && settings.bibliography.length > 0;
  const naming = override ? [] : files.filter((f) => f.frontMatter?.bibliography.length);
  const root = naming[0] ?? files[0];
  const dir = path.dirname(root.uri);
  // A thesis or book whose chapters each name their own bibliography (rendered chapter by chapter, as a Quarto or
  // bookdown HTML book is): every chapter's citations are checked against all of them, so none is reported as
  // unknown because another chapter's file holds it.
  const fromFrontMatter: string[] = [];
  for (const file of naming) for (const p of await frontMatterBibliographies(ctx, file, files, problems)) if (!fromFrontMatter.includes(p)) fromFrontMatter.push(p);
  if (fromFrontMatter.length) return fromFrontMatter;
  if (fromProject.length && !override) {
    const found: string[] = [];
    for (const p of fromProject) {
      if (typeof (await readText(ctx.workspace, p)) === 'string') found.push(p);
      else problems.push(bibliographyNotFound(root, p, null, projectSource));
    }
    if (found.length) return found;
  }
  const folder = workspaceFolderOf(ctx.workspace, root.uri) ?? dir;
  const fromSetting = ctx.state.settings.bibliography;
  if (fromSetting.length) {
    const found: string[] = [];
    for (const pattern of fromSetting) {
      const matches = await filesMatching(ctx, path.resolve(folder, pattern));
      if (matches.length) found.push(...matches);
      else problems.push(bibliographyNotFound(root, pattern, null, 'setting citelens.bibliography'));
    }
    if (found.length) return found;
  }
  // Named but missing (`bibliography-not-found`, reported above): the fallbacks still give the citations something
  // to be checked against.
  if (namedOnly && naming.length === 0 && fromProject.length === 0) return [];
  const manubot = await manubotBibliographies(ctx, root.uri);
  if (manubot.length) return manubot;
  const built = await buildBibliographies(ctx, root);
  if (built.length) return built;
  const names = await ctx.workspace.listDir(dir);
  const beside = names.filter((n) => /\.bib$/i.test(n)).map((n) => path.join(dir, n));
  return beside.length ? beside : bibFolderBibliographies(ctx, root);
}

/** The bibliographies `file`'s front matter names that exist (relative to it); pushes a problem for each missing. */
async function frontMatterBibliographies(ctx: ServiceContext, file: Manuscript, files: Manuscript[], problems: Problem[]): Promise<string[]> {
  const dir = path.dirname(file.uri);
  const found: string[] = [];
  const missing: { rel: string; error: Error | null }[] = [];
  // Manubot runs Pandoc from the project folder: the built `output/manuscript.md` names
  // `content/manual-references.json` relative to it, not to `output/`.
  const manubotRoot = manubotRootOf(file.uri);
  for (const written of file.frontMatter?.bibliography ?? []) {
    const rel = inlineRPath(written);
    if (rel === null) continue;
    const p = path.resolve(dir, rel);
    const text = await readText(ctx.workspace, p);
    const fromRoot = typeof text !== 'string' && manubotRoot !== null ? path.resolve(manubotRoot, rel) : null;
    if (typeof text === 'string') found.push(p);
    else if (fromRoot !== null && typeof (await readText(ctx.workspace, fromRoot)) === 'string') found.push(fromRoot);
    else if (rel !== written) {
      // `here::here('bib', 'refs.bib')` names the file from the project root: a folder above the file.
      for (let up = path.dirname(dir), depth = 0; depth < 4 && up !== path.dirname(up); up = path.dirname(up), depth++) {
        const candidate = path.resolve(up, rel);
        if (typeof (await readText(ctx.workspace, candidate)) === 'string') {
          found.push(candidate);
          break;
        }
      }
    } else missing.push({ rel, error: text });
  }
  for (const { rel, error } of missing) {
    const writer = error === null ? files.map((f) => bibliographyWriter(f.text, path.basename(rel))).find((w) => w !== undefined) : undefined;
    problems.push(bibliographyNotFound(file, rel, error, 'front matter', { generatedBy: writer, othersNamed: found.length > 0 }));
  }
  // Manubot's front matter names the manual references; its build fetched the rest into output/references.json.
  if (found.length && manubotRoot !== null) for (const built of await manubotBibliographies(ctx, file.uri, { builtOnly: true })) if (!found.includes(built)) found.unshift(built);
  return found;
}

/**
 * A bibliography named by inline R code (`` "`r here::here('refs.bib')`" ``, knitted before Pandoc reads it): the
 * last quoted file name in the code, a best guess that is not reported when it is wrong; null when the code names
 * no file. Other names are returned as written.
 */
function inlineRPath(name: string): string | null {
  const code = /^`r\s([\s\S]*)`$/.exec(name.trim());
  if (!code) return name;
  // The quoted strings up to the file name are its folders: `here::here('bib', 'refs.bib')`, `file.path(…)`.
  const quoted = [...code[1].matchAll(/["']([^"'\n]*)["']/g)].map((m) => m[1]);
  const last = quoted.findLastIndex((q) => /\.(?:bib|bibtex|json|ya?ml)$/i.test(q));
  return last < 0 ? null : quoted.slice(0, last + 1).join('/');
}

/** The file `pattern` names when its last segment has no `*` or `?` (if it exists), else the bibliography files its last segment matches. */
async function filesMatching(ctx: ServiceContext, pattern: string): Promise<string[]> {
  const base = path.basename(pattern);
  if (!/[*?]/.test(base)) return typeof (await readText(ctx.workspace, pattern)) === 'string' ? [pattern] : [];
  const dir = path.dirname(pattern);
  const isMatch = globMatcher(base);
  return (await ctx.workspace.listDir(dir)).filter((n) => isMatch(n) && BIB_EXTENSIONS.test(n)).map((n) => path.join(dir, n));
}
