/**
 * What the service derives from BibTeX entry texts and keeps by text, for every bibliography it reads
 * (`BibliographyFiles`): a file scanned again (an edit across entries or in a `@string`, a file reopened after
 * it left the cache) has new entry objects with mostly the same texts, and converts or indexes again only the
 * entries whose text changed. An edit inside one entry needs none of this: the entries it only moved keep their
 * identity (`relocate.ts`), and the memos kept on it.
 */
import { LRUCache } from 'lru-cache';
import { fnv1a } from '../util/hash';
import { ConversionCache } from './convertEntry';

/** One entry's completion index (`completionIndex.ts`), as a host may keep it between sessions (`Workspace.scans`). */
export interface CompletionIndexRow {
  /** "Smith et al. 2020" */
  readonly short: string;
  readonly title: string;
  /** Lower-cased words of the family names, title, given names and year (`completionIndex.ts` `SEARCH_SECTIONS`), each after a space, for word-start matching. */
  readonly search: string;
}

export class EntryTextCaches {
  /** CSL conversions by source text (the needed `@string`s + the entry). */
  readonly conversions = new ConversionCache();
  /** Completion rows by {@link entryTextKey}. */
  readonly completionRows = new LRUCache<string, CompletionIndexRow>({ max: 60_000 });
}

/** A second FNV-1a offset basis: two 32-bit hashes of different seeds make collisions negligible at 60,000 keys. */
const SECOND_SEED = 0x6b43a9b5;

/**
 * A cache key for an entry's text: its length and two hashes. Keying by the text itself would keep each version
 * of the file alive (a slice holds its whole parent string) for as long as one key of it does.
 */
export function entryTextKey(text: string): string {
  return `${text.length}:${fnv1a(text).toString(36)}:${fnv1a(text, SECOND_SEED).toString(36)}`;
}
