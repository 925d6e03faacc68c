/**
 * Pandoc's definition lists (`definition_lists`), as far as remark must know them to read them as prose:
 *
 * ```
 * Term
 * :   Definition [@a].
 *
 *     A second paragraph of the definition [@b].
 * ```
 *
 * remark, which knows no definition lists, reads `Term` and the `:` line as a paragraph (right: both are prose) but
 * the indented paragraph after the blank line as indented code, so `[@b]` — a citation to Pandoc — was not read.
 * For remark only (offsets kept; citations are read from the source), the `:` or `~` marker of such a definition
 * is made a bullet `-`: the indented paragraphs are then the item's own, prose, as in Pandoc. Only a definition
 * with such a paragraph, and not a table's caption (`: Caption` under a table, whose line above holds a `|` or is a
 * table's border).
 */

/** A definition's first line: `:` or `~`, indented up to two spaces, then white space and text. */
const MARKER = /^ {0,2}[:~][ \t]+\S/;
/** A line that belongs to a table (a pipe row, a border, a dash underline): a `:` under it is a caption. */
const TABLE_LINE = /\||^[ \t]*[-+=:]{3,}[-+=: \t]*$/;
/** An indented line (four spaces or a tab): a definition's next paragraph. */
const INDENTED = /^(?: {4}|\t)[ \t]*\S/;

/**
 * Offsets of the definition markers to read as bullets (see above), outside code fences. A chunk (`chunks.ts`)
 * never starts at a definition, so its term is always in the same text.
 */
export function definitionMarkers(text: string): number[] {
  if (!/(?:^|\n) {0,2}[:~][ \t]/.test(text)) return [];
  const lines = [...text.matchAll(/^.*$/gm)].map((m) => ({ at: m.index, line: m[0].replace(/\r$/, '') }));
  const out: number[] = [];
  let fence: string | null = null;
  lines.forEach(({ at, line }, i) => {
    const code = /^ {0,3}(`{3,}|~{3,})/.exec(line);
    if (fence) {
      if (line.trim().startsWith(fence) && line.trim().replace(/[`~]/g, '') === '') fence = null;
      return;
    }
    if (code) {
      fence = code[1];
      return;
    }
    if (!MARKER.test(line)) return;
    // The term: the line above, or the one above a blank line; not a table's row or border, not blank.
    const above = lines[i - 1]?.line.trim() === '' ? lines[i - 2] : lines[i - 1];
    if (!above || above.line.trim() === '' || TABLE_LINE.test(above.line) || /^\s*Table:/.test(above.line)) return;
    // A later paragraph of the definition: after a blank line, an indented line, before any line that is not.
    for (let k = i + 1; k < lines.length; k++) {
      const next = lines[k].line;
      if (next.trim() === '') continue;
      if (INDENTED.test(next) && lines[k - 1].line.trim() === '') out.push(at + line.indexOf(line.trim()[0]));
      if (!/^[ \t]/.test(next) || lines[k - 1].line.trim() === '') break;
    }
  });
  return out;
}

/** `text` with the characters at `offsets` made `-` (one character each: offsets kept). */
export function asBullets(text: string, offsets: readonly number[]): string {
  if (!offsets.length) return text;
  let out = '';
  let from = 0;
  for (const at of offsets) {
    out += text.slice(from, at) + '-';
    from = at + 1;
  }
  return out + text.slice(from);
}

