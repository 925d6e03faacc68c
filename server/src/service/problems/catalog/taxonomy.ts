/**
 * Rows of the taxonomy's problems: a taxonomy file that cannot be read or breaks its schema
 * (`taxonomy/readTerms.ts`, `taxonomy/placeTerms.ts`), and how the prose names its terms (`taxonomy/termChecks.ts`).
 */
import { check } from './check';

/**
 * What `taxonomy-syntax` found, by what is wrong. `expected` lists the keys the schema allows
 * (`schemas/taxonomy.schema.json`, read by `taxonomy/schemaCheck.ts`).
 */
export type TaxonomySyntax =
  /** The YAML or JSON reader's words, e.g. `Taxonomy YAML: …` (`taxonomy/yamlTree.ts`, `jsonTree.ts`). */
  | { kind: 'syntax'; said: string }
  /** Reading failed unexpectedly (a bug): said where the user will see it. */
  | { kind: 'unreadable'; error: string }
  | { kind: 'not-a-taxonomy' }
  | { kind: 'no-terms' }
  | { kind: 'terms-not-a-list' }
  | { kind: 'unknown-top-key'; key: string; expected: readonly string[] }
  | { kind: 'not-a-term' }
  | { kind: 'key-not-text' }
  | { kind: 'unknown-term-key'; key: string; expected: readonly string[] }
  | { kind: 'no-id' }
  | { kind: 'empty-id' }
  | { kind: 'id-with-space'; id: string }
  /** The id was used before, by the term labelled `label`. */
  | { kind: 'duplicate-id'; id: string; label: string }
  | { kind: 'no-label'; id: string }
  | { kind: 'empty-label'; id: string }
  | { kind: 'empty-abbreviation'; id: string }
  | { kind: 'aliases-as-text'; alias: string }
  | { kind: 'aliases-not-a-list' }
  | { kind: 'bad-alias' }
  | { kind: 'children-not-a-list' }
  /** The field `name` holds `value`, which is not text. */
  | { kind: 'not-text'; name: string; value: unknown }
  | { kind: 'nesting-and-parent'; id: string; nestedUnder: string; parent: string }
  | { kind: 'own-parent'; id: string }
  | { kind: 'unknown-parent'; id: string; parent: string }
  /** `loop`: the ids of the cycle from `first` back to it; `first` is made a root. */
  | { kind: 'cycle'; loop: string[]; first: string }
  /** `name` (a label or alias) also names the term `termId` labelled `label`. */
  | { kind: 'name-taken'; name: string; label: string; termId: string }
  | { kind: 'abbreviation-taken'; abbreviation: string; label: string };

export const taxonomySyntax = check<TaxonomySyntax>({
  severity: 'error',
  summary: 'a taxonomy that cannot be read (at its line), schema violations, duplicate ids or labels, cycles, unknown parents',
  setting: 'A taxonomy that cannot be read, has duplicate ids or cycles.',
  message: (f) => {
    switch (f.kind) {
      case 'syntax': return f.said;
      case 'unreadable': return `The taxonomy could not be read: ${f.error}`;
      case 'not-a-taxonomy': return 'The taxonomy must be a list of terms or a mapping with a “terms:” list';
      case 'no-terms': return 'The taxonomy has no “terms:” list; add one holding the terms';
      case 'terms-not-a-list': return '“terms” must be a list of terms';
      case 'unknown-top-key': return `Unknown top-level key “${f.key}”; expected ${f.expected.join(', ')}`;
      case 'not-a-term': return 'A term must be a mapping with at least “id” and “label”';
      case 'key-not-text': return 'A term key must be a plain string';
      case 'unknown-term-key': {
        const hint = f.key === 'alias' || f.key === 'synonyms' ? ' (did you mean “aliases”?)' : '';
        return `Unknown term key “${f.key}”${hint}; expected one of ${f.expected.join(', ')}`;
      }
      case 'no-id': return 'This term has no “id”; add a unique id such as “diffusion-models”';
      case 'empty-id': return 'A term id must not be empty';
      case 'id-with-space': return `The id “${f.id}” contains white space; use “-” instead`;
      case 'duplicate-id': return `The id “${f.id}” is already used by “${f.label}”; give this term its own id`;
      case 'no-label': return `The term “${f.id}” has no “label”; add its preferred name`;
      case 'empty-label': return `The label of “${f.id}” is empty`;
      case 'empty-abbreviation': return `The abbreviation of “${f.id}” is empty`;
      case 'aliases-as-text': return `“aliases” must be a list; write [${JSON.stringify(f.alias)}]`;
      case 'aliases-not-a-list': return '“aliases” must be a list of strings';
      case 'bad-alias': return 'Each alias must be a non-empty string';
      case 'children-not-a-list': return '“children” must be a list of terms';
      case 'not-text': {
        // A value of the wrong type where the schema wants text (or, for `version`, text or a number).
        if (f.value === null) return `“${f.name}” is empty`;
        if (f.name === 'version') return '“version” must be a string or a number';
        return typeof f.value === 'number' || typeof f.value === 'boolean' ? `“${f.name}” must be a string; quote it` : `“${f.name}” must be a string`;
      }
      case 'nesting-and-parent': return `“${f.id}” is nested under “${f.nestedUnder}” but names “${f.parent}” as parent; keep one`;
      case 'own-parent': return `“${f.id}” names itself as its parent`;
      case 'unknown-parent': return `Unknown parent “${f.parent}” of “${f.id}”: no term has this id`;
      case 'cycle': return `The parents form a cycle: ${f.loop.join(' → ')}; “${f.first}” is treated as a root until one parent changes`;
      case 'name-taken': return `“${f.name}” also names “${f.label}” (${f.termId}); a name must belong to one term`;
      case 'abbreviation-taken': return `The abbreviation “${f.abbreviation}” is already used by “${f.label}”; an abbreviation must belong to one term`;
    }
  },
});

/**
 * What `non-preferred-term` found: the prose writes `alias` (as written) where the taxonomy prefers `label`;
 * `replacement` is the label with its first letter cased like the alias's, for the quick fix.
 */
export interface NonPreferredTerm {
  alias: string;
  label: string;
  replacement: string;
  termId: string;
}

/** What the "use the preferred term" quick fix reads. */
export interface NonPreferredTermData {
  replacement: string;
  termId: string;
}

export const nonPreferredTerm = check<NonPreferredTerm, NonPreferredTermData>({
  severity: 'information',
  summary: 'an alias where the taxonomy prefers another label (in the prose; not in headings, which name sections and carry anchors)',
  setting: 'An alias used where the taxonomy prefers another label.',
  message: (f) => `The taxonomy prefers “${f.label}” to its alias “${f.alias}”.`,
  data: (f) => ({ replacement: f.replacement, termId: f.termId }),
});

/**
 * What `undefined-abbreviation` found: the first use of an abbreviation, written `use`, comes before its
 * definition (`definedLater`) or it is never defined; `expansion` defines it there
 * (`Generative adversarial networks (GANs)`).
 */
export interface UndefinedAbbreviation {
  use: string;
  definedLater: boolean;
  expansion: string;
  termId: string;
  abbreviation: string;
}

/** What the "define the abbreviation" quick fix reads. */
export interface UndefinedAbbreviationData {
  expansion: string;
  termId: string;
  abbreviation: string;
}

export const undefinedAbbreviation = check<UndefinedAbbreviation, UndefinedAbbreviationData>({
  severity: 'information',
  summary: 'a taxonomy abbreviation used before “Long Form (ABBR)” gives its expansion (or never defined)',
  setting: 'A taxonomy abbreviation used before its expansion is given.',
  message: (f) => f.definedLater
    ? `“${f.use}” is used before it is defined; write “${f.expansion}” here, at its first use.`
    : `“${f.use}” is never defined; write “${f.expansion}” at its first use.`,
  data: (f) => ({ expansion: f.expansion, termId: f.termId, abbreviation: f.abbreviation }),
});
