/**
 * Hover on a taxonomy term used in the prose (`analysis.termUses`): what the term means, where it sits in the
 * taxonomy, its other names, and which works of the bibliography cover it.
 *
 * @example Hovering "VAEs" in "… and VAEs [2] …" shows
 *   **Variational autoencoders** (VAE) · taxonomy term
 *   Variational autoencoders: probabilistic generative models that encode …
 *   Broader term: Generative AI techniques
 *   Other names: variational auto-encoders; abbreviation VAE
 *   Covered by 13 works (cited where the term is used, or named by title or abstract): [1] Goodfellow et al. 2014; …
 *   Mentioned 15 times in the manuscript; cited in the same paragraphs: 12 works, [1] Goodfellow et al. 2014; …
 */
import type { Analysis } from '../analysis';
import type { TaxonomyTerm, TermUse } from '../taxonomy';
import type { Span } from '../types';
import { touches } from './featureTypes';
import type { HoverResult } from './hover';
import { fileIndex } from './locate';
import { coveringWorksByTerm, shortWorkLabel, workIdOf } from './taxonomyWorks';

/** How many works a hover lists by name. */
const LISTED_WORKS = 5;

/** The term use under the cursor, if any. */
export function termUseAt(analysis: Analysis, path: string, offset: number): TermUse | null {
  const file = fileIndex(analysis, path);
  if (file < 0 || !analysis.taxonomy) return null;
  return analysis.termUses[file]?.find((u) => touches(u.span, offset)) ?? null;
}

/** The hover of the taxonomy term used at `offset` of `path`, or null when no term is there. */
export function getTermHover(analysis: Analysis, path: string, offset: number): HoverResult | null {
  const use = termUseAt(analysis, path, offset);
  const term = use ? analysis.taxonomy?.byId.get(use.termId) : undefined;
  if (!use || !term) return null;
  return { span: use.span, markdown: describeTerm(analysis, term, use) };
}

/** A term as hovers and completion documentation show it (Markdown). */
export function describeTerm(analysis: Analysis, term: TaxonomyTerm, use?: TermUse): string {
  const taxonomy = analysis.taxonomy!;
  const lines: string[] = [];
  lines.push(`**${md(term.label)}**${term.abbreviation ? ` (${md(term.abbreviation)})` : ''} · taxonomy term`);
  if (term.description) lines.push(md(term.description));
  const parent = term.parentId ? taxonomy.byId.get(term.parentId) : undefined;
  lines.push(parent ? `Broader term: ${md(term.path.slice(0, -1).join(' › '))}` : 'Top-level term of the taxonomy');
  const narrower = term.childrenIds.map((id) => taxonomy.byId.get(id)?.label).filter((l): l is string => !!l);
  if (narrower.length) lines.push(`Narrower terms: ${md(narrower.join(', '))}`);
  const names: string[] = [];
  if (term.aliases.length) names.push(term.aliases.map(md).join(', '));
  if (term.abbreviation) names.push(`abbreviation ${md(term.abbreviation)}`);
  if (names.length) lines.push(`Other names: ${names.join('; ')}`);
  if (use?.kind === 'alias') lines.push(`“${md(use.surface)}” is an alias: the taxonomy prefers “${md(term.label)}”.`);
  lines.push(coveredBy(analysis, term));
  if (use) lines.push(citedNear(analysis, term));
  return lines.join('\n\n');
}

/**
 * "Mentioned 4 times; cited in the same paragraphs: [2] Kingma & Welling 2014, …": the works the manuscript
 * cites where it mentions the term (what the coverage report counts).
 */
export function citedNear(analysis: Analysis, term: TaxonomyTerm): string {
  let mentions = 0;
  /** Work id → paragraphs mentioning the term that cite it (insertion order = first citation). */
  const counts = new Map<string, number>();
  analysis.files.forEach((file, i) => {
    const seen = new Set<number>();
    const paragraphs: Span[] = [];
    for (const use of analysis.termUses[i] ?? []) {
      if (use.termId !== term.id) continue;
      mentions++;
      const p = paragraphAround(file.text, use.span.start);
      if (!seen.has(p.start)) {
        seen.add(p.start);
        paragraphs.push(p);
      }
    }
    if (paragraphs.length === 0) return;
    const counted = new Set<string>();
    for (const r of analysis.resolutions) {
      if (r.file !== i || r.citation.nocite) continue;
      const at = r.citation.span.start;
      const p = paragraphs.find((q) => q.start <= at && at < q.end);
      if (!p) continue;
      const id = workIdOf(r);
      if (counted.has(`${p.start}:${id}`)) continue;
      counted.add(`${p.start}:${id}`);
      counts.set(id, (counts.get(id) ?? 0) + 1);
    }
  });
  // The works cited most often beside the term first (a stable sort keeps first-citation order among equals).
  const works = [...counts.keys()].sort((a, b) => counts.get(b)! - counts.get(a)!);
  const times = `Mentioned ${mentions} time${mentions === 1 ? '' : 's'} in the manuscript`;
  if (works.length === 0) return `${times}; no work is cited in the same paragraphs.`;
  const named = works.slice(0, LISTED_WORKS).map((id) => md(shortWorkLabel(analysis, id)));
  const more = works.length > LISTED_WORKS ? `, and ${works.length - LISTED_WORKS} more` : '';
  return `${times}; cited in the same paragraphs: ${works.length} work${works.length === 1 ? '' : 's'}, ${named.join('; ')}${more}`;
}

/** The paragraph (run of non-blank lines) holding `offset`. */
function paragraphAround(text: string, offset: number): Span {
  const blank = /\n[ \t\r]*\n/g;
  let start = 0;
  const back = text.lastIndexOf('\n', offset);
  // Walk back line by line to a blank line: paragraphs are short, so this stays local.
  for (let i = back; i > 0; i = text.lastIndexOf('\n', i - 1)) {
    const prev = text.lastIndexOf('\n', i - 1);
    if (text.slice(prev + 1, i).trim() === '') {
      start = i + 1;
      break;
    }
  }
  blank.lastIndex = offset;
  const after = blank.exec(text);
  return { start, end: after ? after.index : text.length };
}

/**
 * "Covered by 3 works: [1] …, [2] …" (up to {@link LISTED_WORKS} named): the works cited in a sentence that uses
 * the term, or whose title, abstract or keywords name it (`taxonomyWorks.ts`, {@link coveringWorksByTerm}).
 */
export function coveredBy(analysis: Analysis, term: TaxonomyTerm): string {
  const works = coveringWorksByTerm(analysis).get(term.id) ?? [];
  if (works.length === 0) return 'No work covers this term: none is cited in a sentence that uses it, and no title, abstract or keywords name it.';
  const named = works.slice(0, LISTED_WORKS).map((id) => md(shortWorkLabel(analysis, id)));
  const more = works.length > LISTED_WORKS ? `, and ${works.length - LISTED_WORKS} more` : '';
  return `Covered by ${works.length} work${works.length === 1 ? '' : 's'} (cited where the term is used, or named by title or abstract): ${named.join('; ')}${more}`;
}

/** Escapes Markdown punctuation that would change the rendering of taxonomy or bibliography text. */
function md(text: string): string {
  return text.replace(/[\\`*_[\]<>#|]/g, (c) => `\\${c}`);
}
