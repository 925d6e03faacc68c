/**
 * The claims a topic model knows, as what they are scored by: per claim its units (one per citation group of a
 * sentence citing several, else the whole sentence), each a weighted query with its coverage mass and latent
 * vector; and per paragraph the works its sentences cite, for the co-citation signal. Claims come and go while
 * the author edits (`add`/`remove`); works are fixed.
 */
import { squaredNorm } from './lsa';
import type { LexicalSignal, ModelSettings } from './options';
import { claimQuery } from './query';
import { idfWeighted, type SpaceIndex } from './space';
import { sparseFromMap, type SparseVector } from './sparse';
import { terms, type StemFn, type Term } from './terms';
import type { ClaimText } from './texts';
import { fnv1a } from '../util/hash';

const NO_CLAIMS: readonly ClaimText[] = [];

/** The second hash of `citersKey` continues from this basis instead of FNV's. */
const SECOND_SEED = 0x9747b28c;

/**
 * A claim the model was built with (see `ClaimIndex.baseline`), with its units, its whole-sentence unit and its
 * sentence vector when first needed.
 */
export interface BaselineClaim {
  claim: ClaimText;
  /** The claim's text, trimmed (what copies of a sentence are recognised by). */
  text: string;
  units: ClaimUnit[];
  whole: ClaimUnit | null;
  vector: SparseVector | null;
}

/**
 * What one citation group of a claim is scored as (the whole sentence when it has one group): a query against
 * every work.
 */
export interface ClaimUnit {
  claim: ClaimText;
  /** Works of this citation group (all the sentence's works for a whole-sentence unit). */
  workIds: string[];
  /** Query term ids → weights. */
  query: SparseVector;
  /** Σ query weight × IDF: the score of a work holding every query term once, for coverage. */
  ideal: number;
  lsa: Float64Array | null;
  /** Σ lsa², for cosines (computed once, as `cosine` would). */
  lsaNorm: number;
}

/** Per-claim data only scores' judgeability and explanations need (terms, concepts), computed on first use. */
export interface ClaimInfo {
  own: Term[];
  /** Distinct stems of `own`. */
  distinct: number;
  concepts: Set<string>;
  /** Salient phrases, computed by the explanation on first use. */
  about?: string[];
}

export class ClaimIndex {
  private readonly units = new Map<string, ClaimUnit[]>();
  private readonly claimsById = new Map<string, ClaimText>();
  /** Paragraph id → claims in it, for co-citation. */
  private readonly paragraphs = new Map<string, Set<string>>();
  /** Paragraph id → how many of its sentences cite each work; dropped when a sentence of it changes. */
  private readonly paragraphCounts = new Map<string, Map<string, number>>();
  private readonly infos = new Map<string, ClaimInfo>();
  /** Multi-group sentences judge works cited in none of their groups against the whole sentence. */
  private readonly wholeUnits = new Map<string, ClaimUnit>();
  /** The paragraph of a claim as one query (the second opinion on a poor fit), made on first use. */
  private readonly paragraphUnits = new Map<string, ClaimUnit | null>();
  /** Work id → the claims citing it, for the citing-sentence profile. */
  private readonly citers = new Map<string, Set<string>>();
  /** Claim id → its own sentence's words, IDF-weighted and of unit length, made on first use. */
  private readonly sentenceVectors = new Map<string, SparseVector>();
  /** Work id → a key of the texts of the sentences citing it (`citersKey`), made on first use. */
  private readonly citerKeys = new Map<string, string>();
  /** The claims the model was built with, which its baselines are measured against (see {@link BaselineClaim}). */
  private baselineClaims: BaselineClaim[] = [];

  /**
   * `buildQueries`: whole-sentence queries the space was learnt with, reused while building (then dropped, see
   * `built`); `lexical`: a lexical signal that follows the claims (an evaluation variant), if any.
   */
  constructor(
    private readonly index: SpaceIndex,
    private readonly opt: ModelSettings,
    private readonly stem: StemFn,
    private readonly buildQueries: Map<ClaimText, Map<number, number>>,
    private readonly lexical: LexicalSignal | undefined,
  ) {}

  /** Adds a claim (the last with an id wins); `bulk` while the model is built, until {@link built}. */
  add(claim: ClaimText, bulk = false): void {
    const groups = claim.citations && claim.citations.length > 1 ? claim.citations.map((_, g) => g) : [-1];
    const list = groups.map((g) => this.makeUnit(claim, g));
    this.lexical?.added(claim.id, list, bulk);
    this.units.set(claim.id, list);
    this.claimsById.set(claim.id, claim);
    this.indexParagraph(claim, true);
    for (const w of new Set(claim.citedWorkIds)) {
      let set = this.citers.get(w);
      if (!set) this.citers.set(w, (set = new Set()));
      set.add(claim.id);
      this.citerKeys.delete(w);
    }
    this.info(claim); // tokenised now, while building, rather than on the first score
  }

  /**
   * The bulk adds are done: an edited claim (`add` after `remove`) is tokenised again. The claims known now are
   * the model's baseline claims (see {@link baseline}).
   */
  built(): void {
    this.baselineClaims = [...this.claimsById.values()].map((claim) => ({ claim, text: claim.text.trim(), units: this.units.get(claim.id)!, whole: null, vector: null }));
    this.buildQueries.clear();
    this.lexical?.built();
  }

  /**
   * The claims the model was built with, in the order they were added, with their units: what a claim's usual
   * near-neighbour cosine and a suggestion's specificity are measured against (scoring.ts). Like the latent space,
   * they are fixed when the model is built and not followed while the author edits, so those baselines are
   * computed once per unit or work, not again after every edit; an analysis from scratch builds its model from
   * its own sentences, so there the baseline claims are exactly its claims.
   */
  baseline(): readonly BaselineClaim[] {
    return this.baselineClaims;
  }

  /** A baseline claim's unit for judging `workId` (as {@link unitFor} picks it, without a replaced work). */
  baselineUnit(entry: BaselineClaim, workId: string): ClaimUnit {
    const list = entry.units;
    if (list.length === 1) return list[0];
    return list.find((u) => u.workIds.includes(workId)) ?? (entry.whole ??= this.makeUnit(entry.claim, -1));
  }

  /** A baseline claim's sentence vector (as {@link sentenceVector} makes it), kept with the baseline. */
  baselineVector(entry: BaselineClaim): SparseVector {
    return (entry.vector ??= this.vectorOf(entry.claim));
  }

  remove(claimId: string): void {
    const old = this.units.get(claimId);
    if (!old) return;
    this.lexical?.removed(claimId, old);
    this.units.delete(claimId);
    this.indexParagraph(old[0].claim, false);
    for (const w of new Set(old[0].claim.citedWorkIds)) {
      this.citers.get(w)?.delete(claimId);
      this.citerKeys.delete(w);
    }
    this.sentenceVectors.delete(claimId);
    this.claimsById.delete(claimId);
    this.infos.delete(claimId);
    this.wholeUnits.delete(claimId);
    this.paragraphUnits.delete(claimId);
  }

  has(claimId: string): boolean {
    return this.units.has(claimId);
  }

  /** Every claim. */
  all(): IterableIterator<ClaimText> {
    return this.claimsById.values();
  }

  claim(claimId: string): ClaimText | undefined {
    return this.claimsById.get(claimId);
  }

  /** The unit a work is judged in: the replaced work's citation group, else its own, else the sentence. */
  unitFor(claimId: string, workId: string, replacing: string | undefined): ClaimUnit | undefined {
    const list = this.units.get(claimId);
    if (!list) return undefined;
    if (list.length === 1) return list[0];
    return (
      (replacing !== undefined ? list.find((u) => u.workIds.includes(replacing)) : undefined) ??
      list.find((u) => u.workIds.includes(workId)) ??
      this.wholeSentence(list[0].claim)
    );
  }

  info(claim: ClaimText): ClaimInfo {
    let info = this.infos.get(claim.id);
    if (!info) {
      const own = terms(claim.text, this.stem);
      info = {
        own,
        distinct: new Set(own.map((t) => t.stem)).size,
        concepts: new Set(this.opt.conceptsOf ? this.opt.conceptsOf(claim.text) : []),
      };
      this.infos.set(claim.id, info);
    }
    return info;
  }

  /**
   * The claim's whole paragraph as one query (null: the claim has no paragraph text, or it is the sentence
   * itself), for the second opinion: a work cited for what the paragraph is about, though not for the words
   * of its own sentence ("This…", "They…"), is not flagged.
   */
  paragraphUnit(claim: ClaimText): ClaimUnit | null {
    let unit = this.paragraphUnits.get(claim.id);
    if (unit === undefined) {
      const text = claim.paragraph;
      unit = text && text.trim() !== claim.text.trim() ? this.makeUnit({ ...claim, text, citations: undefined }, -1) : null;
      this.paragraphUnits.set(claim.id, unit);
    }
    return unit;
  }

  /** Whether another sentence of the claim's paragraph cites the work too. */
  citedElsewhereInParagraph(claim: ClaimText, workId: string): boolean {
    if (claim.paragraphId === undefined) return false;
    for (const id of this.paragraphs.get(claim.paragraphId) ?? []) {
      if (id === claim.id) continue;
      const other = this.claimsById.get(id);
      if (other && other.text.trim() !== claim.text.trim() && other.citedWorkIds.includes(workId)) return true;
    }
    return false;
  }

  /** Works cited with the claim's sentence in its paragraph, minus the scored and the replaced work. */
  coCited(claim: ClaimText, workId: string, replacing: string | undefined): string[] {
    const key = claim.paragraphId ?? `\u0000${claim.id}`;
    let counts = this.paragraphCounts.get(key);
    if (!counts) {
      counts = new Map<string, number>();
      const ids = claim.paragraphId === undefined ? [claim.id] : [...(this.paragraphs.get(claim.paragraphId) ?? [])];
      for (const id of ids) {
        const other = this.claimsById.get(id);
        if (other) for (const w of new Set(other.citedWorkIds)) counts.set(w, (counts.get(w) ?? 0) + 1);
      }
      this.paragraphCounts.set(key, counts);
    }
    const out: string[] = [];
    for (const [w, n] of counts) {
      // The replaced work leaves this sentence only; it stays if another sentence of the paragraph cites it.
      const left = w === replacing && claim.citedWorkIds.includes(w) ? n - 1 : n;
      if (left > 0 && w !== workId) out.push(w);
    }
    return out;
  }

  /**
   * The other sentences citing the work: every claim citing it but `claim` itself (and copies of its text).
   * The sentence being judged never feeds its own work's profile, so a work swapped into a sentence is judged
   * by the sentences that cite it elsewhere, not by the one it was planted in.
   */
  otherCiters(claim: ClaimText, workId: string): readonly ClaimText[] {
    const citers = this.citers.get(workId);
    // Most works of a large bibliography are cited by no sentence (suggestions score every candidate work).
    if (!citers?.size) return NO_CLAIMS;
    const out: ClaimText[] = [];
    const text = claim.text.trim();
    for (const id of citers) {
      if (id === claim.id) continue;
      const other = this.claimsById.get(id);
      if (other && other.text.trim() !== text) out.push(other);
    }
    return out;
  }

  /**
   * What the citing-sentence profile reads of the sentences citing the work, as a key: the texts of those
   * sentences (a fit with any claim reads them, minus the claim itself, whose text its own key holds). Two
   * states of the manuscript with the same citing sentences for the work give the same key, whatever their
   * paragraphs or the edits in between; a kept fit is valid while its work's key is the same.
   */
  citersKey(workId: string): string {
    let key = this.citerKeys.get(workId);
    if (key === undefined) {
      const texts: string[] = [];
      for (const id of this.citers.get(workId) ?? []) texts.push(this.claimsById.get(id)?.text ?? '');
      texts.sort();
      // Two 32-bit hashes of the sorted texts (a hash, not the texts: a work cited by twenty sentences would
      // make every key of its fits kilobytes long).
      const joined = texts.join('\u0000');
      key = `${texts.length}.${fnv1a(joined).toString(36)}.${fnv1a(joined, SECOND_SEED).toString(36)}`;
      this.citerKeys.set(workId, key);
    }
    return key;
  }

  /**
   * A claim's own sentence (no context, no headings) as a unit-length IDF-weighted vector of the words the
   * bibliography uses (measured: adding the words only citing sentences use did not help, docs/topic-fit.md).
   */
  sentenceVector(claim: ClaimText): SparseVector {
    let v = this.sentenceVectors.get(claim.id);
    if (!v) this.sentenceVectors.set(claim.id, (v = this.vectorOf(claim)));
    return v;
  }

  private vectorOf(claim: ClaimText): SparseVector {
    const { vocabulary, idfOf } = this.index;
    const counts = new Map<number, number>();
    // A baseline claim edited away since is tokenised here (its id's info, if any, is another text's).
    const own = this.claimsById.get(claim.id) === claim ? this.info(claim).own : terms(claim.text, this.stem);
    for (const t of own) {
      const id = vocabulary.get(t.stem);
      if (id !== undefined) counts.set(id, (counts.get(id) ?? 0) + 1);
    }
    return sparseFromMap(idfWeighted(counts, idfOf), true);
  }

  private makeUnit(claim: ClaimText, group: number): ClaimUnit {
    const { vocabulary, idfOf, foldIn } = this.index;
    const queryMap = (group < 0 ? this.buildQueries.get(claim) : undefined) ?? claimQuery(claim, group, this.opt, (s) => vocabulary.get(s), this.stem);
    const unit: ClaimUnit = {
      claim,
      workIds: group >= 0 ? (claim.citations?.[group].workIds ?? []) : claim.citedWorkIds,
      query: sparseFromMap(queryMap),
      ideal: [...queryMap].reduce((sum, [id, q]) => sum + q * idfOf(id), 0),
      lsa: foldIn ? foldIn(sparseFromMap(idfWeighted(queryMap, idfOf), true)) : null,
      lsaNorm: 0,
    };
    if (unit.lsa) unit.lsaNorm = squaredNorm(unit.lsa);
    return unit;
  }

  private wholeSentence(claim: ClaimText): ClaimUnit {
    let unit = this.wholeUnits.get(claim.id);
    if (!unit) this.wholeUnits.set(claim.id, (unit = this.makeUnit(claim, -1)));
    return unit;
  }

  private indexParagraph(claim: ClaimText, add: boolean): void {
    this.paragraphCounts.delete(claim.paragraphId ?? `\u0000${claim.id}`);
    if (claim.paragraphId === undefined) return;
    let set = this.paragraphs.get(claim.paragraphId);
    if (!set) this.paragraphs.set(claim.paragraphId, (set = new Set()));
    if (add) set.add(claim.id);
    else set.delete(claim.id);
  }
}
