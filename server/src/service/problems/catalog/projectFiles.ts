/**
 * Rows of the problems of the files a manuscript names: a bibliography, taxonomy or chapter that cannot be read
 * (found by project discovery, `createService.ts`), front matter that is not YAML (`markdown/frontMatter.ts`), and a
 * manuscript file that is not UTF-8 (`pipeline/discovery/notUtf8.ts`).
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

/**
 * An open document whose text holds U+FFFD: the editor read a file that is not UTF-8 as UTF-8 (VS Code's default)
 * and replaced what it could not decode. The disk file, which Pandoc reads, still holds the byte; saving the buffer
 * as it is loses the character for good, so the way out is to reopen the file in its real encoding. Shared by
 * `bib-syntax` and `manuscript-encoding`.
 */
export const UNDECODED = 'A character here could not be decoded when the file was opened (shown as �): the file is not UTF-8.';
export const REOPEN = 'Reopen it with its encoding (in VS Code: Reopen with Encoding → Western (Windows 1252)) and save it as UTF-8; saved as it is, the character is lost.';

/**
 * What `manuscript-encoding` found: the manuscript file is not UTF-8. `byte`, read as the Windows-1252 character
 * `char`, is its first byte that is not; `c1`, when the file has one, is a character of the bytes 0x80–0x9f (a
 * Windows dash or curly quote), which Pandoc's Latin-1 turns into a control character. `byte` is null in an
 * editor's buffer, where the editor decoded the file as UTF-8 and `char` is its U+FFFD replacement character.
 */
export interface ManuscriptEncoding {
  byte: number | null;
  char: string;
  c1: string | null;
}

/**
 * Its own code, not `bib-syntax` or `front-matter-syntax`: the manuscript's text, not its bibliography or YAML, is
 * in question, and unlike a bibliography Pandoc does not refuse it — it warns and reads it as Latin-1 — so it is a
 * warning an author may turn off, while the citations themselves are read as usual.
 */
export const manuscriptEncoding = check<ManuscriptEncoding>({
  severity: 'warning',
  summary: 'a manuscript file that is not UTF-8, at its first such byte: Citelens reads it as Windows-1252 (Latin-1) and checks it as usual; Pandoc warns and reads it as Latin-1, which turns Windows dashes and curly quotes into control characters (in an open document, whose bytes the editor could not decode as UTF-8, at its first replacement character �)',
  setting: 'A manuscript file that is not UTF-8.',
  message: (f) => {
    if (f.byte === null) return `${UNDECODED} Pandoc warns and reads it as Latin-1. ${REOPEN}`;
    const hex = f.byte.toString(16).toUpperCase().padStart(2, '0');
    const damage = f.c1 ? `, where “${f.c1}” (a Windows character, not Latin-1) becomes a control character` : '';
    return `This file is not UTF-8: byte 0x${hex} here is “${f.char}” in Windows-1252 (Latin-1), as Citelens reads the file. Pandoc warns (“not UTF-8 encoded: falling back to latin1”) and reads it as Latin-1${damage}. Save the file as UTF-8.`;
  },
});
