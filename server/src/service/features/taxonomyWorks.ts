/**
 * The works of a manuscript's bibliography as the taxonomy features see them: each with an id (the BibTeX key,
 * or the reference number in a numeric manuscript) and the text that describes it (title, abstract, keywords;
 * else the reference-list item's own text), and which of them are about which taxonomy term.
 *
 * Term → works is computed once per bibliography set, reference list and taxonomy (the service keeps those
 * objects while their files are unchanged) and kept on the taxonomy, so hovers and completions while typing cost
 * a map lookup.
 */
import type { Analysis, Resolution } from '../analysis';
import { derivedFrom, worksByTerm, type DescribedWork } from '../taxonomy';
import type { BibEntry, Bibliography, CslItem } from '../types';
import { authorsShort, cslOf, yearOf } from '../bibtex/workLabels';

/** The id coverage and hovers use for the work a citation item names: `"3"` for `[3]`, the key for `@key`. */
export function workIdOf(r: Resolution): string {
  if (r.item.kind === 'number') return String(r.item.number ?? r.item.ref);
  return r.entry?.key ?? r.item.key ?? r.item.ref;
}

/** Title, abstract and keywords of an entry: what it is about. */
function entryText(entry: BibEntry): string {
  const csl = cslOf(entry);
  if (!csl) return '';
  return [csl.title, csl.abstract, csl.keyword].filter((s): s is string => typeof s === 'string').join('. ');
}

/**
 * The bibliography's works with their text: in a numeric manuscript the reference-list items (by number,
 * described by their matched entry, else their own text), in a Pandoc manuscript every entry (by key). Entries
 * never linked to a list item are counted by key as well: they are in the bibliography too.
 */
export function describedWorks(analysis: Analysis): DescribedWork[] {
  const works: DescribedWork[] = [];
  const linked = new Set<BibEntry>();
  for (const link of analysis.references) {
    if (link.item.number === null) continue;
    const text = link.entry ? entryText(link.entry) || link.item.text : link.item.text;
    if (link.entry) linked.add(link.entry);
    works.push({ id: String(link.item.number), text });
  }
  for (const entry of analysis.entriesByKey.values()) {
    if (!linked.has(entry)) works.push({ id: entry.key, text: entryText(entry) });
  }
  return works;
}

/** The last term → works a taxonomy was asked for, with what it was computed from. */
interface WorksOfTerms {
  bibliographies: Bibliography[];
  /** The reference list's items as text: a change in the list (a numeric manuscript) invalidates. */
  references: string;
  byTerm: Map<string, string[]>;
}

const WORKS = Symbol('works of terms');

/** Term id → ids of the bibliography's works about it (a work about GANs counts for its broader terms too). */
export function bibliographyWorksByTerm(analysis: Analysis): Map<string, string[]> {
  const taxonomy = analysis.taxonomy;
  if (!taxonomy) return new Map();
  const references = analysis.references.map((l) => `${l.item.number}\u0000${l.entry?.key ?? ''}\u0000${l.item.text}`).join('\u0001');
  const last = derivedFrom(taxonomy, WORKS, (): { works: WorksOfTerms | null } => ({ works: null }));
  const hit = last.works;
  if (hit && hit.references === references && hit.bibliographies.length === analysis.bibliographies.length
    && hit.bibliographies.every((b, i) => b === analysis.bibliographies[i])) return hit.byTerm;
  const byTerm = worksByTerm(taxonomy, describedWorks(analysis));
  last.works = { bibliographies: analysis.bibliographies.slice(), references, byTerm };
  return byTerm;
}

/**
 * A short label of a work for hovers: `[3] Ho et al. 2020` in a numeric manuscript, `Kingma & Welling 2014
 * (@kingma2014vae)` for a key.
 */
export function shortWorkLabel(analysis: Analysis, id: string): string {
  if (/^\d+$/.test(id)) {
    const link = analysis.references.find((l) => String(l.item.number) === id);
    const csl = link?.entry ? cslOf(link.entry) : null;
    if (csl) return `[${id}] ${shortOf(csl)}`;
    const text = (link?.item.text ?? '').replace(/\s+/g, ' ').trim();
    return `[${id}] ${text.length > 60 ? text.slice(0, 59) + '…' : text}`.trim();
  }
  const entry = analysis.entriesByKey.get(id);
  const csl = entry ? cslOf(entry) : null;
  return csl ? `${shortOf(csl)} (@${id})` : `@${id}`;
}

/** "Ho et al. 2020", or the title's start when there are no authors. */
function shortOf(csl: CslItem): string {
  const who = authorsShort(csl) || (typeof csl.title === 'string' ? csl.title.slice(0, 40) : csl.id);
  return [who, yearOf(csl)].filter(Boolean).join(' ');
}
