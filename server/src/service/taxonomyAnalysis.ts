/**
 * The taxonomy in an analysis: where its terms are used in each manuscript file (cached per chunk of text,
 * so a keystroke re-matches one paragraph, not the manuscript) and the term checks
 * (`non-preferred-term`, `undefined-abbreviation`, judged across chapters in order).
 */
import { splitChunks } from './markdown/chunks';
import { normalizeSpans } from './markdown/parseMarkdown';
import { findAbbreviationDefinitions, findTermUses, nonPreferredTerms, type Taxonomy, type TermUse, undefinedAbbreviations } from './taxonomy';
import type { Manuscript, Problem, Span } from './types';

const cache = new WeakMap<Taxonomy, Map<string, TermUse[]>>();

/** Term uses in a manuscript, outside code, math, comments and citations. */
export function termUsesOf(taxonomy: Taxonomy, ms: Manuscript): TermUse[] {
  let byChunk = cache.get(taxonomy);
  if (!byChunk) cache.set(taxonomy, (byChunk = new Map()));
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
      if (byChunk.size > 20000) byChunk.delete(byChunk.keys().next().value!);
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
    problems.push(...nonPreferredTerms(uses[i], taxonomy, ms.uri));
    problems.push(...undefinedAbbreviations(ms.text, uses[i], taxonomy, ms.uri, { alreadyDefined: defined, excluded: ms.excluded }));
    for (const d of findAbbreviationDefinitions(ms.text, uses[i], taxonomy)) {
      const abbreviation = taxonomy.byId.get(d.termId)?.abbreviation;
      if (abbreviation) defined.add(abbreviation);
    }
  });
  return problems;
}
