/**
 * The one way to make a problem: from its code and what its check found, with the message and data the table of
 * checks (`catalog.ts`) makes of them. A message therefore always says what the data (and the facts kept on the
 * problem) say, and a check never words its own message.
 */
import { checks, type DiagnosticCode, type ProblemFacts } from './catalog';
import type { Problem, RelatedLocation, Span } from '../types';

/**
 * A `code` problem at `span` of `uri`: `problem('orphaned-reference', uri, span, { kind: 'list-item', number: 6,
 * work })`. `related`: other places it concerns (the first definition of a duplicate key…).
 */
export function problem<C extends DiagnosticCode>(code: C, uri: string, span: Span, facts: ProblemFacts[C], related?: RelatedLocation[]): Problem<C> {
  const row = checks[code];
  // A message is one line: text quoted from a source (a wrapped list item, a YAML error) never brings its line
  // breaks or indentation along.
  const made: Problem<C> = { code, message: oneLine(row.message(facts)), span, uri, facts };
  const data = row.data?.(facts);
  if (data !== undefined) made.data = data;
  if (related) made.related = related;
  return made;
}

/** `message` with every run of white space that holds a line break made one space. */
function oneLine(message: string): string {
  return /[\r\n]/.test(message) ? message.replace(/[ \t]*[\r\n]\s*/g, ' ') : message;
}
