/**
 * Hover on a citation, a reference-list item or a bibliography key: the formatted reference in the configured
 * CSL style, a DOI link and an abstract excerpt; for numbers also the list item's own text and the BibTeX key it
 * was matched to. The hover span is exactly the item (or the group, on its brackets), never the whole line.
 *
 * Other features add to a hover through {@link HoverSection}s (topic fit, taxonomy), one function each.
 */
import type { Analysis, ReferenceLink, Resolution } from '../analysis';
import type { BibEntry, CslItem, Span } from '../types';
import { occurrencesOf, targetAt, workOfEntry, workOfLink, type Target } from './locate';
import { cslOf } from '../bibtex/workLabels';
import { abstractExcerpt, baseName, doiUrl, plainReference } from './referenceText';

/** What a hover section is asked about: one work under the cursor, with the context it is seen in. */
export interface HoverSectionContext {
  analysis: Analysis;
  target: Target;
  /** The citation item being described (on a citation), else null. */
  resolution: Resolution | null;
  /** The reference-list item being described (on a list item), else null. */
  link: ReferenceLink | null;
  entry: BibEntry | null;
}

/** Contributes one Markdown section to a hover, or nothing (null/empty). Must not throw; errors are dropped. */
export type HoverSection = (context: HoverSectionContext) => string | null | undefined;

export interface HoverOptions {
  /** CSL style name or `.csl` path (`Settings.citationStyle`). */
  style: string;
  /** Formats a CSL item as a reference in `style`; the plain fallback when absent or failing. */
  formatReference?: (item: CslItem, style: string) => string;
  /** Extra sections, appended to each work's part of the hover in order. */
  sections?: HoverSection[];
}

export interface HoverResult {
  span: Span;
  /** Markdown. */
  markdown: string;
}

/** The hover at `offset` of `path`, or null when the cursor is on nothing Citelens knows. */
export function getHover(analysis: Analysis, path: string, offset: number, options: HoverOptions): HoverResult | null {
  const target = targetAt(analysis, path, offset);
  if (!target) return null;
  const parts: string[] = [];
  const context = (resolution: Resolution | null, link: ReferenceLink | null, entry: BibEntry | null) =>
    ({ analysis, target, resolution, link, entry }) satisfies HoverSectionContext;
  switch (target.kind) {
    case 'citation':
      for (const r of target.resolutions) {
        const body = r.item.kind === 'number' ? numberPart(r) : keyPart(r, options);
        parts.push(withSections(body, context(r, null, r.entry), options));
      }
      break;
    case 'reference': {
      const { link } = target;
      const cited = occurrencesOf(analysis, workOfLink(link)).length;
      const lines = [referenceLine(link, options), timesCited(cited), numberingNote(analysis)];
      parts.push(withSections(lines.filter(Boolean).join('\n\n'), context(null, link, link.entry), options));
      break;
    }
    case 'entry': {
      const cited = occurrencesOf(analysis, workOfEntry(target.entry)).length;
      const body = [describeEntry(target.entry, options), timesCited(cited)].filter(Boolean).join('\n\n');
      parts.push(withSections(body, context(null, null, target.entry), options));
      break;
    }
  }
  if (parts.length === 0) return null;
  return { span: target.span, markdown: parts.join('\n\n---\n\n') };
}

/**
 * Said on the list's items, once, rather than as a diagnostic on every manuscript: why no `citation-order` is
 * reported (`resolve/listOrder.ts`).
 */
export function numberingNote(analysis: Analysis): string {
  const order = analysis.listOrder;
  if (order?.numbering !== 'alphabetical') return '';
  const how = order.source === 'setting' ? ' (setting `citelens.numbering`)' : '';
  return `_The list is numbered alphabetically (by first author)${how}: the order of first citation is not checked._`;
}

function withSections(body: string, context: HoverSectionContext, options: HoverOptions): string {
  const extra: string[] = [];
  for (const section of options.sections ?? []) {
    try {
      const text = section(context);
      if (text) extra.push(text);
    } catch {
      // A failing section must not take the hover with it.
    }
  }
  return [body, ...extra].join('\n\n');
}

/**
 * `[3]`: modelled on the `@key` hover, each fact once. The head line names the number and the BibTeX entry it was
 * matched to (key · file); then the list item's own text, which already is the reference as the author wrote it
 * (so the entry is not formatted a second time in the CSL style), with its DOI made a link in place (or added once
 * when the text has none); then the abstract excerpt.
 */
function numberPart(r: Resolution): string {
  const n = r.item.number ?? r.item.ref;
  if (!r.reference) return `**[${n}]** has no item in the reference list.`;
  const head = r.entry ? `**[${n}]** · \`${r.entry.key}\` · ${baseName(r.entry.uri)}` : `**[${n}]** · matches no BibTeX entry`;
  const csl = cslOf(r.entry);
  return [head, ...withDoi(oneLine(r.reference.text), csl?.DOI ?? r.reference.doi), ...abstractOf(csl)].join('\n\n');
}

/** `@key`: the formatted reference, DOI link and abstract. */
function keyPart(r: Resolution, options: HoverOptions): string {
  if (!r.entry) {
    if (r.reference) return `**@${r.item.key}** — ${oneLine(r.reference.text)}`;
    return `**@${r.item.key}** is in no bibliography.`;
  }
  return describeEntry(r.entry, options);
}

/** An entry as hovers and completion documentation show it: key, file, formatted reference, DOI, abstract. */
export function describeEntry(entry: BibEntry, options: HoverOptions): string {
  const csl = cslOf(entry);
  const lines = [`**${entry.key}** · ${baseName(entry.uri)}`];
  if (csl) lines.push(...withDoi(format(csl, options), csl.DOI), ...abstractOf(csl));
  else lines.push('_This entry could not be read._');
  return lines.join('\n\n');
}

/**
 * On a reference-list item the item's text is on screen already: the hover says what it was matched to, shows the
 * entry formatted in the configured style (what the list item would read if regenerated), the DOI once, the abstract.
 */
function referenceLine(link: ReferenceLink, options: HoverOptions): string {
  const n = link.item.number;
  const num = n !== null ? `**[${n}]** · ` : '';
  if (!link.entry) return [`${num}matches no BibTeX entry.`, ...(link.item.doi ? [doiLink(link.item.doi)] : [])].join('\n\n');
  const via = link.via ? ` (matched by ${link.via === 'key' ? 'its @key' : link.via === 'doi' ? 'DOI' : 'title'})` : '';
  const lines = [`${num}\`${link.entry.key}\` · ${baseName(link.entry.uri)}${via}`];
  const csl = cslOf(link.entry);
  const doi = csl?.DOI ?? link.item.doi;
  if (csl) lines.push(...withDoi(format(csl, options), doi));
  else if (doi) lines.push(doiLink(doi));
  lines.push(...abstractOf(csl));
  return lines.join('\n\n');
}

/**
 * `text` with its DOI shown once, as a link: a DOI the text already holds (bare, `doi:…` or a doi.org URL, as
 * formatted references and list items write it) becomes the link in place; otherwise the link follows as its own line.
 */
function withDoi(text: string, doi: string | undefined): string[] {
  if (!doi) return [text];
  const bare = doi.trim().replace(/^(?:https?:\/\/(?:dx\.)?doi\.org\/|doi:\s*)/i, '');
  const at = text.toLowerCase().indexOf(bare.toLowerCase());
  if (!bare || at < 0) return [text, doiLink(doi)];
  // Take in the `doi:` or URL prefix written before the DOI, so the link replaces the whole written form.
  const before = text.slice(0, at);
  const prefix = /(?:https?:\/\/(?:dx\.)?doi\.org\/|doi:\s*)$/i.exec(before);
  const start = prefix ? at - prefix[0].length : at;
  return [`${text.slice(0, start)}${doiLink(bare)}${text.slice(at + bare.length)}`];
}

function abstractOf(csl: CslItem | null): string[] {
  const excerpt = csl ? abstractExcerpt(csl) : null;
  return excerpt ? [`> ${excerpt}`] : [];
}

function doiLink(doi: string): string {
  return `[doi:${doi}](${doiUrl(doi)})`;
}

function timesCited(n: number): string {
  return n === 0 ? 'Not cited in the manuscript.' : `Cited ${n === 1 ? 'once' : `${n} times`} in the manuscript.`;
}

function format(csl: CslItem, options: HoverOptions): string {
  try {
    const text = options.formatReference?.(csl, options.style);
    if (text && text.trim()) return text.trim();
  } catch {
    // fall through to the plain reference
  }
  return plainReference(csl);
}

function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, ' ').trim();
}
