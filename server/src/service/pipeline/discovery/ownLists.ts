/**
 * Part of step 1, discovery: a book whose chapters each end with a numbered reference list of their own — a thesis
 * by publication (each chapter a paper, numbered from 1), an edited volume, proceedings — in Quarto, bookdown or a
 * `citelens.files` list. Numbering is then the chapter's: its `[1]` is its own list's first work, not the first
 * chapter's. Read as one manuscript, every later chapter's numbers named the first list's works (hovers, topic fit)
 * and any number past that list was an `unresolved-citation`.
 *
 * So when two chapters or more both cite by number and hold a numbered list, each of them is a manuscript of its
 * own (with the files it includes), and the other chapters stay together. A book with one list (at its end, or in
 * a chapter of references alone) is one manuscript, as before.
 */
import type { Manuscript } from '../../types';

/**
 * The files (by path) that make up the manuscript of `root` when chapters have lists of their own, or null when
 * the book is one manuscript. `includedBy` names the chapter each included file belongs to.
 */
export function chaptersWithOwnLists(files: readonly Manuscript[], root: string, includedBy: ReadonlyMap<string, string>): Set<string> | null {
  const owner = (uri: string): string => includedBy.get(uri) ?? uri;
  // A chapter with its own list that cites by number: a chapter of references alone is the book's list.
  const citing = new Set(files.filter((f) => f.citations.some((c) => c.style === 'numeric' && !c.nocite)).map((f) => owner(f.uri)));
  const listed = new Set(files.filter((f) => (f.referenceList?.items.length ?? 0) > 0 && citing.has(owner(f.uri))).map((f) => owner(f.uri)));
  if (listed.size < 2) return null;
  const group = listed.has(owner(root)) ? (uri: string) => owner(uri) === owner(root) : (uri: string) => !listed.has(owner(uri));
  return new Set(files.filter((f) => group(f.uri)).map((f) => f.uri));
}
