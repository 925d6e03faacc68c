/**
 * Picks the reader for a bibliography file by its extension: BibTeX/BibLaTeX (`.bib`, `.bibtex`,
 * and anything unknown), CSL-JSON (`.json`), CSL-YAML (`.yaml`, `.yml`).
 *
 * The service reads through a {@link BibliographyFiles}, which keeps parsed bibliographies by URI and content, so
 * a file closed and reopened (or invalidated by a watcher while its text stayed the same) costs one string
 * comparison instead of a parse: its entries, with the CSL they already converted, are the same objects. An edit
 * inside one entry of a large file re-scans that entry only (`relocate.ts`), and entries convert to CSL and are
 * indexed for completion once per entry text ({@link EntryTextCaches}).
 */
import { LRUCache } from 'lru-cache';
import type { Bibliography } from '../types';
import { EntryTextCaches } from './entryTextCaches';
import { locateBibEntries, type LocatedBibliography, type SliceOptions } from './locator';
import { bibliographyOf, bibliographyOfInSlices, parseBibliographyInSlices, scanOf } from './parseBibliography';
import { relocateAfterEdit } from './relocate';
import { parseCslJson, parseCslYaml } from './parseCslJson';

/** UTF-16 code units of text kept at most (a 20,000-entry file is ~15 M). */
const MAX_CACHED_CHARS = 64 * 1024 * 1024;
/** Files smaller than this are parsed at once (~20 ms of scanning): slicing would only add pauses. */
const SLICE_ABOVE_CHARS = 512 * 1024;

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

/** Options of {@link BibliographyFiles.parseInSlices}. */
export interface LoadOptions extends SliceOptions {
  /** Scans kept between sessions; without it every new process scans. */
  kept?: KeptScans;
}

/**
 * Reads a bibliography file of any supported format, once: no cache, no shared conversions (the CLI's and the
 * tests' one-shot reads; the service reads through its {@link BibliographyFiles}). Never throws.
 */
export function parseBibliographyFile(uri: string, text: string): Bibliography {
  return parseByExtension(uri, text, null);
}

/** The bibliography files one service has read, and the work they share. Owned by the service (`ServiceCaches`). */
export class BibliographyFiles {
  /** Recently parsed bibliographies by URI, most recent last; bounded by their total text length. */
  private readonly recent = new LRUCache<string, { text: string; bib: Bibliography }>({
    maxSize: MAX_CACHED_CHARS,
    sizeCalculation: (value) => Math.max(1, value.text.length),
  });
  /** Parses under way, so two analyses asking for the same large file share one. */
  private readonly inFlight = new Map<string, { text: string; bib: Promise<Bibliography> }>();
  /** CSL conversions and completion rows by entry text, shared by every bibliography read here. */
  readonly texts = new EntryTextCaches();

  /** Reads a bibliography file of any supported format. Never throws. Same URI and text → the same object. */
  parse(uri: string, text: string): Bibliography {
    const hit = this.recent.get(uri);
    if (hit && hit.text === text) return hit.bib;
    const bib = this.afterEdit(uri, text) ?? parseByExtension(uri, text, this.texts);
    this.remember(uri, text, bib);
    return bib;
  }

  /**
   * {@link parse} for hosts that must stay responsive: a large BibTeX file is scanned in slices with
   * `options.pause()` between them, or rebuilt from the scan `options.kept` has of the same text. Cached and
   * shared like the synchronous version.
   */
  async parseInSlices(uri: string, text: string, options: LoadOptions): Promise<Bibliography> {
    const hit = this.cached(uri, text);
    if (hit) return this.parse(uri, text);
    const ext = extensionOf(uri);
    if (text.length < SLICE_ABOVE_CHARS || ext === 'json' || ext === 'yaml' || ext === 'yml') return this.parse(uri, text);
    const edited = await this.afterEditInSlices(uri, text, options);
    if (edited) {
      this.remember(uri, text, edited);
      options.kept?.save(text, scanOf(edited)!, true);
      return edited;
    }
    const running = this.inFlight.get(uri);
    if (running && running.text === text) return running.bib;
    const bib = this.scanOrLoad(uri, text, options).then((parsed) => {
      this.remember(uri, text, parsed);
      return parsed;
    }).finally(() => {
      if (this.inFlight.get(uri)?.bib === bib) this.inFlight.delete(uri);
    });
    this.inFlight.set(uri, { text, bib });
    return bib;
  }

  /** The cached bibliography of `uri` if it was parsed from exactly `text`. */
  cached(uri: string, text: string): Bibliography | undefined {
    const hit = this.recent.peek(uri);
    return hit && hit.text === text ? hit.bib : undefined;
  }

  /**
   * The new version of a cached BibTeX file whose edit stayed inside one entry, built from the old scan with
   * only that entry scanned again (`relocate.ts`); undefined otherwise.
   */
  private afterEdit(uri: string, text: string): Bibliography | undefined {
    const relocated = this.relocated(uri, text);
    return relocated ? bibliographyOf(uri, text, relocated, this.texts) : undefined;
  }

  /** {@link afterEdit} with the bibliography's entries and duplicate keys gathered in slices. */
  private async afterEditInSlices(uri: string, text: string, options: SliceOptions): Promise<Bibliography | undefined> {
    const relocated = this.relocated(uri, text);
    return relocated ? bibliographyOfInSlices(uri, text, relocated, options, this.texts) : undefined;
  }

  /** The scan of `text` re-located from the cached scan of `uri`'s previous text, when the edit allows it. */
  private relocated(uri: string, text: string): LocatedBibliography | null {
    const previous = this.recent.peek(uri);
    const scan = previous && scanOf(previous.bib);
    if (!previous || !scan || text.length < SLICE_ABOVE_CHARS / 4) return null;
    return relocateAfterEdit(previous.text, scan, text);
  }

  /** The bibliography of a large BibTeX text: from its kept scan when the host has one, else scanned in slices. */
  private async scanOrLoad(uri: string, text: string, options: LoadOptions): Promise<Bibliography> {
    const kept = await options.kept?.load(text).catch(() => undefined);
    if (kept) {
      options.onProgress?.(text.length, text.length);
      // Saved again so a kept scan without its completion index gets one once the index is built.
      options.kept!.save(text, kept);
      return bibliographyOfInSlices(uri, text, kept, options, this.texts);
    }
    const bib = await parseBibliographyInSlices(uri, text, options, this.texts);
    options.kept?.save(text, scanOf(bib)!);
    return bib;
  }

  /** Adds a bibliography parsed here (at once, in slices or after an edit) to the cache {@link parse} answers from. */
  private remember(uri: string, text: string, bib: Bibliography): void {
    this.recent.set(uri, { text, bib });
  }
}

function extensionOf(uri: string): string | undefined {
  return /\.([a-z0-9]+)$/i.exec(uri.replace(/[?#].*$/, ''))?.[1]?.toLowerCase();
}

function parseByExtension(uri: string, text: string, texts: EntryTextCaches | null): Bibliography {
  const ext = extensionOf(uri);
  if (ext === 'json') return parseCslJson(uri, text);
  if (ext === 'yaml' || ext === 'yml') return parseCslYaml(uri, text);
  return bibliographyOf(uri, text, locateBibEntries(text), texts);
}
