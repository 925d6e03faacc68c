/**
 * Checks on the works themselves: `duplicate-reference` (one work listed twice), `reference-not-in-bib`
 * (a list item with no BibTeX entry while a bibliography exists), `missing-bib-field` (cited entries only:
 * an uncited entry's missing year is not the manuscript's problem) and unused BibTeX entries
 * (`orphaned-reference` as a hint, only with `citelens.unusedBibEntries`).
 */
import type { ResolvedManuscript } from '../analysis';
import { missingFieldProblemsOf } from '../bibtex/missingFields';
import { normalizedTitleOf } from '../resolve/titles';
import type { Settings } from '../settings';
import type { BibEntry, Problem } from '../types';
import { describeWork } from './describe';
import { problem } from '../problems/problem';
import { yearOf } from '../bibtex/workLabels';

export function referenceProblems(analysis: ResolvedManuscript, settings: Settings, entryCount: number): Problem[] {
  const out: Problem[] = [];
  const file = analysis.referenceFile >= 0 ? analysis.files[analysis.referenceFile] : null;

  // duplicate-reference among list items: same entry, same DOI, or same normalised title and year.
  if (file) {
    const seen = new Map<string, number>();
    for (const link of analysis.references) {
      const csl = link.entry?.getCsl() ?? null;
      const ids: string[] = [];
      if (link.entry) ids.push(`entry:${link.entry.key}`);
      const doi = link.item.doi ?? (typeof csl?.DOI === 'string' ? csl.DOI.toLowerCase() : undefined);
      if (doi) ids.push(`doi:${doi}`);
      if (csl?.title) ids.push(`title:${normalizedTitleOf(csl)}|${yearOf(csl) ?? ''}`);
      const firstNumber = ids.map((id) => seen.get(id)).find((n) => n !== undefined);
      if (firstNumber !== undefined) {
        out.push(problem('duplicate-reference', file.uri, link.item.numberSpan, { number: link.item.number, work: describeWork(link.entry, link.item), duplicateOf: firstNumber }));
      }
      for (const id of ids) if (!seen.has(id)) seen.set(id, link.item.number ?? 0);
    }
    if (entryCount > 0) {
      for (const link of analysis.references) {
        if (link.entry) continue;
        out.push(problem('reference-not-in-bib', file.uri, link.item.numberSpan, { number: link.item.number, work: describeWork(null, link.item) }));
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
