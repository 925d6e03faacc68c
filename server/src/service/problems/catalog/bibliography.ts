/**
 * Rows of the problems of bibliography files (`bibtex/`): keys defined twice, text that cannot be read, entries
 * without the fields every style needs.
 */
import { check } from './check';
import { REOPEN, UNDECODED } from './projectFiles';

/** What `duplicate-bib-key` found. */
export type DuplicateBibKey =
  /**
   * `key` is defined again after `firstKey` (the same key, or the same up to letter case, which BibTeX treats as
   * the same), in the same file (`firstUri` null) or in the earlier file `firstUri` (reported in the later one).
   */
  | { kind: 'definition'; key: string; firstKey: string; firstUri: string | null }
  /** A citation of `key`, which is defined more than once: it is ambiguous. */
  | { kind: 'citation'; key: string };

export const duplicateBibKey = check<DuplicateBibKey, { key: string; firstKey: string } | undefined>({
  severity: 'error',
  summary: 'a key defined twice, or twice up to letter case (in the `.bib` and on the citations that use it); not one work (same title, and same DOI or same year and first author) defined in two bibliography files',
  setting: 'A BibTeX key defined twice (also up to letter case).',
  message: (f) => {
    if (f.kind === 'citation') return `The key “${f.key}” is defined more than once in the bibliography, so this citation is ambiguous; keep one entry or rename the other.`;
    const where = f.firstUri === null ? 'in this file' : `in ${f.firstUri.replace(/^.*[\\/]/, '')}`;
    return f.key === f.firstKey
      ? `The key "${f.key}" is already defined ${where}; citations can only reach one of the entries. Rename or delete one of them.`
      : `The key "${f.key}" differs from the key "${f.firstKey}" ${where} only in letter case, which BibTeX treats as the same key. Rename one of them.`;
  },
  data: (f) => (f.kind === 'definition' ? { key: f.key, firstKey: f.firstKey } : undefined),
});

/**
 * What `duplicate-bib-entry` found: entry `key` is the same work as entry `sameAs` (the one reference-list item
 * `[number]` links to): the same title and `by` the same DOI, or the same year and first author.
 */
export interface DuplicateBibEntry {
  key: string;
  sameAs: string;
  by: 'doi' | 'year-and-author';
  number: number | null;
}

export const duplicateBibEntry = check<DuplicateBibEntry, { key: string; sameAs: string }>({
  severity: 'warning',
  summary: 'two entries are one work (same title, and same DOI or same year and first author), found when a list item matches both',
  setting: 'Two BibTeX entries for one work (same title, and same DOI or same year and first author).',
  message: (f) =>
    `The entry “${f.key}” is the same work as “${f.sameAs}” (same title and ${f.by === 'doi' ? 'DOI' : 'same year and first author'}); reference [${f.number}] links to “${f.sameAs}”. Keep one entry, or cite both keys as one work.`,
  data: (f) => ({ key: f.key, sameAs: f.sameAs }),
});

/** What `bib-syntax` found. */
export type BibSyntax =
  /**
   * The BibTeX scanner's words for what it could not read (`bibtex/syntaxIssues.ts`). They are part of the scan,
   * which hosts keep between sessions (`lsp/scanCodec.ts`), so they are text by then.
   */
  | { kind: 'bibtex'; issue: string }
  /** citation-js rejected the entry `key` that the scanner accepted. */
  | { kind: 'citation-js'; key: string; error: string }
  /** The JSON or YAML parser's error for a CSL file. */
  | { kind: 'csl-syntax'; format: 'JSON' | 'YAML'; error: string }
  | { kind: 'csl-no-id' }
  | { kind: 'csl-not-a-list'; format: 'JSON' | 'YAML' }
  /** The file is not UTF-8: `byte` (read as the Windows-1252 character `char`) is the first byte that is not. */
  | { kind: 'not-utf8'; byte: number | null; char: string };

export const bibSyntax = check<BibSyntax>({
  severity: 'error',
  summary: 'BibTeX that cannot be read, at its position in the `.bib`; the rest still loads. Also a bibliography that is not UTF-8, at its first such byte: Citelens reads it as Windows-1252 (Latin-1), Pandoc refuses it (in an open document, whose bytes the editor could not decode as UTF-8, at its first replacement character �)',
  setting: 'BibTeX that cannot be read.',
  message: (f) => {
    switch (f.kind) {
      case 'bibtex':
        return f.issue;
      case 'citation-js':
        return `citation-js cannot read the entry "${f.key}": ${f.error}`;
      case 'csl-syntax': {
        // JSON.parse names the line and column, the YAML parser repeats the line: the position is the span's.
        const said = f.format === 'JSON' ? f.error.replace(/\s*\(line \d+ column \d+\)/, '') : f.error.split('\n')[0].replace(/:\s*$/, '');
        return `This CSL-${f.format} file cannot be read: ${said}.`;
      }
      case 'csl-no-id':
        return 'This CSL item has no "id": add one so it can be cited.';
      case 'csl-not-a-list':
        return `A CSL-${f.format} bibliography must be a list of items (or hold one under "references"); this file is not.`;
      case 'not-utf8': {
        if (f.byte === null) return `${UNDECODED} Pandoc stops on such a byte (“Cannot decode byte”). ${REOPEN}`;
        const hex = f.byte.toString(16).toUpperCase().padStart(2, '0');
        return `This file is not UTF-8: byte 0x${hex} here is “${f.char}” in Windows-1252 (Latin-1), as Citelens reads the file, but Pandoc stops on it (“Cannot decode byte '\\x${hex.toLowerCase()}'”). Save the file as UTF-8.`;
      }
    }
  },
});

/** A field every style needs: the title, an author (or editor) and the year. */
export type MissingField = 'title' | 'author' | 'year';

/** What `missing-bib-field` found: the entry `key` lacks `missing`; the names differ in BibTeX and CSL files. */
export interface MissingBibField {
  key: string;
  missing: MissingField[];
  format: 'bibtex' | 'csl';
}

export const missingBibField = check<MissingBibField, { key: string; missing: MissingField[] }>({
  severity: 'information',
  summary: 'a cited entry without title, author/editor or year where its type needs them (uncited entries are not the manuscript\'s problem; a `@proceedings` volume, `@misc`, `@online`, `@manual`, `@software` or CSL `webpage` may lack author or year; a work in press, BibLaTeX `pubstate` or CSL `status`, needs no year)',
  setting: 'An entry without title, author/editor or year.',
  message: ({ key, missing, format }) => {
    const names: Record<MissingField, string> = format === 'bibtex'
      ? { title: 'title', author: 'author or editor', year: 'year (or date)' }
      : { title: '"title"', author: '"author" or "editor"', year: '"issued" date' };
    const list = missing.map((m) => `no ${names[m]}`);
    const joined = list.length === 1 ? list[0] : `${list.slice(0, -1).join(', ')} and ${list[list.length - 1]}`;
    const what = list.length === 1 ? 'it' : 'them';
    return `The entry "${key}" has ${joined}; add ${what} so the reference can be formatted and matched.`;
  },
  data: ({ key, missing }) => ({ key, missing }),
});
