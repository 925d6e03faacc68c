/**
 * Topic fit in an analysis (product.md §5): for every cited work, how well it fits the claim it is attached to;
 * `off-topic-citation` below the threshold, with an explanation and better fits; for orphaned references, the
 * claims they would fit best.
 *
 * The model (topicFit/model.ts) is built once per set of works (bibliography entries, or reference-list items in
 * a numeric manuscript) and kept; edited sentences are re-folded into it, so a keystroke re-scores cheaply.
 */
import type { Analysis, Resolution } from './analysis';
import { bibtexFieldTexts } from './bibtex/parseBibliography';
import { blockAt, claimOf } from './claims';
import type { Settings } from './settings';
import { conceptsOf } from './taxonomy';
import { buildTopicModel, type ClaimText, type TopicModel, type WorkText } from './topicFit/model';
import type { BibEntry, Manuscript, Problem, ReferenceItem, Span } from './types';

/** The fit of one cited work with its claim, for hovers, `citelens citations` and quick fixes. */
export interface Fit {
  score: number;
  judgeable: boolean;
  /** Why a work cannot be judged ("work-too-short": no title, or a short title and nothing else). */
  reason?: string;
  sharedTerms: string[];
  claimTerms: string[];
  workTerms: string[];
  /** Span of the claim (sentence) in its file. */
  claim: Span;
}

/** A better-fitting work for a claim, as the text would cite it. */
export interface FitSuggestion {
  /** `[3]` or `@key`. */
  label: string;
  /** The text to put in the citation: "3" or "key". */
  ref: string;
  score: number;
  title: string;
}

interface ModelState {
  signature: string;
  model: TopicModel;
  claims: Map<string, string>;
  /** Scores and messages per (claim, work, threshold): a keystroke re-scores only the sentence it changed. */
  results: Map<string, { fit: Omit<Fit, 'claim'>; flag: { message: string; suggestions: FitSuggestion[] } | null }>;
}

/** Keeps the built model, the works and the scores between analyses (one per service). */
export class TopicFitCache {
  state: ModelState | null = null;
  works: { bibliographies: object[]; references: string; works: WorkInfo[]; signature: string } | null = null;
}

interface WorkInfo {
  id: string;
  label: string;
  ref: string;
  title: string;
  text: WorkText;
}

/** Works as the manuscript cites them: list items (numeric) and/or bibliography entries (Pandoc). */
function worksOf(analysis: Analysis): WorkInfo[] {
  const works: WorkInfo[] = [];
  if (analysis.style === 'numeric' || analysis.style === 'mixed') {
    for (const link of analysis.references) {
      if (link.item.number === null) continue;
      const n = link.item.number;
      works.push({ id: `#${n}`, label: `[${n}]`, ref: String(n), ...describe(link.entry, link.item) });
    }
  }
  if (analysis.style !== 'numeric') {
    for (const entry of analysis.entriesByKey.values()) {
      works.push({ id: entry.key, label: `@${entry.key}`, ref: entry.key, ...describe(entry, null) });
    }
  }
  return works;
}

/** The works, reused while the bibliography objects (cached by content) and the reference list are unchanged. */
function cachedWorks(analysis: Analysis, cache: TopicFitCache): WorkInfo[] {
  const references = `${analysis.style}\u0000${analysis.references.map((l) => `${l.item.number}\u0001${l.entry?.key ?? ''}\u0001${l.item.text}`).join('\u0000')}`;
  const c = cache.works;
  if (c && c.references === references && c.bibliographies.length === analysis.bibliographies.length && c.bibliographies.every((b, i) => b === analysis.bibliographies[i])) {
    return c.works;
  }
  const works = worksOf(analysis);
  // The model is rebuilt when this changes: hash the works' texts once, here, not on every analysis.
  const signature = hash(works.map((w) => `${w.id}\u0000${w.text.title ?? ''}\u0000${w.text.abstract ?? ''}\u0000${String(w.text.keywords ?? '')}\u0000${w.text.venue ?? ''}`).join('\u0001'));
  cache.works = { bibliographies: [...analysis.bibliographies], references, works, signature };
  return works;
}

/**
 * Field texts are cut to this many characters for topic fit: real abstracts are shorter, and a 60,000-character
 * field (a broken or generated `.bib`) made phrase extraction take ~100 ms per analysis.
 */
const MAX_FIELD_TEXT = 5_000;

function clipWorkText(text: WorkText): WorkText {
  const clip = (s: string | undefined): string | undefined => (typeof s === 'string' && s.length > MAX_FIELD_TEXT ? s.slice(0, MAX_FIELD_TEXT) : s);
  const keywords = Array.isArray(text.keywords) ? text.keywords.slice(0, 200).map((k) => clip(k) ?? '') : clip(text.keywords);
  return { id: text.id, title: clip(text.title), abstract: clip(text.abstract), keywords, venue: clip(text.venue) };
}

function describe(entry: BibEntry | null, item: ReferenceItem | null): { title: string; text: WorkText } {
  const described = describeFully(entry, item);
  return { title: described.title, text: clipWorkText(described.text) };
}

function describeFully(entry: BibEntry | null, item: ReferenceItem | null): { title: string; text: WorkText } {
  if (entry) {
    const fields = bibtexFieldTexts(entry);
    if (fields) {
      const text: WorkText = { id: '', title: fields.title, abstract: fields.abstract, keywords: fields.keywords ?? fields.keyword, venue: fields.journal ?? fields.booktitle ?? fields.journaltitle };
      return { title: fields.title ?? entry.key, text };
    }
    const csl = entry.getCsl();
    if (csl) {
      const venue = typeof csl['container-title'] === 'string' ? csl['container-title'] : undefined;
      return { title: csl.title ?? entry.key, text: { id: '', title: csl.title, abstract: csl.abstract, keywords: csl.keyword, venue } };
    }
  }
  // A list item without an entry: its own text describes the work.
  const own = (item?.text ?? '').replace(/[*_`]/g, '');
  const quoted = /[“"]([^”"]{4,})[”"]/.exec(own)?.[1];
  return { title: quoted ?? own.slice(0, 80), text: { id: '', title: quoted ?? own } };
}

function workIdOf(r: Resolution): string | null {
  if (r.item.kind === 'number') return r.reference ? `#${r.item.number}` : null;
  return r.entry?.key ?? null;
}

/** A cheap, stable hash of a string (FNV-1a), for signatures and ids. */
/** Topic fit is skipped above this many resolutions (see `topicFit`). */
const MAX_TOPIC_FIT_RESOLUTIONS = 25_000;

function hash(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return (h >>> 0).toString(36);
}

export function topicFit(analysis: Analysis, settings: Settings, cache: TopicFitCache): { fits: (Fit | null)[]; problems: Problem[] } {
  const fits: (Fit | null)[] = analysis.resolutions.map(() => null);
  // Beyond this many cited works (a large review has ~2,000) the manuscript is machine-made or broken: topic
  // fit would cost tens of seconds (≈0.15 ms a claim) for no useful answer, so it is skipped.
  if (!settings.topicFitEnabled || analysis.resolutions.length === 0 || analysis.resolutions.length > MAX_TOPIC_FIT_RESOLUTIONS) return { fits, problems: [] };
  const works = cachedWorks(analysis, cache);
  if (works.length < 2) return { fits, problems: [] };
  const byId = new Map(works.map((w) => [w.id, w]));

  // Claims: one per sentence that cites something, with its citation groups.
  interface Pending {
    claim: ClaimText;
    span: Span;
    file: number;
  }
  const claimOfResolution = new Map<Resolution, Pending>();
  const claims = new Map<string, Pending>();
  const seenText = new Map<string, number>();
  const bySentence = new Map<string, Pending>();
  const paragraphHashes = new Map<string, string>();
  for (const r of analysis.resolutions) {
    if (r.citation.nocite || r.citation.malformed) continue;
    const ms = analysis.files[r.file];
    const claim = claimOf(ms, r.citation);
    if (!claim) continue;
    const sentenceKey = `${r.file}:${claim.span.start}`;
    let pending = bySentence.get(sentenceKey);
    if (!pending) {
      // Hashed once per paragraph: a paragraph of thousands of claims made this quadratic.
      const paragraph = paragraphOf(ms, claim.span.start);
      const paragraphKey = `${r.file}|${paragraph.start}|${paragraph.end}`;
      let paragraphHash = paragraphHashes.get(paragraphKey);
      if (paragraphHash === undefined) paragraphHashes.set(paragraphKey, (paragraphHash = hash(ms.text.slice(paragraph.start, paragraph.end))));
      const base = `${r.file}|${paragraphHash}|${hash(claim.text)}`;
      const n = seenText.get(base) ?? 0;
      seenText.set(base, n + 1);
      pending = {
        claim: { id: `${base}|${n}`, text: ms.text.slice(claim.span.start, claim.span.end), headingPath: claim.headingPath, paragraphId: `${r.file}|${paragraphHash}`, citedWorkIds: [], citations: [] },
        span: claim.span,
        file: r.file,
      };
      bySentence.set(sentenceKey, pending);
      claims.set(pending.claim.id, pending);
    }
    const id = workIdOf(r);
    if (id && byId.has(id)) {
      if (!pending.claim.citedWorkIds.includes(id)) pending.claim.citedWorkIds.push(id);
      const offset = r.citation.span.start - pending.span.start;
      const groups = pending.claim.citations!;
      const group = groups.find((g) => g.offset === offset);
      if (group) group.workIds.push(id);
      else groups.push({ offset, workIds: [id] });
    }
    claimOfResolution.set(r, pending);
  }
  // Co-citation pools works per paragraph: every claim of a paragraph lists its paragraph's works.
  const model = modelFor(analysis, works, [...claims.values()].map((p) => p.claim), cache);

  const problems: Problem[] = [];
  const threshold = settings.topicFitThreshold;
  const results = cache.state!.results;
  analysis.resolutions.forEach((r, i) => {
    const pending = claimOfResolution.get(r);
    const id = workIdOf(r);
    if (!pending || !id || !byId.has(id)) return;
    const key = `${cache.state!.claims.get(pending.claim.id)}\u0000${id}\u0000${threshold}`;
    let cached = results.get(key);
    if (!cached) {
      const result = model.score(pending.claim.id, id);
      const fit: Omit<Fit, 'claim'> = {
        score: result.score,
        judgeable: result.judgeable,
        sharedTerms: result.sharedTerms,
        claimTerms: result.claimTerms,
        workTerms: result.workTerms,
        ...(result.reason ? { reason: result.reason } : {}),
      };
      let flag: { message: string; suggestions: FitSuggestion[] } | null = null;
      if (result.judgeable && result.score < threshold) {
        const suggestions: FitSuggestion[] = model
          .suggest(pending.claim.id, 3, [id], { replacing: id })
          .filter((s) => s.score > result.score && s.score >= threshold)
          .map((s) => {
            const w = byId.get(s.workId)!;
            return { label: w.label, ref: w.ref, score: s.score, title: w.title };
          });
        const message = model.explain(pending.claim.id, id, (w) => byId.get(w)?.label ?? w, { threshold, suggestions: 3, replacing: id });
        flag = { message, suggestions };
      }
      cached = { fit, flag };
      results.set(key, cached);
    }
    fits[i] = { ...cached.fit, claim: pending.span };
    if (!cached.flag) return;
    problems.push({
      code: 'off-topic-citation',
      message: cached.flag.message,
      span: r.item.span,
      uri: analysis.files[r.file].uri,
      data: { score: cached.fit.score, suggestions: cached.flag.suggestions, style: r.item.kind === 'number' ? 'numeric' : 'pandoc' },
    });
  });
  return { fits, problems: [...problems, ...orphanFits(analysis, model, byId, [...claims.values()], threshold)] };
}

/** The span of the paragraph (prose block) holding `offset`, for co-citation grouping and stable claim ids. */
function paragraphOf(ms: Manuscript, offset: number): Span {
  return blockAt(ms, offset)?.span ?? { start: 0, end: 0 };
}

function modelFor(analysis: Analysis, works: WorkInfo[], claims: ClaimText[], cache: TopicFitCache): TopicModel {
  // Works are fixed at build time: rebuild when the set of works (or their text) changes.
  const signature = cache.works?.works === works ? cache.works.signature : String(works.length);
  const taxonomy = analysis.taxonomy;
  const concepts = taxonomy ? (text: string) => conceptsOf(taxonomy, text) : undefined;
  const state = cache.state;
  if (state && state.signature === signature + (taxonomy ? taxonomy.uri : '')) {
    const present = new Set<string>();
    for (const claim of claims) {
      present.add(claim.id);
      const key = claimKey(claim);
      if (state.claims.get(claim.id) !== key) {
        state.model.updateClaim(claim);
        state.claims.set(claim.id, key);
      }
    }
    // Sentences edited away: forget them (and, now and then, their cached scores).
    for (const id of state.claims.keys()) {
      if (!present.has(id)) {
        state.model.removeClaim(id);
        state.claims.delete(id);
      }
    }
    if (state.results.size > 50000) state.results.clear();
    return state.model;
  }
  const model = buildTopicModel(
    works.map((w) => ({ ...w.text, id: w.id })),
    claims,
    concepts ? { conceptsOf: concepts } : {},
  );
  cache.state = { signature: signature + (taxonomy ? taxonomy.uri : ''), model, claims: new Map(claims.map((c) => [c.id, claimKey(c)])), results: new Map() };
  return model;
}

/**
 * Orphaned list items: the claims they would fit best. Returned as partial `orphaned-reference` problems (the
 * message is a sentence to append) that `mergeOrphanFits` folds into the numbering check's diagnostics.
 */
function orphanFits(analysis: Analysis, model: TopicModel, byId: Map<string, WorkInfo>, claims: { claim: ClaimText; span: Span; file: number }[], threshold: number): Problem[] {
  const problems: Problem[] = [];
  if (analysis.referenceFile < 0) return problems;
  const cited = new Set(analysis.resolutions.filter((r) => r.item.kind === 'number').map((r) => r.item.number));
  const file = analysis.files[analysis.referenceFile];
  for (const link of analysis.references) {
    const n = link.item.number;
    if (n === null || cited.has(n) || !byId.has(`#${n}`)) continue;
    const ranked = claims
      .map((c) => ({ c, s: model.score(c.claim.id, `#${n}`) }))
      .filter((x) => x.s.judgeable && x.s.score >= Math.max(threshold * 2, 0.15))
      .sort((a, b) => b.s.score - a.s.score)
      .slice(0, 3);
    if (!ranked.length) continue;
    problems.push({
      code: 'orphaned-reference',
      message: ` It would fit best at: ${ranked.map((x) => `“${clipText(x.c.claim.text, 60)}” (fit ${x.s.score.toFixed(2)})`).join('; ')}.`,
      span: link.item.numberSpan,
      uri: file.uri,
      related: ranked.map((x) => ({ uri: analysis.files[x.c.file].uri, span: x.c.span, message: `[${n}] would fit here (fit ${x.s.score.toFixed(2)}; shares ${x.s.sharedTerms.slice(0, 3).join(', ') || 'its topic'})` })),
      data: { number: n, fitsAt: ranked.map((x) => ({ uri: analysis.files[x.c.file].uri, span: x.c.span, score: x.s.score })), topicFit: true },
    });
  }
  return problems;
}

/**
 * What identifies a claim's content: its id already hashes the sentence and its paragraph; add what it cites
 * and where (cheaper than serialising the whole claim on every keystroke).
 */
function claimKey(claim: ClaimText): string {
  return `${claim.id}\u0000${claim.citedWorkIds.join(',')}\u0000${(claim.citations ?? []).map((g) => `${g.offset}:${g.workIds.join(',')}`).join(';')}\u0000${claim.headingPath.join('>')}`;
}

function clipText(text: string, max: number): string {
  const t = text.replace(/\s+/g, ' ').trim();
  return t.length <= max ? t : `${t.slice(0, max).replace(/\s+\S*$/, '')}…`;
}

/** Folds topic-fit hints into the `orphaned-reference` problems of the same list items. */
export function mergeOrphanFits(problems: Problem[], hints: Problem[]): Problem[] {
  const rest: Problem[] = [];
  for (const hint of hints) {
    if (hint.code !== 'orphaned-reference') {
      rest.push(hint);
      continue;
    }
    const number = (hint.data as { number: number }).number;
    const orphan = problems.find((p) => p.code === 'orphaned-reference' && (p.data as { number?: number } | undefined)?.number === number);
    if (!orphan) continue;
    orphan.message = orphan.message.replace(/ Cite it where.*$/, '') + hint.message;
    orphan.related = [...(orphan.related ?? []), ...(hint.related ?? [])];
    orphan.data = { ...(orphan.data as object), ...(hint.data as object) };
  }
  return rest;
}
