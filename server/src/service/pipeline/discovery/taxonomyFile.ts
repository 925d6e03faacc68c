/**
 * Part of step 1, discovery: the taxonomy file of a manuscript, first that applies: the front matter's
 * `taxonomy:`, the setting `citelens.taxonomy` (relative to the workspace folder), else `taxonomy.{yaml,yml,json}`
 * beside the manuscript, then at the workspace folder's root. A taxonomy named but not found is reported
 * (`bibliography-not-found`) and none is used. Takes the parsed chapters; gives the path or null, and pushes the
 * problems.
 */
import { posix as path } from 'node:path';
import type { Manuscript, Problem } from '../../types';
import { readText, type ServiceContext } from '../context';
import { taxonomyNotFound } from './notFound';
import { workspaceFolderOf } from './workspaceFolder';

const TAXONOMY_NAMES = ['taxonomy.yaml', 'taxonomy.yml', 'taxonomy.json'];

export async function taxonomyFileOf(ctx: ServiceContext, files: Manuscript[], problems: Problem[]): Promise<string | null> {
  const root = files.find((f) => f.frontMatter?.taxonomy) ?? files[0];
  const dir = path.dirname(root.uri);
  const folder = workspaceFolderOf(ctx.workspace, root.uri) ?? dir;
  const configured: [string, string, string][] = [];
  if (root.frontMatter?.taxonomy) configured.push([path.resolve(dir, root.frontMatter.taxonomy), root.frontMatter.taxonomy, 'front matter']);
  const fromSetting = ctx.state.settings.taxonomy;
  if (fromSetting) configured.push([path.resolve(folder, fromSetting), fromSetting, 'setting citelens.taxonomy']);
  for (const [p, name, where] of configured) {
    const text = await readText(ctx.workspace, p);
    if (typeof text === 'string') return p;
    problems.push(taxonomyNotFound(root, name, text, where));
  }
  if (configured.length) return null;
  for (const d of dir === folder ? [dir] : [dir, folder]) {
    const names = await ctx.workspace.listDir(d);
    const name = TAXONOMY_NAMES.find((n) => names.includes(n));
    if (name) return path.join(d, name);
  }
  return null;
}
