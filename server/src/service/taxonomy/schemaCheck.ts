/**
 * The taxonomy file checked against `schemas/taxonomy.schema.json` (ajv's generated validator, all errors). The
 * schema says what a file may hold; `readTerms.ts` asks, value by value, what it reported there, so problems come
 * in the order an author reads them (worded by the table of checks, `problems/catalog/taxonomy.ts`).
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
