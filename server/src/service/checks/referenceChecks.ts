/**
 * Checks on the works themselves: `duplicate-reference` (one work listed twice), `duplicate-bib-entry` (one work
 * entered twice in the bibliography, found when a list item matches both entries), `reference-not-in-bib`
 * (a list item with no BibTeX entry while a bibliography exists), `missing-bib-field` (cited entries only:
 * an uncited entry's missing year is not the manuscript's problem) and unused BibTeX entries
 * (`orphaned-reference` as a hint, only with `citelens.unusedBibEntries`).
 */
import type { ResolvedManuscript } from '../analysis';
import { missingFieldProblemsOf } from '../bibtex/missingFields';
import { firstAuthorOf, identifiersOf } from '../resolve/resolve';
import { normalizedTitleOf, normalizeTitle } from '../resolve/titles';
import type { Settings } from '../settings';
import type { BibEntry, Problem } from '../types';
import { describeWork } from './describe';
import { problem } from '../problems/problem';
import { yearOf } from '../bibtex/workLabels';

export function referenceProblems(analysis: ResolvedManuscript, settings: Settings, entryCount: number): Problem[] {
  const out: Problem[] = [];
  const file = analysis.referenceFile >= 0 ? analysis.files[analysis.referenceFile] : null;

  // duplicate-reference among list items: same entry, or the same work by `sameWork`'s rule (same title, and same
  // DOI or same year and first author: a blog post about a paper can carry the paper's title and year).
  if (file) {
    const seen = new Map<string, number>();
    for (const link of analysis.references) {
      const csl = link.entry?.getCsl() ?? null;
      const ids: string[] = [];
      if (link.entry) ids.push(`entry:${link.entry.key}`);
      const doi = link.item.doi ?? (typeof csl?.DOI === 'string' ? csl.DOI.toLowerCase() : undefined);
      // A DOI shared by two titles is a whole and its part (a dataset and its README): the title goes with it.
      if (doi) ids.push(`doi:${doi}|${csl?.title ? normalizedTitleOf(csl) : ''}`);
      if (csl?.title) ids.push(`title:${normalizedTitleOf(csl)}|${yearOf(csl) ?? ''}|${normalizeTitle(firstAuthorOf(csl) ?? '')}`);
      const firstNumber = ids.map((id) => seen.get(id)).find((n) => n !== undefined);
      if (firstNumber !== undefined) {
        out.push(problem('duplicate-reference', file.uri, link.item.numberSpan, { number: link.item.number, work: describeWork(link.entry, link.item), duplicateOf: firstNumber }));
      }
      for (const id of ids) if (!seen.has(id)) seen.set(id, link.item.number ?? 0);
    }
    out.push(...duplicateEntryProblems(analysis));
    if (entryCount > 0) {
      for (const link of analysis.references) {
        if (link.entry) continue;
        const facts = { number: link.item.number, work: describeWork(null, link.item) };
        out.push(problem('reference-not-in-bib', file.uri, link.item.numberSpan, link.ambiguous ? { ...facts, ambiguous: link.ambiguous.map((e) => e.key) } : facts));
      }
    }
  }

  // Entries cited (directly or through the list), for missing fields and unused entries.
  const cited = new Set<BibEntry>();
  for (const r of analysis.resolutions) if (r.entry) cited.add(r.entry);
  const allCited = analysis.resolutions.some((r) => r.item.key === '*');
  for (const bib of analysis.bibliographies) {
    // Entries sharing a cited entry's key count as cited (a duplicate key is one reference to the reader).
    const citedKeys = new Set<string>();
    for (const e of bib.entries) if (cited.has(e)) citedKeys.add(e.key);
    if (citedKeys.size) out.push(...missingFieldProblemsOf(bib, bib.entries.filter((e) => citedKeys.has(e.key))));
    if (settings.unusedBibEntries && !allCited) {
      for (const e of bib.entries) {
        if (cited.has(e)) continue;
        out.push(problem('orphaned-reference', bib.uri, e.keySpan, { kind: 'bib-entry', key: e.key, work: describeWork(e) }));
      }
    }
  }
  return out;
}

/** `duplicate-bib-entry`: each entry a list item matched besides the one it links to, that is the same work. */
function duplicateEntryProblems(analysis: ResolvedManuscript): Problem[] {
  const out: Problem[] = [];
  const reported = new Set<BibEntry>();
  for (const link of analysis.references) {
    if (!link.entry || !link.twins) continue;
    for (const twin of link.twins) {
      if (reported.has(twin) || reported.has(link.entry)) continue;
      reported.add(twin);
      const doi = (e: BibEntry) => identifiersOf(e.getCsl()).find((id) => id.startsWith('doi:'));
      const by = doi(twin) !== undefined && doi(twin) === doi(link.entry) ? 'doi' : 'year-and-author';
      out.push(problem('duplicate-bib-entry', twin.uri, twin.keySpan, { key: twin.key, sameAs: link.entry.key, by, number: link.item.number }));
    }
  }
  return out;
}
