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
import { claimOf } from './claims';
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
}

/** Keeps the built model between analyses (one per service). */
export class TopicFitCache {
  state: ModelState | null = null;
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

function describe(entry: BibEntry | null, item: ReferenceItem | null): { title: string; text: WorkText } {
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
function hash(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return (h >>> 0).toString(36);
}

export function topicFit(analysis: Analysis, settings: Settings, cache: TopicFitCache): { fits: (Fit | null)[]; problems: Problem[] } {
  const fits: (Fit | null)[] = analysis.resolutions.map(() => null);
  if (!settings.topicFitEnabled || analysis.resolutions.length === 0) return { fits, problems: [] };
  const works = worksOf(analysis);
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
  for (const r of analysis.resolutions) {
    if (r.citation.nocite || r.citation.malformed) continue;
    const ms = analysis.files[r.file];
    const claim = claimOf(ms, r.citation);
    if (!claim) continue;
    const sentenceKey = `${r.file}:${claim.span.start}`;
    let pending = bySentence.get(sentenceKey);
    if (!pending) {
      const paragraph = paragraphOf(ms, claim.span.start);
      const base = `${r.file}|${hash(paragraph)}|${hash(claim.text)}`;
      const n = seenText.get(base) ?? 0;
      seenText.set(base, n + 1);
      pending = {
        claim: { id: `${base}|${n}`, text: ms.text.slice(claim.span.start, claim.span.end), headingPath: claim.headingPath, paragraphId: `${r.file}|${hash(paragraph)}`, citedWorkIds: [], citations: [] },
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
  analysis.resolutions.forEach((r, i) => {
    const pending = claimOfResolution.get(r);
    const id = workIdOf(r);
    if (!pending || !id || !byId.has(id)) return;
    const result = model.score(pending.claim.id, id);
    fits[i] = {
      score: result.score,
      judgeable: result.judgeable,
      sharedTerms: result.sharedTerms,
      claimTerms: result.claimTerms,
      workTerms: result.workTerms,
      claim: pending.span,
      ...(result.reason ? { reason: result.reason } : {}),
    };
    if (!result.judgeable || result.score >= threshold) return;
    const suggestions: FitSuggestion[] = model
      .suggest(pending.claim.id, 3, [id], { replacing: id })
      .filter((s) => s.score > result.score && s.score >= threshold)
      .map((s) => {
        const w = byId.get(s.workId)!;
        return { label: w.label, ref: w.ref, score: s.score, title: w.title };
      });
    const message = model.explain(pending.claim.id, id, (w) => byId.get(w)?.label ?? w, { threshold, suggestions: 3, replacing: id });
    problems.push({
      code: 'off-topic-citation',
      message,
      span: r.item.span,
      uri: analysis.files[r.file].uri,
      data: { score: result.score, suggestions, style: r.item.kind === 'number' ? 'numeric' : 'pandoc' },
    });
  });
  return { fits, problems: [...problems, ...orphanFits(analysis, model, byId, [...claims.values()], threshold)] };
}

/** The paragraph (prose block) text around an offset, for co-citation grouping and stable claim ids. */
function paragraphOf(ms: Manuscript, offset: number): string {
  let best: Span | null = null;
  for (const b of ms.blocks) {
    if (offset >= b.span.start && offset < b.span.end && (!best || b.span.end - b.span.start < best.end - best.start)) best = b.span;
  }
  return best ? ms.text.slice(best.start, best.end) : '';
}

function modelFor(analysis: Analysis, works: WorkInfo[], claims: ClaimText[], cache: TopicFitCache): TopicModel {
  // Works are fixed at build time: rebuild when the set of works (or their text) changes.
  const signature = hash(works.map((w) => `${w.id}\u0000${w.text.title ?? ''}\u0000${w.text.abstract ?? ''}\u0000${String(w.text.keywords ?? '')}\u0000${w.text.venue ?? ''}`).join('\u0001'));
  const taxonomy = analysis.taxonomy;
  const concepts = taxonomy ? (text: string) => conceptsOf(taxonomy, text) : undefined;
  const state = cache.state;
  if (state && state.signature === signature + (taxonomy ? taxonomy.uri : '')) {
    for (const claim of claims) {
      const key = JSON.stringify(claim);
      if (state.claims.get(claim.id) !== key) {
        state.model.updateClaim(claim);
        state.claims.set(claim.id, key);
      }
    }
    return state.model;
  }
  const model = buildTopicModel(
    works.map((w) => ({ ...w.text, id: w.id })),
    claims,
    concepts ? { conceptsOf: concepts } : {},
  );
  cache.state = { signature: signature + (taxonomy ? taxonomy.uri : ''), model, claims: new Map(claims.map((c) => [c.id, JSON.stringify(c)])) };
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
