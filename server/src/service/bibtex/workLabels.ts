/**
 * What a work is called in one line: its year, its title, its authors' family names ("Smith", "Smith & Jones",
 * "Smith et al.") and the author–year label built from them. One place for these, so diagnostics, hovers,
 * completion, taxonomy labels and renumbering name a work the same way; the full formatted reference is
 * `formatReference.ts`'s (a CSL style through citation-js).
 */
import type { BibEntry, CslItem } from '../types';
import { clip } from '../util/clip';

/** One CSL name (`{ family, given }`, `{ literal }`, with particles and suffixes as CSL-JSON has them). */
export type CslName = NonNullable<CslItem['author']>[number] & { [part: string]: unknown };

/** The entry's CSL item, or null when it cannot be converted (conversion errors never escape). */
export function cslOf(entry: BibEntry | null): CslItem | null {
  if (!entry) return null;
  try {
    return entry.getCsl();
  } catch {
    return null;
  }
}

/**
 * The year a work was issued: the first date part, else the first number of the literal date; undefined when
 * there is none (or it is not a positive number).
 *
 * @example
 * yearOf({ id: 'x', issued: { 'date-parts': [[2019, 4]] } }) // 2019
 * yearOf({ id: 'x', issued: { literal: 'in press' } })       // undefined
 */
export function yearOf(item: CslItem): number | undefined {
  const part = item.issued?.['date-parts']?.[0]?.[0];
  const year = typeof part === 'number' ? part : Number.parseInt(String(part ?? item.issued?.literal ?? '').replace(/^\D*/, ''), 10);
  return Number.isFinite(year) && year > 0 ? year : undefined;
}

/** The title of a work (else its short title, container or id), whitespace normalised. */
export function titleOf(item: CslItem): string {
  for (const field of ['title', 'title-short', 'container-title'] as const) {
    const value = item[field];
    if (typeof value === 'string' && value.trim()) return value.replace(/\s+/g, ' ').trim();
  }
  return item.id;
}

/**
 * The name a short label shows for one person: the family name, else the literal name (an organisation), else
 * the given name. With `particle`, the family name keeps its non-dropping particle ("van der Schaar", as
 * citation styles print it: every author label); without, it does not ("Schaar": sorting and narrative forms).
 */
export function familyName(name: CslName, particle: boolean): string {
  const prefix = particle && typeof name['non-dropping-particle'] === 'string' ? `${name['non-dropping-particle']} ` : '';
  return (name.family ? prefix + name.family : name.literal ?? name.given ?? '').trim();
}

/**
 * The family names of a work's authors, else of its editors (see {@link familyName}), empty ones left out, and
 * BibTeX's `and others` (citation-js makes it a person named "others") too: see {@link listIsCut}.
 */
export function familyNames(item: CslItem | null, particle: boolean): string[] {
  return peopleOf(item).filter((name) => !isOthers(name)).map((name) => familyName(name, particle)).filter((name) => name !== '');
}

/** Whether the work's name list ends in BibTeX's `and others`: "Van der Schaar, M. and others" is "Van der Schaar et al.". */
export function listIsCut(item: CslItem | null): boolean {
  return peopleOf(item).some(isOthers);
}

function peopleOf(item: CslItem | null): CslName[] {
  return item?.author?.length ? item.author : item?.editor ?? [];
}

function isOthers(name: CslName): boolean {
  return !name.given && (name.family ?? name.literal)?.trim().toLowerCase() === 'others';
}

/**
 * Family names as a short label: `''`, `"Smith"`, `"Smith & Jones"` (`and` joins two: `"Smith and Jones"` in
 * running text), `"Smith et al."` for three or more, or for fewer when the list was cut (`etAl`: BibTeX's
 * `and others`).
 */
export function familyNamesLabel(families: readonly string[], options: { and?: string; etAl?: boolean } = {}): string {
  if (families.length === 0) return '';
  const cut = options.etAl ?? false;
  if (families.length === 1 && !cut) return families[0];
  if (families.length === 2 && !cut) return `${families[0]} ${options.and ?? '&'} ${families[1]}`;
  return `${families[0]} et al.`;
}

/**
 * Family names of the authors (or editors), with their non-dropping particles as citation styles print them:
 * "van der Schaar", "Smith & Doe", "Smith et al." (also for "Smith and others").
 */
export function authorsShort(item: CslItem): string {
  return familyNamesLabel(familyNames(item, true), { etAl: listIsCut(item) });
}

/**
 * A short author–year label (family names with particles; the title's start when there are no names; `n.d.`
 * without a year).
 *
 * @example
 * shortCitation(item) // "Shorten & Khoshgoftaar 2019", "Wachter et al. 2017", "LeCun 1998"
 */
export function shortCitation(item: CslItem): string {
  const families = familyNames(item, true);
  const year = yearOf(item) ?? 'n.d.';
  let who = familyNamesLabel(families, { etAl: listIsCut(item) });
  if (families.length === 0) {
    const title = titleOf(item);
    who = clip(title, 40);
  }
  return `${who} ${year}`;
}
