/**
 * Topic fit in words: what a claim and a work are about (salient phrases), the words they share, and the
 * `off-topic-citation` message built of them. All of topic fit's English text is here, apart from the numbers.
 */
import type { ClaimIndex } from './claimIndex';
import { hasTwoCapitals } from './nounPhrases';
import { salientPhrases } from './phrases';
import type { SpaceIndex } from './space';
import { hasId } from './sparse';
import type { StemFn } from './terms';
import { keywordText, type ClaimText, type WorkText } from './texts';
import type { WorkRecord } from './workRecords';

/** How many phrases name what a claim or a work is about. */
const ABOUT_PHRASES = 3;

/** Names topics and shared words from a model's space and claims (phrases are kept once computed). */
export class Explainer {
  constructor(
    private readonly index: SpaceIndex,
    private readonly claims: ClaimIndex,
    private readonly stem: StemFn,
  ) {}

  /**
   * Salient phrases of the claim, as written, most salient first. A fit names them when read (a hover, a
   * message), maybe after the claim was edited: a claim the index no longer holds is named afresh, not kept.
   */
  claimAbout(claim: ClaimText): string[] {
    if (this.claims.claim(claim.id) !== claim) return salientPhrases(claim.text, this.topicality, this.stem, ABOUT_PHRASES);
    const info = this.claims.info(claim);
    return (info.about ??= salientPhrases(claim.text, this.topicality, this.stem, ABOUT_PHRASES));
  }

  /**
   * Salient phrases of the clause that cites `workId` (see {@link citationClause}), most salient first; the
   * whole sentence's when the clause names none.
   */
  clauseAbout(claim: ClaimText, workId: string): string[] {
    const clause = citationClause(claim, workId);
    const phrases = clause === claim.text ? [] : salientPhrases(clause, this.topicality, this.stem, ABOUT_PHRASES);
    return phrases.length ? phrases : this.claimAbout(claim);
  }

  /** Salient words of the work, as written, most salient first. */
  workAbout(work: WorkRecord): string[] {
    return (work.about ??= salientPhrases(workDescription(work.text), this.topicality, this.stem, ABOUT_PHRASES));
  }

  /** Words the claim and work `w` share (surface form from the claim), rarest first. */
  sharedTerms(claim: ClaimText, w: number): string[] {
    const { vocabulary, space } = this.index;
    const seen = new Set<string>();
    const shared: { surface: string; weight: number }[] = [];
    for (const t of this.claims.info(claim).own) {
      if (seen.has(t.stem) || !hasId(space.workTerms, space.workStart[w], space.workStart[w + 1], vocabulary.get(t.stem))) continue;
      seen.add(t.stem);
      shared.push({ surface: displaySurface(t.surface), weight: this.rarity(t.stem) });
    }
    return shared.sort((a, b) => b.weight - a.weight).map((s) => s.surface);
  }

  /** How many works of the bibliography use a word (lower-cased). */
  worksUsing(word: string): number {
    const id = this.index.vocabulary.get(this.stem(word));
    return id === undefined ? 0 : this.index.space.df[id];
  }

  private rarity(stem: string): number {
    return this.index.idfOf(this.index.vocabulary.get(stem));
  }

  /**
   * For naming topics: words the bibliography uses, rarest first. Words no work uses are mostly plain words of
   * the prose ("approximately", "contain"): at 0.75 × the highest rarity they beat the field's own words, so
   * they rank at a third of it, below most words a work shares. Names (acronyms, "GitHub") are topics even
   * when no work uses them ("VAEs" in a bibliography that writes "variational autoencoders"): 0.75 ×.
   */
  private readonly topicality = (stem: string, name: boolean): number => {
    const id = this.index.vocabulary.get(stem);
    const nWorks = this.index.space.nWorks;
    return id !== undefined && this.index.space.df[id] > 0 ? this.rarity(stem) : (name ? 0.75 : 0.35) * Math.log(1 + (nWorks - 0.5) / 1.5);
  };
}

/** A work as an explanation names it: its label as the text cites it and its title, if any. */
export interface NamedWork {
  label: string;
  title: string | undefined;
}

/** The longest message (the Problems panel shows about this much on one line). */
export const MAX_MESSAGE = 200;

/**
 * The message of a poor fit, led by the citation, e.g. `[18] may not support this claim: the claim is about
 * diffusion models, anatomically consistent images; the work is about automated decision-making, GDPR. Better
 * fit: [3].` A title-only work says so ("its title is about …"). At most {@link MAX_MESSAGE} characters: the
 * phrases are cut to one per side, then the label, before anything else.
 */
export function poorFitMessage(
  label: string,
  claimTopics: readonly string[],
  workTopics: readonly string[],
  evidence: 'abstract' | 'title',
  better: string | undefined,
): string {
  const make = (lbl: string, claim: readonly string[], work: readonly string[]): string => {
    const claimPart = claim.length ? `the claim is about ${claim.join(', ')}` : 'the claim names no topic the bibliography uses';
    const workPart = evidence === 'title' ? `its title is about ${work.length ? work.join(', ') : 'nothing the claim names'}` : `the work is about ${work.length ? work.join(', ') : 'nothing the claim names'}`;
    return `${lbl} may not support this claim: ${claimPart}; ${workPart}.${better ? ` Better fit: ${better}.` : ''}`;
  };
  let message = make(label, claimTopics.slice(0, 2), workTopics.slice(0, 2));
  if (message.length > MAX_MESSAGE) message = make(label, claimTopics.slice(0, 1), workTopics.slice(0, 1));
  if (message.length > MAX_MESSAGE) message = make(shortLabel(label, 30), claimTopics.slice(0, 1), workTopics.slice(0, 1));
  return message.length > MAX_MESSAGE ? `${message.slice(0, MAX_MESSAGE - 1)}…` : message;
}

/** A long label (`@url:https://…`) cut to `max` characters with an ellipsis. */
function shortLabel(label: string, max: number): string {
  return label.length <= max ? label : `${label.slice(0, max - 1)}…`;
}

/**
 * The clause of a sentence that cites `workId`: from the previous citation group (or the sentence's start) to
 * this group, cut at the last clause boundary (";", ":", a dash, ", while/whereas/but/which …") when at least
 * three words are left; a citation at the start of its clause reads the words after it instead.
 */
export function citationClause(claim: ClaimText, workId: string): string {
  const groups = claim.citations ?? [];
  const g = groups.findIndex((c) => c.workIds.includes(workId));
  if (g < 0) return claim.text;
  const from = g > 0 ? groups[g - 1].offset : 0;
  const to = groups[g].offset;
  // Citations, link targets and URLs are blanked first (same length, so offsets hold): the ":" of `[@doi:…]` or
  // `https:` is no clause boundary, and a key is no topic.
  const text = claim.text.replace(/\[[^\]]*@[^\]]*\]|(?<![\p{L}\p{N}_])@[\p{L}\p{N}_][^\s\];,]*|\]\([^)\s]*\)|https?:\/\/\S+|\bdoi:\S+/giu, (m) => ' '.repeat(m.length));
  let before = text.slice(from, to);
  const cut = [...before.matchAll(CLAUSE_BOUNDARY)].pop();
  if (cut?.index !== undefined) {
    const rest = before.slice(cut.index + cut[0].length);
    if (wordCount(rest) >= 3) before = rest;
  }
  if (wordCount(before) >= 2) return before;
  const after = text.slice(to);
  const end = after.search(CLAUSE_BOUNDARY);
  return end > 0 ? after.slice(0, end) : after;
}

const CLAUSE_BOUNDARY = /\s*(?:[;:]|\s[—–-]{1,2}\s|,\s+(?:while|whereas|although|but|which|and thus|so that)\b)\s*/g;

function wordCount(text: string): number {
  return (text.match(/\p{L}{3,}/gu) ?? []).length;
}

/** What the explanation names a work's topic from: its keywords and title, else its abstract. */
function workDescription(work: WorkText): string {
  const head = [keywordText(work.keywords), work.title ?? ''].filter(Boolean).join('. ');
  return head.trim() ? head : (work.abstract ?? '');
}

/** A title cut to about 50 characters at a word boundary, with an ellipsis. */
export function shortTitle(title: string, max = 50): string {
  const clean = title.replace(/[{}]/g, '').replace(/\s+/g, ' ').trim().replace(/[.:]$/, '');
  if (clean.length <= max) return clean;
  const cut = clean.slice(0, max);
  const space = cut.lastIndexOf(' ');
  return `${(space > 20 ? cut.slice(0, space) : cut).replace(/[\s,;:.-]+$/, '')}…`;
}

/** Acronyms keep their case; other words are lower-cased. */
function displaySurface(word: string): string {
  return hasTwoCapitals(word) ? word : word.toLowerCase();
}
