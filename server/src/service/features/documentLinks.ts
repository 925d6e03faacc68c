/**
 * Document links for DOIs written in a manuscript (prose and reference-list items) or a bibliography:
 * `doi:10.1038/nature14539` and a bare `10.1038/nature14539` link to https://doi.org/…. A DOI that is already
 * part of a URL (`https://doi.org/10.…`) is left to the editor's own URL links.
 */
import type { Span } from '../types';
import { doiUrl } from './referenceText';

export interface DocumentLinkResult {
  span: Span;
  target: string;
  tooltip: string;
}

/** `10.` + registrant + `/` + suffix; the suffix stops at whitespace and at characters that close Markdown. */
const DOI = /\b10\.\d{4,9}\/[^\s"'<>\]\[{}|\\^`]+/g;

/** DOI links in `text`, skipping `excluded` spans (code, math, comments, link targets). */
export function getDocumentLinks(text: string, excluded: Span[] = []): DocumentLinkResult[] {
  const out: DocumentLinkResult[] = [];
  for (const match of text.matchAll(DOI)) {
    const start = match.index;
    let doi = match[0];
    // Trailing punctuation ends the sentence, not the DOI; a `)` only belongs to it when it closes a `(` inside.
    while (/[.,;:!?]$/.test(doi) || (doi.endsWith(')') && count(doi, '(') < count(doi, ')'))) doi = doi.slice(0, -1);
    const before = text.slice(Math.max(0, start - 12), start).toLowerCase();
    if (/doi\.org\/$|[/=\w]$/.test(before)) continue;
    const span = { start, end: start + doi.length };
    if (excluded.some((s) => s.start < span.end && span.start < s.end)) continue;
    out.push({ span, target: doiUrl(doi), tooltip: `Open doi:${doi}` });
  }
  return out;
}

function count(text: string, char: string): number {
  return text.split(char).length - 1;
}
