/**
 * The claims of an analysis for topic fit: one per sentence that cites something, with its citation groups,
 * paragraph and headings, and the work each resolution cites. Built per cited block (paragraph) and kept in the
 * `TopicFitCache` by the block's text, so a keystroke costs only for the paragraph it edits; claim ids
 * (`file|paragraph hash|sentence hash|n`) stay stable across edits elsewhere.
 */
import type { Analysis } from '../analysis';
import { blockAt, claimSpanIn, rowHeadOf } from './claimSpans';
import { workIdOf } from './citedWorks';
import type { ClaimText } from './texts';
import type { BlockEntry, ClaimTemplate, ClaimVariant, TopicFitCache, WorkInfo } from './topicFitCache';
import type { ProseBlock, Span } from '../types';
import { hashText, textFingerprint } from '../util/hash';

/** A claim of this analysis: a cached claim variant at its current position. */
export interface Pending {
  variant: ClaimVariant;
  claim: ClaimText;
  span: Span;
  file: number;
}

/** The claims of an analysis, and per resolution its claim and the work it cites. */
export interface AnalysisClaims {
  /** Every claim, in the order of the first resolution citing it. */
  pendings: Pending[];
  /** Per resolution: its claim (undefined: none, e.g. a `nocite`). */
  pendingOf: (Pending | undefined)[];
  /** Per resolution: the id of the work it cites, when that work is known to topic fit. */
  workIdOfResolution: (string | null)[];
}

/**
 * Claims: one per sentence that cites something, with its citation groups, in the order of the first resolution
 * citing each. Built per cited block and cached by the block's text, file, headings and citations, so only an
 * edited paragraph costs anything; ids (`file|paragraph hash|sentence hash|n`) stay stable across edits elsewhere.
 */
export function claimsOf(analysis: Analysis, byId: Map<string, WorkInfo>, works: WorkInfo[], cache: TopicFitCache): AnalysisClaims {
  if (cache.blocksFor !== works) {
    cache.blocks.clear();
    cache.blockCount = 0;
    cache.blocksFor = works;
  }
  const generation = ++cache.generation;
  const resolutions = analysis.resolutions;
  const n = resolutions.length;
  const workIdOfResolution: (string | null)[] = new Array(n).fill(null);
  const pendingOf: (Pending | undefined)[] = new Array(n);

  // Resolutions per cited block, blocks in order of their first resolution. Kept in flat arrays (per group: block,
  // file, where its resolutions start in `order`, how many): objects and growing arrays per paragraph were ~0.5 MB
  // of garbage a keystroke.
  const groupOfBlock = new Map<ProseBlock, number>();
  const groupBlock: ProseBlock[] = [];
  const groupFile: number[] = [];
  const groupSize: number[] = [];
  const groupOf = new Int32Array(n).fill(-1);
  for (let i = 0; i < n; i++) {
    const r = resolutions[i];
    if (r.citation.nocite || r.citation.malformed) continue;
    const block = blockAt(analysis.files[r.file], r.citation.span.start);
    if (!block) continue;
    const id = workIdOf(r);
    if (id && byId.has(id)) workIdOfResolution[i] = id;
    let g = groupOfBlock.get(block);
    if (g === undefined) {
      groupOfBlock.set(block, (g = groupBlock.length));
      groupBlock.push(block);
      groupFile.push(r.file);
      groupSize.push(0);
    }
    groupOf[i] = g;
    groupSize[g]++;
  }
  // Each group's resolutions, in document order, as a run of `order` (a counting sort).
  const groups = groupBlock.length;
  const groupStart = new Int32Array(groups + 1);
  for (let g = 0; g < groups; g++) groupStart[g + 1] = groupStart[g] + groupSize[g];
  const order = new Int32Array(groupStart[groups]);
  const filled = groupStart.slice(0, groups);
  for (let i = 0; i < n; i++) if (groupOf[i] >= 0) order[filled[groupOf[i]]++] = i;

  // Each claim of each block, with the first resolution citing it: `found` holds (group, claim, first) triples.
  const entries: BlockEntry[] = new Array(groups);
  const claimStart = new Int32Array(groups + 1);
  const found: number[] = [];
  let interleaved = false;
  let last = -1;
  for (let g = 0; g < groups; g++) {
    const indices = order.subarray(groupStart[g], groupStart[g + 1]);
    if (indices[0] < last) interleaved = true;
    last = indices[indices.length - 1];
    const entry = (entries[g] = blockEntry(analysis, groupFile[g], groupBlock[g], indices, workIdOfResolution, generation, cache));
    claimStart[g + 1] = claimStart[g] + entry.claims.length;
    // A block's claims are listed in order of their first resolution.
    const base = found.length;
    for (let t = 0; t < entry.claims.length; t++) found.push(g, t, -1);
    for (let j = 0; j < indices.length; j++) {
      const at = base + 3 * entry.claimOf[j] + 2;
      if (found[at] < 0) found[at] = indices[j];
    }
  }
  // Blocks whose resolutions interleave (not in document order): restore the order of first resolutions.
  let sequence: number[] | null = null;
  if (interleaved) {
    sequence = Array.from({ length: found.length / 3 }, (_, k) => 3 * k);
    sequence.sort((a, b) => found[a + 2] - found[b + 2]);
  }

  // Occurrence numbers: the n-th identical sentence (same file, paragraph text and sentence) gets id `…|n`.
  const seenText = new Map<string, number>();
  const pendings: Pending[] = [];
  const pendingOfClaim: Pending[] = new Array(claimStart[groups]);
  for (let k = 0; k < found.length / 3; k++) {
    const at = sequence ? sequence[k] : 3 * k;
    const g = found[at];
    const t = found[at + 1];
    const template = entries[g].claims[t];
    const seen = seenText.get(template.base) ?? 0;
    seenText.set(template.base, seen + 1);
    const variant = (template.variants[seen] ??= newVariant(template, seen));
    const start = groupBlock[g].span.start + template.start;
    const end = groupBlock[g].span.start + template.end;
    // The same span object while the claim has not moved, so its fits can be handed out again; and the same
    // pending while its file is the same too.
    const span = variant.span && variant.span.start === start && variant.span.end === end ? variant.span : (variant.span = { start, end });
    const kept = variant.pending;
    const pending = kept && kept.span === span && kept.file === groupFile[g] ? kept : (variant.pending = { variant, claim: variant.claim, span, file: groupFile[g] });
    pendingOfClaim[claimStart[g] + t] = pending;
    pendings.push(pending);
  }
  for (let g = 0; g < groups; g++) {
    const claimOf = entries[g].claimOf;
    for (let j = 0, i = groupStart[g]; i < groupStart[g + 1]; i++, j++) pendingOf[order[i]] = pendingOfClaim[claimStart[g] + claimOf[j]];
  }
  pruneBlocks(cache, generation);
  return { pendings, pendingOf, workIdOfResolution };
}

/** The cached claims of a block with these resolutions (`indices`), built when the block is new or changed. */
function blockEntry(
  analysis: Analysis,
  file: number,
  block: ProseBlock,
  indices: ArrayLike<number>,
  workIds: (string | null)[],
  generation: number,
  cache: TopicFitCache,
): BlockEntry {
  const ms = analysis.files[file];
  const text = ms.text.slice(block.span.start, block.span.end);
  // A numeric key (`textFingerprint`): a key string of the length and ends was ~100 bytes of garbage per
  // paragraph a keystroke, and hashing whole paragraphs cost more still.
  const fingerprint = textFingerprint(text);
  const candidates = cache.blocks.get(fingerprint);
  const resolutions = analysis.resolutions;
  if (candidates) {
    for (const entry of candidates) {
      if (entry.file !== file || entry.offsets.length !== indices.length || entry.text !== text || !sameStrings(entry.headingPath, block.headingPath)) continue;
      let same = true;
      for (let j = 0; j < indices.length && same; j++) {
        same = entry.offsets[j] === resolutions[indices[j]].citation.span.start - block.span.start && entry.workIds[j] === workIds[indices[j]];
      }
      if (same) {
        entry.lastUsed = generation;
        return entry;
      }
    }
  }
  const { entry, cacheable } = buildBlockEntry(analysis, file, block, text, indices, workIds, cache.sentences.of(text));
  entry.lastUsed = generation;
  if (cacheable) {
    if (candidates) candidates.push(entry);
    else cache.blocks.set(fingerprint, [entry]);
    cache.blockCount++;
  }
  return entry;
}

function buildBlockEntry(
  analysis: Analysis,
  file: number,
  block: ProseBlock,
  text: string,
  indices: ArrayLike<number>,
  workIds: (string | null)[],
  sentences: readonly Span[],
): { entry: BlockEntry; cacheable: boolean } {
  const ms = analysis.files[file];
  const paragraphId = `${file}|${hashText(text)}`;
  const entry: BlockEntry = { file, headingPath: block.headingPath, offsets: [], workIds: [], claims: [], claimOf: [], lastUsed: 0, text };
  let cacheable = true;
  // A table cell has no neighbouring sentences: its context is its row's first cell (what the row is about). That
  // text is another block's, so the entry is not cached by this block's text alone.
  const rowHead = rowHeadOf(ms, block);
  if (rowHead) cacheable = false;
  const byStart = new Map<number, number>();
  for (let k = 0; k < indices.length; k++) {
    const i = indices[k];
    const r = analysis.resolutions[i];
    const offset = r.citation.span.start - block.span.start;
    const id = workIds[i];
    entry.offsets.push(offset);
    entry.workIds.push(id);
    const span = claimSpanIn(sentences, text.length, offset);
    let t = byStart.get(span.start);
    if (t === undefined) {
      // The paragraph is the block holding the sentence's start: the citation's block, unless blocks nest.
      let paragraph = paragraphId;
      const holder = blockAt(ms, block.span.start + span.start);
      if (holder !== block) {
        cacheable = false;
        const p = holder?.span ?? { start: 0, end: 0 };
        paragraph = `${file}|${hashText(ms.text.slice(p.start, p.end))}`;
      }
      t = entry.claims.length;
      byStart.set(span.start, t);
      entry.claims.push({
        start: span.start,
        end: span.end,
        text: text.slice(span.start, span.end),
        base: `${paragraph}|${hashText(text.slice(span.start, span.end).trim())}`,
        paragraphId: paragraph,
        paragraph: text,
        context: rowHead ? ms.text.slice(rowHead.span.start, rowHead.span.end) : neighbours(sentences, span, text),
        headingPath: block.headingPath,
        citedWorkIds: [],
        citations: [],
        variants: [],
      });
    }
    entry.claimOf.push(t);
    const claim = entry.claims[t];
    if (id) {
      if (!claim.citedWorkIds.includes(id)) claim.citedWorkIds.push(id);
      const at = offset - claim.start;
      const group = claim.citations.find((g) => g.offset === at);
      if (group) group.workIds.push(id);
      else claim.citations.push({ offset: at, workIds: [id] });
    }
  }
  return { entry, cacheable };
}

/** The sentences of the block just before and just after `span` (the claim's context), as one text. */
function neighbours(sentences: readonly Span[], span: Span, text: string): string {
  let before: Span | undefined;
  let after: Span | undefined;
  for (const s of sentences) {
    if (s.end <= span.start) before = s;
    else if (s.start >= span.end && !after) after = s;
  }
  return [before, after].filter((s): s is Span => s !== undefined).map((s) => text.slice(s.start, s.end).trim()).join(' ');
}

function newVariant(template: ClaimTemplate, n: number): ClaimVariant {
  const claim: ClaimText = {
    id: `${template.base}|${n}`,
    text: template.text,
    headingPath: template.headingPath,
    paragraphId: template.paragraphId,
    paragraph: template.paragraph,
    context: template.context,
    citedWorkIds: template.citedWorkIds,
    citations: template.citations,
  };
  return { claim, key: claimKey(claim), span: null, threshold: NaN, resultKeys: new Map(), orphans: null };
}

/** Forgets blocks unused for a few analyses once they outnumber the live ones (an editing session makes many). */
function pruneBlocks(cache: TopicFitCache, generation: number): void {
  if (cache.blockCount < 2000) return;
  let live = 0;
  for (const entries of cache.blocks.values()) for (const e of entries) if (e.lastUsed === generation) live++;
  if (cache.blockCount < 2 * live + 2000) return;
  for (const [fingerprint, entries] of cache.blocks) {
    const kept = entries.filter((e) => e.lastUsed >= generation - 8);
    cache.blockCount -= entries.length - kept.length;
    if (kept.length) cache.blocks.set(fingerprint, kept);
    else cache.blocks.delete(fingerprint);
  }
}

function sameStrings(a: readonly string[], b: readonly string[]): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}


/**
 * What identifies a claim's content: its id already hashes the sentence and its paragraph; add what it cites
 * and where (cheaper than serialising the whole claim on every keystroke).
 */
function claimKey(claim: ClaimText): string {
  return `${claim.id}\u0000${claim.citedWorkIds.join(',')}\u0000${(claim.citations ?? []).map((g) => `${g.offset}:${g.workIds.join(',')}`).join(';')}\u0000${claim.headingPath.join('>')}`;
}
