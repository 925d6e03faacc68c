/**
 * Tables and figure legends read where the text first names them. The ICMJE's rule, which Vancouver, AMA and most
 * numeric journals follow: "references cited only in tables or figure legends should be numbered in accordance with
 * the sequence established by the first identification in the text of the particular table or figure". A manuscript
 * prepared for submission puts its tables and legends at the end, after the references; read in place, a table's
 * [5] and [6] came after the text's [7] and were reported misnumbered though the author numbered them right.
 *
 * A float is a pipe table with its caption ("Table 2. …", `Table: Table 2 …`, `: Table 2 …`, before or after it), or
 * a paragraph opening with a figure or table label ("Figure 3. …", "**Fig. 3** …", "Table 2. …" alone). When the text
 * names it ("Table 2", "Tab. 2", "Figure 3", "Fig. 3b") before the float stands, its citations are read at the end of
 * the sentence naming it (the sentence's own citations first, then the table's).
 *
 * Only floats after the start of the reference list: that is the submission layout the rule is written for. A
 * table standing in the text keeps its place in the reading order (as Pandoc reads it), since an author who places a
 * table two paragraphs after naming it may number in either order, and a false "misnumbered" costs more than a
 * missed one.
 */
import type { ProseBlock, Span } from '../types';

/** A float's label as a caption or legend opens it: the kind of float and its number. */
const LABEL = /^[ \t]*(?:\*\*|__|\*|_)?(?:Table:[ \t]*|:[ \t]+)?(?:(Table|Tab\.)|(Figure|Fig\.?))[ \t]+(\d{1,3}|[IVX]{1,5})\b/;

/** Spans of floats with where they are first named, when that is earlier than where they stand. */
export function floatsReadAtMention(text: string, blocks: readonly ProseBlock[], after: number): { span: Span; readAt: number }[] {
  const out: { span: Span; readAt: number }[] = [];
  if (after >= text.length) return out;
  // The blocks after `after` (blocks are in text order): most manuscripts have none or a few.
  let from = blocks.length;
  while (from > 0 && blocks[from - 1].span.start >= after) from--;
  const labelOf = (block: ProseBlock | undefined): { kind: 'table' | 'figure'; n: string } | null => {
    if (!block || block.kind !== 'paragraph') return null;
    const m = LABEL.exec(text.slice(block.span.start, block.span.start + 24));
    return m ? { kind: m[1] ? 'table' : 'figure', n: m[3] } : null;
  };
  for (let b = from; b < blocks.length; b++) {
    const block = blocks[b];
    let span: Span;
    let label: { kind: 'table' | 'figure'; n: string } | null;
    if (block.kind === 'table-cell') {
      // A pipe table: its cells, with the caption paragraph right before or after it (no other block between).
      let last = b;
      while (last + 1 < blocks.length && blocks[last + 1].kind === 'table-cell') last++;
      const before = b > from ? blocks[b - 1] : undefined;
      const next = blocks[last + 1];
      const captionBefore = labelOf(before)?.kind === 'table' ? before : undefined;
      const captionAfter = !captionBefore && labelOf(next)?.kind === 'table' ? next : undefined;
      label = labelOf(captionBefore ?? captionAfter);
      span = { start: (captionBefore ?? block).span.start, end: (captionAfter ?? blocks[last]).span.end };
      b = captionAfter ? last + 1 : last;
      if (captionBefore && out.length && out[out.length - 1].span.start === captionBefore.span.start) out.pop();
    } else {
      // A legend, or a table caption standing alone (its table given as an image or in another file).
      label = labelOf(block);
      span = block.span;
    }
    if (!label) continue;
    const mention = firstMention(text, label.kind, label.n, after);
    if (mention < 0) continue;
    const paragraph = blocks.find((x) => x.span.start <= mention && mention < x.span.end);
    out.push({ span, readAt: sentenceEnd(text, mention, paragraph ? paragraph.span.end : text.length) });
  }
  return out;
}

/** Where the text first names the float before `before` ("Table 2", "Tab. 2", "Figure 2", "Fig. 2A", "Figs. 2"), or -1. */
function firstMention(text: string, kind: 'table' | 'figure', n: string, before: number): number {
  const names = kind === 'table' ? ['Table ', 'Tab. ', 'table '] : ['Figure ', 'Fig. ', 'Figs. ', 'Fig ', 'figure ', 'fig. '];
  let first = -1;
  for (const name of names) {
    for (let at = text.indexOf(name + n); at >= 0 && at < before && (first < 0 || at < first); at = text.indexOf(name + n, at + 1)) {
      // "Table 2" names table 2, not 21; "Fig. 2b" names figure 2.
      const next = text[at + name.length + n.length] ?? '';
      if (/\d/.test(next) || /\p{L}/u.test(text[at - 1] ?? '')) continue;
      first = at;
      break;
    }
  }
  return first;
}

/**
 * The end of the sentence holding `at`, within `limit`: the first full stop, question or exclamation mark followed by
 * a space (not closing "Fig.", "et al.", "e.g.", an initial), with a bracketed citation right after it ("… Table 1. [5]").
 */
function sentenceEnd(text: string, at: number, limit: number): number {
  const re = /[.!?](?=\s|$)/g;
  re.lastIndex = text.indexOf(' ', at) + 1 || limit; // past the label's own "Tab." / "Fig."
  for (let m = re.exec(text); m && m.index < limit; m = re.exec(text)) {
    if (/(?:\b(?:Fig|Figs|Tab|al|e\.g|i\.e|vs|cf)|\b\p{Lu})$/u.test(text.slice(Math.max(0, m.index - 4), m.index))) continue;
    const after = /^\s*\[[^\]\n]*\]/.exec(text.slice(m.index + 1, limit));
    return m.index + 1 + (after ? after[0].length : 0);
  }
  return limit;
}
