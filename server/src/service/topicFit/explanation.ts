/**
 * Topic fit in words: what a claim and a work are about (salient phrases), the words they share, and the
 * `off-topic-citation` message built of them. All of topic fit's English text is here, apart from the numbers.
 */
import type { ClaimIndex } from './claimIndex';
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

  /** Salient words of the claim, as written, most salient first. */
  claimAbout(claim: ClaimText): string[] {
    const info = this.claims.info(claim);
    return (info.about ??= salientPhrases(claim.text, this.topicality, this.stem, ABOUT_PHRASES));
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

  /** For naming topics: words no work uses are often plain verbs ("dominate"); rank them below rare shared ones. */
  private readonly topicality = (stem: string): number => {
    const id = this.index.vocabulary.get(stem);
    const nWorks = this.index.space.nWorks;
    return id !== undefined && this.index.space.df[id] > 0 ? this.rarity(stem) : 0.75 * Math.log(1 + (nWorks - 0.5) / 1.5);
  };
}

/** A work as an explanation names it: its label as the text cites it and its title, if any. */
export interface NamedWork {
  label: string;
  title: string | undefined;
}

/**
 * The message of a poor fit, e.g. `Claim is about diffusion models, medical image synthesis; [18] "Why a right
 * to explanation…" is about GDPR, automated decisions; they share no topic. Better fits here: [3] "Denoising
 * diffusion probabilistic models" (0.81).`
 */
export function poorFitMessage(
  claimTopics: readonly string[],
  work: NamedWork,
  workTopics: readonly string[],
  shared: readonly string[],
  better: readonly (NamedWork & { score: number })[],
): string {
  const parts: string[] = [];
  parts.push(`Claim is about ${claimTopics.length ? claimTopics.join(', ') : 'nothing specific'}`);
  parts.push(`${work.label}${titlePart(work.title)} is about ${workTopics.length ? workTopics.join(', ') : 'an unknown topic'}`);
  parts.push(shared.length ? `they share only ${shared.map((t) => `"${t}"`).join(', ')}` : 'they share no topic');
  let message = `${parts.join('; ')}.`;
  if (better.length) {
    const named = better.map((s) => `${s.label}${titlePart(s.title)} (${s.score.toFixed(2)})`);
    message += ` Better fits here: ${named.join(', ')}.`;
  }
  return message;
}

function titlePart(title: string | undefined): string {
  return title ? ` "${shortTitle(title)}"` : '';
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
  return word.replace(/[^\p{Lu}]/gu, '').length >= 2 ? word : word.toLowerCase();
}
