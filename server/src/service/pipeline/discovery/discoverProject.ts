/**
 * Step 1, project discovery: every file an analysis reads is found here. Takes the path of the manuscript asked
 * for; gives its chapters (parsed through step 2's cache as they are found: their front matter names the other
 * files), the paths of its bibliographies and of its taxonomy, and the `bibliography-not-found` problems of
 * whatever is named but cannot be read. Every file found is noted as a dependency of the manuscript, so the host
 * analyses it again when one changes.
 *   chapters        `chapters.ts`           front matter, setting, Quarto book, bookdown book, Manubot, else the file alone
 *   includes        `quartoIncludes.ts`     Quarto's `{{< include >}}` files, read as chapters after the chapter including them
 *   own lists       `ownLists.ts`           chapters that each end with their own numbered list are manuscripts of their own
 *   bibliographies  `bibliographyFiles.ts`  front matter, Quarto project, setting (globs), else `*.bib` beside
 *   taxonomy        `taxonomyFile.ts`       front matter, setting, else `taxonomy.yaml` beside or at the root
 *   cross-references `crossrefs.ts`         in a Quarto project, `@fig-x`, `@sec-x`… are labels, not citations
 *   years           `bracketedYears.ts`     `[2020]`, `[2019–2021]` beyond the reference list are years, not citations
 *   encoding        `notUtf8.ts`            a chapter that is not UTF-8 (read as Windows-1252) is named
 */
import { posix as path } from 'node:path';
import type { Manuscript, Problem } from '../../types';
import { noteDependency, type ServiceContext } from '../context';
import { manuscriptOf, rootManuscriptOf } from '../parseFiles';
import { bibliographyFilesOf } from './bibliographyFiles';
import { highestListedNumber, withoutBracketedYears } from './bracketedYears';
import { chapterListOf } from './chapters';
import { chaptersWithOwnLists } from './ownLists';
import { isQuartoProject, withoutQuartoCrossrefs } from './crossrefs';
import { chapterNotFound, includeNotFound } from './notFound';
import { notUtf8Problem } from './notUtf8';
import { quartoIncludes } from './quartoIncludes';
import { taxonomyFileOf } from './taxonomyFile';

/** The files that make up one manuscript. */
export interface Project {
  /** The chapters that could be read, parsed, in reading order (the file alone for a single-file manuscript). */
  files: Manuscript[];
  /** Paths of the bibliography files that exist. */
  bibliographies: string[];
  /** Path of the taxonomy file, when one is found. */
  taxonomy: string | null;
  /**
   * The chapters' own problems (front matter…) and the chapters and bibliographies named but not found, in the
   * order they were met.
   */
  problems: Problem[];
  /** A taxonomy named but not found. */
  taxonomyProblems: Problem[];
}

export async function discoverProject(ctx: ServiceContext, p: string): Promise<Project> {
  const root = await rootManuscriptOf(ctx, p);
  const problems: Problem[] = [...root.problems];
  const chapters = await chapterListOf(root, ctx.workspace, ctx.state.settings.files);
  for (const config of chapters.configFiles) noteDependency(ctx, config, root.uri);
  const files: Manuscript[] = [];
  const quarto = isQuartoProject(chapters.files, chapters.configFiles);
  const quartoConfig = chapters.configFiles.find((f) => /(^|\/)_quarto\.ya?ml$/.test(f));
  const projectDir = quartoConfig ? path.dirname(quartoConfig) : path.dirname(root.uri);
  // Chapters to read, in order; included files are put right after the chapter including them (each file once).
  const queue = [...chapters.files];
  const seen = new Set(queue);
  /** The chapter each included file was included by (directly or not). */
  const includedBy = new Map<string, string>();
  while (queue.length) {
    const chapter = queue.shift()!;
    const model = chapter === root.uri ? root : await manuscriptOf(ctx, chapter);
    noteDependency(ctx, chapter, root.uri);
    if (model) {
      files.push(quarto ? withoutQuartoCrossrefs(model, chapters.crossrefKinds) : model);
      if (model !== root) problems.push(...model.problems);
      const encoding = notUtf8Problem(ctx, model);
      if (encoding) problems.push(encoding);
      const included: string[] = [];
      for (const include of quartoIncludes(model, projectDir)) {
        if (seen.has(include.file)) continue;
        const text = await ctx.workspace.readText(include.file).catch((e: unknown) => (e instanceof Error ? e : new Error(String(e))));
        if (typeof text !== 'string') {
          noteDependency(ctx, include.file, root.uri);
          problems.push(includeNotFound(model, include, text instanceof Error ? text : null));
          continue;
        }
        seen.add(include.file);
        included.push(include.file);
        includedBy.set(include.file, includedBy.get(model.uri) ?? model.uri);
      }
      queue.unshift(...included);
    } else {
      problems.push(chapterNotFound(root, chapter, chapters.source));
    }
  }
  const own = chaptersWithOwnLists(files, root.uri, includedBy);
  if (own) {
    files.splice(0, files.length, ...files.filter((f) => own.has(f.uri)));
    const others = new Set(chapters.files.filter((f) => !own.has(f)));
    for (let k = problems.length - 1; k >= 0; k--) if (others.has(problems[k].uri)) problems.splice(k, 1);
  }
  const listed = highestListedNumber(files);
  for (let k = 0; k < files.length; k++) files[k] = withoutBracketedYears(files[k], listed);
  // The first chapter whose front matter names a bibliography (or taxonomy) speaks for the manuscript.
  const named = files.length ? files : [root];
  // Quarto and R Markdown render with the bibliographies the metadata names, and no other (`bibliographyFiles.ts`),
  // unless the front matter hands Pandoc one itself (`pandoc_args: ["--bibliography=refs.bib"]`).
  const front = root.frontMatter;
  const rendered = front !== null && (quartoConfig !== undefined || /\.(qmd|rmd)$/i.test(root.uri)) && !root.text.slice(front.yaml.start, front.yaml.end).includes('--bibliography');
  const bibliographies = await bibliographyFilesOf(ctx, named, chapters.bibliography, problems, chapters.bibliographySource, rendered);
  for (const b of bibliographies) noteDependency(ctx, b, root.uri);
  const taxonomyProblems: Problem[] = [];
  const taxonomy = await taxonomyFileOf(ctx, named, taxonomyProblems);
  if (taxonomy) noteDependency(ctx, taxonomy, root.uri);
  return { files, bibliographies, taxonomy, problems, taxonomyProblems };
}
