/**
 * Document URIs (the protocol's names) ↔ file-system paths (the core's names). Only `file:` URIs become paths;
 * other schemes (`untitled:`) are used as they are, so an unsaved buffer still works through the open documents.
 */
import { fileURLToPath, pathToFileURL } from 'node:url';

export function uriToPath(uri: string): string {
  if (!uri.startsWith('file:')) return uri;
  try {
    return fileURLToPath(uri);
  } catch {
    return uri;
  }
}

export function pathToUri(path: string): string {
  if (/^[a-z][a-z0-9+.-]*:/i.test(path) && !/^[a-z]:[\\/]/i.test(path)) return path;
  return pathToFileURL(path).href;
}
