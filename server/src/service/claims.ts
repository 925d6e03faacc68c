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

export function claimOf(ms: Manuscript, citation: Citation): Claim | null {
  const block = blockAt(ms, citation.span.start);
  if (!block) return null;
  const sentences = splitSentences(ms.text.slice(block.span.start, block.span.end), block.span.start);
  const sentence = sentences.find((s) => citation.span.start >= s.start && citation.span.start < s.end) ?? sentences[sentences.length - 1];
  const span = sentence ?? block.span;
  return { span, text: ms.text.slice(span.start, span.end).trim(), headingPath: block.headingPath };
}
