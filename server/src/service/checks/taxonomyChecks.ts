/**
 * The taxonomy's part of a manuscript's analysis: where its terms are used in each file (outside code, math,
 * comments and citations) and the term checks over the files in reading order (`non-preferred-term`,
 * `undefined-abbreviation`, an abbreviation defined in one chapter counting as defined in the next).
 *
 * Here, not in `taxonomy/`, because it joins two parsers' output (the manuscript's chunks and excluded spans, the
 * taxonomy's matcher), which the parsers themselves never import from each other.
 */
import { LRUCache } from 'lru-cache';
import { splitChunks } from '../markdown/chunks';
import { normalizeSpans } from '../markdown/parseMarkdown';
import { derivedFrom, findAbbreviationDefinitions, findTermUses, nonPreferredTerms, type Taxonomy, type TermUse, undefinedAbbreviations } from '../taxonomy';
import type { Manuscript, Problem, Span } from '../types';

const USES_BY_CHUNK = Symbol('term uses by chunk');

/**
 * The term uses of each chunk of text (with its excluded spans) a taxonomy has seen, kept on the taxonomy, so a
 * keystroke re-matches one paragraph, not the manuscript. Bounded by `maxSize` counting 1 per chunk rather than by
 * `max`, which allocates its 20,000 slots up front.
 */
function usesByChunk(taxonomy: Taxonomy): LRUCache<string, TermUse[]> {
  return derivedFrom(taxonomy, USES_BY_CHUNK, () => new LRUCache<string, TermUse[]>({ maxSize: 20_000, sizeCalculation: () => 1 }));
}

/** Term uses in a manuscript, outside code, math, comments and citations. */
export function termUsesOf(taxonomy: Taxonomy, ms: Manuscript): TermUse[] {
  const byChunk = usesByChunk(taxonomy);
  const excluded = normalizeSpans([...ms.excluded, ...ms.citations.map((c) => c.span)]);
  const out: TermUse[] = [];
  let e = 0;
  for (const chunk of splitChunks(ms.text)) {
    const chunkText = ms.text.slice(chunk.start, chunk.end);
    const local: Span[] = [];
    while (e < excluded.length && excluded[e].end <= chunk.start) e++;
    for (let i = e; i < excluded.length && excluded[i].start < chunk.end; i++) {
      local.push({ start: Math.max(0, excluded[i].start - chunk.start), end: Math.min(chunk.end, excluded[i].end) - chunk.start });
    }
    const key = `${local.map((s) => `${s.start}-${s.end}`).join(',')}|${chunkText}`;
    let uses = byChunk.get(key);
    if (!uses) {
      uses = findTermUses(taxonomy, chunkText, local);
      byChunk.set(key, uses);
    }
    for (const u of uses) out.push({ ...u, span: { start: u.span.start + chunk.start, end: u.span.end + chunk.start } });
  }
  return out;
}

/** The term checks over the manuscript's files in reading order. */
export function termProblems(taxonomy: Taxonomy, files: Manuscript[], uses: TermUse[][]): Problem[] {
  const problems: Problem[] = [];
  const defined = new Set<string>();
  files.forEach((ms, i) => {
    // Not in headings (issue 16 item 13): a heading names a section, often as the field or the journal does, and
    // renaming it breaks the anchors that links and tables of contents point at; the prose under it is checked.
    const headings = ms.headings.map((h) => h.span);
    const inHeading = (u: TermUse) => headings.some((h) => h.start <= u.span.start && u.span.end <= h.end);
    problems.push(...nonPreferredTerms(uses[i].filter((u) => !inHeading(u)), taxonomy, ms.uri));
    problems.push(...undefinedAbbreviations(ms.text, uses[i], taxonomy, ms.uri, { alreadyDefined: defined, excluded: ms.excluded }));
    for (const d of findAbbreviationDefinitions(ms.text, uses[i], taxonomy)) {
      const abbreviation = taxonomy.byId.get(d.termId)?.abbreviation;
      if (abbreviation) defined.add(abbreviation);
    }
  });
  return problems;
}
