/**
 * Front matter as Pandoc reads it. Pandoc's YAML reader (HsYAML), like libyaml, accepts a quoted value that runs on
 * over lines starting at the margin, as R Markdown templates write long titles and author lists:
 *
 *     author: "Ben Goodrich and Jonathan Kropko, based on earlier
 *     versions written by Yu-Sung Su and Andrew Gelman"
 *
 * The `yaml` package holds to the letter of YAML 1.2 (a continuation line must be indented) and reports "Missing
 * closing quote" — a false error, and the bibliography unread. When the text has errors, the top-level quoted
 * values' margin lines are indented by one space and the text is read again; if that reads cleanly it is used,
 * with every offset mapped back to the author's text. Otherwise the errors of the text as written stand.
 */
import { parseDocument, type Document } from 'yaml';

export interface ReadYaml {
  doc: Document;
  /** Maps an offset in the text `doc` was read from to the same place in the YAML as written. */
  toSource: (offset: number) => number;
}

// `logLevel: 'error'`: the package's warnings ("Keys with collection values will be stringified…") would be
// written to the CLI's and the server's stderr; what matters in them reaches the author as a diagnostic or not at all.
const OPTIONS = { prettyErrors: false, uniqueKeys: false, logLevel: 'error' } as const;

export function readYaml(yaml: string): ReadYaml {
  const doc = parseDocument(yaml, OPTIONS);
  const same = { doc, toSource: (o: number) => o };
  if (!doc.errors.length) return same;
  const indented = indentQuotedContinuations(yaml);
  if (!indented) return same;
  const retry = parseDocument(indented.text, OPTIONS);
  if (retry.errors.length) return same;
  const at = indented.insertedAt;
  return { doc: retry, toSource: (o) => o - at.filter((p) => p < o).length };
}

/**
 * The text with one space before each margin line inside a top-level quoted value (`key: "…` not closed on its
 * line), and where those spaces went (offsets in the new text); null when there is no such line.
 */
function indentQuotedContinuations(yaml: string): { text: string; insertedAt: number[] } | null {
  const lines = yaml.split('\n');
  const insertedAt: number[] = [];
  let quote: '"' | "'" | null = null;
  let out = '';
  for (const line of lines) {
    if (out) out += '\n';
    if (quote) {
      if (line.length && !/^[ \t]/.test(line)) {
        insertedAt.push(out.length);
        out += ' ';
      }
      if (closes(line, quote)) quote = null;
    } else {
      const open = /^[^\s#'"][^:]*:[ \t]+(["'])/.exec(line);
      if (open && !closes(line.slice(open[0].length), open[1] as '"' | "'")) quote = open[1] as '"' | "'";
    }
    out += line;
  }
  return insertedAt.length ? { text: out, insertedAt } : null;
}

/** Whether `text` (inside a quoted scalar) holds its closing quote: `"` not escaped, or `'` not doubled. */
function closes(text: string, quote: '"' | "'"): boolean {
  if (quote === '"') return /(?:^|[^\\])(?:\\\\)*"/.test(text);
  return /'/.test(text.replace(/''/g, ''));
}
