/**
 * Resolution: which work each citation names.
 *   - keys → entries, by key; Manubot keys (`doi:10.1/x`, `pmid:…`, `arxiv:…`) also by identifier;
 *   - numbers → reference-list items → entries (by DOI, an explicit `@key` in the item, else by title with the
 *     year or first author agreeing).
 */
import type { ReferenceLink, Resolution } from '../analysis';
import type { BibEntry, Bibliography, CslItem, Manuscript, ReferenceItem } from '../types';
import { bibtexFieldNames, bibtexFieldTexts } from '../bibtex/parseBibliography';
import { yearOf } from '../bibtex/workLabels';
import { itemTitleOf, normalizedTitleOf, normalizeTitle, titleMatchScore, titleSegmentAt, tokens } from './titles';

const IDS: ReadonlySet<string> = new Set(['ids']);

/** Looks entries up by key and by identifier; identifier indexes are built on first need. */
export class EntryIndex {
  readonly byKey = new Map<string, BibEntry>();
  private byKeyLower: Map<string, BibEntry> | null = null;
  private byId: Map<string, BibEntry> | null = null;
  private byTitleToken: Map<string, BibEntry[]> | null = null;
  /** Reference-list item text → its link; the index lives as long as the bibliographies are unchanged. */
  readonly links = new Map<string, ItemLink>();
  /** Unknown key → "did you mean" suggestions. */
  readonly suggestions = new Map<string, string[]>();

  constructor(readonly bibliographies: Bibliography[]) {
    for (const bib of bibliographies) for (const e of bib.entries) if (!this.byKey.has(e.key)) this.byKey.set(e.key, e);
  }

  get size(): number {
    return this.byKey.size;
  }

  /**
   * The entry for a citation key: exact key, else (Manubot) an identifier key, else a BibLaTeX alias (`ids =
   * {old2019}`, which Pandoc 2.17's citeproc resolves too, as it splits the field: see `aliases`), else null.
   */
  find(key: string): BibEntry | null {
    const exact = this.byKey.get(key);
    if (exact) return exact;
    const id = identifierOfKey(key);
    if (id) return this.identifiers().get(id) ?? null;
    return this.aliases().get(key) ?? null;
  }

  private byAlias: Map<string, BibEntry> | null = null;

  /** BibLaTeX `ids` aliases → entry, built on the first key that is not found (few entries have `ids`). */
  private aliases(): Map<string, BibEntry> {
    if (this.byAlias) return this.byAlias;
    this.byAlias = new Map();
    for (const e of this.byKey.values()) {
      if (!bibtexFieldNames(e)?.includes('ids')) continue;
      const ids = bibtexFieldTexts(e, IDS)?.ids ?? '';
      // As Pandoc 2.17 reads the field: split at white space, not at commas, so in `ids = {old2019, other}` the
      // aliases are `old2019,` (which no citation can name) and `other`; `[@old2019]` is "not found" to citeproc and
      // renders "(old2019?)". `{old2019}` alone, or `{a b}`, resolve.
      for (const alias of ids.split(/\s+/)) if (alias && !this.byAlias.has(alias)) this.byAlias.set(alias, e);
    }
    return this.byAlias;
  }

  /**
   * The entry whose BibLaTeX `ids` list `key` before a comma (`ids = {key, other}`): an alias to BibLaTeX, not to
   * Pandoc 2.17 (see `aliases`). For the message that says why the key is not found.
   */
  aliasBeforeComma(key: string): BibEntry | null {
    this.aliases();
    return this.byAlias!.get(`${key},`) ?? null;
  }

  /** Same key up to letter case (BibTeX keys are case-insensitive), for "did you mean". */
  findIgnoringCase(key: string): BibEntry | null {
    if (!this.byKeyLower) {
      this.byKeyLower = new Map();
      for (const [k, e] of this.byKey) if (!this.byKeyLower.has(k.toLowerCase())) this.byKeyLower.set(k.toLowerCase(), e);
    }
    return this.byKeyLower.get(key.toLowerCase()) ?? null;
  }

  /** Entries with this DOI (a DOI can be entered twice, e.g. a dataset and its README). */
  byDoi(doi: string): BibEntry[] {
    this.identifiers();
    return this.byDoiAll!.get(doi.toLowerCase()) ?? [];
  }

  private byDoiAll: Map<string, BibEntry[]> | null = null;

  private identifiers(): Map<string, BibEntry> {
    if (this.byId) return this.byId;
    this.byId = new Map();
    this.byDoiAll = new Map();
    for (const e of this.byKey.values()) {
      for (const id of identifiersOf(e.getCsl())) {
        if (!this.byId.has(id)) this.byId.set(id, e);
        if (id.startsWith('doi:')) {
          const list = this.byDoiAll.get(id.slice(4)) ?? [];
          list.push(e);
          this.byDoiAll.set(id.slice(4), list);
        }
      }
    }
    return this.byId;
  }

  /**
   * Entries sharing title words with `text`, best first: by the share of the entry title's words the text holds
   * (so the entry "Open access" comes before the many longer titles that also say "open access"), then by count.
   */
  titleCandidates(text: string, limit = 8): BibEntry[] {
    if (!this.byTitleToken) {
      this.byTitleToken = new Map();
      this.titleWordCount = new Map();
      for (const e of this.byKey.values()) {
        const csl = e.getCsl();
        if (!csl?.title) continue;
        const words = new Set(tokens(normalizedTitleOf(csl)));
        let counted = 0;
        for (const t of words) {
          if (t.length < 3) continue;
          counted++;
          const list = this.byTitleToken.get(t);
          if (list) list.push(e);
          else this.byTitleToken.set(t, [e]);
        }
        this.titleWordCount.set(e, counted);
      }
    }
    const counts = new Map<BibEntry, number>();
    for (const t of new Set(tokens(normalizeTitle(text)))) {
      const list = this.byTitleToken.get(t);
      if (!list || list.length > 2000) continue;
      for (const e of list) counts.set(e, (counts.get(e) ?? 0) + 1);
    }
    const share = (e: BibEntry, n: number): number => n / Math.max(1, this.titleWordCount!.get(e) ?? 1);
    return [...counts.entries()]
      .sort((a, b) => share(b[0], b[1]) - share(a[0], a[1]) || b[1] - a[1])
      .slice(0, limit)
      .map(([e]) => e);
  }

  private titleWordCount: Map<BibEntry, number> | null = null;
}

/** `doi:10.1/X` → `doi:10.1/x`; `pmid:123`, `arxiv:1906.01998`, `pmcid:PMC1`, `isbn:…`, `url:…`. */
export function identifierOfKey(key: string): string | null {
  const m = /^(doi|pmid|pmcid|arxiv|isbn|url):(.+)$/i.exec(key);
  if (!m) return null;
  const kind = m[1].toLowerCase();
  let value = m[2].trim();
  if (kind === 'doi') value = value.toLowerCase();
  if (kind === 'arxiv') value = value.replace(/v\d+$/, '');
  if (kind === 'isbn') value = value.replace(/[^0-9X]/gi, '');
  return `${kind}:${value}`;
}

/** Identifiers an entry can be cited by. */
export function identifiersOf(item: CslItem | null): string[] {
  if (!item) return [];
  const out: string[] = [];
  const str = (v: unknown): string | null => (typeof v === 'string' || typeof v === 'number' ? String(v) : null);
  const doi = str(item.DOI);
  if (doi) out.push(`doi:${doi.replace(/^https?:\/\/(dx\.)?doi\.org\//i, '').toLowerCase()}`);
  const pmid = str(item.PMID);
  if (pmid) out.push(`pmid:${pmid}`);
  const pmcid = str(item.PMCID);
  if (pmcid) out.push(`pmcid:${pmcid}`);
  const isbn = str(item.ISBN);
  if (isbn) out.push(`isbn:${isbn.replace(/[^0-9X]/gi, '')}`);
  const url = str(item.URL);
  if (url) {
    out.push(`url:${url}`);
    const arxiv = /arxiv\.org\/(?:abs|pdf)\/([^\s?#]+?)(?:v\d+)?(?:\.pdf)?$/i.exec(url);
    if (arxiv) out.push(`arxiv:${arxiv[1]}`);
  }
  for (const field of ['number', 'eprint', 'arxiv']) {
    const v = str(item[field]);
    if (v && /^\d{4}\.\d{4,5}(v\d+)?$/.test(v)) out.push(`arxiv:${v.replace(/v\d+$/, '')}`);
  }
  return out;
}

/** Family name of the first author (or editor). */
export function firstAuthorOf(item: CslItem | null): string | null {
  const a = item?.author?.[0] ?? item?.editor?.[0];
  return a?.family ?? a?.literal ?? null;
}

/** What an item links to: the entry, how, and other entries it matched as well that are the same work. */
export interface ItemLink {
  entry: BibEntry | null;
  via: ReferenceLink['via'];
  /** Other entries the item matched that are the same work as `entry` ({@link sameWork}): duplicates. */
  twins?: BibEntry[];
  /** With no entry: the different works the item matched equally well (Citelens does not guess between them). */
  ambiguous?: BibEntry[];
}

/**
 * Whether two entries are the same work: the same title and either the same DOI or the same year and first author
 * (a Manubot bibliography citing one paper by its DOI and by its short DOI, a merged Zotero export). A DOI shared
 * by two different titles is a whole and its part (a dataset and its README), two works.
 */
export function sameWork(a: BibEntry, b: BibEntry): boolean {
  if (a === b) return true;
  const x = a.getCsl();
  const y = b.getCsl();
  if (!x?.title || !y?.title || normalizedTitleOf(x) !== normalizedTitleOf(y)) return false;
  const doi = (c: CslItem): string | null => identifiersOf(c).find((id) => id.startsWith('doi:')) ?? null;
  const dx = doi(x);
  if (dx !== null && dx === doi(y)) return true;
  const ax = firstAuthorOf(x);
  const ay = firstAuthorOf(y);
  return yearOf(x) === yearOf(y) && ax !== null && ay !== null && normalizeTitle(ax) === normalizeTitle(ay);
}

/** Links one reference-list item to an entry. */
export function linkReference(item: ReferenceItem, index: EntryIndex): ItemLink {
  if (index.size === 0) return { entry: null, via: null };
  if (item.doi) {
    const found = index.byDoi(item.doi);
    if (found.length === 1) return { entry: found[0], via: 'doi' };
    if (found.length > 1) {
      // The longer of two fully matching titles is the more specific one ("README of X" over "X").
      const title = (e: BibEntry): string => e.getCsl()?.title ?? '';
      const itemTitle = itemTitleOf(item.text);
      const normalized = (e: BibEntry): string => {
        const csl = e.getCsl();
        return csl ? normalizedTitleOf(csl) : '';
      };
      const scored = found.map((e) => ({ e, s: titleMatchScore(itemTitle, normalized(e)) + title(e).length / 1e5 })).sort((a, b) => b.s - a.s);
      return withTwins(scored[0].e, 'doi', scored.filter((x) => x.s === scored[0].s).map((x) => x.e), found);
    }
  }
  if (item.explicitKey) {
    const e = index.find(item.explicitKey);
    if (e) return { entry: e, via: 'key' };
  }
  const itemTitle = itemTitleOf(item.text);
  const itemNorm = ` ${itemTitle.normalized} `;
  const years = new Set((item.text.match(/\b(1[5-9]\d\d|20\d\d)\b/g) ?? []).map(Number));
  // Ties between near-identical titles (the same work entered twice) break on the longest venue named in the item.
  const venue = (csl: CslItem): number => {
    const v = typeof csl['container-title'] === 'string' ? normalizeTitle(csl['container-title']) : '';
    return v && itemNorm.includes(` ${v} `) ? v.length / 1000 : 0;
  };
  const ranked: { entry: BibEntry; score: number }[] = [];
  for (const entry of index.titleCandidates(item.text)) {
    const csl = entry.getCsl();
    if (!csl?.title) continue;
    const title = normalizedTitleOf(csl);
    const score = titleMatchScore(itemTitle, title);
    if (score < 0.6) continue;
    const year = yearOf(csl) ?? null;
    const author = firstAuthorOf(csl);
    const yearAgrees = year !== null && years.has(year);
    const authorAgrees = author !== null && itemNorm.includes(` ${normalizeTitle(author)} `);
    // Near-identical titles need the year or the first author to agree; looser ones need both.
    // An entry with neither (a web page) can only match on its whole title.
    const nothingToCompare = year === null && author === null;
    if (nothingToCompare ? score < 1 : score >= 0.85 ? !(yearAgrees || authorAgrees) : !(yearAgrees && authorAgrees)) continue;
    // A title of one or two words ("FaceApp", "Open access") could be a venue's name: it must open the item (no
    // authors listed) or come with its first author.
    if (tokens(title).length < 3 && !authorAgrees && titleSegmentAt(itemTitle, title) !== 0) continue;
    ranked.push({ entry, score: score + venue(csl) + (yearAgrees ? 0.01 : 0) + (authorAgrees ? 0.02 : 0) + csl.title.length / 1e5 });
  }
  if (!ranked.length) return { entry: null, via: null };
  ranked.sort((a, b) => b.score - a.score);
  const tied = ranked.filter((r) => ranked[0].score - r.score < 0.001).map((r) => r.entry);
  // Near-equal candidates: the same work entered twice links to one of them; different works, refuse to guess.
  if (tied.length > 1 && !tied.every((e) => sameWork(e, tied[0]))) return { entry: null, via: null, ambiguous: tied };
  return withTwins(ranked[0].entry, 'title', tied, ranked.map((r) => r.entry));
}

/**
 * The link to `entry`, and as its twins the other `matched` entries that are the same work. Among `tied` entries
 * of one work the first in bibliography order is chosen, so the choice does not depend on scoring order.
 */
function withTwins(entry: BibEntry, via: ReferenceLink['via'], tied: BibEntry[], matched: BibEntry[]): ItemLink {
  const same = matched.filter((e) => sameWork(e, entry));
  if (same.length < 2) return { entry, via };
  const chosen = tied.filter((e) => sameWork(e, entry)).sort(bibliographyOrder)[0] ?? entry;
  return { entry: chosen, via, twins: same.filter((e) => e !== chosen) };
}

function bibliographyOrder(a: BibEntry, b: BibEntry): number {
  return a.uri === b.uri ? a.keySpan.start - b.keySpan.start : a.uri < b.uri ? -1 : 1;
}

/** Resolves every citation of the manuscript files against the index and the reference list. */
export function resolveAll(
  files: Manuscript[],
  index: EntryIndex,
  numeric = true,
): { resolutions: Resolution[]; references: ReferenceLink[]; referenceFile: number } {
  const referenceFile = files.findIndex((f) => f.referenceList !== null);
  const references: ReferenceLink[] = [];
  const byNumber = new Map<number, ReferenceLink>();
  if (referenceFile >= 0) {
    for (const item of files[referenceFile].referenceList!.items) {
      let found = index.links.get(item.text);
      if (!found) index.links.set(item.text, (found = linkReference(item, index)));
      const { entry, via, twins, ambiguous } = found;
      const link: ReferenceLink = { file: referenceFile, item, entry, via };
      if (twins) link.twins = twins;
      if (ambiguous) link.ambiguous = ambiguous;
      references.push(link);
      if (item.number !== null && !byNumber.has(item.number)) byNumber.set(item.number, link);
    }
  }
  const resolutions: Resolution[] = [];
  files.forEach((ms, file) => {
    for (const citation of ms.citations) {
      for (const item of citation.items) {
        if (item.kind === 'number') {
          // In a Pandoc manuscript without a reference list, `[3]` is ordinary text.
          if (!numeric) continue;
          const link = byNumber.get(item.number!);
          resolutions.push({ file, citation, item, entry: link?.entry ?? null, reference: link?.item ?? null });
        } else {
          resolutions.push({ file, citation, item, entry: item.key === '*' ? null : index.find(item.key!), reference: null });
        }
      }
    }
  });
  return { resolutions, references, referenceFile };
}
