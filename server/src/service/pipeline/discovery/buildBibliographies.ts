/**
 * Bibliographies a manuscript's build names when its front matter names none: Pandoc is often run with
 * `--bibliography=bib/refs.bib` from a Makefile or a script, or with a defaults file (`pandoc -d defaults.yaml`)
 * or a metadata file (`--metadata-file meta.yaml`) whose `bibliography:` (or `metadata: bibliography:`) names it.
 * Also a MyST project's (`myst.yml`, Jupyter Book 2: `project: bibliography: [refs.bib]`, paths relative to it),
 * in the manuscript's folder or up to three above.
 * Read from the manuscript's folder (where such a build runs Pandoc; paths are relative to it); a path holding a
 * variable (`$(BIB)`) is passed over, and only files that exist count. Without any, `.bib` files in a `bib/`,
 * `refs/`, `references/` or `bibliography/` folder beside the manuscript (`bibliographyFiles.ts` tries the
 * manuscript's own folder first).
 */
import { posix as path } from 'node:path';
import { parse } from 'yaml';
import type { Manuscript } from '../../types';
import { noteDependency, readText, type ServiceContext } from '../context';

/** A build script: a Makefile, a shell script, a justfile. */
const SCRIPT = /^(?:makefile|gnumakefile|justfile|.*\.(?:mk|sh|bash|ps1|bat|cmd))$/i;
/** Pandoc's option, with `=` or a space, its value quoted or not. */
const OPTION = /--bibliography(?:=|[ \t]+)(["']?)([^\s"';|&]+)\1/g;
/** YAML files that are something else: Quarto's, bookdown's, Citelens's taxonomy, CI. */
const NOT_PANDOC_YAML = /^(?:_.*|\.?taxonomy.*|citation\.cff|environment\.ya?ml|mkdocs\.ya?ml|.*\.csl\.ya?ml)$/i;
/** A YAML file over this size is a bibliography itself (CSL-YAML), not options. */
const MAX_OPTIONS_FILE = 64 * 1024;
/** Folders beside the manuscript that conventionally hold the bibliography. */
const BIB_FOLDERS = ['bib', 'bibliography', 'references', 'refs'];

/** The bibliographies the build beside `root` names (existing files, absolute), and where they were named. */
export async function buildBibliographies(ctx: ServiceContext, root: Manuscript): Promise<string[]> {
  const dir = path.dirname(root.uri);
  const named: string[] = await mystBibliographies(ctx, root);
  for (const name of await ctx.workspace.listDir(dir)) {
    const isScript = SCRIPT.test(name);
    const isYaml = /\.ya?ml$/i.test(name) && !NOT_PANDOC_YAML.test(name);
    if (!isScript && !isYaml) continue;
    const text = await readText(ctx.workspace, path.join(dir, name));
    if (typeof text !== 'string' || text.length > MAX_OPTIONS_FILE) continue;
    const found = isScript ? scriptBibliographies(text) : yamlBibliographies(text);
    for (const rel of found) {
      const p = path.resolve(dir, rel);
      if (!named.includes(p) && typeof (await readText(ctx.workspace, p)) === 'string') named.push(p);
    }
    if (found.length) noteDependency(ctx, path.join(dir, name), root.uri);
  }
  return named;
}

/** `.bib` files in the conventional folders beside `root`. */
export async function bibFolderBibliographies(ctx: ServiceContext, root: Manuscript): Promise<string[]> {
  const dir = path.dirname(root.uri);
  const out: string[] = [];
  for (const folder of BIB_FOLDERS) {
    const names = await ctx.workspace.listDir(path.join(dir, folder));
    out.push(...names.filter((n) => /\.bib$/i.test(n)).map((n) => path.join(dir, folder, n)));
  }
  return out;
}

function scriptBibliographies(text: string): string[] {
  return [...text.matchAll(OPTION)].map((m) => m[2]).filter((p) => !/[$%{}]/.test(p));
}

function yamlBibliographies(text: string): string[] {
  let data: unknown;
  try {
    data = parse(text, { maxAliasCount: 100 });
  } catch {
    return [];
  }
  if (!data || typeof data !== 'object' || Array.isArray(data)) return [];
  const record = data as { bibliography?: unknown; metadata?: { bibliography?: unknown } | null };
  const value = record.bibliography ?? record.metadata?.bibliography;
  const list = Array.isArray(value) ? value : [value];
  return list.filter((p): p is string => typeof p === 'string' && p.trim() !== '' && !/[$%{}]/.test(p));
}

/** The bibliographies a MyST project (`myst.yml` with `project: bibliography:`) names, existing ones. */
async function mystBibliographies(ctx: ServiceContext, root: Manuscript): Promise<string[]> {
  for (let dir = path.dirname(root.uri), depth = 0; depth < 4; dir = path.dirname(dir), depth++) {
    const file = path.join(dir, 'myst.yml');
    const text = await readText(ctx.workspace, file);
    if (typeof text === 'string') {
      noteDependency(ctx, file, root.uri);
      let config: unknown;
      try {
        config = parse(text, { maxAliasCount: 100 });
      } catch {
        return [];
      }
      const value = (config as { project?: { bibliography?: unknown } | null } | null)?.project?.bibliography;
      const found: string[] = [];
      for (const rel of (Array.isArray(value) ? value : [value]).filter((p): p is string => typeof p === 'string')) {
        const p = path.resolve(dir, rel);
        if (typeof (await readText(ctx.workspace, p)) === 'string') found.push(p);
      }
      return found;
    }
    if (path.dirname(dir) === dir) break;
  }
  return [];
}
