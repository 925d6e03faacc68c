/**
 * Which files the host may read for a workspace in VS Code's Restricted Mode: only files inside the workspace
 * folders. Pure path arithmetic (POSIX paths, as the core names files); the host resolves symbolic links first
 * (a link inside a folder that points outside is outside).
 *
 * @example
 * isInside(['/home/a/review'], '/home/a/review/refs.bib')          // true
 * isInside(['/home/a/review'], '/home/a/review/../../../etc/passwd') // false
 * isInside(['/home/a/review'], '/home/a/review-old/refs.bib')      // false (a sibling, not a child)
 */
import { posix } from 'node:path';

/** Whether `path` (absolute; `..` segments allowed) lies in one of `folders` or is one of them. */
export function isInside(folders: readonly string[], path: string): boolean {
  const target = normalize(path);
  return folders.some((folder) => {
    const root = normalize(folder).replace(/\/+$/, '') || '/';
    return root === '/' ? target.startsWith('/') : target === root || target.startsWith(root + '/');
  });
}

/** POSIX-normalised, Windows separators as `/` (the server's paths on Windows keep a drive letter). */
function normalize(path: string): string {
  return posix.normalize(path.replace(/\\/g, '/'));
}

/** The message of a refused read, shown inside the bibliography-not-found diagnostic. */
export function outsideWorkspaceMessage(path: string): string {
  return `${path} is outside the workspace folders, and Restricted Mode forbids reading it; trust the workspace to allow it`;
}
