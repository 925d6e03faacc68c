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
  const made: Problem<C> = { code, message: row.message(facts), span, uri, facts };
  const data = row.data?.(facts);
  if (data !== undefined) made.data = data;
  if (related) made.related = related;
  return made;
}
