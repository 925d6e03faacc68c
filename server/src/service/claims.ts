/**
 * The claim a citation supports: the sentence holding it (a citation after the full stop belongs to the
 * sentence before), with the heading path as context.
 */
import { splitSentences } from './topicFit/sentences';
import type { Citation, Manuscript, ProseBlock, Span } from './types';

export interface Claim {
  span: Span;
  text: string;
  headingPath: string[];
}

/** The prose block holding `offset` (innermost, i.e. the shortest one that contains it). */
export function blockAt(ms: Manuscript, offset: number): ProseBlock | null {
  let best: ProseBlock | null = null;
  for (const b of ms.blocks) {
    if (offset >= b.span.start && offset < b.span.end && (!best || b.span.end - b.span.start < best.span.end - best.span.start)) best = b;
  }
  return best;
}

/**
 * Sentences per block, split once: a block with thousands of citations would otherwise be re-split for each
 * (100,000 citations on one line took minutes).
 */
const sentencesOfBlock = new WeakMap<ProseBlock, { text: string; sentences: Span[] }>();

function sentencesOf(ms: Manuscript, block: ProseBlock): Span[] {
  const cached = sentencesOfBlock.get(block);
  if (cached && cached.text === ms.text) return cached.sentences;
  const sentences = splitSentences(ms.text.slice(block.span.start, block.span.end), block.span.start);
  sentencesOfBlock.set(block, { text: ms.text, sentences });
  return sentences;
}

export function claimOf(ms: Manuscript, citation: Citation): Claim | null {
  const block = blockAt(ms, citation.span.start);
  if (!block) return null;
  const sentences = sentencesOf(ms, block);
  // Sentences are in order and disjoint: binary search for the last one starting at or before the citation.
  const at = citation.span.start;
  let lo = 0;
  let hi = sentences.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (sentences[mid].start <= at) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  const sentence = (found >= 0 && at < sentences[found].end ? sentences[found] : undefined) ?? sentences[sentences.length - 1];
  const span = sentence ?? block.span;
  return { span, text: ms.text.slice(span.start, span.end).trim(), headingPath: block.headingPath };
}
