/** Which files the server treats as manuscripts and which as bibliographies, by extension. */

const MANUSCRIPT = /\.(?:md|markdown|qmd|rmd)$/i;
const BIBTEX = /\.(?:bib|bibtex)$/i;

export function isManuscriptPath(path: string): boolean {
  return MANUSCRIPT.test(path);
}

/** A BibTeX file, opened in the editor as such (CSL-JSON bibliographies are watched but not edited here). */
export function isBibPath(path: string): boolean {
  return BIBTEX.test(path);
}
