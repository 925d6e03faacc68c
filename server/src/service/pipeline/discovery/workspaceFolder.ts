/**
 * The workspace folder a file lies in: settings name files relative to it (`citelens.files`,
 * `citelens.bibliography`, `citelens.taxonomy`). Takes the host's folders and a path; gives the folder, if any.
 * Also where the search for a project's configuration stops.
 */
import type { Workspace } from '../../workspace';

/** The first workspace folder that contains `uri`, or undefined when none does. */
export function workspaceFolderOf(workspace: Workspace, uri: string): string | undefined {
  return workspace.folders().find((f) => uri.startsWith(f.endsWith('/') ? f : f + '/'));
}

/**
 * Whether the search for a bookdown book (`_bookdown.yml`, `index.Rmd`) going up from a file stops at `dir`: a
 * workspace folder no other folder holds. A folder inside another one does not stop it — the CLI's folder of the
 * file checked (`citelens check chapters/01-intro.Rmd` from the book's folder) lies in the current folder, and the
 * book is above it. (Quarto's `_quarto.yml` is looked for above any folder, as Quarto does: `chapters.ts`.)
 */
export function stopsSearchAt(workspace: Workspace, dir: string): boolean {
  const folders = workspace.folders();
  return folders.includes(dir) && !folders.some((f) => f !== dir && dir.startsWith(f.endsWith('/') ? f : f + '/'));
}
