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

/**
 * The prose block holding `offset`. Blocks are disjoint and in document order (paragraphs, headings, table
 * cells), so a binary search finds it.
 */
export function blockAt(ms: Manuscript, offset: number): ProseBlock | null {
  const blocks = ms.blocks;
  let lo = 0;
  let hi = blocks.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (blocks[mid].span.start <= offset) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  // A block nested in an earlier one (should the tree ever give one) is found by looking back a little.
  for (let i = found; i >= 0 && i >= found - 3; i--) {
    if (offset >= blocks[i].span.start && offset < blocks[i].span.end) return blocks[i];
  }
  return null;
}

/**
 * Sentences of a block, split once per block *text* (offsets relative to the block): a block with thousands of
 * citations is split once, not once per citation, and an unchanged paragraph is not split again after an edit
 * elsewhere moved it. The returned array is shared: do not modify it.
 */
const sentencesByText = new Map<string, Span[]>();

export function sentenceSpansOf(blockText: string): readonly Span[] {
  let relative = sentencesByText.get(blockText);
  if (!relative) {
    relative = splitSentences(blockText, 0);
    sentencesByText.set(blockText, relative);
    if (sentencesByText.size > 20000) sentencesByText.delete(sentencesByText.keys().next().value!);
  }
  return relative;
}

/**
 * The span of the claim (sentence) holding offset `at` of a block, relative to the block, from the block's
 * `sentences` (as `sentenceSpansOf` gives them) and its length.
 */
export function claimSpanIn(sentences: readonly Span[], blockLength: number, at: number): Span {
  // Sentences are in order and disjoint: binary search for the last one starting at or before the citation.
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
  return (found >= 0 && at < sentences[found].end ? sentences[found] : undefined) ?? sentences[sentences.length - 1] ?? { start: 0, end: blockLength };
}

export function claimOf(ms: Manuscript, citation: Citation): Claim | null {
  const block = blockAt(ms, citation.span.start);
  if (!block) return null;
  const start = block.span.start;
  const relative = claimSpanIn(sentenceSpansOf(ms.text.slice(start, block.span.end)), block.span.end - start, citation.span.start - start);
  const span = { start: relative.start + start, end: relative.end + start };
  return { span, text: ms.text.slice(span.start, span.end).trim(), headingPath: block.headingPath };
}
