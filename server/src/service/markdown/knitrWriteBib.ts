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
 */

/** The text of each `write_bib(…)` call in `text`, its parentheses balanced (over lines), up to a bound. */
export function writeBibCalls(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(/\bwrite_bib\(/g)) {
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

/** Whether a `write_bib` call in `text` writes the file `name` (`'packages.bib'`, `"bib/packages.bib"`). */
export function writesBibliography(text: string, name: string): boolean {
  return writeBibCalls(text).some((call) => [`'${name}'`, `"${name}"`, `/${name}'`, `/${name}"`].some((q) => call.includes(q)));
}

/** The key prefixes of the entries `write_bib` calls in `text` write: `prefix = 'pkg-'` when given, else `R-`. */
export function writeBibPrefixes(text: string): string[] {
  return writeBibCalls(text).map((call) => /\bprefix\s*=\s*["']([^"'\n]*)["']/.exec(call)?.[1] ?? 'R-');
}
