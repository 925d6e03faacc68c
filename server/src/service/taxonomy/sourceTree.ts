/**
 * A taxonomy file read into plain values (what the JSON schema validates) with the place of every value in the
 * text, by JSON pointer (what ajv's `instancePath` names). The YAML and JSON readers both produce it, so the
 * schema check and the reading of terms do not care which syntax a file uses.
 */
import type { Span } from '../types';

/** Where one value of the file is. */
export interface SourceNode {
  /** The value's node; for a key written without a value (`? key` in YAML), that key. */
  span: Span;
  /** A mapping's keys in file order; `name` is null for a key that is not a plain string or number. */
  keys?: { name: string | null; span: Span }[];
}

/** A file as values and places. */
export interface SourceTree {
  /** The file's value; undefined for a file without content. Mappings have no prototype. */
  value: unknown;
  /** Every value's node by JSON pointer: `''` for the whole file, `/terms/0/label` for a term's label. */
  nodes: Map<string, SourceNode>;
  /** Syntax errors with their messages (`Taxonomy YAML: …`, `Taxonomy JSON: …`), in file order. */
  syntaxErrors: { span: Span; message: string }[];
}

/**
 * A value the schema rejects whatever it expects there: a YAML alias (`*name`, not followed, as before) or a
 * YAML 1.1 timestamp or binary. Neither a string, a number, a mapping nor a list.
 */
export const UNREADABLE: unique symbol = Symbol('unreadable');

/** The JSON pointer of `key` under `pointer` (RFC 6901 escaping, as ajv writes `instancePath`). */
export function childPointer(pointer: string, key: string | number): string {
  return `${pointer}/${String(key).replace(/~/g, '~0').replace(/\//g, '~1')}`;
}

/** A mapping read from the file (no prototype: `__proto__` is a key like any other). */
export type SourceMapping = Record<string, unknown>;

/** Whether a value is a mapping. */
export function isMapping(value: unknown): value is SourceMapping {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A new empty mapping. */
export function newMapping(): SourceMapping {
  return Object.create(null) as SourceMapping;
}
