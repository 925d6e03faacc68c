/**
 * The score of a work for a claim unit, from the signals docs/topic-fit.md measures:
 *
 *   score = clamp((coverage + w·LSA cosine) / (1 + w) + 0.5 × co-citation + 0.5 × citing profile
 *                 [+ 0.3 × shared concepts])
 *
 * where coverage is the unit's raw BM25 score over the score of a work holding every query word once, w the
 * latent space's weight (scaled by its confidence), co-citation the best TF-IDF cosine with the other works
 * cited in the paragraph minus the work's usual cosine with works, and the citing profile the best cosine with
 * another sentence citing the work minus the claim's usual cosine with citing sentences. Also the candidates a
 * claim's suggestions are picked from.
 */
import type { ClaimIndex, ClaimUnit } from './claimIndex';
import type { ClaimText } from './texts';
import { cosineAt } from './lsa';
import type { LexicalSignal, ModelSettings } from './options';
import { idfWeighted, type SpaceIndex } from './space';
import { mergeDot, sparseFromMap, type SparseVector } from './sparse';
import type { WorkRecords } from './workRecords';

/** The signals a score was combined from, and the score. */
export interface Signals {
  score: number;
  lexical: number;
  coCitation: number;
  concepts: number;
  lsa: number;
  /** The citing-sentence profile: best cosine with another sentence citing the work, minus the claim's usual one. */
  citing: number;
}

/**
 * A claim's usual near-neighbour cosine is its cosine with the sentence at this share of all other citing
 * sentences, most similar first (the 90th percentile); a work's usual similarity to other works likewise.
 */
const TYPICAL_RANK = 0.1;

/**
 * At most this many other citing sentences (evenly spaced) give a claim's usual near-neighbour cosine: the
 * eval manuscripts (≤ 113 citing sentences) use all of theirs, an 850-sentence review stays cheap. A work's
 * usual similarity uses all works up to this many too.
 */
const TYPICAL_SAMPLE = 256;

/**
 * Above TYPICAL_SAMPLE works, a work's usual similarity comes from this many evenly spaced works: suggestions
 * score every candidate work, each computing its usual similarity once, and at 5,000 works 256 per work made
 * the first message ~0.6 s (0.2 s with 48).
 */
const USUAL_WORK_SAMPLE = 48;

export interface Suggestion {
  workId: string;
  score: number;
}

export class Scorer {
  /** Units' queries as unit-length IDF-weighted vectors, for the citing-sentence profile. */
  private readonly unitVectors = new WeakMap<ClaimUnit, SparseVector>();
  /** Per work, its usual similarity to other works (`usualWorkSimilarity`). */
  private readonly usualSimilarity = new Map<number, number>();
  /** Per unit, its usual near-neighbour cosine (`typicalCosine`): fixed per model, as its baseline claims are. */
  private readonly typical = new WeakMap<ClaimUnit, number>();
  /** Per work, the baseline claims' content scores with it, ascending (`othersFittingBetter`). */
  private readonly baselineContents = new Map<number, Float64Array>();
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
      // Relative to how close the work is to works in general: a broad work resembles every paragraph's works, so
      // resembling this one's is evidence only beyond its usual similarity. Sharing no word with them is no
      // evidence either way (0, as when the paragraph cites nothing else).
      if (coCitation > 0 && !opt.variant?.absoluteCoCitation) coCitation -= this.usualWorkSimilarity(w);
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
    const citing = opt.citingWeight > 0 ? this.citingProfile(unit, work.id) : 0;
    const score = clamp01(
      (lexical + lsaWeight * lsaCos) / (1 + lsaWeight) +
        opt.coCitationWeight * coCitation +
        opt.conceptWeight * concepts +
        opt.citingWeight * citing,
    );
    return { score, lexical, coCitation, concepts, lsa: lsaCos, citing };
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

  /** A claim changed: candidates kept for the last one may be stale (they read the paragraph's and the works' citers). */
  claimsChanged(): void {
    this.lastCandidates = null;
  }

  /**
   * The citing-sentence profile: how much closer the claim is to the other sentences citing the work than to the
   * manuscript's citing sentences in general — the best TF-IDF cosine between the unit's query and a sentence
   * citing the work elsewhere, minus the claim's usual near-neighbour cosine (`typicalCosine`). Negative when the
   * work is cited elsewhere for something else; 0 when nothing else cites it (so being cited once or often is no
   * evidence either way). The judged sentence never feeds its own work's profile (`ClaimIndex.otherCiters`): a
   * work swapped into a sentence is judged by the sentences citing it elsewhere, not by the one it was planted in.
   */
  private citingProfile(unit: ClaimUnit, workId: string): number {
    const others = this.claims.otherCiters(unit.claim, workId);
    if (!others.length) return 0;
    const q = this.unitVector(unit);
    let best = 0;
    for (const other of others) best = Math.max(best, this.sentenceCosine(q, other));
    return best - this.typicalCosine(unit);
  }

  /**
   * The claim's cosine with its near neighbours among the other citing sentences the model was built with
   * (`ClaimIndex.baseline`): the one at the TYPICAL_RANK share of them, best first. The baseline sentences are
   * fixed per model, so this is computed once per unit and kept while the author edits other sentences.
   */
  private typicalCosine(unit: ClaimUnit): number {
    let typical = this.typical.get(unit);
    if (typical === undefined) {
      const q = this.unitVector(unit);
      const text = unit.claim.text.trim();
      const all = this.claims.baseline();
      const every = Math.max(1, Math.ceil(all.length / TYPICAL_SAMPLE));
      const cosines: number[] = [];
      for (let i = 0; i < all.length; i += every) {
        const other = all[i];
        if (other.claim.id !== unit.claim.id && other.text !== text) {
          const v = this.claims.baselineVector(other);
          cosines.push(mergeDot(q.ids, q.values, 0, q.ids.length, v.ids, v.values, 0, v.ids.length));
        }
      }
      cosines.sort((x, y) => y - x);
      const rank = this.opt.variant?.citingRank ?? TYPICAL_RANK;
      typical = cosines.length ? cosines[Math.min(cosines.length - 1, Math.floor(cosines.length * rank))] : 0;
      this.typical.set(unit, typical);
    }
    return typical;
  }

  /**
   * How many of the model's baseline claims other than `claim` (and copies of its text) the work fits better
   * than `own` by content, and of how many: what decides whether a better fit is specific to a claim or a broad
   * work that fits many sentences. The baseline claims' content scores for a work are computed once (sorted), so
   * each question is a binary search instead of a pass over every sentence.
   */
  othersFittingBetter(claim: ClaimText, w: number, own: number): { better: number; others: number } {
    const workId = this.works.records[w].id;
    let sorted = this.baselineContents.get(w);
    if (!sorted) {
      const values: number[] = [];
      for (const entry of this.claims.baseline()) {
        const unit = this.claims.baselineUnit(entry, workId);
        if (unit.ideal !== 0) values.push(this.content(unit, w));
      }
      sorted = Float64Array.from(values).sort();
      this.baselineContents.set(w, sorted);
    }
    // The first index holding a content above `own` (contents are finite: ascending, the comparison flips once).
    let lo = 0;
    let hi = sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (sorted[mid] > own) hi = mid;
      else lo = mid + 1;
    }
    let better = sorted.length - lo;
    let others = sorted.length;
    // The claim itself and copies of its text are not others: taken out again (few, usually none).
    const text = claim.text.trim();
    for (const entry of this.claims.baseline()) {
      if (entry.claim.id !== claim.id && entry.text !== text) continue;
      const unit = this.claims.baselineUnit(entry, workId);
      if (unit.ideal === 0) continue;
      others--;
      if (this.content(unit, w) > own) better--;
    }
    return { better, others };
  }

  private unitVector(unit: ClaimUnit): SparseVector {
    let q = this.unitVectors.get(unit);
    if (!q) this.unitVectors.set(unit, (q = sparseFromMap(idfWeighted(sparseToMap(unit.query), this.index.idfOf), true)));
    return q;
  }

  private sentenceCosine(q: SparseVector, other: ClaimText): number {
    const v = this.claims.sentenceVector(other);
    return mergeDot(q.ids, q.values, 0, q.ids.length, v.ids, v.values, 0, v.ids.length);
  }

  /**
   * The work's usual similarity to other works: its cosine with the work at the top TYPICAL_RANK of all others
   * (all up to TYPICAL_SAMPLE works, else USUAL_WORK_SAMPLE evenly spaced), most similar first. Works are fixed:
   * computed once per work.
   */
  private usualWorkSimilarity(w: number): number {
    let usual = this.usualSimilarity.get(w);
    if (usual === undefined) {
      const n = this.works.records.length;
      const every = n <= TYPICAL_SAMPLE ? 1 : Math.ceil(n / USUAL_WORK_SAMPLE);
      const cosines: number[] = [];
      for (let o = 0; o < n; o += every) if (o !== w) cosines.push(this.workSimilarity(w, o));
      cosines.sort((x, y) => y - x);
      usual = cosines.length ? cosines[Math.min(cosines.length - 1, Math.floor(cosines.length * TYPICAL_RANK))] : 0;
      this.usualSimilarity.set(w, usual);
    }
    return usual;
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

function sparseToMap(v: SparseVector): Map<number, number> {
  const map = new Map<number, number>();
  for (let i = 0; i < v.ids.length; i++) map.set(v.ids[i], v.values[i]);
  return map;
}
