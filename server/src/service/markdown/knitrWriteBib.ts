/**
 * `knitr::write_bib(…)` calls in an R Markdown or Quarto source: bookdown's template writes the bibliography of the R
 * packages it uses when the book is knitted,
 *
 * ```r
 * knitr::write_bib(c(
 *   .packages(), 'bookdown', 'knitr', 'rmarkdown'
 * ), 'packages.bib')
 * ```
 *
 * whose keys are the package names after a prefix, `R-` unless the call or the option `knitr.bib.prefix` says
 * otherwise (`@R-base`, `@R-bookdown`). Before the first knit the file does not exist (many books do not commit it).
 *
 * papaja's APA manuscripts do the same through `papaja::r_refs("r-references.bib")` in their setup chunk (the
 * template's), which calls `write_bib` with the same `prefix` argument and default, `R-` (`@R-papaja`, and the
 * `[@R-base; @R-papaja]` that `cite_r()` writes).
 */

/** The R functions that write a package bibliography when the document is knitted, as a message names them. */
const WRITERS: Record<string, string> = { write_bib: 'knitr::write_bib', r_refs: 'papaja::r_refs' };

/** Whether `text` may hold a call of a writer (a cheap test before `writeBibCalls`). */
export function mayWriteBib(text: string): boolean {
  return text.includes('write_bib(') || text.includes('r_refs(');
}

/** The text of each `write_bib(…)` or `r_refs(…)` call in `text`, its parentheses balanced (over lines), up to a bound. */
export function writeBibCalls(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(/\b(?:write_bib|r_refs)\(/g)) {
    let depth = 0;
    let end = m.index + m[0].length - 1;
    const limit = Math.min(text.length, end + 2000);
    for (; end < limit; end++) {
      const c = text[end];
      if (c === '(') depth++;
      else if (c === ')' && --depth === 0) break;
    }
    out.push(text.slice(m.index, end + 1));
  }
  return out;
}

/**
 * The function (`knitr::write_bib`, `papaja::r_refs`) of a call in `text` that writes the file `name`
 * (`'packages.bib'`, `"bib/packages.bib"`), if any.
 */
export function bibliographyWriter(text: string, name: string): string | undefined {
  const call = writeBibCalls(text).find((c) => [`'${name}'`, `"${name}"`, `/${name}'`, `/${name}"`].some((q) => c.includes(q)));
  return call === undefined ? undefined : WRITERS[/^\w+/.exec(call)![0]];
}

/** The key prefixes of the entries `write_bib` calls in `text` write: `prefix = 'pkg-'` when given, else `R-`. */
export function writeBibPrefixes(text: string): string[] {
  return writeBibCalls(text).map((call) => /\bprefix\s*=\s*["']([^"'\n]*)["']/.exec(call)?.[1] ?? 'R-');
}
