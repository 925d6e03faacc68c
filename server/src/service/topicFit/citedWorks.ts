/**
 * The works of an analysis as topic fit reads them: the text of each cited work (title, abstract, keywords,
 * venue) from its bibliography entry or, in a numeric manuscript without one, its reference-list item; with the
 * label and reference the text would cite it by. Read once per bibliography and reference list (in slices for
 * a large bibliography), with the signature the model is rebuilt on.
 */
import type { Analysis, Resolution } from '../analysis';
import { bibtexFieldTexts, bibtexIdentity } from '../bibtex/parseBibliography';
import { referenceItemFields } from '../resolve/referenceItemFields';
import { runSteps, runStepsInSlices, type Steps } from '../slices';
import type { WorkText } from './texts';
import type { TopicFitCache, TopicFitHost, WorkInfo } from './topicFitCache';
import type { BibEntry, ReferenceItem } from '../types';
import { fnv1a } from '../util/hash';

/**
 * Works as the manuscript cites them: list items (numeric) and/or bibliography entries (Pandoc), with the
 * signature the model is rebuilt on (their texts, hashed once here, not on every analysis). Steps, so a
 * 20,000-entry bibliography (~1 s of field reading) can be read in slices (see `slices.ts`).
 */
function* worksSteps(analysis: Analysis, cache: TopicFitCache): Steps<{ works: WorkInfo[]; signature: string }> {
  const works: WorkInfo[] = [];
  const hashes: number[] = [];
  if (analysis.style === 'numeric' || analysis.style === 'mixed') {
    for (const link of analysis.references) {
      if (link.item.number === null) continue;
      const n = link.item.number;
      const described = describe(link.entry, link.item);
      works.push({ id: `#${n}`, label: `[${n}]`, ref: String(n), ...described });
      hashes.push(textHash(described.text));
      if (works.length % 256 === 0) yield;
    }
  }
  if (analysis.style !== 'numeric') {
    for (const entry of analysis.entriesByKey.values()) {
      // Read once per entry text: after an edit inside one entry, only that entry is new (bibtex/relocate.ts).
      const identity = bibtexIdentity(entry) ?? entry;
      let described = cache.entryTexts.get(identity);
      if (!described) {
        const { title, text } = describe(entry, null);
        described = { title, text, hash: textHash(text) };
        cache.entryTexts.set(identity, described);
      }
      works.push({ id: entry.key, label: `@${entry.key}`, ref: entry.key, title: described.title, text: described.text });
      hashes.push(described.hash);
      if (works.length % 1024 === 0) yield;
    }
  }
  let h = fnv1a(''); // the hash of nothing: FNV's offset basis
  for (let i = 0; i < works.length; i++) {
    h = fnv1a(`${works[i].id}\u0000${hashes[i].toString(36)}\u0001`, h);
    if (i % 4096 === 4095) yield;
  }
  return { works, signature: h.toString(36) };
}

/** A hash of the text topic fit reads of a work (two works with the same hash are taken to read the same). */
function textHash(t: WorkText): number {
  return fnv1a(`${t.title ?? ''}\u0000${t.abstract ?? ''}\u0000${String(t.keywords ?? '')}\u0000${t.venue ?? ''}\u0000${(t.authors ?? []).join(',')}`);
}

/** The works of the last analysis if this one has the same style, bibliography objects and reference list. */
function upToDateWorks(analysis: Analysis, cache: TopicFitCache): WorkInfo[] | null {
  const c = cache.works;
  if (!c || c.style !== analysis.style || c.bibliographies.length !== analysis.bibliographies.length) return null;
  if (!c.bibliographies.every((b, i) => b === analysis.bibliographies[i])) return null;
  // Compared item by item (no string building on every keystroke).
  const sameList =
    c.references.length === analysis.references.length &&
    analysis.references.every((l, i) => {
      const r = c.references[i];
      return r.number === l.item.number && r.entry === l.entry && r.text === l.item.text;
    });
  return sameList ? c.works : null;
}

function storeWorks(analysis: Analysis, cache: TopicFitCache, works: WorkInfo[], signature: string): void {
  const references = analysis.references.map((l) => ({ number: l.item.number, text: l.item.text, entry: l.entry }));
  cache.works = { bibliographies: [...analysis.bibliographies], style: analysis.style, references, works, byId: new Map(works.map((w) => [w.id, w])), signature };
}

/**
 * The works, reused while the bibliography objects (cached by content) and the reference list are unchanged.
 * With a host that can pause and a large bibliography, they are read in the background: `pending` then.
 */
export function cachedWorks(analysis: Analysis, cache: TopicFitCache, host: TopicFitHost | undefined): WorkInfo[] | { pending: Promise<void> } {
  const cached = upToDateWorks(analysis, cache);
  if (cached) return cached;
  const size = analysis.references.length + analysis.entriesByKey.size;
  if (!host || size < cache.sliceAbove || fewUnread(analysis, cache)) {
    const { works, signature } = runSteps(worksSteps(analysis, cache));
    storeWorks(analysis, cache, works, signature);
    return works;
  }
  // One reading at a time per set of bibliographies; a newer analysis reads again if they changed meanwhile.
  const reading = cache.reading;
  if (reading && reading.bibliographies.length === analysis.bibliographies.length && reading.bibliographies.every((b, i) => b === analysis.bibliographies[i])) {
    return { pending: reading.done };
  }
  // From the host's next turn: this analysis has used its share of the thread.
  const done = host.pause().then(() => runStepsInSlices(worksSteps(analysis, cache), { pause: () => host.pause(), sliceMs: 10 })).then(
    ({ works, signature }) => storeWorks(analysis, cache, works, signature),
    () => undefined, // read again, at once, by the next analysis (see below)
  ).finally(() => {
    if (cache.reading?.done === done) cache.reading = null;
  });
  cache.reading = { bibliographies: [...analysis.bibliographies], done };
  return { pending: done };
}

/** Entries not read yet at or below which a large bibliography's works are read at once (an edited entry). */
const READ_AT_ONCE = 64;

/**
 * True when at most READ_AT_ONCE of the analysis's entries were not read before (an edit inside one entry: the
 * others keep their identity, see `TopicFitCache.entryTexts`), so reading the works costs ~1 ms per thousand
 * entries plus those few, and is done at once rather than in the background (which would leave the analysis
 * without topic fit until it is done).
 */
function fewUnread(analysis: Analysis, cache: TopicFitCache): boolean {
  if (analysis.style === 'numeric' || analysis.references.length > READ_AT_ONCE) return false;
  let unread = 0;
  for (const entry of analysis.entriesByKey.values()) if (!cache.entryTexts.has(bibtexIdentity(entry) ?? entry) && ++unread > READ_AT_ONCE) return false;
  return true;
}

/**
 * Field texts are cut to this many characters for topic fit: real abstracts are shorter, and a 60,000-character
 * field (a broken or generated `.bib`) made phrase extraction take ~100 ms per analysis.
 */
const MAX_FIELD_TEXT = 5_000;

function clipWorkText(text: WorkText): WorkText {
  const clip = (s: string | undefined): string | undefined => (typeof s === 'string' && s.length > MAX_FIELD_TEXT ? s.slice(0, MAX_FIELD_TEXT) : s);
  const keywords = Array.isArray(text.keywords) ? text.keywords.slice(0, 200).map((k) => clip(k) ?? '') : clip(text.keywords);
  const authors = text.authors?.slice(0, 50);
  return { id: text.id, title: clip(text.title), abstract: clip(text.abstract), keywords, venue: clip(text.venue), ...(authors?.length ? { authors } : {}) };
}

function describe(entry: BibEntry | null, item: ReferenceItem | null): { title: string; text: WorkText } {
  const described = describeFully(entry, item);
  return { title: described.title, text: clipWorkText(described.text) };
}

function describeFully(entry: BibEntry | null, item: ReferenceItem | null): { title: string; text: WorkText } {
  if (entry) {
    const fields = bibtexFieldTexts(entry);
    if (fields) {
      const text: WorkText = { id: '', title: fields.title, abstract: fields.abstract, keywords: fields.keywords ?? fields.keyword, venue: fields.journal ?? fields.booktitle ?? fields.journaltitle, authors: familyNames(fields.author) };
      return { title: fields.title ?? entry.key, text };
    }
    const csl = entry.getCsl();
    if (csl) {
      const venue = typeof csl['container-title'] === 'string' ? csl['container-title'] : undefined;
      const authors = (csl.author ?? []).map((a) => a.family ?? a.literal ?? '').filter(Boolean);
      return { title: csl.title ?? entry.key, text: { id: '', title: csl.title, abstract: csl.abstract, keywords: csl.keyword, venue, authors } };
    }
  }
  // A list item without an entry: its own text describes the work — its title (quoted or not), venue and authors
  // when the item's form is recognised, else the whole text.
  const own = (item?.text ?? '').replace(/[*_`]/g, '');
  const fields = referenceItemFields(own);
  if (fields) return { title: fields.title, text: { id: '', title: fields.title, venue: fields.venue, authors: fields.authors } };
  return { title: own.slice(0, 80), text: { id: '', title: own } };
}

/**
 * Family names from a BibTeX author field ("Smith, Jane and van der Berg, K." or "Jane Smith and K. Berg"): the
 * part before the comma, else the last word. Organisations in braces stay whole.
 */
export function familyNames(field: string | undefined): string[] | undefined {
  if (!field) return undefined;
  const names = field
    .split(/\s+and\s+/)
    .map((a) => a.trim())
    .map((a) => (a.includes(',') ? a.slice(0, a.indexOf(',')) : a.split(/\s+/).pop() ?? ''))
    .map((a) => a.trim())
    .filter((a) => a && a.toLowerCase() !== 'others');
  return names.length ? names : undefined;
}

/** The id of the work a resolution cites (`#3` for a numbered list item, the key for an entry), if known. */
export function workIdOf(r: Resolution): string | null {
  if (r.item.kind === 'number') return r.reference ? `#${r.item.number}` : null;
  return r.entry?.key ?? null;
}

