/**
 * Generates `server/src/service/taxonomy/taxonomySchemaValidator.ts`, ajv's standalone validator of
 * `schemas/taxonomy.schema.json`: `node --import tsx scripts/generateTaxonomyValidator.ts` after editing the schema
 * (`test/unit/taxonomy.test.ts` fails until the generated file matches the schema).
 *
 * Why generated and not compiled at run time: loading ajv and compiling the schema took ~60 ms here, paid by the
 * language server's first analysis of a manuscript with a taxonomy (the start-up budget is 500 ms); the generated
 * code is the same validator with nothing to compile.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv from 'ajv';
import standaloneCode from 'ajv/dist/standalone';

const root = join(__dirname, '..');
export const schemaPath = join(root, 'schemas', 'taxonomy.schema.json');
export const validatorPath = join(root, 'server', 'src', 'service', 'taxonomy', 'taxonomySchemaValidator.ts');

const HEADER = `/* eslint-disable */
// @ts-nocheck
/**
 * GENERATED from schemas/taxonomy.schema.json by scripts/generateTaxonomyValidator.ts: do not edit; regenerate.
 * ajv's standalone validator of a taxonomy file's value (all errors, JSON-pointer paths), so the server compiles
 * no schema at run time. \`schemaProblems.ts\` turns its errors into problems.
 */
`;

/** A schema without its annotations (`title`, `description`), which validate nothing and would be embedded. */
function withoutAnnotations(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(withoutAnnotations);
  if (typeof schema !== 'object' || schema === null) return schema;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(schema)) {
    if (key === 'title' || key === 'description') continue;
    // `properties`, `patternProperties` and `definitions` map names (which may be "title") to schemas.
    out[key] = ['properties', 'patternProperties', 'definitions'].includes(key)
      ? Object.fromEntries(Object.entries(value as object).map(([k, v]) => [k, withoutAnnotations(v)]))
      : withoutAnnotations(value);
  }
  return out;
}

/** The source of the generated module for the schema as it is on disk. */
export function taxonomyValidatorSource(): string {
  const schema = withoutAnnotations(JSON.parse(readFileSync(schemaPath, 'utf8'))) as { $id: string };
  const ajv = new Ajv({ allErrors: true, allowUnionTypes: true, code: { source: true, esm: true, lines: true } });
  ajv.addSchema(schema);
  const code = standaloneCode(ajv, { validateTaxonomy: schema.$id })
    .replace(/^"use strict";\n?/, '')
    // ajv's runtime helpers (ucs2length for minLength) as imports, so the module is plain ESM.
    .replace(/^const (\w+) = require\(("[^"]+")\)\.default;$/gm, 'import $1 from $2;');
  return HEADER + code;
}

if (require.main === module) {
  writeFileSync(validatorPath, taxonomyValidatorSource());
  console.log(`wrote ${validatorPath}`);
}
