/**
 * Reads the front matter fields Citelens uses (`bibliography`, `taxonomy`, `citelens.files`, `csl`, `nocite`)
 * with the `yaml` package. A broken front matter yields a problem at its position; the manuscript still loads.
 */
import { isMap, isNode, isPair, isScalar, visit, type Document } from 'yaml';
import { problem } from '../problems/problem';
import type { FrontMatter, Problem, Span } from '../types';
import { bibliographyNames, stringList } from './bibliographyNames';
import { readYaml } from './lenientYaml';

export interface FrontMatterResult {
  frontMatter: FrontMatter;
  /** Span of the `nocite:` value in the document (Pandoc reads citations there). */
  nocite: Span | null;
  /** Metadata strings Pandoc reads as Markdown that may hold a citation (see {@link markdownStrings}). */
  markdown: MetadataString[];
  problems: Problem[];
}

/**
 * The last front matter read, one per service (`ManuscriptCaches`): a keystroke below it reads the same YAML
 * again (~0.5 ms with the `yaml` package). The result is read-only data, shared by the manuscripts parsed from
 * the same front matter.
 */
export class FrontMatterCache {
  last: { uri: string; yaml: string; yamlStart: number; start: number; end: number; result: FrontMatterResult } | null = null;
}

export function readFrontMatter(uri: string, yaml: string, yamlStart: number, span: Span, cache: FrontMatterCache): FrontMatterResult {
  const last = cache.last;
  if (last && last.uri === uri && last.yaml === yaml && last.yamlStart === yamlStart && last.start === span.start && last.end === span.end) return last.result;
  const result = readFrontMatterUncached(uri, yaml, yamlStart, span);
  cache.last = { uri, yaml, yamlStart, start: span.start, end: span.end, result };
  return result;
}

function readFrontMatterUncached(uri: string, yaml: string, yamlStart: number, span: Span): FrontMatterResult {
  const problems: Problem[] = [];
  const { doc, toSource } = readYaml(yaml);
  for (const error of doc.errors.slice(0, 5)) {
    const at = yamlStart + (error.pos?.[0] ?? 0);
    problems.push(problem('front-matter-syntax', uri, { start: at, end: Math.max(at + 1, yamlStart + (error.pos?.[1] ?? 0)) }, { error: error.message }));
  }
  let data: Record<string, unknown> = {};
  try {
    const value = doc.toJS({ maxAliasCount: 100 }) as unknown;
    if (value && typeof value === 'object' && !Array.isArray(value)) data = value as Record<string, unknown>;
  } catch {
    // An alias bomb or another unreadable value: keep going with no fields.
  }
  const citelens = data.citelens && typeof data.citelens === 'object' ? (data.citelens as Record<string, unknown>) : {};
  const frontMatter: FrontMatter = { span, yaml: { start: yamlStart, end: yamlStart + yaml.length }, bibliography: bibliographyNames(data), data };
  if (typeof data.taxonomy === 'string') frontMatter.taxonomy = data.taxonomy;
  else if (typeof citelens.taxonomy === 'string') frontMatter.taxonomy = citelens.taxonomy;
  const files = stringList(citelens.files);
  if (files.length) frontMatter.files = files;
  if (typeof data.csl === 'string') frontMatter.csl = data.csl;

  let nocite: Span | null = null;
  const node = doc.get('nocite', true);
  if (isScalar(node) && node.range) nocite = { start: yamlStart + toSource(node.range[0]), end: yamlStart + toSource(node.range[1]) };
  return { frontMatter, nocite, markdown: markdownStrings(doc, (o) => yamlStart + toSource(o)), problems };
}

/** A metadata string: its value (what Pandoc parses as Markdown) and the span of its source in the document. */
export interface MetadataString {
  value: string;
  source: Span;
  /** The top-level field it belongs to (`title`, `abstract`, …). */
  field: string;
}

/**
 * The abstract, whose numeric citations (`[1]`, `^2^`) are the manuscript's too: Pandoc prints it before the text,
 * so a work first cited there is numbered first. Other fields (title, author, date) hold numbers that cite nothing:
 * an author's affiliation marks (`Jane Doe^1,2^`), a date.
 */
export const NUMERIC_FIELDS = new Set(['abstract']);

/**
 * Fields whose strings are not the author's text: Citelens's and Pandoc's file names and settings, `nocite` (read
 * apart: it lists works without citing them), and `references` (CSL data of works: Pandoc would read `@x` in a
 * title there too, but a work's title cites nothing of the manuscript). Also Quarto's and R Markdown's options,
 * which they consume before Pandoc sees the text (`twitter-card: {creator: "@handle"}` is a handle Quarto strips;
 * `format:`, `output:`, `execute:`, `params:` are settings and code values), and distill's, which it reads in R to
 * write the page's meta tags (`twitter: {site: "@lab", creator: "@handle"}`, `citation_url:`, `base_url:`,
 * `repository_url:`, `preview:`): Pandoc's citeproc warns on the handles, and nothing of them is printed as text.
 */
const NOT_TEXT = new Set([
  'bibliography', 'csl', 'citation-style', 'nocite', 'references', 'citelens', 'taxonomy', 'link-citations',
  'twitter-card', 'open-graph', 'website', 'format', 'execute', 'knitr', 'jupyter', 'engine', 'output', 'params',
  'filters', 'resources', 'project', 'book', 'comments', 'google-scholar',
  'twitter', 'citation_url', 'base_url', 'repository_url', 'preview',
]);

/**
 * Pandoc parses every metadata string as Markdown (`title: A study of [@a]`, `abstract: |`…), and its citeproc
 * counts the citations there; fields named with a trailing `_` are ignored by Pandoc. Strings without `@` cannot hold
 * a Pandoc citation and are skipped.
 */
function markdownStrings(doc: Document, toDocument: (offset: number) => number): MetadataString[] {
  const out: MetadataString[] = [];
  if (!isMap(doc.contents)) return out;
  for (const pair of doc.contents.items) {
    const name = isScalar(pair.key) ? String(pair.key.value) : '';
    if (NOT_TEXT.has(name) || name.endsWith('_')) continue;
    if (!isNode(pair.value)) continue;
    visit(pair.value, {
      Pair: (_, p) => (isPair(p) && isScalar(p.key) && String(p.key.value).endsWith('_') ? visit.SKIP : undefined),
      Scalar: (key, node) => {
        if (key === 'key' || typeof node.value !== 'string' || !node.range) return;
        if (!node.value.includes('@') && !(NUMERIC_FIELDS.has(name) && /[[^>]\s*\d/.test(node.value))) return;
        out.push({ value: node.value, source: { start: toDocument(node.range[0]), end: toDocument(node.range[1]) }, field: name });
      },
    });
  }
  return out;
}
