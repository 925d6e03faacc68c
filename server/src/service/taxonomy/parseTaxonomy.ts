/**
 * Reads a taxonomy file (YAML, or JSON for `*.json`) into a {@link Taxonomy}. Never throws: whatever cannot be
 * read becomes a `taxonomy-syntax` problem at its position and the rest still loads.
 *
 * The steps:
 * 1. `yamlTree.ts` / `jsonTree.ts`: the text as plain values with the place of each, and its syntax errors.
 * 2. `readTerms.ts`: the terms, checked against `schemas/taxonomy.schema.json` (`schemaCheck.ts`): the top level
 *    is a list of terms or a mapping with `terms:`; each term a mapping with a string `id` and `label`, optional
 *    `aliases`, `abbreviation`, `description`, `parent` and `children`, and `x-…` extensions.
 * 3. `placeTerms.ts`: what the schema cannot say: duplicate names and abbreviations, unknown parents, a `parent`
 *    that contradicts the nesting, parent cycles; the terms laid out as a tree.
 *
 * While the file has syntax errors only those are reported, one per line (JSON: the first): what the parser
 * recovered around them is unreliable, but the terms it could read still load.
 */
import { problem } from '../problems/problem';
import type { Problem, Span } from '../types';
import { readJsonTree } from './jsonTree';
import type { Taxonomy } from './model';
import { checkNames, placeInTree } from './placeTerms';
import { readTerms, type Report } from './readTerms';
import { readYamlTree } from './yamlTree';

/** Parses taxonomy text. `uri` is used for problems and to read `*.json` files as strict JSON. */
export function parseTaxonomy(uri: string, text: string): Taxonomy {
  const problems: Problem[] = [];
  const report: Report = (span, facts, related) => {
    // Related locations are in the same file; callers leave their uri empty.
    problems.push(problem('taxonomy-syntax', uri, visibleSpan(span, text), facts, related?.map((r) => ({ ...r, uri: r.uri || uri }))));
  };
  const taxonomy: Taxonomy = { uri, terms: [], rootIds: [], byId: new Map(), problems };
  try {
    const tree = /\.json$/i.test(uri) ? readJsonTree(text) : readYamlTree(text);
    for (const error of tree.syntaxErrors) report(error.span, { kind: 'syntax', said: error.message });
    const quiet: Report = () => undefined;
    const afterSyntax = tree.syntaxErrors.length > 0 ? quiet : report;
    const { title, raws, byId } = readTerms(tree, text, afterSyntax);
    if (title !== undefined) taxonomy.title = title;
    placeInTree(taxonomy, raws, byId, afterSyntax);
    checkNames(raws, afterSyntax);
  } catch (error) {
    // A bug here must not take the server down; say so where the user will see it.
    report({ start: 0, end: 0 }, { kind: 'unreadable', error: String(error) });
  }
  return taxonomy;
}

/** Zero-width spans are hard to see; widen them to one character (or the last one of the text). */
function visibleSpan(span: Span, text: string): Span {
  const clamp = (n: number): number => Math.max(0, Math.min(n, text.length));
  span = { start: clamp(span.start), end: clamp(span.end) };
  if (span.end > span.start) return span;
  if (span.start < text.length) return { start: span.start, end: span.start + 1 };
  return { start: Math.max(0, text.length - 1), end: text.length };
}
