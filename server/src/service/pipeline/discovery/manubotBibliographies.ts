/**
 * A Manubot project's bibliographies, found as `manubot process` finds them (issue 14 item 11): the manual
 * references, files in `content/` named `manual-references*.*` (CSL-JSON, CSL-YAML or BibTeX: Manubot's
 * `content_dir.rglob("manual-references*.*")`, here the folder itself), and the CSL-JSON a build leaves in
 * `output/references.json` (every cited work, with its metadata). A manuscript is a Manubot one when it is a
 * `content/NN.name.md` chapter or the built `output/manuscript.md`.
 */
import { posix as path } from 'node:path';
import { readText, type ServiceContext } from '../context';

const MANUBOT_CHAPTER = /^\d+\..+\.md$/i;
const MANUAL_REFERENCES = /^manual-references.*\.(json|bib|ya?ml)$/i;

/** The Manubot project folder of `manuscriptPath` (the parent of `content/` or `output/`), or null. */
export function manubotRootOf(manuscriptPath: string): string | null {
  const dir = path.dirname(manuscriptPath);
  const name = path.basename(manuscriptPath);
  if (path.basename(dir) === 'content' && MANUBOT_CHAPTER.test(name)) return path.dirname(dir);
  if (path.basename(dir) === 'output' && name === 'manuscript.md') return path.dirname(dir);
  return null;
}

/**
 * The built `output/references.json` (if any), then `content/manual-references*.*` in name order (`builtOnly`:
 * the first alone, added to the manual references a Manubot front matter names).
 */
export async function manubotBibliographies(ctx: ServiceContext, manuscriptPath: string, options: { builtOnly?: boolean } = {}): Promise<string[]> {
  const root = manubotRootOf(manuscriptPath);
  if (root === null) return [];
  const found: string[] = [];
  const built = path.join(root, 'output', 'references.json');
  if (typeof (await readText(ctx.workspace, built)) === 'string') found.push(built);
  if (options.builtOnly) return found;
  const content = path.join(root, 'content');
  const manual = (await ctx.workspace.listDir(content)).filter((n) => MANUAL_REFERENCES.test(n)).sort();
  for (const name of manual) found.push(path.join(content, name));
  return found;
}
