/**
 * Rows of the problems of the files a manuscript names: a bibliography, taxonomy or chapter that cannot be read
 * (found by project discovery, `createService.ts`), and front matter that is not YAML (`markdown/frontMatter.ts`).
 */
import { check } from './check';

/** What `bibliography-not-found` found. */
export type BibliographyNotFound =
  /**
   * The bibliography or taxonomy `name`, as the `where` names it (front matter, a setting, the Quarto project), does
   * not exist, or cannot be read (`error`, the reader's message).
   */
  | {
      kind: 'bibliography' | 'taxonomy';
      name: string;
      where: string;
      error: string | null;
      /** Code of the manuscript that writes the file when it is knitted (`knitr::write_bib`). */
      generatedBy?: string;
      /** Other bibliographies named in the same place were found (they are what citations are checked against). */
      othersNamed?: boolean;
    }
  /** The chapter file `chapter` (its base name), listed by the project (`listedIn`: how it was found), is missing. */
  | { kind: 'chapter'; chapter: string; listedIn: 'front matter' | 'settings' | 'quarto' | 'bookdown' | 'manubot' | 'single' }
  /** The file `name` (as written) that a Quarto `{{< include >}}` shortcode names is missing (`error`: why it cannot be read). */
  | { kind: 'include'; name: string; error: string | null };

export const bibliographyNotFound = check<BibliographyNotFound>({
  severity: 'error',
  summary: 'a configured bibliography file does not exist or cannot be read (Citelens then falls back to `.bib` files beside the manuscript)',
  setting: 'A configured bibliography or taxonomy file that does not exist or cannot be read.',
  message: (f) => {
    if (f.kind === 'chapter') {
      return `The chapter “${f.chapter}” listed in the ${f.listedIn === 'quarto' ? 'Quarto book (_quarto.yml)' : f.listedIn === 'bookdown' ? 'bookdown book (_bookdown.yml)' : f.listedIn} does not exist or cannot be read.`;
    }
    const why = f.error !== null ? `cannot be read (${f.error})` : 'does not exist';
    if (f.kind === 'include') return `The file “${f.name}” included here ${why}, so its citations are not checked.`;
    if (f.kind === 'taxonomy') return `The taxonomy “${f.name}” named in the ${f.where} ${why}.`;
    if (f.generatedBy && f.error === null) {
      return `The bibliography “${f.name}” named in the ${f.where} does not exist yet: ${f.generatedBy} writes it when the document is knitted. Knit once (or commit the file) so that its keys resolve.`;
    }
    const others = f.othersNamed ? `the other bibliographies named in the ${f.where}` : 'the other bibliographies Citelens finds (.bib files beside the manuscript)';
    return `The bibliography “${f.name}” named in the ${f.where} ${why}. Citations are checked against ${others}.`;
  },
});

/** What `front-matter-syntax` found: the YAML parser's error. */
export interface FrontMatterSyntax {
  error: string;
}

export const frontMatterSyntax = check<FrontMatterSyntax>({
  severity: 'error',
  summary: 'the manuscript\'s YAML front matter cannot be read (its bibliography and settings are then ignored)',
  setting: 'Front matter YAML that cannot be read.',
  message: (f) => `The front matter is not valid YAML: ${f.error.split('\n')[0]}. Citelens cannot read its bibliography or settings until it is fixed.`,
});
