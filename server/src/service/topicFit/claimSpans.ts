/**
 * The claim a citation supports: the sentence holding it (a citation after the full stop belongs to the
 * sentence before), with the heading path as context. Shared by topic fit (citingClaims.ts) and `citelens
 * citations`.
 */
import { LRUCache } from 'lru-cache';
import { splitSentences } from './sentences';
import type { Citation, Manuscript, ProseBlock, Span } from '../types';
import { lastStartingAtOrBefore } from '../util/search';

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
  const found = lastStartingAtOrBefore(blocks, offset, (b) => b.span.start);
  // A block nested in an earlier one (should the tree ever give one) is found by looking back a little.
  for (let i = found; i >= 0 && i >= found - 3; i--) {
    if (offset >= blocks[i].span.start && offset < blocks[i].span.end) return blocks[i];
  }
  return null;
}

/**
 * The first cell of the table row holding `cell` (a `table-cell` block), when that is another cell: what the row
 * is about ("PubMed Identifier (PMID) | NCBI E-utilities | [17]"), the context of a claim in a later cell. The
 * row is the cell's line (a pipe table's row; one line of a Pandoc simple or multiline table).
 */
export function rowHeadOf(ms: Manuscript, cell: ProseBlock): ProseBlock | null {
  if (cell.kind !== 'table-cell') return null;
  const lineStart = ms.text.lastIndexOf('\n', cell.span.start - 1) + 1;
  let i = lastStartingAtOrBefore(ms.blocks, cell.span.start, (b) => b.span.start);
  while (i > 0 && ms.blocks[i - 1].kind === 'table-cell' && ms.blocks[i - 1].span.start >= lineStart) i--;
  const head = ms.blocks[i];
  return head && head !== cell && head.kind === 'table-cell' && head.span.start >= lineStart ? head : null;
}

/**
 * Sentences of blocks, split once per block *text* (offsets relative to the block): a block with thousands of
 * citations is split once, not once per citation (500 citations in one paragraph: ~1 s otherwise), and an
 * unchanged paragraph is not split again when the bibliography changed. Owned by whoever splits (the service's
 * `TopicFitCache`, one `citelens citations` run); the least recently used texts are forgotten.
 */
export class SentenceSplits {
  private readonly byText = new LRUCache<string, Span[]>({ max: 20_000 });

  /** The sentence spans of `blockText`. The returned array is shared: do not modify it. */
  of(blockText: string): readonly Span[] {
    let relative = this.byText.get(blockText);
    if (!relative) {
      relative = boundLength(blockText, splitSentences(blockText, 0));
      this.byText.set(blockText, relative);
    }
    return relative;
  }
}

/**
 * A "sentence" longer than this is no sentence: a run of thousands of citations with no full stop (262 KB, 4,000
 * citations) made every citation's claim the whole paragraph, and topic fit and `citelens citations` quadratic
 * (92 s; a JSON string too long to build). Such a run is cut into pieces of about {@link CLAIM_PIECE} characters,
 * each ending at a space outside brackets (never inside a citation). Real sentences are far shorter.
 */
const MAX_CLAIM = 2_000;
const CLAIM_PIECE = 1_000;

/** `sentences` of `text`, with any longer than {@link MAX_CLAIM} cut into pieces (one pass over each). */
function boundLength(text: string, sentences: Span[]): Span[] {
  if (!sentences.some((s) => s.end - s.start > MAX_CLAIM)) return sentences;
  const out: Span[] = [];
  for (const s of sentences) {
    if (s.end - s.start <= MAX_CLAIM) {
      out.push(s);
      continue;
    }
    let start = s.start;
    let depth = 0;
    for (let i = s.start; i < s.end; i++) {
      const c = text[i];
      if (c === '[') depth++;
      else if (c === ']') depth = Math.max(0, depth - 1);
      // An unclosed `[` does not stop the cutting: past four pieces, any space will do.
      else if ((depth === 0 || i - start >= 4 * CLAIM_PIECE) && i - start >= CLAIM_PIECE && s.end - i > CLAIM_PIECE / 2 && (c === ' ' || c === '\n')) {
        out.push({ start, end: i });
        start = i + 1;
      }
    }
    out.push({ start, end: s.end });
  }
  return out;
}

/**
 * The span of the claim (sentence) holding offset `at` of a block, relative to the block, from the block's
 * `sentences` (as `SentenceSplits` gives them) and its length.
 */
export function claimSpanIn(sentences: readonly Span[], blockLength: number, at: number): Span {
  // Sentences are in order and disjoint: the last one starting at or before the citation.
  const found = lastStartingAtOrBefore(sentences, at, (s) => s.start);
  return (found >= 0 && at < sentences[found].end ? sentences[found] : undefined) ?? sentences[sentences.length - 1] ?? { start: 0, end: blockLength };
}

export function claimOf(ms: Manuscript, citation: Citation, splits: SentenceSplits): Claim | null {
  const block = blockAt(ms, citation.span.start);
  if (!block) return null;
  const start = block.span.start;
  const relative = claimSpanIn(splits.of(ms.text.slice(start, block.span.end)), block.span.end - start, citation.span.start - start);
  const span = { start: relative.start + start, end: relative.end + start };
  return { span, text: ms.text.slice(span.start, span.end).trim(), headingPath: block.headingPath };
}
