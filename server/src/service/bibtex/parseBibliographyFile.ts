/**
 * Picks the reader for a bibliography file by its extension: BibTeX/BibLaTeX (`.bib`, `.bibtex`,
 * and anything unknown), CSL-JSON (`.json`), CSL-YAML (`.yaml`, `.yml`).
 *
 * Parsed bibliographies are kept by URI and content, so a file closed and reopened (or invalidated by a
 * watcher while its text stayed the same) costs one string comparison instead of a parse: its entries,
 * with the CSL they already converted, are the same objects.
 */
import type { Bibliography } from '../types';
import type { LocatedBibliography, SliceOptions } from './locator';
import { bibliographyOf, bibliographyOfInSlices, parseBibliography, parseBibliographyInSlices, scanOf } from './parseBibliography';
import { relocateAfterEdit } from './relocate';
import { parseCslJson, parseCslYaml } from './parseCslJson';

/** Recently parsed bibliographies by URI, most recent last; bounded by their total text length. */
const recent = new Map<string, { text: string; bib: Bibliography }>();
/** UTF-16 code units of text kept at most (a 20,000-entry file is ~15 M). */
const MAX_CACHED_CHARS = 64 * 1024 * 1024;

/** Reads a bibliography file of any supported format. Never throws. Same URI and text → the same object. */
export function parseBibliographyFile(uri: string, text: string): Bibliography {
  const hit = recent.get(uri);
  if (hit && hit.text === text) {
    recent.delete(uri);
    recent.set(uri, hit);
    return hit.bib;
  }
  const bib = afterEdit(uri, text) ?? parseUncached(uri, text);
  remember(uri, text, bib);
  return bib;
}

/**
 * The new version of a cached BibTeX file whose edit stayed inside one entry, built from the old scan with
 * only that entry scanned again (`relocate.ts`); undefined otherwise.
 */
function afterEdit(uri: string, text: string): Bibliography | undefined {
  const previous = recent.get(uri);
  const scan = previous && scanOf(previous.bib);
  if (!previous || !scan || text.length < SLICE_ABOVE_CHARS / 4) return undefined;
  const relocated = relocateAfterEdit(previous.text, scan, text);
  return relocated ? bibliographyOf(uri, text, relocated) : undefined;
}

/** {@link afterEdit} with the bibliography's entries and duplicate keys gathered in slices. */
async function afterEditInSlices(uri: string, text: string, options: SliceOptions): Promise<Bibliography | undefined> {
  const previous = recent.get(uri);
  const scan = previous && scanOf(previous.bib);
  if (!previous || !scan || text.length < SLICE_ABOVE_CHARS / 4) return undefined;
  const relocated = relocateAfterEdit(previous.text, scan, text);
  return relocated ? bibliographyOfInSlices(uri, text, relocated, options) : undefined;
}

/** Files smaller than this are parsed at once (~20 ms of scanning): slicing would only add pauses. */
const SLICE_ABOVE_CHARS = 512 * 1024;
/** Parses under way, so two analyses asking for the same large file share one. */
const inFlight = new Map<string, { text: string; bib: Promise<Bibliography> }>();

/**
 * {@link parseBibliographyFile} for hosts that must stay responsive: a large BibTeX file is scanned in
 * slices with `options.pause()` between them, or rebuilt from the scan `options.kept` has of the same text.
 * Cached and shared like the synchronous version.
 */
export async function parseBibliographyFileInSlices(uri: string, text: string, options: LoadOptions): Promise<Bibliography> {
  const hit = cachedBibliography(uri, text);
  if (hit) return parseBibliographyFile(uri, text);
  const ext = /\.([a-z0-9]+)$/i.exec(uri.replace(/[?#].*$/, ''))?.[1]?.toLowerCase();
  if (text.length < SLICE_ABOVE_CHARS || ext === 'json' || ext === 'yaml' || ext === 'yml') return parseBibliographyFile(uri, text);
  const edited = await afterEditInSlices(uri, text, options);
  if (edited) {
    remember(uri, text, edited);
    options.kept?.save(text, scanOf(edited)!, true);
    return edited;
  }
  const running = inFlight.get(uri);
  if (running && running.text === text) return running.bib;
  const bib = scanOrLoad(uri, text, options).then((parsed) => {
    remember(uri, text, parsed);
    return parsed;
  }).finally(() => {
    if (inFlight.get(uri)?.bib === bib) inFlight.delete(uri);
  });
  inFlight.set(uri, { text, bib });
  return bib;
}

/**
 * A host's store of scans kept between sessions, keyed by content (see `Workspace.scans`): a large file whose
 * text was scanned before, in an earlier process, is rebuilt from its kept scan instead of scanned again.
 */
export interface KeptScans {
  /** The scan kept for exactly `text`, if any; never rejects. */
  load(text: string): Promise<LocatedBibliography | undefined>;
  /** `scan` is the scan of `text`, scanned or (`edited`) re-located after an edit: the host may keep it. */
  save(text: string, scan: LocatedBibliography, edited?: boolean): void;
}

/** Options of {@link parseBibliographyFileInSlices}. */
export interface LoadOptions extends SliceOptions {
  /** Scans kept between sessions; without it every new process scans. */
  kept?: KeptScans;
}

/** The bibliography of a large BibTeX text: from its kept scan when the host has one, else scanned in slices. */
async function scanOrLoad(uri: string, text: string, options: LoadOptions): Promise<Bibliography> {
  const kept = await options.kept?.load(text).catch(() => undefined);
  if (kept) {
    options.onProgress?.(text.length, text.length);
    // Saved again so a kept scan without its completion index gets one once the index is built.
    options.kept!.save(text, kept);
    return bibliographyOfInSlices(uri, text, kept, options);
  }
  const bib = await parseBibliographyInSlices(uri, text, options);
  options.kept?.save(text, scanOf(bib)!);
  return bib;
}

/**
 * Adds a bibliography parsed elsewhere (e.g. in slices by {@link parseBibliographyFileInSlices}) to the cache
 * {@link parseBibliographyFile} answers from.
 */
function remember(uri: string, text: string, bib: Bibliography): void {
  recent.delete(uri);
  recent.set(uri, { text, bib });
  let total = 0;
  for (const v of recent.values()) total += v.text.length;
  for (const [key, v] of recent) {
    if (total <= MAX_CACHED_CHARS || recent.size <= 1) break;
    recent.delete(key);
    total -= v.text.length;
  }
}

/** The cached bibliography of `uri` if it was parsed from exactly `text`. */
export function cachedBibliography(uri: string, text: string): Bibliography | undefined {
  const hit = recent.get(uri);
  return hit && hit.text === text ? hit.bib : undefined;
}

function parseUncached(uri: string, text: string): Bibliography {
  const ext = /\.([a-z0-9]+)$/i.exec(uri.replace(/[?#].*$/, ''))?.[1]?.toLowerCase();
  if (ext === 'json') return parseCslJson(uri, text);
  if (ext === 'yaml' || ext === 'yml') return parseCslYaml(uri, text);
  return parseBibliography(uri, text);
}
