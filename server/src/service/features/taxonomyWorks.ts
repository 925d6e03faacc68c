/**
 * The works of a manuscript's bibliography as the taxonomy features see them: each with an id (the BibTeX key,
 * or the reference number in a numeric manuscript) and the text that describes it (title, abstract, keywords;
 * else the reference-list item's own text), and which of them cover which taxonomy term.
 *
 * A work covers a term (issue 16 item 7) when
 * - its text names the term: a label, alias or abbreviation as the term matcher finds them in prose (inflections
 *   by stem, `VAE`/`VAEs`), or — in its title or keywords only, where the words are few and all about the work —
 *   every content word of a label or alias, in any order, compounds written whole or hyphenated alike: "Auto-Encoding
 *   Variational Bayes" names "Variational autoencoders" (`autoencod` + `variat`). Not in the abstract, where two
 *   common words ("diffusion" … "models") meet by chance;
 * - or the manuscript cites it in a sentence that uses the term (or a narrower one): the author's own claim that
 *   the work is about it.
 * Both count for the term's broader terms too (a work about GANs covers "Generative AI techniques").
 *
 * Term → works by text is computed once per bibliography set, reference list and taxonomy (the service keeps
 * those objects while their files are unchanged) and kept on the taxonomy; the citing sentences are read again
 * for each new text of the manuscript (kept for the last one), so hovers while typing cost a map lookup.
 */
import type { Analysis, Resolution } from '../analysis';
import { derivedFrom, worksByTerm, type DescribedWork, type Taxonomy } from '../taxonomy';
import type { BibEntry, Bibliography, CslItem } from '../types';
import { authorsShort, cslOf, yearOf } from '../bibtex/workLabels';
import { WordKeys, tokenizeWords } from '../taxonomy/wordTokens';
import { splitSentences } from '../topicFit/sentences';
import { lastStartingAtOrBefore } from '../util/search';

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

/** Title and keywords of an entry (else the list item's text, which is mostly its title): few words, all about it. */
function headText(entry: BibEntry | null, fallback: string): string {
  const csl = entry ? cslOf(entry) : null;
  if (!csl) return fallback;
  return [csl.title, csl.keyword].filter((s): s is string => typeof s === 'string').join('. ');
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

/** The last term → works cited in sentences using it, with the manuscript texts it was read from. */
interface CitedForTerms {
  texts: string[];
  byTerm: Map<string, string[]>;
}

const WORKS = Symbol('works of terms');
const CITED = Symbol('works cited for terms');

/** Term id → ids of the bibliography's works whose text names it (a work about GANs counts for its broader terms too). */
export function bibliographyWorksByTerm(analysis: Analysis): Map<string, string[]> {
  const taxonomy = analysis.taxonomy;
  if (!taxonomy) return new Map();
  const references = analysis.references.map((l) => `${l.item.number}\u0000${l.entry?.key ?? ''}\u0000${l.item.text}`).join('\u0001');
  const last = derivedFrom(taxonomy, WORKS, (): { works: WorksOfTerms | null } => ({ works: null }));
  const hit = last.works;
  if (hit && hit.references === references && hit.bibliographies.length === analysis.bibliographies.length
    && hit.bibliographies.every((b, i) => b === analysis.bibliographies[i])) return hit.byTerm;
  const byTerm = worksByTerm(taxonomy, describedWorks(analysis));
  addIds(byTerm, worksNamingByWords(taxonomy, headTexts(analysis)));
  last.works = { bibliographies: analysis.bibliographies.slice(), references, byTerm: sortIds(byTerm) };
  return last.works.byTerm;
}

/**
 * Term id → ids of the works covering it: named by their text ({@link bibliographyWorksByTerm}) or cited in a
 * sentence of the manuscript that uses the term ({@link citedWhereUsed}). What the term hover and the heat map's
 * Works column count.
 */
export function coveringWorksByTerm(analysis: Analysis): Map<string, string[]> {
  const byTerm = new Map([...bibliographyWorksByTerm(analysis)].map(([id, works]) => [id, works.slice()]));
  return sortIds(addIds(byTerm, citedWhereUsed(analysis)));
}

/** Term id → ids of the works cited in a sentence that uses the term or a narrower one (reference list excluded). */
export function citedWhereUsed(analysis: Analysis): Map<string, string[]> {
  const taxonomy = analysis.taxonomy;
  if (!taxonomy) return new Map();
  const last = derivedFrom(taxonomy, CITED, (): { cited: CitedForTerms | null } => ({ cited: null }));
  const texts = analysis.files.map((f) => f.text);
  const hit = last.cited;
  if (hit && hit.texts.length === texts.length && hit.texts.every((t, i) => t === texts[i])) return hit.byTerm;
  const byTerm = new Map<string, string[]>();
  analysis.files.forEach((file, i) => {
    const sentences = splitSentences(file.text);
    const list = file.referenceList?.span;
    const termsIn = new Map<number, Set<string>>();
    for (const use of analysis.termUses[i] ?? []) {
      if (list && list.start <= use.span.start && use.span.start < list.end) continue;
      const at = sentenceOf(sentences, use.span.start);
      if (at < 0) continue;
      let set = termsIn.get(at);
      if (!set) termsIn.set(at, (set = new Set()));
      for (let id: string | null = use.termId; id !== null && !set.has(id); id = taxonomy.byId.get(id)?.parentId ?? null) set.add(id);
    }
    for (const r of analysis.resolutions) {
      if (r.file !== i || r.citation.nocite) continue;
      const terms = termsIn.get(sentenceOf(sentences, r.citation.span.start));
      if (!terms) continue;
      const work = workIdOf(r);
      for (const id of terms) addId(byTerm, id, work);
    }
  });
  last.cited = { texts, byTerm: sortIds(byTerm) };
  return last.cited.byTerm;
}

/** Index of the sentence holding `offset`, or -1. */
function sentenceOf(sentences: readonly { start: number; end: number }[], offset: number): number {
  const i = lastStartingAtOrBefore(sentences, offset, (s) => s.start);
  return i >= 0 && offset < sentences[i].end ? i : -1;
}

/** The works' titles and keywords, by id (as {@link describedWorks} numbers and keys them). */
function headTexts(analysis: Analysis): DescribedWork[] {
  const works: DescribedWork[] = [];
  const linked = new Set<BibEntry>();
  for (const link of analysis.references) {
    if (link.item.number === null) continue;
    if (link.entry) linked.add(link.entry);
    works.push({ id: String(link.item.number), text: headText(link.entry, link.item.text) });
  }
  for (const entry of analysis.entriesByKey.values()) if (!linked.has(entry)) works.push({ id: entry.key, text: headText(entry, '') });
  return works;
}

/** Words a name may leave out and still be named ("models of diffusion"). */
const FUNCTION_WORDS = new Set(['a', 'an', 'and', 'the', 'of', 'for', 'in', 'on', 'to', 'with', 'by', 'from', 'or', 'as', 'at', 'via']);

/**
 * Term id → works whose (short) text holds every content word of one of the term's labels or aliases, in any
 * order, by stem; a hyphenated pair in the text also counts as the compound written whole (`Auto-Encoding` →
 * `autoencod`). Names of one word are left to the term matcher, which already finds them.
 */
function worksNamingByWords(taxonomy: Taxonomy, works: readonly DescribedWork[]): Map<string, string[]> {
  const keys = new WordKeys();
  const names: { termId: string; stems: string[] }[] = [];
  for (const term of taxonomy.terms) {
    for (const name of [term.label, ...term.aliases]) {
      const stems = tokenizeWords(name).map((w) => w.text).filter((w) => !FUNCTION_WORDS.has(w.toLowerCase())).map((w) => keys.of(w));
      if (stems.length >= 2) names.push({ termId: term.id, stems });
    }
  }
  const byTerm = new Map<string, string[]>();
  for (const work of works) {
    const words = tokenizeWords(work.text);
    const have = new Set(words.map((w) => keys.of(w.text)));
    for (let k = 0; k + 1 < words.length; k++) {
      if (work.text.slice(words[k].end, words[k + 1].start) === '-') have.add(keys.of(words[k].text + words[k + 1].text));
    }
    const named = new Set<string>();
    for (const name of names) if (name.stems.every((s) => have.has(s))) named.add(name.termId);
    for (const termId of named) {
      for (let id: string | null = termId; id !== null; id = taxonomy.byId.get(id)?.parentId ?? null) addId(byTerm, id, work.id);
    }
  }
  return byTerm;
}

function addId(byTerm: Map<string, string[]>, termId: string, work: string): void {
  let list = byTerm.get(termId);
  if (!list) byTerm.set(termId, (list = []));
  if (!list.includes(work)) list.push(work);
}

function addIds(into: Map<string, string[]>, from: Map<string, string[]>): Map<string, string[]> {
  for (const [termId, works] of from) for (const w of works) addId(into, termId, w);
  return into;
}

/** Numbers in numeric order (`2` before `10`), keys alphabetically. */
const compareIds = new Intl.Collator('en', { numeric: true }).compare;

function sortIds(byTerm: Map<string, string[]>): Map<string, string[]> {
  for (const list of byTerm.values()) list.sort(compareIds);
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
