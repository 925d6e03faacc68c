/**
 * A file holding several chapters, each with its own reference list numbered from 1 (a thesis or an edited volume
 * in one Markdown file). Citelens reads one list per manuscript — the longest (`referenceList.ts`) — so the numbers
 * of the other chapters named its works: wrong hovers and topic fit, "never cited" and "out of order" where there
 * was nothing wrong, and a renumbering that would rewrite them by the wrong list.
 *
 * Each list is cited by the text before it, back to the list before (a chapter and its references); text after the
 * last list goes with it. The numbers of a part whose list is another one are left unread — not checked, rather
 * than checked against works they do not name — when they look like that list's: all within its numbers, and
 * citing at least half of it (a chapter cites its own list; an appendix after the references citing them does not
 * fit a short list of its own). A file with one list is unchanged. (A book of chapter *files* is read chapter by
 * chapter instead: `pipeline/discovery/ownLists.ts`.)
 */
import type { Citation, ReferenceList, Span } from '../types';

/** `citations` without the numeric ones that cite another list of the file than `list`. */
export function withoutOtherListsCitations(citations: Citation[], list: ReferenceList | null): Citation[] {
  if (!list?.separate?.length) return citations;
  const lists = [{ span: list.span, count: list.items.length, chosen: true }, ...list.separate.map((s) => ({ ...s, chosen: false }))]
    .sort((a, b) => a.span.start - b.span.start);
  const dropped: Span[] = [];
  lists.forEach((l, k) => {
    if (l.chosen) return;
    const part = { start: k === 0 ? 0 : lists[k - 1].span.end, end: k === lists.length - 1 ? Number.MAX_SAFE_INTEGER : l.span.end };
    const numbers = citations
      .filter((c) => c.style === 'numeric' && !c.nocite && c.span.start >= part.start && c.span.start < part.end)
      .flatMap((c) => c.items.map((i) => i.number ?? 0));
    const cited = new Set(numbers);
    if (numbers.length && numbers.every((n) => n >= 1 && n <= l.count) && cited.size * 2 >= l.count) dropped.push(part);
  });
  if (!dropped.length) return citations;
  return citations.filter((c) => c.style !== 'numeric' || c.nocite || !dropped.some((p) => c.span.start >= p.start && c.span.start < p.end));
}
