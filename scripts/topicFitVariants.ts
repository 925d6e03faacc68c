/**
 * Alternatives to parts of the topic-fit model that the evaluation measures (`npm run eval`'s ladder,
 * docs/topic-fit.md) and that were found not to help, so the shipped model (server/src/service/topicFit) leaves
 * them out: venue words in a work's terms, expansion of
 * the manuscript's own abbreviations, and the two-way percentile in place of (or mixed with) coverage.
 *
 * `buildTopicModel` here takes the model's options plus these switches and plugs them into the model through
 * its one seam (`TopicModelVariant`, topicFit/options.ts); without switches it is the shipped model.
 */
import { buildTopicModel as buildShippedModel, type TopicModel } from '../server/src/service/topicFit/model';
import type { LexicalContext, LexicalSignal, TopicModelOptions as ShippedOptions, TopicModelVariant, UnitQuery } from '../server/src/service/topicFit/options';
import { keywordText, type ClaimText, type WorkText } from '../server/src/service/topicFit/texts';
import { percentile, sketchOf, SortedColumn, type RankSketch } from './topicFitRanks';
import { shortFormStart } from '../server/src/service/taxonomy/abbreviationDefinitions';
import { porterStem, STOP_WORDS, stripMarkup } from '../server/src/service/topicFit/terms';

/**
 * Word pairs as pseudo-words: each two adjacent content words of a phrase (no stop word, number or punctuation
 * between), stemmed and joined ("gene regulatory networks" → `genezzregulatori regulatorizznetwork`).
 */
function bigramText(text: string): string {
  const out: string[] = [];
  for (const segment of stripMarkup(text).split(/[.,;:!?()[\]{}"“”]+/)) {
    let previous: string | null = null;
    for (const match of segment.matchAll(/[\p{L}\p{N}]+/gu)) {
      const lower = match[0].toLowerCase();
      if (lower.length < 2 || STOP_WORDS.has(lower) || /^\d+$/.test(lower)) {
        previous = null;
        continue;
      }
      const stem = porterStem(lower);
      if (previous) out.push(`${previous}zz${stem}`);
      previous = stem;
    }
  }
  return out.join(' ');
}

export interface TopicModelOptions extends ShippedOptions {
  /** Weight of venue words (journal names describe the outlet more than the topic; measured to hurt). Default 0. */
  venueWeight?: number;
  /** Use the two-way percentile (else the row percentile alone) when `coverageWeight` < 1. Default true. */
  twoWay?: boolean;
  /**
   * Share of the lexical signal taken by coverage (the part of the claim's rarity mass the work matches),
   * the rest being the two-way percentile (measured: coverage alone ranks better). Default 1.
   */
  coverageWeight?: number;
  /**
   * Abbreviations the manuscript defines (`findAbbreviations`), expanded in claims and works before matching.
   * Measured not to help the score; off unless given.
   */
  abbreviations?: Readonly<Record<string, string>>;
  /**
   * Where a claim's usual near-neighbour cosine is read for the citing-sentence profile (share of the other
   * citing sentences, most similar first). Default 0.1; lower looks better on the pairs' AUC only because the
   * pairs' wrong works are nearly all cited elsewhere and the right ones mostly not (docs/topic-fit.md).
   */
  citingRank?: number;
  /** Co-citation as the best similarity alone (issue 15's first round), not relative to the work's usual one. */
  absoluteCoCitation?: boolean;
  /**
   * Weight of word pairs (two adjacent content words, stemmed: "gene regulatory", "regulatory network") added to
   * works and queries as terms of their own, relative to the words'. Default 0.
   */
  bigramWeight?: number;
}

/** The topic model with the measured alternatives switched on as `options` says (the shipped one by default). */
export function buildTopicModel(works: readonly WorkText[], claims: readonly ClaimText[], options: TopicModelOptions = {}): TopicModel {
  const { venueWeight = 0, twoWay = true, coverageWeight = 1, abbreviations, citingRank, absoluteCoCitation, bigramWeight = 0, ...shipped } = options;
  const variant: TopicModelVariant = {};
  if (citingRank !== undefined) variant.citingRank = citingRank;
  if (absoluteCoCitation) variant.absoluteCoCitation = true;
  const expand = (text: string): string => (abbreviations ? expandAbbreviations(text, abbreviations) : text);
  if (abbreviations || venueWeight > 0 || bigramWeight > 0) {
    const titleWeight = shipped.titleWeight ?? 2;
    variant.workTexts = (work) => ({
      title: expand(work.title ?? ''),
      abstract: expand(work.abstract ?? ''),
      keywords: keywordText(work.keywords),
      extra: [[work.venue ?? '', venueWeight], [bigramText(work.title ?? ''), titleWeight * bigramWeight], [bigramText(work.abstract ?? ''), bigramWeight]],
    });
  }
  if (abbreviations || bigramWeight > 0) {
    variant.queryParts = (_claim, parts) => parts.flatMap(([text, weight]): [string, number][] => [
      [weight > 0 && abbreviations ? expand(text) : text, weight],
      ...(bigramWeight > 0 && weight > 0 ? [[bigramText(text), weight * bigramWeight] as [string, number]] : []),
    ]);
  }
  if (coverageWeight < 1) variant.lexical = (model) => twoWayPercentile(model, coverageWeight, twoWay);
  return buildShippedModel(works, claims, Object.keys(variant).length ? { ...shipped, variant } : shipped);
}

/** At most this many claims form the reference distribution of the second (per-work) rank. */
const COLUMN_SAMPLE = 256;

/**
 * The lexical signal as `(1 − coverageWeight) × relative rank + coverageWeight × coverage`, where the relative
 * rank is the mid-rank percentile of the work's raw score among the claim's scores for all works (the row),
 * averaged with the percentile among all claims' scores for the work (the column) when `twoWay`.
 */
function twoWayPercentile(
  { nWorks, claims, scoreRow }: LexicalContext,
  coverageWeight: number,
  twoWay: boolean,
): LexicalSignal {
  // Columns (a work's scores over all citing sentences) hold every claim of a manuscript with up to
  // COLUMN_SAMPLE claims, else an evenly spaced sample of them chosen at build time: ranks among a few hundred
  // sentences are as informative, and building stays fast for reviews with a thousand citations.
  const columns = Array.from({ length: nWorks }, () => new SortedColumn());
  const sampleEvery = Math.max(1, Math.ceil(claims.length / COLUMN_SAMPLE));
  const inColumns = new Set(claims.filter((_, i) => i % sampleEvery === 0).map((c) => c.id));
  let columnUnits = 0;
  // A unit's row of raw scores over all works, sketched when first needed.
  const rows = new WeakMap<UnitQuery, RankSketch>();
  const rowOf = (unit: UnitQuery): RankSketch => {
    let row = rows.get(unit);
    if (!row) rows.set(unit, (row = sketchOf(scoreRow(unit.query).values)));
    return row;
  };
  return {
    added(claimId, units, bulk) {
      if (!inColumns.has(claimId)) return;
      for (const unit of units) {
        // While building, append and sort each column once at the end; edits keep columns sorted.
        const { works, values } = scoreRow(unit.query);
        for (let i = 0; i < works.length; i++) {
          if (bulk) columns[works[i]].push(values[i]);
          else columns[works[i]].insert(values[i]);
        }
        columnUnits++;
      }
    },
    removed(claimId, units) {
      if (!inColumns.has(claimId)) return;
      for (const unit of units) {
        // Recomputing the old row is as cheap as storing it, and keeps memory per claim small.
        const { works, values } = scoreRow(unit.query);
        for (let i = 0; i < works.length; i++) columns[works[i]].remove(values[i]);
        columnUnits--;
      }
    },
    built() {
      for (const column of columns) column.sort();
    },
    score(unit, w, raw, coverage) {
      const row = rowOf(unit);
      const rowRank = percentile(row.points, row.points.length, row.nonZero, raw, nWorks);
      const column = columns[w];
      const relative = twoWay ? (rowRank + percentile(column.values, column.length, column.length, raw, columnUnits)) / 2 : rowRank;
      return (1 - coverageWeight) * relative + coverageWeight * coverage;
    },
  };
}

/**
 * Abbreviations the text defines itself, as `Long Form (SF)`: `Large Language Models (LLMs)` gives
 * `{ LLMs: 'large language models' }`. The long form is the shortest run of preceding words whose letters cover
 * the short form's letters in order, the first letter starting a word (Schwartz & Hearst 2003). The first
 * definition of a short form wins.
 */
export function findAbbreviations(text: string): Record<string, string> {
  const found: Record<string, string> = {};
  for (const match of text.matchAll(/\(([\p{Lu}][\p{L}\p{N}-]{0,9})\)/gu)) {
    const short = match[1];
    const letters = short.replace(/s$/, '').replace(/[^\p{L}\p{N}]/gu, '');
    if (!/\p{Lu}.*\p{Lu}|^\p{Lu}{2,}/u.test(short) || letters.length < 2 || short in found) continue;
    const before = text.slice(Math.max(0, (match.index ?? 0) - 200), match.index).replace(/\s+$/, '');
    const words = before.split(/\s+/);
    const maxWords = Math.min(letters.length + 5, letters.length * 2);
    const candidate = words.slice(-maxWords).join(' ');
    const long = longFormFor(letters, candidate);
    if (long) found[short] = long.toLowerCase();
  }
  return found;
}

/** Schwartz–Hearst (`shortFormStart`): the long form in `candidate` that `short` abbreviates, or null. */
function longFormFor(short: string, candidate: string): string | null {
  const l = candidate.toLowerCase();
  const first = shortFormStart(short.toLowerCase(), l);
  if (first < 0) return null;
  const start = l.lastIndexOf(' ', first - 1) + 1;
  const long = candidate.slice(start).replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, '');
  return long.split(/\s+/).length >= 2 || long.length > short.length ? long : null;
}

/**
 * `text` followed by the long form of every abbreviation it uses (`GANs` → "… generative adversarial
 * networks"), so a claim saying "GANs" can match a title saying "generative adversarial networks".
 */
export function expandAbbreviations(text: string, abbreviations: Readonly<Record<string, string>>): string {
  const longForms: string[] = [];
  for (const [short, long] of Object.entries(abbreviations)) {
    const escaped = short.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    if (new RegExp(`(^|[^\\p{L}\\p{N}])${escaped}(?![\\p{L}\\p{N}])`, 'u').test(text)) longForms.push(long);
  }
  return longForms.length ? `${text} ${longForms.join('. ')}` : text;
}
