/**
 * CSL-JSON and CSL-YAML bibliographies (Zotero/Better BibTeX exports, Manubot's references.json,
 * Pandoc's `references:` YAML) → {@link Bibliography}, with the span of each item's `"id"` value as
 * its key span.
 *
 * ```json
 * [ { "id": "smith2020", "type": "article-journal", "title": "…", "issued": { "date-parts": [[2020]] } } ]
 * ```
 */
import { parseDocument, isMap, isSeq, isScalar, type Node as YamlNode } from 'yaml';
import { problem } from '../problems/problem';
import type { BibEntry, Bibliography, CslItem, Problem, Span } from '../types';
import { normaliseCsl } from './citationJs';
import { duplicateKeyProblems } from './duplicateKeys';

/** A CSL item with the spans where it was found. */
interface PlacedItem {
  data: Record<string, unknown>;
  span: Span;
  keySpan: Span | null;
}

/** An entry of a CSL file: normalised by citation-js on first use. */
class CslEntry implements BibEntry {
  private item: CslItem | null | undefined;
  constructor(
    readonly uri: string,
    readonly key: string,
    readonly type: string,
    readonly span: Span,
    readonly keySpan: Span,
    private readonly data: Record<string, unknown>,
  ) {}

  getCsl(): CslItem | null {
    if (this.item === undefined) {
      let item: Record<string, unknown> = this.data;
      try {
        item = normaliseCsl([this.data])[0] ?? this.data;
      } catch {
        // keep the item as written
      }
      this.item = withTextValues(withNameLists(withReadableDates({ ...item, id: this.key }))) as CslItem;
    }
    return this.item;
  }
}

const DATE_VARIABLES = ['issued', 'accessed', 'event-date', 'original-date', 'submitted'] as const;

/** CSL's name variables: each a list of names. */
const NAME_VARIABLES = [
  'author', 'editor', 'translator', 'container-author', 'collection-editor', 'composer', 'director', 'editorial-director',
  'illustrator', 'interviewer', 'original-author', 'recipient', 'reviewed-author', 'chair', 'compiler', 'contributor',
  'curator', 'executive-producer', 'guest', 'host', 'narrator', 'organizer', 'performer', 'producer', 'script-writer',
  'series-creator',
] as const;

/**
 * Text variables as strings: YAML reads `title: 1984`, `volume: 12` or `ISBN: 9780…` as numbers (Pandoc prints
 * them as written), and a hand-written file may give a list (`keyword: [sleep, memory]`). A number or a truth value
 * is its text, a list of them their texts joined; anything else (a map) is no text and is dropped. Dates, names and
 * CSL's `custom` map are left to their own readers.
 */
function withTextValues(item: Record<string, unknown>): Record<string, unknown> {
  for (const [name, value] of Object.entries(item)) {
    if (typeof value === 'string' || name === 'custom' || (DATE_VARIABLES as readonly string[]).includes(name) || (NAME_VARIABLES as readonly string[]).includes(name)) continue;
    if (typeof value === 'number' || typeof value === 'boolean') item[name] = String(value);
    else if (Array.isArray(value) && value.every((v) => ['string', 'number', 'boolean'].includes(typeof v))) item[name] = value.join(', ');
    else delete item[name];
  }
  return item;
}

/**
 * Name variables as lists of name objects, whatever the file wrote: Pandoc's `references:` and hand-written CSL-YAML
 * often give one name as a string (`author: DeGroot`) or a single map (`author: {family: Roe}`), which Pandoc reads
 * as one name (a string as a literal one). Left as written, the rest of Citelens (author labels, topic fit) met a
 * string where it reads a list.
 */
function withNameLists(item: Record<string, unknown>): Record<string, unknown> {
  for (const name of NAME_VARIABLES) {
    const value = item[name];
    if (value === undefined || value === null) continue;
    const list = Array.isArray(value) ? value : [value];
    const names = list.flatMap((n) => (typeof n === 'string' || typeof n === 'number' ? [{ literal: String(n) }] : isRecord(n) ? [n] : []));
    if (names.length) item[name] = names;
    else delete item[name];
  }
  return item;
}

/** `[{year: 2012, month: 3}]` or `{year: 2012}` as date-parts; null for any other value. */
function yearMonthDayParts(value: unknown): number[][] | null {
  const maps = Array.isArray(value) ? value : isRecord(value) && 'year' in value ? [value] : null;
  if (!maps || maps.length === 0 || maps.length > 2) return null;
  const parts: number[][] = [];
  for (const m of maps) {
    if (!isRecord(m) || !/^-?\d{1,4}$/.test(String(m.year ?? '').trim())) return null;
    const part = [Number(m.year)];
    for (const k of ['month', 'day'] as const) {
      if (m[k] === undefined) break;
      if (!/^\d{1,2}$/.test(String(m[k]).trim())) return null;
      part.push(Number(m[k]));
    }
    parts.push(part);
  }
  return parts;
}

/**
 * Dates as Pandoc's citeproc reads them, as `date-parts`: `{"raw": "2019-05"}` (CSL-JSON's raw dates, which
 * citeproc parses) and a bare `issued: 2020-05-01` or `issued: 2019` (CSL-YAML in Pandoc's own EDTF form). A
 * date that is not a year, month and day stays as written (`literal` when a bare string). Also pandoc-citeproc's
 * YAML form, which Pandoc's manual still shows and Pandoc 2.17 reads: `issued: [{year: 2012, month: 3}]` (two maps
 * for a range), or one map.
 */
function withReadableDates(item: Record<string, unknown>): Record<string, unknown> {
  for (const name of DATE_VARIABLES) {
    const value = item[name];
    const parts = yearMonthDayParts(value);
    if (parts) {
      item[name] = { 'date-parts': parts };
      continue;
    }
    const raw = typeof value === 'string' || typeof value === 'number' ? String(value) : isRecord(value) && !value['date-parts'] && typeof value.raw === 'string' ? value.raw : null;
    if (raw === null) continue;
    const m = /^\s*(-?\d{1,4})(?:-(\d{1,2}))?(?:-(\d{1,2}))?\s*$/.exec(raw);
    if (m) item[name] = { 'date-parts': [[m[1], m[2], m[3]].filter((x) => x !== undefined).map(Number)] };
    else if (typeof value !== 'object') item[name] = { literal: raw };
  }
  return item;
}

/**
 * Reads a CSL-JSON file: an array of items, or an object holding one under `items` or
 * `references`. JSON syntax errors become `bib-syntax` problems at their position.
 */
export function parseCslJson(uri: string, text: string): Bibliography {
  const start = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let data: unknown;
  try {
    data = JSON.parse(text.slice(start));
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    const at = /position (\d+)/.exec(message);
    const offset = at ? start + Number(at[1]) : Math.max(start, text.trimEnd().length - 1);
    return {
      uri,
      entries: [],
      problems: [problem('bib-syntax', uri, { start: offset, end: Math.min(offset + 1, text.length) }, { kind: 'csl-syntax', format: 'JSON', error: message })],
    };
  }
  const listKey = Array.isArray(data) ? null : listKeyOf(data);
  const items = listKey === null ? data : (data as Record<string, unknown>)[listKey];
  if (!Array.isArray(items)) {
    return { uri, entries: [], problems: [notAList(uri, text, 'JSON')] };
  }
  const spans = locateJsonItems(text, start, listKey);
  const placed: PlacedItem[] = items.map((item, i) => ({
    data: isRecord(item) ? item : {},
    span: spans[i]?.span ?? { start, end: text.length },
    keySpan: spans[i]?.keySpan ?? null,
  }));
  return toBibliography(uri, placed);
}

/** Reads a CSL-YAML file: a list of items, or Pandoc's `references:` list. */
export function parseCslYaml(uri: string, text: string): Bibliography {
  const doc = parseDocument(text, { uniqueKeys: false, logLevel: 'error' });
  const problems: Problem[] = doc.errors.map((err) =>
    problem('bib-syntax', uri, { start: err.pos[0], end: Math.max(err.pos[1], err.pos[0] + 1) }, { kind: 'csl-syntax', format: 'YAML', error: err.message }),
  );
  let list: unknown = doc.contents;
  if (isMap(list)) list = list.get('references', true) ?? list.get('items', true);
  if (!isSeq(list)) {
    if (problems.length === 0) problems.push(notAList(uri, text, 'YAML'));
    return { uri, entries: [], problems };
  }
  const placed: PlacedItem[] = [];
  for (const node of list.items) {
    if (!isMap(node)) continue;
    const data = (node as YamlNode).toJSON() as unknown;
    const idNode = node.get('id', true);
    const range = (node as YamlNode).range;
    placed.push({
      data: isRecord(data) ? data : {},
      span: range ? { start: range[0], end: range[1] } : { start: 0, end: 0 },
      keySpan: isScalar(idNode) && idNode.range ? { start: idNode.range[0], end: idNode.range[1] } : null,
    });
  }
  const bib = toBibliography(uri, placed);
  bib.problems.unshift(...problems);
  return bib;
}

function toBibliography(uri: string, placed: PlacedItem[]): Bibliography {
  const entries: BibEntry[] = [];
  const problems: Problem[] = [];
  for (const { data, span, keySpan } of placed) {
    const id = data.id;
    if ((typeof id !== 'string' && typeof id !== 'number') || String(id) === '') {
      problems.push(problem('bib-syntax', uri, { start: span.start, end: span.start + 1 }, { kind: 'csl-no-id' }));
      continue;
    }
    const type = typeof data.type === 'string' ? data.type : 'document';
    entries.push(new CslEntry(uri, String(id), type, span, keySpan ?? span, data));
  }
  problems.push(...duplicateKeyProblems(uri, entries));
  return { uri, entries, problems };
}

function notAList(uri: string, text: string, format: 'JSON' | 'YAML'): Problem {
  return problem('bib-syntax', uri, { start: 0, end: Math.min(1, text.length) }, { kind: 'csl-not-a-list', format });
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function listKeyOf(data: unknown): string | null {
  if (!isRecord(data)) return null;
  if (Array.isArray(data.items)) return 'items';
  if (Array.isArray(data.references)) return 'references';
  return null;
}

/**
 * Spans of the item objects of a (valid) JSON text and of each item's `"id"` value (inside the
 * quotes), in order. `listKey` names the top-level property holding the list, or null for an array.
 */
function locateJsonItems(text: string, from: number, listKey: string | null): { span: Span; keySpan: Span | null }[] {
  const found: { span: Span; keySpan: Span | null }[] = [];
  const itemDepth = listKey === null ? 1 : 2;
  let depth = 0;
  let topKey = '';
  let current: { span: Span; keySpan: Span | null } | null = null;
  let lastString: Span | null = null;
  for (let p = from; p < text.length; p++) {
    const c = text.charCodeAt(p);
    if (c === 34) {
      const s = p;
      for (p++; p < text.length && text.charCodeAt(p) !== 34; p++) if (text.charCodeAt(p) === 92) p++;
      lastString = { start: s + 1, end: p };
      continue;
    }
    if (c === 58 && lastString) {
      // `"name":` — a property name; note it when it matters.
      const name = text.slice(lastString.start, lastString.end);
      if (depth === 1 && listKey !== null) topKey = name;
      if (current && depth === itemDepth + 1 && name === 'id') current.keySpan = valueSpan(text, p + 1);
    } else if (c === 123 || c === 91) {
      if (c === 123 && depth === itemDepth && (listKey === null || topKey === listKey)) {
        current = { span: { start: p, end: p }, keySpan: null };
      }
      depth++;
    } else if (c === 125 || c === 93) {
      depth--;
      if (c === 125 && current && depth === itemDepth) {
        current.span.end = p + 1;
        found.push(current);
        current = null;
      }
    }
    if (c > 32) lastString = null; // only a string directly before `:` is a property name
  }
  return found;
}

/** The span of a JSON scalar value after `:` (inside the quotes for a string). */
function valueSpan(text: string, p: number): Span {
  while (p < text.length && text.charCodeAt(p) <= 32) p++;
  if (text.charCodeAt(p) === 34) {
    let q = p + 1;
    for (; q < text.length && text.charCodeAt(q) !== 34; q++) if (text.charCodeAt(q) === 92) q++;
    return { start: p + 1, end: q };
  }
  let q = p;
  while (q < text.length && !/[\s,}\]]/.test(text[q])) q++;
  return { start: p, end: q };
}
