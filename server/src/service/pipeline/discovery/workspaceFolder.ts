/**
 * The workspace folder a file lies in: settings name files relative to it (`citelens.files`,
 * `citelens.bibliography`, `citelens.taxonomy`). Takes the host's folders and a path; gives the folder, if any.
 */
import type { Workspace } from '../../workspace';

/** The first workspace folder that contains `uri`, or undefined when none does. */
export function workspaceFolderOf(workspace: Workspace, uri: string): string | undefined {
  return workspace.folders().find((f) => uri.startsWith(f.endsWith('/') ? f : f + '/'));
}
