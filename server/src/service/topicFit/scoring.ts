/**
 * The score of a work for a claim unit, from the signals docs/topic-fit.md measures:
 *
 *   score = clamp((coverage + w·LSA cosine) / (1 + w) + 0.5 × co-citation [+ 0.3 × shared concepts])
 *
 * where coverage is the unit's raw BM25 score over the score of a work holding every query word once, w the
 * latent space's weight (scaled by its confidence), and co-citation the best TF-IDF cosine with the other works
 * cited in the paragraph. Also the candidates a claim's suggestions are picked from.
 */
import type { ClaimIndex, ClaimUnit } from './claimIndex';
import { cosineAt } from './lsa';
import type { LexicalSignal, ModelSettings } from './options';
import type { SpaceIndex } from './space';
import { mergeDot, type SparseVector } from './sparse';
import type { WorkRecords } from './workRecords';

/** The signals a score was combined from, and the score. */
export interface Signals {
  score: number;
  lexical: number;
  coCitation: number;
  concepts: number;
  lsa: number;
}

export interface Suggestion {
  workId: string;
  score: number;
}

export class Scorer {
  /**
   * Every judgeable work sharing a term with the unit's query, scored, in index order: a flagged citation asks
   * for it twice (its suggestions, then its explanation's), so the last one is kept until a claim changes.
   */
  private lastCandidates: { claimId: string; unit: ClaimUnit; replacing: string | undefined; list: Suggestion[] } | null = null;

  constructor(
    private readonly index: SpaceIndex,
    private readonly works: WorkRecords,
    private readonly claims: ClaimIndex,
    private readonly opt: ModelSettings,
    private readonly scoreRow: (query: SparseVector) => { works: number[]; values: Float64Array },
    private readonly lexicalSignal: LexicalSignal | undefined,
  ) {}

  /** The unit's raw BM25 score for work `w` (`scoreRow` gives the same sums in the same order). */
  rawScore(unit: ClaimUnit, w: number): number {
    const { workTerms, workBm25, workStart } = this.index.space;
    return mergeDot(unit.query.ids, unit.query.values, 0, unit.query.ids.length, workTerms, workBm25, workStart[w], workStart[w + 1]);
  }

  /** `raw`: the unit's raw score for the work when already known. */
  signals(unit: ClaimUnit, w: number, replacing: string | undefined, raw = this.rawScore(unit, w)): Signals {
    const { opt } = this;
    const work = this.works.records[w];
    let lexical = 0;
    if (raw > 0) {
      // Coverage (share of the claim's rarity mass the work matches) is absolute evidence, comparable across claims.
      const coverage = Math.min(1, raw / (unit.ideal || 1));
      lexical = this.lexicalSignal ? this.lexicalSignal.score(unit, w, raw, coverage) : coverage;
    }
    let coCitation = 0;
    if (opt.coCitationWeight > 0) {
      for (const otherId of this.claims.coCited(unit.claim, work.id, replacing)) {
        const o = this.works.byId.get(otherId);
        if (o !== undefined) coCitation = Math.max(coCitation, this.workSimilarity(w, o));
      }
    }
    let concepts = 0;
    if (opt.conceptsOf) {
      const claimConcepts = this.claims.info(unit.claim).concepts;
      let shared = 0;
      for (const c of claimConcepts) if (work.concepts.has(c)) shared++;
      concepts = claimConcepts.size ? shared / claimConcepts.size : 0;
    }
    const { lsaK, workLsaNorm, foldIn, space } = this.index;
    const lsaCos = unit.lsa && lsaK ? Math.max(0, cosineAt(unit.lsa, unit.lsaNorm, space.workLsa, w * lsaK, workLsaNorm[w])) : 0;
    const lsaWeight = foldIn ? (opt.lsa?.weight ?? 0) * space.lsaConfidence : 0;
    const score = clamp01(
      (lexical + lsaWeight * lsaCos) / (1 + lsaWeight) + opt.coCitationWeight * coCitation + opt.conceptWeight * concepts,
    );
    return { score, lexical, coCitation, concepts, lsa: lsaCos };
  }

  /**
   * The content part of the score (words and latent space, without co-citation or concepts): what a work's
   * fit with sentences of different paragraphs is compared by, as co-citation favours any sentence of a
   * paragraph that cites related works.
   */
  content(unit: ClaimUnit, w: number): number {
    const raw = this.rawScore(unit, w);
    let lexical = 0;
    if (raw > 0) {
      const coverage = Math.min(1, raw / (unit.ideal || 1));
      lexical = this.lexicalSignal ? this.lexicalSignal.score(unit, w, raw, coverage) : coverage;
    }
    const { lsaK, workLsaNorm, foldIn, space } = this.index;
    const lsa = unit.lsa && lsaK ? Math.max(0, cosineAt(unit.lsa, unit.lsaNorm, space.workLsa, w * lsaK, workLsaNorm[w])) : 0;
    const lsaWeight = foldIn ? (this.opt.lsa?.weight ?? 0) * space.lsaConfidence : 0;
    return (lexical + lsaWeight * lsa) / (1 + lsaWeight);
  }

  /** Scored judgeable works sharing a term with the unit's query (see `lastCandidates`), in index order. */
  candidates(claimId: string, unit: ClaimUnit, replacing: string | undefined): Suggestion[] {
    const last = this.lastCandidates;
    if (last && last.claimId === claimId && last.unit === unit && last.replacing === replacing) return last.list;
    const list: Suggestion[] = [];
    // Only works sharing a term with the query can rank high; the rest have no lexical evidence.
    const { works: ws, values } = this.scoreRow(unit.query);
    for (let i = 0; i < ws.length; i++) {
      const work = this.works.records[ws[i]];
      if (!work.judgeable) continue;
      list.push({ workId: work.id, score: this.signals(unit, ws[i], replacing, values[i]).score });
    }
    this.lastCandidates = { claimId, unit, replacing, list };
    return list;
  }

  /** A claim changed: candidates kept for the last one may be stale. */
  claimsChanged(): void {
    this.lastCandidates = null;
  }

  /** Word overlap, not LSA: measured, LSA similarity between works makes co-citation much weaker (0.894). */
  private workSimilarity(a: number, b: number): number {
    const { workTerms, workUnit, workStart } = this.index.space;
    return mergeDot(workTerms, workUnit, workStart[a], workStart[a + 1], workTerms, workUnit, workStart[b], workStart[b + 1]);
  }
}

/** The best `k` candidates not in `skip`, best first, in the order a full (stable) sort would give. */
export function bestSuggestions(candidates: readonly Suggestion[], k: number, skip: ReadonlySet<string>): Suggestion[] {
  if (!(Number.isInteger(k) && k >= 1 && k <= 64)) {
    const out = candidates.filter((c) => !skip.has(c.workId));
    out.sort(bySuggestion);
    return out.slice(0, k);
  }
  // Insertion into a short sorted list: an equal later candidate stays behind.
  const best: Suggestion[] = [];
  for (const c of candidates) {
    if (skip.has(c.workId)) continue;
    if (best.length === k && bySuggestion(c, best[k - 1]) >= 0) continue;
    let at = best.length;
    while (at > 0 && bySuggestion(c, best[at - 1]) < 0) at--;
    best.splice(at, 0, { workId: c.workId, score: c.score });
    if (best.length > k) best.pop();
  }
  return best;
}

/** Best first; equal scores by work id. */
function bySuggestion(a: Suggestion, b: Suggestion): number {
  return b.score - a.score || a.workId.localeCompare(b.workId);
}

function clamp01(x: number): number {
  return x < 0 ? 0 : x > 1 ? 1 : x;
}
