/**
 * Reads YAML taxonomy text with the `yaml` package into a {@link SourceTree}: plain values for the schema, the
 * node ranges for positions, and the syntax errors one per line (the parser's follow-up errors on the same line
 * are noise). Aliases (`*name`) are not followed: they read as {@link UNREADABLE}.
 */
import { isMap, isScalar, isSeq, parseDocument, type Node, type Pair } from 'yaml';
import type { Span } from '../types';
import { childPointer, newMapping, UNREADABLE, type SourceNode, type SourceTree } from './sourceTree';

/** Syntax errors reported at most (on as many lines). */
const MAX_ERROR_LINES = 100;

export function readYamlTree(text: string): SourceTree {
  const doc = parseDocument(text, { prettyErrors: false, uniqueKeys: true, logLevel: 'error' });
  const syntaxErrors: SourceTree['syntaxErrors'] = [];
  const linesWithErrors = new Set<number>();
  for (const error of [...doc.errors, ...doc.warnings]) {
    if (linesWithErrors.size >= MAX_ERROR_LINES) break;
    const line = lineNumberAt(text, error.pos[0]);
    if (linesWithErrors.has(line)) continue;
    linesWithErrors.add(line);
    const open = /end with a ([\]}])/.test(error.message) ? unclosedBracket(text, error.pos[0]) : -1;
    if (open >= 0) {
      // The parser notices a missing `]` or `}` only lines later; point at the bracket left open.
      syntaxErrors.push({ span: { start: open, end: open + 1 }, message: `Taxonomy YAML: This “${text[open]}” is never closed` });
    } else {
      syntaxErrors.push({ span: { start: error.pos[0], end: error.pos[1] }, message: `Taxonomy YAML: ${firstLine(error.message)}` });
    }
  }
  const nodes = new Map<string, SourceNode>();
  const root = doc.contents;
  const value = root === null || root === undefined ? undefined : valueOf(root, '', nodes, null);
  return { value, nodes, syntaxErrors };
}

/** The plain value of `node`, recording its place (and its children's) under `pointer`. */
function valueOf(node: Node | null, pointer: string, nodes: Map<string, SourceNode>, keySpan: Span | null): unknown {
  const entry: SourceNode = { span: node ? nodeSpan(node) : (keySpan ?? { start: 0, end: 0 }) };
  nodes.set(pointer, entry);
  if (isMap(node)) {
    const mapping = newMapping();
    entry.keys = [];
    for (const pair of node.items) {
      const name = keyName(pair);
      const span = nodeSpan(pair.key as Node | null);
      entry.keys.push({ name, span });
      if (name !== null) mapping[name] = valueOf(pair.value as Node | null, childPointer(pointer, name), nodes, span);
    }
    return mapping;
  }
  if (isSeq(node)) return node.items.map((item, i) => valueOf(item as Node | null, childPointer(pointer, i), nodes, null));
  if (node === null) return null;
  if (isScalar(node)) {
    const v = node.value;
    return typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' || v === null ? v : UNREADABLE;
  }
  return UNREADABLE;
}

/** A key as a name: strings and numbers (`7:` is "7"); null for anything else. */
function keyName(pair: Pair): string | null {
  const key = pair.key as Node | null;
  if (isScalar(key) && (typeof key.value === 'string' || typeof key.value === 'number')) return String(key.value);
  return null;
}

function nodeSpan(node: Node | null | undefined): Span {
  const range = node?.range;
  return range ? { start: range[0], end: range[1] } : { start: 0, end: 0 };
}

/** The last `[` or `{` before `offset` that no bracket closes (quotes are not considered), or -1. */
function unclosedBracket(text: string, offset: number): number {
  let depth = 0;
  for (let i = Math.min(offset, text.length) - 1; i >= 0; i--) {
    const c = text[i];
    if (c === ']' || c === '}') depth++;
    else if (c === '[' || c === '{') {
      if (depth === 0) return i;
      depth--;
    }
  }
  return -1;
}

function lineNumberAt(text: string, offset: number): number {
  let line = 0;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) line++;
  return line;
}

function firstLine(message: string): string {
  return message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
}
