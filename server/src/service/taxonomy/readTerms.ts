/**
 * Reads the terms of a taxonomy file (as a {@link SourceTree}) and reports what the schema rejects, value by
 * value in reading order (worded by the table of checks, `problems/catalog/taxonomy.ts`). What the schema cannot see is checked here too: keys
 * that are not plain strings and ids given twice.
 *
 * Recovery: a term without a usable id is dropped (its other fields unchecked) and its children move up to its
 * parent; a term whose id repeats an earlier one is dropped the same way; a term without a label uses its id; a
 * number or boolean given as `id` or `parent` is used as text; a single alias written as text is accepted.
 */
import type { TaxonomySyntax } from '../problems/catalog/taxonomy';
import type { RelatedLocation, Span } from '../types';
import type { TaxonomyTerm } from './model';
import { SchemaCheck, TERM_KEYS, TOP_KEYS } from './schemaCheck';
import { childPointer, isMapping, type SourceMapping, type SourceTree } from './sourceTree';

/** Reports a problem of the taxonomy file (related locations in the same file leave `uri` empty). */
export type Report = (span: Span, facts: TaxonomySyntax, related?: RelatedLocation[]) => void;

/** A term as read, before it is placed in the tree. */
export interface RawTerm {
  term: TaxonomyTerm;
  /** Parent given by nesting (`children:`). */
  nestedParent: string | null;
  /** Parent given by a `parent:` key, with the span of its value. */
  declaredParent: { id: string; span: Span } | null;
  aliasSpans: Span[];
  abbreviationSpan: Span | null;
}

/** The terms of a file in file order, by id, and its title. */
export interface ReadTerms {
  title?: string;
  raws: RawTerm[];
  byId: Map<string, RawTerm>;
}

export function readTerms(tree: SourceTree, text: string, report: Report): ReadTerms {
  return new TermReader(tree, text, report).read();
}

class TermReader {
  private readonly schema: SchemaCheck;
  private readonly result: ReadTerms = { raws: [], byId: new Map() };

  constructor(
    private readonly tree: SourceTree,
    private readonly text: string,
    private readonly report: Report,
  ) {
    this.schema = new SchemaCheck(tree.value);
  }

  read(): ReadTerms {
    const root = this.tree.value;
    if (root === undefined) return this.result;
    let list = '';
    if (isMapping(root)) {
      for (const key of this.keysAt('')) {
        if (key.name === null) continue;
        const pointer = childPointer('', key.name);
        if (this.schema.forbids('', key.name)) this.report(key.span, { kind: 'unknown-top-key', key: key.name, expected: TOP_KEYS });
        else if (key.name === 'title' && typeof root.title === 'string') this.result.title = root.title;
        else if (key.name !== 'terms' && this.schema.fails(pointer)) this.report(this.spanAt(pointer), { kind: 'not-text', name: key.name, value: root[key.name] });
      }
      if (this.schema.lacks('', 'terms')) {
        this.report(this.headAt(''), { kind: 'no-terms' });
        return this.result;
      }
      list = '/terms';
    } else if (!Array.isArray(root)) {
      if (this.schema.fails('')) this.report(this.spanAt(''), { kind: 'not-a-taxonomy' });
      return this.result;
    }
    const terms = list === '' ? root : (root as SourceMapping).terms;
    if (!Array.isArray(terms)) {
      if (this.schema.fails(list)) this.report(this.spanAt(list), { kind: 'terms-not-a-list' });
      return this.result;
    }
    terms.forEach((term: unknown, i) => this.readTerm(term, childPointer(list, i), null));
    return this.result;
  }

  /** Reads the term `node` at `pointer` and, recursively, its children. */
  private readTerm(node: unknown, pointer: string, nestedParent: string | null): void {
    if (!isMapping(node)) {
      if (this.schema.fails(pointer)) this.report(this.spanAt(pointer), { kind: 'not-a-term' });
      return;
    }
    for (const key of this.keysAt(pointer)) {
      if (key.name === null) this.report(key.span, { kind: 'key-not-text' });
      else if (this.schema.forbids(pointer, key.name)) this.report(key.span, { kind: 'unknown-term-key', key: key.name, expected: TERM_KEYS });
    }

    const head = this.headAt(pointer);
    const id = this.readText(node, pointer, 'id', true);
    let usable = id !== null && id.value !== '';
    if (this.schema.lacks(pointer, 'id')) this.report(head, { kind: 'no-id' });
    else if (id !== null && this.schema.fails(childPointer(pointer, 'id'), 'minLength', 'pattern')) {
      this.report(id.span, id.value === '' ? { kind: 'empty-id' } : { kind: 'id-with-space', id: id.value });
    }
    const previous = id !== null && usable ? this.result.byId.get(id.value) : undefined;
    if (id !== null && previous) {
      usable = false;
      this.report(id.span, { kind: 'duplicate-id', id: id.value, label: previous.term.label }, [
        { uri: '', span: previous.term.idSpan, message: `first use of “${id.value}”` },
      ]);
    }
    const ownId = usable && id !== null ? this.readFields(node, pointer, id, head, nestedParent) : nestedParent;

    if (!('children' in node) || node.children === null) return;
    const children = childPointer(pointer, 'children');
    if (!Array.isArray(node.children)) {
      if (this.schema.fails(children)) this.report(this.spanAt(children), { kind: 'children-not-a-list' });
      return;
    }
    node.children.forEach((child: unknown, i) => this.readTerm(child, childPointer(children, i), ownId));
  }

  /** Reads the fields of a term with a usable id and records it; returns its id. */
  private readFields(node: SourceMapping, pointer: string, id: { value: string; span: Span }, head: Span, nestedParent: string | null): string {
    const label = this.readText(node, pointer, 'label', false);
    if (this.schema.lacks(pointer, 'label')) this.report(head, { kind: 'no-label', id: id.value });
    else if (label !== null && this.schema.fails(childPointer(pointer, 'label'), 'minLength', 'pattern')) {
      this.report(label.span, { kind: 'empty-label', id: id.value });
    }
    const hasLabel = label !== null && label.value.trim() !== '';
    const description = this.readText(node, pointer, 'description', false);
    const abbreviation = this.readText(node, pointer, 'abbreviation', false);
    if (abbreviation !== null && this.schema.fails(childPointer(pointer, 'abbreviation'), 'minLength', 'pattern')) {
      this.report(abbreviation.span, { kind: 'empty-abbreviation', id: id.value });
    }
    const parent = this.readText(node, pointer, 'parent', true);
    const aliases = this.readAliases(node, pointer);
    const term: TaxonomyTerm = {
      id: id.value,
      label: hasLabel ? label.value.trim() : id.value,
      aliases: aliases.map((a) => a.value),
      parentId: null,
      childrenIds: [],
      depth: 0,
      path: [],
      span: this.spanAt(pointer),
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
    this.result.raws.push(raw);
    this.result.byId.set(term.id, raw);
    return term.id;
  }

  /** A text field, reported when the schema rejects its type; a number or boolean is used as text where `coerce`. */
  private readText(node: SourceMapping, pointer: string, name: string, coerce: boolean): { value: string; span: Span } | null {
    if (!(name in node)) return null;
    const value = node[name];
    const at = childPointer(pointer, name);
    const span = this.spanAt(at);
    if (typeof value === 'string') return { value, span };
    if (this.schema.fails(at, 'type')) this.report(span, { kind: 'not-text', name, value });
    return coerce && (typeof value === 'number' || typeof value === 'boolean') ? { value: String(value), span } : null;
  }

  /** `aliases`: a list of strings (a single string is reported and accepted; an empty `aliases:` is none). */
  private readAliases(node: SourceMapping, pointer: string): { value: string; span: Span }[] {
    const value = node.aliases;
    const at = childPointer(pointer, 'aliases');
    if (value === undefined || value === null) return [];
    if (typeof value === 'string') {
      if (this.schema.fails(at)) this.report(this.spanAt(at), { kind: 'aliases-as-text', alias: value });
      return value.trim() ? [{ value: value.trim(), span: this.spanAt(at) }] : [];
    }
    if (!Array.isArray(value)) {
      if (this.schema.fails(at)) this.report(this.spanAt(at), { kind: 'aliases-not-a-list' });
      return [];
    }
    const out: { value: string; span: Span }[] = [];
    value.forEach((alias: unknown, i) => {
      const span = this.spanAt(childPointer(at, i));
      if (typeof alias === 'string' && alias.trim() !== '') out.push({ value: alias.trim(), span });
      else if (this.schema.fails(childPointer(at, i))) this.report(span, { kind: 'bad-alias' });
    });
    return out;
  }

  private spanAt(pointer: string): Span {
    return this.tree.nodes.get(pointer)?.span ?? { start: 0, end: 0 };
  }

  private keysAt(pointer: string): { name: string | null; span: Span }[] {
    return this.tree.nodes.get(pointer)?.keys ?? [];
  }

  /** The first line of a node, where "this term has no id" reads best (not the whole mapping). */
  private headAt(pointer: string): Span {
    const { start, end } = this.spanAt(pointer);
    const newline = this.text.indexOf('\n', start);
    return { start, end: newline >= 0 && newline < end ? newline : end };
  }
}
