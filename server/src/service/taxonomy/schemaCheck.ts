/**
 * The taxonomy file checked against `schemas/taxonomy.schema.json` (ajv's generated validator, all errors) and
 * the words each schema error is reported in. The schema says what a file may hold; `readTerms.ts` asks, value by
 * value, what it reported there, so problems come in the order an author reads them.
 */
import type { ErrorObject } from 'ajv';
import schema from '../../../../schemas/taxonomy.schema.json';
import { isMapping } from './sourceTree';
import { validateTaxonomy } from './taxonomySchemaValidator';

type Validate = ((data: unknown) => boolean) & { errors?: ErrorObject[] | null };

/** The keys a term may have, in the schema's order (`x-…` extensions aside). */
export const TERM_KEYS = Object.keys(schema.definitions.term.properties);
/** The keys of the top-level mapping an author writes (`$schema` is for editors). */
export const TOP_KEYS = Object.keys(schema.oneOf[0].properties ?? {}).filter((k) => k !== '$schema');

/** The schema's errors by the JSON pointer of the value they are about. */
export class SchemaCheck {
  private readonly byPointer = new Map<string, ErrorObject[]>();

  constructor(value: unknown) {
    const validate = validateTaxonomy as Validate;
    if (value === undefined || validate(value)) return;
    const shaped = isMapping(value) || Array.isArray(value);
    for (const error of validate.errors ?? []) {
      // A mapping fails the list form of the file and a list the mapping form: only the form it has counts.
      if (shaped && error.instancePath === '' && (error.keyword === 'type' || error.keyword === 'oneOf')) continue;
      let list = this.byPointer.get(error.instancePath);
      if (!list) this.byPointer.set(error.instancePath, (list = []));
      list.push(error);
    }
  }

  /** Whether the schema rejects the value at `pointer` (for one of `keywords`, when given). */
  fails(pointer: string, ...keywords: string[]): boolean {
    return (this.byPointer.get(pointer) ?? []).some((e) => keywords.length === 0 || keywords.includes(e.keyword));
  }

  /** Whether the mapping at `pointer` lacks a required `property`. */
  lacks(pointer: string, property: string): boolean {
    return (this.byPointer.get(pointer) ?? []).some((e) => e.keyword === 'required' && e.params.missingProperty === property);
  }

  /** Whether the mapping at `pointer` has a `key` the schema does not allow. */
  forbids(pointer: string, key: string): boolean {
    return (this.byPointer.get(pointer) ?? []).some((e) => e.keyword === 'additionalProperties' && e.params.additionalProperty === key);
  }
}

/** The words of the problems the schema finds, by what is wrong. */
export const schemaMessages = {
  notATaxonomy: 'The taxonomy must be a list of terms or a mapping with a “terms:” list',
  noTerms: 'The taxonomy has no “terms:” list; add one holding the terms',
  termsNotAList: '“terms” must be a list of terms',
  unknownTopKey: (key: string) => `Unknown top-level key “${key}”; expected ${TOP_KEYS.join(', ')}`,
  notATerm: 'A term must be a mapping with at least “id” and “label”',
  unknownTermKey: (key: string) => {
    const hint = key === 'alias' || key === 'synonyms' ? ' (did you mean “aliases”?)' : '';
    return `Unknown term key “${key}”${hint}; expected one of ${TERM_KEYS.join(', ')}`;
  },
  noId: 'This term has no “id”; add a unique id such as “diffusion-models”',
  emptyId: 'A term id must not be empty',
  idWithSpace: (id: string) => `The id “${id}” contains white space; use “-” instead`,
  noLabel: (id: string) => `The term “${id}” has no “label”; add its preferred name`,
  emptyLabel: (id: string) => `The label of “${id}” is empty`,
  emptyAbbreviation: (id: string) => `The abbreviation of “${id}” is empty`,
  aliasesAsText: (alias: string) => `“aliases” must be a list; write [${JSON.stringify(alias)}]`,
  aliasesNotAList: '“aliases” must be a list of strings',
  badAlias: 'Each alias must be a non-empty string',
  childrenNotAList: '“children” must be a list of terms',
  /** A value of the wrong type where the schema wants text (or, for `version`, text or a number). */
  notText: (name: string, value: unknown) => {
    if (value === null) return `“${name}” is empty`;
    if (name === 'version') return '“version” must be a string or a number';
    return typeof value === 'number' || typeof value === 'boolean' ? `“${name}” must be a string; quote it` : `“${name}” must be a string`;
  },
};
