/**
 * Reads JSON taxonomy text with `jsonc-parser` (strict: no comments, no trailing commas) into a
 * {@link SourceTree}. jsonc-parser recovers from errors, so the terms it could read still load; the first syntax
 * error is reported, in words an author can act on (the parser's own are error codes). A valid file whose objects
 * repeat a key is reported too, once per line, as the YAML reader does.
 */
// The ES module build: the package's main file is a UMD wrapper whose `require`s esbuild cannot follow.
import { parseTree, printParseErrorCode, visit, type Node, type ParseOptions } from 'jsonc-parser/lib/esm/main.js';
import type { Span } from '../types';
import { childPointer, newMapping, type SourceNode, type SourceTree } from './sourceTree';

const STRICT: ParseOptions = { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false };

export function readJsonTree(text: string): SourceTree {
  const nodes = new Map<string, SourceNode>();
  const root = parseTree(text, [], STRICT);
  const value = root ? valueOf(root, '', nodes) : undefined;
  const error = firstSyntaxError(text);
  const syntaxErrors = error ? [error] : root ? repeatedKeys(root, text) : [];
  return { value, nodes, syntaxErrors };
}

/** The plain value of `node`, recording its place (and its children's) under `pointer`. */
function valueOf(node: Node, pointer: string, nodes: Map<string, SourceNode>): unknown {
  const entry: SourceNode = { span: nodeSpan(node) };
  nodes.set(pointer, entry);
  if (node.type === 'object') {
    const mapping = newMapping();
    entry.keys = [];
    for (const property of node.children ?? []) {
      const [key, value] = property.children ?? [];
      if (!key) continue;
      const name = String(key.value);
      const span = nodeSpan(key);
      entry.keys.push({ name, span });
      if (value) {
        mapping[name] = valueOf(value, childPointer(pointer, name), nodes);
      } else {
        // `"key":` and nothing after (a syntax error): null, placed at its key.
        nodes.set(childPointer(pointer, name), { span });
        mapping[name] = null;
      }
    }
    return mapping;
  }
  if (node.type === 'array') return (node.children ?? []).map((item, i) => valueOf(item, childPointer(pointer, i), nodes));
  return node.value ?? null;
}

function nodeSpan(node: Node): Span {
  return { start: node.offset, end: node.offset + node.length };
}

/** Every key an object repeats (JSON.parse would keep the last silently), at most one per line. */
function repeatedKeys(root: Node, text: string): SourceTree['syntaxErrors'] {
  const out: SourceTree['syntaxErrors'] = [];
  const lines = new Set<number>();
  const walk = (node: Node): void => {
    const seen = new Set<string>();
    for (const child of node.children ?? []) {
      const key = node.type === 'object' ? child.children?.[0] : undefined;
      if (key) {
        const name = String(key.value);
        const line = seen.has(name) ? text.slice(0, key.offset).split('\n').length : -1;
        if (line >= 0 && !lines.has(line)) {
          lines.add(line);
          out.push({ span: nodeSpan(key), message: 'Taxonomy JSON: Map keys must be unique' });
        }
        seen.add(name);
      }
      const value = node.type === 'object' ? child.children?.[1] : child;
      if (value) walk(value);
    }
  };
  walk(root);
  return out;
}

/** What came last before an error: an opening bracket, a separator, a key or a whole value. */
type Last = '{' | '[' | ',' | ':' | 'key' | 'value' | null;

/** The first syntax error of `text` as strict JSON, with a message saying what is wrong where. */
function firstSyntaxError(text: string): SourceTree['syntaxErrors'][number] | null {
  const open: { char: '{' | '['; offset: number }[] = [];
  let last: Last = null;
  let found: { span: Span; message: string } | null = null;
  visit(
    text,
    {
      onObjectBegin: (offset) => void (open.push({ char: '{', offset }), (last = '{')),
      onArrayBegin: (offset) => void (open.push({ char: '[', offset }), (last = '[')),
      onObjectEnd: () => void (open.pop(), (last = 'value')),
      onArrayEnd: () => void (open.pop(), (last = 'value')),
      onObjectProperty: () => void (last = 'key'),
      onLiteralValue: () => void (last = 'value'),
      onSeparator: (char) => void (last = char === ',' ? ',' : ':'),
      onError: (code, offset, length) => {
        found ??= describeError(text, printParseErrorCode(code), offset, length, open, last);
      },
    },
    STRICT,
  );
  return found;
}

function describeError(
  text: string,
  code: ReturnType<typeof printParseErrorCode>,
  offset: number,
  length: number,
  open: readonly { char: '{' | '['; offset: number }[],
  last: Last,
): { span: Span; message: string } {
  const at = (o: number, message: string) => ({ span: { start: o, end: o + 1 }, message: `Taxonomy JSON: ${message}` });
  const c = text[offset];
  const found = offset >= text.length ? 'the end of the file' : `“${c}”`;
  const inside = open.at(-1);
  const close = inside?.char === '[' ? ']' : '}';
  const propertyExpected = inside?.char === '{' && (last === '{' || last === ',');
  switch (code) {
    case 'InvalidCommentToken':
    case 'UnexpectedEndOfComment':
      return at(offset, 'JSON has no comments');
    case 'InvalidSymbol':
      if (c === '/' || c === '#') return at(offset, 'JSON has no comments');
      if (propertyExpected) return at(offset, `Expected a double-quoted property name, found ${found}`);
      if (c === "'") return at(offset, 'JSON strings need double quotes');
      return at(offset, `Unexpected ${found}${!inside && last === 'value' ? ' after the JSON value' : ''}`);
    case 'PropertyNameExpected':
      if (c === '}' && last === ',') return at(offset, 'Trailing comma before “}”');
      return at(offset, `Expected a double-quoted property name, found ${found}`);
    case 'ValueExpected':
      if ((c === ']' || c === '}') && last === ',') return at(offset, `Trailing comma before “${c}”`);
      return at(offset, `Unexpected ${found}`);
    case 'ColonExpected':
      return at(offset, `Expected “:” after a property name, found ${found}`);
    case 'CloseBraceExpected':
    case 'CloseBracketExpected':
      // At the end of the file the bracket left open is where to look.
      if (offset >= text.length && inside) return at(inside.offset, `This “${inside.char}” is never closed`);
      return at(offset, `Expected “,” or “${close}”, found ${found}`);
    case 'CommaExpected':
      return at(offset, `Expected “,” or “${close}”, found ${found}`);
    case 'EndOfFileExpected':
      return at(offset, `Unexpected ${found} after the JSON value`);
    case 'UnexpectedEndOfString': {
      const end = offset + length;
      if (end < text.length) return at(end, 'A string must not contain a line break or control character');
      return at(offset, 'Unterminated string');
    }
    case 'InvalidCharacter':
      return at(offset, 'A string must not contain a line break or control character');
    case 'InvalidUnicode':
      return at(offset, 'Invalid \\u escape');
    case 'InvalidEscapeCharacter':
      return at(offset, 'Invalid escape in a string');
    default:
      return at(offset, 'Invalid number');
  }
}
