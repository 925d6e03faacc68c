/**
 * Step 4, checks. Takes the resolved manuscript and its entry index (step 3); gives the problems the checks
 * find, in this order: taxonomy terms (`checks/taxonomyChecks.ts`), citations (`checks/citationChecks.ts`), numbering
 * (`checks/numberingChecks.ts`), the reference list and the bibliography (`checks/referenceChecks.ts`). When the
 * bibliographies are new, the host gets a turn between the passes over every key.
 */
import { citationProblems } from '../checks/citationChecks';
import { numberingProblems } from '../checks/numberingChecks';
import { referenceProblems } from '../checks/referenceChecks';
import { type EntryIndex, sameWork } from '../resolve/resolve';
import { termProblems } from '../checks/taxonomyChecks';
import { KeyDefinitions } from '../bibtex/duplicateKeys';
import type { Bibliography, Problem } from '../types';
import type { ServiceContext, ServiceState } from './context';
import type { Resolved } from './resolveManuscript';

export async function runChecks(ctx: ServiceContext, resolved: Resolved): Promise<Problem[]> {
  const { manuscript, index, bibliographiesChanged } = resolved;
  const problems: Problem[] = [];
  if (manuscript.taxonomy) problems.push(...termProblems(manuscript.taxonomy, manuscript.files, manuscript.termUses));
  if (bibliographiesChanged) await ctx.pause?.();
  const duplicateKeys = duplicatedKeysOf(ctx.state, index);
  if (bibliographiesChanged) await ctx.pause?.();
  problems.push(...citationProblems(manuscript, index, duplicateKeys));
  problems.push(...numberingProblems(manuscript));
  if (bibliographiesChanged) await ctx.pause?.();
  problems.push(...referenceProblems(manuscript, ctx.state.settings, index.size));
  return problems;
}

/** The keys defined twice in the index's bibliographies, found once per index. */
function duplicatedKeysOf(state: ServiceState, index: EntryIndex): Set<string> {
  let keys = state.duplicatedKeys.get(index);
  if (!keys) state.duplicatedKeys.set(index, (keys = duplicatedKeys(index.bibliographies)));
  return keys;
}

/**
 * Keys (as written) defined more than once across the manuscript's bibliographies: exactly, or up to case between
 * BibTeX entries (BibTeX's rule; CSL ids differing in case are two works). Not one work defined in two files
 * (`crossFileDuplicateKeyProblems`): a citation of it is not ambiguous.
 */
function duplicatedKeys(bibs: Bibliography[]): Set<string> {
  const seen = new KeyDefinitions();
  const twice = new Set<string>();
  for (const b of bibs) for (const e of b.entries) {
    const earlier = seen.earlier(e);
    if (earlier && (earlier.uri === e.uri || !sameWork(earlier, e))) twice.add(earlier.key).add(e.key);
  }
  return twice;
}
