/**
 * Quick fixes of the topic-fit diagnostics (product.md §4–5):
 * - `off-topic-citation` → replace the cited work by a better-fitting one (`data.suggestions`), e.g.
 *   "Replace [18] with [3] “Denoising Diffusion Probabilistic Models” (fit 0.61)": one edit of the item's span.
 * - `orphaned-reference` with `data.fitsAt` → cite the work in a claim it fits, e.g.
 *   "Cite [6] (as [5]) in line 49: “In healthcare, diffusion models have demonstrated superior…” (fit 0.37);
 *   renumbers 14 references by first citation": `, 6` into the sentence's closing citation group, else `[6]` before
 *   its final punctuation, with the renumbering it needs in the same edit (`citeRenumbered.ts`); the editor is asked
 *   to reveal the place. The claim may be in another chapter than the diagnostic.
 */
import type { FitPlace } from '../problems/catalog/referenceList';
import type { OffTopicFit } from '../problems/catalog/topicFit';
import type { Citation, CiteItem, Manuscript, Span } from '../types';
import type { TextEdit, WorkspaceEdits } from './featureTypes';
import type { CodeActionResult, QuickFixContext, QuickFixTable } from './quickFixTypes';
import { citeRenumbered } from './citeRenumbered';
import { fileIndex } from './locate';
import { quotedTitleOf } from '../resolve/titles';

/** Replaces the off-topic item by each suggested work, best first (the first is preferred). */
export function replaceOffTopic({ analysis, path, manuscript, diagnostic, data }: QuickFixContext<'off-topic-citation'>): CodeActionResult[] {
  const suggestions = Array.isArray(data?.suggestions) ? data.suggestions.filter(isSuggestion) : [];
  if (!suggestions.length) return [];
  const found = itemAt(manuscript, diagnostic.span);
  if (!found) return [];
  const { citation, item } = found;
  // Inside a range `[2–5]` the span is the whole segment: replacing it would lose the other numbers.
  if (item.kind === 'number') {
    const segment = citation.segments?.find((s) => s.span.start === item.span.start && s.span.end === item.span.end);
    if (!segment || segment.from !== segment.to) return [];
  }
  const current = item.kind === 'number' ? `[${item.ref}]` : `@${item.ref}`;
  const alreadyCited = new Set(citation.items.map((i) => i.ref));
  const out: CodeActionResult[] = [];
  for (const s of suggestions) {
    // A number for a numeric item, a key for a Pandoc one; never a work the group already cites.
    if ((item.kind === 'number') !== /^\d+$/.test(s.ref) || alreadyCited.has(s.ref)) continue;
    const label = item.kind === 'number' ? `[${s.ref}]` : `@${s.ref}`;
    out.push({
      title: `Replace ${current} with ${label} “${clip(titleOfWork(analysis, s.ref, item.kind === 'number'), 60)}” (fit ${s.score.toFixed(2)})`,
      kind: 'quickfix',
      diagnostics: [diagnostic],
      edits: new Map([[path, [{ span: item.span, newText: s.ref }]]]),
      isPreferred: out.length === 0,
    });
  }
  return out;
}

/** The citation item whose span is exactly `span` (the diagnostic may be stale: then nothing). */
function itemAt(manuscript: Manuscript, span: Span): { citation: Citation; item: CiteItem } | null {
  for (const citation of manuscript.citations) {
    if (citation.span.end < span.start || citation.span.start > span.end || citation.malformed) continue;
    const item = citation.items.find((i) => i.span.start === span.start && i.span.end === span.end);
    if (item) return { citation, item };
  }
  return null;
}

/** Cites an uncited list item (or bibliography entry) at each claim it would fit best. */
export function citeOrphanWhereItFits({ analysis, diagnostic, data }: QuickFixContext<'orphaned-reference'>): CodeActionResult[] {
  const places = Array.isArray(data?.fitsAt) ? data.fitsAt.filter(isPlace) : [];
  const number = typeof data?.number === 'number' ? data.number : null;
  const key = typeof data?.key === 'string' ? data.key : null;
  if (!places.length || (number === null && key === null)) return [];
  const label = number !== null ? `[${number}]` : `[@${key}]`;
  const out: CodeActionResult[] = [];
  for (const place of places) {
    const file = fileIndex(analysis, place.uri);
    if (file < 0) continue;
    const manuscript = analysis.files[file];
    if (place.span.end > manuscript.text.length || place.span.start >= place.span.end) continue;
    const edit = number !== null ? numericInsertion(manuscript, place.span, number) : pandocInsertion(manuscript, place.span, key!);
    if (!edit) continue;
    // Numbers: the renumbering the new citation needs is part of the same edit (`citeRenumbered.ts`).
    const cited = number !== null ? citeRenumbered(analysis, place.uri, edit, number) : null;
    const edits: WorkspaceEdits = cited?.edits ?? new Map([[place.uri, [edit]]]);
    const renumbered = cited?.renumbered ? `; renumbers ${cited.renumbered} reference${cited.renumbered === 1 ? '' : 's'} by first citation` : '';
    const as = cited && cited.newNumber !== number ? ` (as [${cited.newNumber}])` : '';
    const line = lineOf(manuscript.text, place.span.start) + 1;
    out.push({
      title: `Cite ${label}${as} in line ${line}: “${clip(manuscript.text.slice(place.span.start, place.span.end), 60)}” (fit ${place.score.toFixed(2)})${renumbered}`,
      kind: 'quickfix',
      diagnostics: [diagnostic],
      edits,
      // The sentence may be far from the diagnostic (or in another chapter): the editor shows where it went.
      reveal: { path: place.uri, span: { start: edit.span.start, end: edit.span.start } },
    });
  }
  return out;
}

/** Closing punctuation a citation goes before: "images[6]." */
const FINAL_PUNCTUATION = /[.!?;:…]+$/;
/** What may follow a sentence's closing citation group within the sentence. */
const AFTER_GROUP = /^[\s.!?;:…,)"”’]*$/;

/**
 * `, 6` into the citation group that closes the sentence (`images[18].` → `images[18, 6].`, also
 * `images.[18]`), else `[6]` before the final punctuation (`images.` → `images[6].`).
 */
export function numericInsertion(manuscript: Manuscript, sentence: Span, number: number): TextEdit | null {
  const { text } = manuscript;
  const end = trimmedEnd(text, sentence);
  const group = closingGroup(manuscript, sentence, end, 'numeric');
  if (group) {
    if (group.items.some((i) => i.number === number)) return null;
    return { span: point(group.span.end - 1), newText: `${group.separator ?? ', '}${number}` };
  }
  return { span: point(beforePunctuation(text, sentence, end)), newText: `${spaceBefore(manuscript) ? ' ' : ''}[${number}]` };
}

/** `; @key` into a closing Pandoc group (`[@a]` → `[@a; @key]`), else `[@key]` before the final punctuation. */
export function pandocInsertion(manuscript: Manuscript, sentence: Span, key: string): TextEdit | null {
  const { text } = manuscript;
  const end = trimmedEnd(text, sentence);
  const group = closingGroup(manuscript, sentence, end, 'pandoc');
  if (group && text[group.span.start] === '[' && text[group.span.end - 1] === ']') {
    if (group.items.some((i) => i.key === key)) return null;
    return { span: point(group.span.end - 1), newText: `; @${key}` };
  }
  return { span: point(beforePunctuation(text, sentence, end)), newText: ` [@${key}]` };
}

function trimmedEnd(text: string, span: Span): number {
  let end = span.end;
  while (end > span.start && /\s/.test(text[end - 1])) end--;
  return end;
}

/** The last citation of the sentence when only punctuation follows it (or one right after the sentence). */
function closingGroup(manuscript: Manuscript, sentence: Span, end: number, style: Citation['style']): Citation | null {
  const { text } = manuscript;
  let last: Citation | null = null;
  for (const c of manuscript.citations) {
    if (c.span.start >= sentence.start && c.span.start <= end) last = c;
    else if (c.span.start > end) break;
  }
  if (!last || last.style !== style || last.malformed || last.nocite) return null;
  return AFTER_GROUP.test(text.slice(last.span.end, Math.max(end, last.span.end))) ? last : null;
}

function beforePunctuation(text: string, sentence: Span, end: number): number {
  const match = FINAL_PUNCTUATION.exec(text.slice(sentence.start, end));
  return match ? sentence.start + match.index : end;
}

/** True when the manuscript mostly writes a space before a numeric citation ("images [3]"). */
function spaceBefore(manuscript: Manuscript): boolean {
  let spaced = 0;
  let tight = 0;
  for (const c of manuscript.citations) {
    if (c.style !== 'numeric' || c.span.start === 0) continue;
    if (/\s/.test(manuscript.text[c.span.start - 1])) spaced++;
    else tight++;
  }
  return spaced > tight;
}

/** The 0-based line of `offset`. */
function lineOf(text: string, offset: number): number {
  let line = 0;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) line++;
  return line;
}

function point(offset: number): Span {
  return { start: offset, end: offset };
}

function clip(text: string, max: number): string {
  const t = text.replace(/\s+/g, ' ').trim();
  return t.length <= max ? t : `${t.slice(0, max).replace(/[\s,;:]+\S*$/, '')}…`;
}

/** A suggested work as the diagnostic carries it: how the text would cite it, and its fit. */
function isSuggestion(s: unknown): s is OffTopicFit['suggestions'][number] {
  return typeof field(s, 'ref') === 'string' && typeof field(s, 'score') === 'number';
}

/** The title of a work the text cites as `ref`: the entry's title, else the list item's own text. */
function titleOfWork(analysis: QuickFixContext['analysis'], ref: string, numeric: boolean): string {
  if (numeric) {
    const link = analysis.references.find((l) => String(l.item.number) === ref);
    const title = link?.entry?.getCsl()?.title;
    if (title) return title;
    const quoted = link ? quotedTitleOf(link.item.text) ?? undefined : undefined;
    return quoted ?? link?.item.text.replace(/[.\s]+$/, '') ?? ref;
  }
  return analysis.entriesByKey.get(ref)?.getCsl()?.title ?? ref;
}

function isPlace(p: unknown): p is FitPlace {
  const span = field(p, 'span');
  return typeof field(p, 'uri') === 'string' && typeof field(p, 'score') === 'number' && typeof field(span, 'start') === 'number' && typeof field(span, 'end') === 'number';
}

/** `value[name]` when `value` is an object, else undefined: for JSON the editor sent back. */
function field(value: unknown, name: string): unknown {
  return typeof value === 'object' && value !== null ? Reflect.get(value, name) : undefined;
}

/** The topic fit's quick-fix providers by diagnostic code (part of `quickFixes.ts`'s table). */
export const topicFitQuickFixes = {
  'off-topic-citation': [replaceOffTopic],
  'orphaned-reference': [citeOrphanWhereItFits],
} satisfies QuickFixTable;
