/**
 * Reads a taxonomy file (YAML or JSON, both through the `yaml` package so every value keeps its
 * offsets) into a {@link Taxonomy}. Never throws: whatever cannot be read becomes a
 * `taxonomy-syntax` problem at its position and the rest still loads.
 *
 * What is checked, by hand, mirroring `schemas/taxonomy.schema.json`: the top level is a list of
 * terms or a mapping with `terms:`; each term is a mapping with a string `id` and `label`, optional
 * `aliases` (list of strings), `abbreviation`, `description`, `parent` (strings) and `children`
 * (list of terms); no other keys except `x-…` extensions. Beyond the schema: duplicate ids, a name
 * (label or alias, compared as the matcher compares words) or abbreviation given to two terms,
 * unknown parents, a `parent` that contradicts the nesting, and parent cycles.
 *
 * Recovery: a term without a usable id is dropped and its children move up to its parent; a term
 * whose id repeats an earlier one is dropped the same way; a term without a label uses its id;
 * an unknown parent or a cycle makes the term a root. While the file has YAML (or, for `*.json`,
 * JSON) syntax errors only those are reported, one per line: what the parser recovered around them
 * is unreliable, but the terms it could read still load.
 */
import { isMap, isScalar, isSeq, parseDocument, type Node, type Pair, type YAMLMap } from 'yaml';
import type { Problem, Span } from '../types';
import type { Taxonomy, TaxonomyTerm } from './model';
import { strictJsonError } from './strictJson';
import { nameKey } from './wordTokens';

const TERM_KEYS = ['id', 'label', 'aliases', 'abbreviation', 'description', 'parent', 'children'];
const TOP_KEYS = ['$schema', 'title', 'description', 'version', 'terms'];

/** A term as read, before it is placed in the tree. */
interface RawTerm {
  term: TaxonomyTerm;
  /** Parent given by nesting (`children:`). */
  nestedParent: string | null;
  /** Parent given by a `parent:` key, with the span of its value. */
  declaredParent: { id: string; span: Span } | null;
  aliasSpans: Span[];
  abbreviationSpan: Span | null;
}

/** Parses taxonomy text. `uri` is used for problems and to treat `*.json` files as strict JSON. */
export function parseTaxonomy(uri: string, text: string): Taxonomy {
  const problems: Problem[] = [];
  const report = (span: Span, message: string, related?: Problem['related']): void => {
    const problem: Problem = { code: 'taxonomy-syntax', message, span: visibleSpan(span, text), uri };
    // Related locations are in the same file; callers leave their uri empty.
    if (related) problem.related = related.map((r) => ({ ...r, uri: r.uri || uri }));
    problems.push(problem);
  };
  const taxonomy: Taxonomy = { uri, terms: [], rootIds: [], byId: new Map(), problems };
  try {
    readInto(taxonomy, uri, text, report);
  } catch (error) {
    // A bug here must not take the server down; say so where the user will see it.
    report({ start: 0, end: 0 }, `The taxonomy could not be read: ${String(error)}`);
  }
  return taxonomy;
}

type Report = (span: Span, message: string, related?: Problem['related']) => void;

function readInto(taxonomy: Taxonomy, uri: string, text: string, report: Report): void {
  const doc = parseDocument(text, { prettyErrors: false, uniqueKeys: true });
  // One syntax error per line: the parser's follow-up errors on the same line are noise.
  const linesWithErrors = new Set<number>();
  for (const error of [...doc.errors, ...doc.warnings]) {
    if (linesWithErrors.size >= 100) break;
    const line = lineNumberAt(text, error.pos[0]);
    if (linesWithErrors.has(line)) continue;
    linesWithErrors.add(line);
    const open = /end with a ([\]}])/.test(error.message) ? unclosedBracket(text, error.pos[0]) : -1;
    if (open >= 0) {
      // The parser notices a missing `]` or `}` only lines later; point at the bracket left open.
      report({ start: open, end: open + 1 }, `Taxonomy YAML: This “${text[open]}” is never closed`);
    } else {
      report({ start: error.pos[0], end: error.pos[1] }, `Taxonomy YAML: ${firstLine(error.message)}`);
    }
  }
  const jsonError = /\.json$/i.test(uri) && doc.errors.length === 0 ? strictJsonError(text) : null;
  if (jsonError) report({ start: jsonError.offset, end: jsonError.offset + 1 }, `Taxonomy JSON: ${jsonError.message}`);
  // While the file does not parse, what the parser recovered is unreliable: report only the syntax
  // errors (fix those first) but still load the terms that could be read.
  if (linesWithErrors.size > 0 || jsonError) report = () => undefined;

  const root = doc.contents;
  if (root === null || root === undefined) return;
  let termList: Node | null = null;
  if (isSeq(root)) {
    termList = root;
  } else if (isMap(root)) {
    for (const pair of root.items) {
      const key = keyName(pair);
      if (key === 'terms') termList = (pair.value as Node | null) ?? null;
      else if (key === 'title' && isScalar(pair.value) && typeof pair.value.value === 'string') {
        taxonomy.title = pair.value.value;
      } else if (key !== null && !TOP_KEYS.includes(key) && !key.startsWith('x-')) {
        report(nodeSpan(pair.key as Node | null), `Unknown top-level key “${key}”; expected ${TOP_KEYS.slice(1).join(', ')}`);
      }
    }
    if (termList === null) {
      report(headSpan(root, text), 'The taxonomy has no “terms:” list; add one holding the terms');
      return;
    }
  } else {
    report(nodeSpan(root), 'The taxonomy must be a list of terms or a mapping with a “terms:” list');
    return;
  }
  if (!isSeq(termList)) {
    report(nodeSpan(termList), '“terms” must be a list of terms');
    return;
  }

  const raws: RawTerm[] = [];
  const byId = new Map<string, RawTerm>();
  for (const item of termList.items) readTerm(item as Node, null, text, raws, byId, report);
  placeInTree(taxonomy, raws, byId, report);
  checkNames(raws, report);
}

/** Reads one term node and, recursively, its children. */
function readTerm(
  node: Node | null,
  nestedParent: string | null,
  text: string,
  raws: RawTerm[],
  byId: Map<string, RawTerm>,
  report: Report,
): void {
  if (!isMap(node)) {
    report(nodeSpan(node), 'A term must be a mapping with at least “id” and “label”');
    return;
  }
  const head = headSpan(node, text);
  const fields = new Map<string, Pair>();
  for (const pair of node.items) {
    const key = keyName(pair);
    if (key === null) {
      report(nodeSpan(pair.key as Node | null), 'A term key must be a plain string');
    } else if (TERM_KEYS.includes(key)) {
      fields.set(key, pair);
    } else if (!key.startsWith('x-')) {
      const hint = key === 'alias' || key === 'synonyms' ? ' (did you mean “aliases”?)' : '';
      report(nodeSpan(pair.key as Node | null), `Unknown term key “${key}”${hint}; expected one of ${TERM_KEYS.join(', ')}`);
    }
  }

  const id = readString(fields.get('id'), 'id', report, true);
  const childrenPair = fields.get('children');
  let usable = id !== null && id.value !== '';
  if (!fields.has('id')) report(head, 'This term has no “id”; add a unique id such as “diffusion-models”');
  else if (id !== null && id.value === '') report(id.span, 'A term id must not be empty');
  else if (id !== null && /\s/.test(id.value)) report(id.span, `The id “${id.value}” contains white space; use “-” instead`);
  const previous = id !== null && usable ? byId.get(id.value) : undefined;
  if (id !== null && previous) {
    usable = false;
    report(id.span, `The id “${id.value}” is already used by “${previous.term.label}”; give this term its own id`, [
      { uri: '', span: previous.term.idSpan, message: `first use of “${id.value}”` },
    ]);
  }

  let ownId = nestedParent;
  if (usable && id !== null) {
    const label = readString(fields.get('label'), 'label', report, false);
    if (!fields.has('label')) report(head, `The term “${id.value}” has no “label”; add its preferred name`);
    else if (label !== null && label.value.trim() === '') report(label.span, `The label of “${id.value}” is empty`);
    const hasLabel = label !== null && label.value.trim() !== '';
    const description = readString(fields.get('description'), 'description', report, false);
    const abbreviation = readString(fields.get('abbreviation'), 'abbreviation', report, false);
    const parent = readString(fields.get('parent'), 'parent', report, true);
    const aliases = readAliases(fields.get('aliases'), report);
    const term: TaxonomyTerm = {
      id: id.value,
      label: hasLabel ? label.value.trim() : id.value,
      aliases: aliases.map((a) => a.value),
      parentId: null,
      childrenIds: [],
      depth: 0,
      path: [],
      span: nodeSpan(node),
      labelSpan: hasLabel ? label.span : id.span,
      idSpan: id.span,
    };
    if (description !== null && description.value.trim() !== '') term.description = description.value.trim();
    if (abbreviation !== null && abbreviation.value.trim() !== '') term.abbreviation = abbreviation.value.trim();
    const raw: RawTerm = {
      term,
      nestedParent,
      declaredParent: parent !== null && parent.value !== '' ? { id: parent.value, span: parent.span } : null,
      aliasSpans: aliases.map((a) => a.span),
      abbreviationSpan: abbreviation?.span ?? null,
    };
    raws.push(raw);
    byId.set(term.id, raw);
    ownId = term.id;
  }

  if (childrenPair) {
    const children = childrenPair.value as Node | null;
    if (children === null || (isScalar(children) && children.value === null)) return;
    if (!isSeq(children)) {
      report(nodeSpan(children), '“children” must be a list of terms');
      return;
    }
    for (const child of children.items) readTerm(child as Node, ownId, text, raws, byId, report);
  }
}

/** Links parents and children, breaks cycles, and lays the terms out in tree order. */
function placeInTree(taxonomy: Taxonomy, raws: RawTerm[], byId: Map<string, RawTerm>, report: Report): void {
  const parentOf = new Map<string, string | null>();
  for (const raw of raws) {
    const { term, nestedParent, declaredParent } = raw;
    let parent = nestedParent;
    if (declaredParent) {
      if (nestedParent !== null && declaredParent.id !== nestedParent) {
        report(
          declaredParent.span,
          `“${term.id}” is nested under “${nestedParent}” but names “${declaredParent.id}” as parent; keep one`,
        );
      } else if (declaredParent.id === term.id) {
        report(declaredParent.span, `“${term.id}” names itself as its parent`);
      } else if (!byId.has(declaredParent.id)) {
        report(declaredParent.span, `Unknown parent “${declaredParent.id}” of “${term.id}”: no term has this id`);
      } else {
        parent = declaredParent.id;
      }
    }
    parentOf.set(term.id, parent);
  }

  // Cycles can only come from `parent:` keys. Follow each chain; a chain that returns to a term
  // on the current walk is a cycle, reported once and broken at its first term in file order.
  const state = new Map<string, 'walking' | 'done'>();
  for (const raw of raws) {
    const walk: string[] = [];
    let id: string | null = raw.term.id;
    while (id !== null && !state.has(id)) {
      state.set(id, 'walking');
      walk.push(id);
      id = parentOf.get(id) ?? null;
    }
    if (id !== null && state.get(id) === 'walking') {
      const cycle = walk.slice(walk.indexOf(id));
      const order = new Map(raws.map((r, i) => [r.term.id, i]));
      const first = [...cycle].sort((a, b) => (order.get(a) ?? 0) - (order.get(b) ?? 0))[0];
      const at = cycle.indexOf(first);
      const loop = [...cycle.slice(at), ...cycle.slice(0, at), first];
      const firstRaw = byId.get(first);
      const span = firstRaw?.declaredParent?.span ?? firstRaw?.term.idSpan ?? { start: 0, end: 0 };
      report(
        span,
        `The parents form a cycle: ${loop.join(' → ')}; “${first}” is treated as a root until one parent changes`,
        cycle
          .filter((c) => c !== first)
          .map((c) => ({
            uri: '',
            span: byId.get(c)?.declaredParent?.span ?? byId.get(c)?.term.idSpan ?? span,
            message: `“${c}” is part of the cycle`,
          })),
      );
      parentOf.set(first, null);
    }
    for (const w of walk) state.set(w, 'done');
  }

  for (const raw of raws) {
    const parent = parentOf.get(raw.term.id) ?? null;
    raw.term.parentId = parent;
    if (parent === null) taxonomy.rootIds.push(raw.term.id);
    else byId.get(parent)?.term.childrenIds.push(raw.term.id);
  }
  const visit = (id: string, depth: number, path: string[]): void => {
    const term = byId.get(id)?.term;
    if (!term) return;
    term.depth = depth;
    term.path = [...path, term.label];
    taxonomy.terms.push(term);
    taxonomy.byId.set(id, term);
    for (const child of term.childrenIds) visit(child, depth + 1, term.path);
  };
  for (const id of taxonomy.rootIds) visit(id, 0, []);
}

/** A label, alias or abbreviation must name one term only, or the matcher cannot tell them apart. */
function checkNames(raws: RawTerm[], report: Report): void {
  const names = new Map<string, { termId: string; label: string; span: Span }>();
  const abbreviations = new Map<string, { termId: string; label: string; span: Span }>();
  for (const { term, aliasSpans, abbreviationSpan } of raws) {
    const own = new Set<string>();
    const candidates = [
      { name: term.label, span: term.labelSpan },
      ...term.aliases.map((a, i) => ({ name: a, span: aliasSpans[i] })),
    ];
    for (const { name, span } of candidates) {
      const key = nameKey(name);
      if (key === '' || own.has(key)) continue;
      own.add(key);
      const other = names.get(key);
      if (other) {
        report(span, `“${name}” also names “${other.label}” (${other.termId}); a name must belong to one term`, [
          { uri: '', span: other.span, message: `“${other.label}” uses this name` },
        ]);
      } else {
        names.set(key, { termId: term.id, label: term.label, span });
      }
    }
    if (term.abbreviation && abbreviationSpan) {
      const other = abbreviations.get(term.abbreviation);
      if (other) {
        report(
          abbreviationSpan,
          `The abbreviation “${term.abbreviation}” is already used by “${other.label}”; an abbreviation must belong to one term`,
          [{ uri: '', span: other.span, message: `“${other.label}” uses this abbreviation` }],
        );
      } else {
        abbreviations.set(term.abbreviation, { termId: term.id, label: term.label, span: abbreviationSpan });
      }
    }
  }
}

/** Reads a string field. Numbers and booleans are reported and, where `coerce`, used as text. */
function readString(
  pair: Pair | undefined,
  name: string,
  report: Report,
  coerce: boolean,
): { value: string; span: Span } | null {
  if (!pair) return null;
  const value = pair.value as Node | null;
  if (isScalar(value) && typeof value.value === 'string') return { value: value.value, span: nodeSpan(value) };
  const span = value ? nodeSpan(value) : nodeSpan(pair.key as Node | null);
  if (isScalar(value) && value.value !== null && (typeof value.value === 'number' || typeof value.value === 'boolean')) {
    report(span, `“${name}” must be a string; quote it`);
    return coerce ? { value: String(value.value), span } : null;
  }
  report(span, value && !(isScalar(value) && value.value === null) ? `“${name}” must be a string` : `“${name}” is empty`);
  return null;
}

/** Reads `aliases`: a list of strings (a single string is reported and accepted). */
function readAliases(pair: Pair | undefined, report: Report): { value: string; span: Span }[] {
  if (!pair) return [];
  const value = pair.value as Node | null;
  if (isScalar(value) && typeof value.value === 'string') {
    report(nodeSpan(value), '“aliases” must be a list; write [' + JSON.stringify(value.value) + ']');
    return value.value.trim() ? [{ value: value.value.trim(), span: nodeSpan(value) }] : [];
  }
  if (value === null || (isScalar(value) && value.value === null)) return [];
  if (!isSeq(value)) {
    report(nodeSpan(value), '“aliases” must be a list of strings');
    return [];
  }
  const out: { value: string; span: Span }[] = [];
  for (const item of value.items as (Node | null)[]) {
    if (isScalar(item) && typeof item.value === 'string' && item.value.trim() !== '') {
      out.push({ value: item.value.trim(), span: nodeSpan(item) });
    } else {
      report(nodeSpan(item ?? value), 'Each alias must be a non-empty string');
    }
  }
  return out;
}

function keyName(pair: Pair): string | null {
  const key = pair.key as Node | null;
  if (isScalar(key) && (typeof key.value === 'string' || typeof key.value === 'number')) return String(key.value);
  return null;
}

function nodeSpan(node: Node | null | undefined): Span {
  const range = node?.range;
  return range ? { start: range[0], end: range[1] } : { start: 0, end: 0 };
}

/** The first line of a node, where "this term has no id" reads best (not the whole mapping). */
function headSpan(node: YAMLMap | Node, text: string): Span {
  const { start, end } = nodeSpan(node);
  const newline = text.indexOf('\n', start);
  return { start, end: newline >= 0 && newline < end ? newline : end };
}

/** Zero-width spans are hard to see; widen them to one character (or the last one of the text). */
function visibleSpan(span: Span, text: string): Span {
  const clamp = (n: number): number => Math.max(0, Math.min(n, text.length));
  span = { start: clamp(span.start), end: clamp(span.end) };
  if (span.end > span.start) return span;
  if (span.start < text.length) return { start: span.start, end: span.start + 1 };
  return { start: Math.max(0, text.length - 1), end: text.length };
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
