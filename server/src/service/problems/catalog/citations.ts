/**
 * Rows of the citation checks (`checks/citationChecks.ts`): a citation that names no work, one that cannot be
 * read, and `,` written for `;` between citations.
 */
import { check } from './check';

/** What `unresolved-citation` found. */
export type UnresolvedCitation =
  /** A numeric citation (`citation` as written) in a numeric manuscript that has no reference list; reported once. */
  | { kind: 'no-reference-list'; citation: string }
  /** `[number]` has no list item; the list has `count` numbered items, up to `max`. */
  | { kind: 'number-not-listed'; number: number; count: number; max: number }
  /** `@key` while no bibliography was found at all. */
  | { kind: 'no-bibliography'; key: string }
  /**
   * `@key` is in no bibliography; `suggestions` are the nearest keys, best first. `inText`: written in the text
   * (`@key`, not `[@key]`), where an `@` that is no citation — a handle, a decorator — is also read as one.
   */
  | { kind: 'unknown-key'; key: string; suggestions: string[]; inText?: boolean; aliasOf?: string };

/** The "did you mean" quick fix's keys (an unknown key only). */
export interface UnresolvedCitationData {
  suggestions: string[];
}

export const unresolvedCitation = check<UnresolvedCitation, UnresolvedCitationData | undefined>({
  severity: 'error',
  summary: 'a key is in no bibliography (with "did you mean"); a number has no reference-list item',
  setting: 'A cited key is in no bibliography, or a number has no reference-list item.',
  message: (f) => {
    switch (f.kind) {
      case 'no-reference-list':
        return `${f.citation} cites a numbered reference, but the manuscript has no reference list: add a section titled “References” with a numbered list (other titles: the setting citelens.referenceSectionTitles).`;
      case 'number-not-listed':
        return `[${f.number}] has no item in the reference list (it numbers ${f.count === f.max ? `1–${f.max}` : f.count + ' works, up to ' + f.max}); add the reference or correct the number.`;
      case 'no-bibliography':
        return `@${f.key} cannot be resolved: no bibliography was found. Name one in the front matter (bibliography: refs.bib), in the setting citelens.bibliography, or put a .bib file beside the manuscript.`;
      case 'unknown-key':
        // `aliasOf`: the key is in that entry's BibLaTeX `ids`, before a comma, which Pandoc 2.17 keeps with the key.
        if (f.aliasOf) return `“${f.key}” is an alias in the ids field of “${f.aliasOf}”, but Pandoc 2.17 splits ids at spaces and keeps the comma (“${f.key},”), so it does not find the citation and prints “(${f.key}?)”. Cite “${f.aliasOf}”.`;
        if (f.suggestions.length) return `No bibliography entry has the key “${f.key}”. Did you mean “${f.suggestions[0]}”?`;
        // No key is near: a bare `@jdoe` may be no citation at all, which Pandoc still renders as “(jdoe?)”.
        return `No bibliography entry has the key “${f.key}”.${f.inText ? ` If “@${f.key}” is not a citation (a handle, a name in code), write “\\@${f.key}”, as Pandoc reads it as one.` : ''}`;
    }
  },
  data: (f) => (f.kind === 'unknown-key' ? { suggestions: f.suggestions } : undefined),
});

/**
 * What `malformed-citation` found: the citation parser's own words for what is wrong (`Citation.malformed`, worded
 * in `markdown/citations.ts`, which knows the grammar), e.g. "The range [5–3] runs backwards; …".
 */
export interface MalformedCitation {
  malformed: string;
}

export const malformedCitation = check<MalformedCitation>({
  severity: 'error',
  summary: '`[5–3]`, `[@]`, `[1,,2]`, an empty entry in a group',
  setting: 'A citation that cannot be read: `[5–3]`, `[@]`, `[1,,2]`, an empty group.',
  message: (f) => f.malformed,
});

/**
 * What `citation-separator` found: in a bracketed group, `first`'s key is followed by `second`'s with only a `,`
 * and/or spaces between (`[@a, @b]`, `[@a,@b]`, `[@a @b]`), so Pandoc reads `@second` as an in-text citation
 * inside `@first`'s suffix. `quoted` is the source from `@first` to `second`'s key, its white space made single
 * spaces (a message is one line).
 */
export interface CitationSeparator {
  first: string;
  second: string;
  quoted: string;
  /** The separator has a comma (else it is spaces alone). */
  comma: boolean;
}

export const citationSeparator = check<CitationSeparator>({
  severity: 'warning',
  summary: '`[@a, @b]`, `[@a @b]`: a `,` or a space between two keys makes `@b` an in-text citation inside `@a`\'s suffix; quick fix: `[@a; @b]`',
  setting: 'A `,` or a space between two citation keys (`[@a, @b]`) makes the second part of the first one\'s suffix; separate them with `;`.',
  message: (f) =>
    `“${f.quoted}”: ${f.comma ? '“,”' : 'a space'} between citations makes @${f.second} part of @${f.first}'s suffix; separate citations with “;”.`,
});
