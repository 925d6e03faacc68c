/**
 * Picks the reader for a bibliography file by its extension: BibTeX/BibLaTeX (`.bib`, `.bibtex`,
 * and anything unknown), CSL-JSON (`.json`), CSL-YAML (`.yaml`, `.yml`).
 */
import type { Bibliography } from '../types';
import { parseBibliography } from './parseBibliography';
import { parseCslJson, parseCslYaml } from './parseCslJson';

/** Reads a bibliography file of any supported format. Never throws. */
export function parseBibliographyFile(uri: string, text: string): Bibliography {
  const ext = /\.([a-z0-9]+)$/i.exec(uri.replace(/[?#].*$/, ''))?.[1]?.toLowerCase();
  if (ext === 'json') return parseCslJson(uri, text);
  if (ext === 'yaml' || ext === 'yml') return parseCslYaml(uri, text);
  return parseBibliography(uri, text);
}
