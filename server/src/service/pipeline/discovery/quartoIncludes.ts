/**
 * Quarto's `{{< include _file.qmd >}}`: Quarto pastes the file's text in place of the shortcode before Pandoc
 * reads the document, so the included file's citations are the including document's. Citelens does not paste
 * (an included file stays a file of its own, where its diagnostics belong, with its own offsets): it reads each
 * included file as a chapter of the same manuscript, right after the chapter that includes it. Its citations
 * then count as cited (no orphaned reference-list items, no uncited-work reports), and its keys resolve against
 * the manuscript's bibliography. The order is approximate: the included text is judged after the rest of the
 * including chapter, not at the shortcode (numbering-order checks may see a citation a little late).
 *
 * A shortcode is read on a line of its own, as Quarto's documentation writes it, outside code blocks and
 * comments (the parsed manuscript's excluded spans); Quarto's escaped form (`{{</\*` … `*\/>}}`) is not an include.
 * The path is relative to the including file; a path starting with `/` is relative to the Quarto project's
 * folder (that of `_quarto.yml`, else the root chapter's).
 */
import { posix as path } from 'node:path';
import type { Manuscript, Span } from '../../types';

/** One include shortcode: the file it names (absolute path) and where the shortcode is written. */
export interface QuartoInclude {
  file: string;
  /** The path as written. */
  name: string;
  span: Span;
}

const INCLUDE = /^[ \t]{0,3}\{\{<[ \t]+include[ \t]+("([^"\n]+)"|'([^'\n]+)'|([^\s>]+))[ \t]*>\}\}[ \t]*$/gm;

/** The include shortcodes of `manuscript`, in text order. `projectDir`: where `/…` paths start. */
export function quartoIncludes(manuscript: Manuscript, projectDir: string): QuartoInclude[] {
  const { text } = manuscript;
  if (!text.includes('{{<')) return [];
  const out: QuartoInclude[] = [];
  for (const m of text.matchAll(INCLUDE)) {
    const start = m.index;
    if (manuscript.excluded.some((s) => s.start <= start && start < s.end)) continue;
    const name = m[2] ?? m[3] ?? m[4];
    const file = name.startsWith('/') ? path.join(projectDir, name) : path.resolve(path.dirname(manuscript.uri), name);
    out.push({ file, name, span: { start, end: start + m[0].length } });
  }
  return out;
}
