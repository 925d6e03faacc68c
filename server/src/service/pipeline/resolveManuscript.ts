/**
 * Step 3, resolve. Takes the parsed chapters (step 1) and bibliographies and taxonomy (step 2); gives the
 * `ResolvedManuscript` — the citation style, what every citation and reference-list item resolves to, where each
 * taxonomy term is used — and the entry index the checks look keys up in.
 *
 * The entry index is kept while the same bibliography objects (cached by text) are analysed. When they are new (a
 * large file just loaded), building the index and the checks' passes over every key take ~10 ms each per 20,000
 * entries: the host gets a turn before each (`bibliographiesChanged`), so they do not add up into one long task.
 */
import type { ResolvedManuscript } from '../analysis';
import { EntryIndex, resolveAll } from '../resolve/resolve';
import { listOrderOf } from '../resolve/listOrder';
import { termUsesOf } from '../checks/taxonomyChecks';
import type { Bibliography, Manuscript } from '../types';
import type { ServiceContext, ServiceState } from './context';
import type { Sources } from './parseFiles';

export interface Resolved {
  manuscript: ResolvedManuscript;
  /** Entries by key and identifier, of `manuscript.bibliographies`. */
  index: EntryIndex;
  /** The bibliographies are not the last analysis's: the checks give the host turns between their passes. */
  bibliographiesChanged: boolean;
}

export async function resolveManuscript(ctx: ServiceContext, files: Manuscript[], sources: Sources): Promise<Resolved> {
  const { bibliographies, taxonomy } = sources;
  const bibliographiesChanged = !sameBibliographies(ctx.state.lastIndex?.bibliographies, bibliographies);
  if (bibliographiesChanged) await ctx.pause?.();
  const index = entryIndexOf(ctx.state, bibliographies);
  const style = styleOf(files);
  const { resolutions, references, referenceFile } = resolveAll(files, index, style !== 'pandoc');
  const termUses = taxonomy ? files.map((f) => termUsesOf(taxonomy, f)) : files.map(() => []);
  const manuscript: ResolvedManuscript = {
    files,
    style,
    bibliographies,
    entriesByKey: index.byKey,
    resolutions,
    references,
    referenceFile,
    listOrder: style === 'pandoc' ? null : listOrderOf(references, resolutions, ctx.state.settings.numbering),
    taxonomy,
    termUses,
  };
  return { manuscript, index, bibliographiesChanged };
}

/** The last analysis's entry index when its bibliographies are the same objects, else a new one (then kept). */
function entryIndexOf(state: ServiceState, bibliographies: Bibliography[]): EntryIndex {
  if (sameBibliographies(state.lastIndex?.bibliographies, bibliographies)) return state.lastIndex!;
  return (state.lastIndex = new EntryIndex(bibliographies));
}

function sameBibliographies(a: readonly Bibliography[] | undefined, b: readonly Bibliography[]): boolean {
  return !!a && a.length === b.length && a.every((x, i) => x === b[i]);
}

/** Numeric when the manuscript cites by number (or has a numbered list) and has no Pandoc citations. */
function styleOf(files: Manuscript[]): ResolvedManuscript['style'] {
  let numeric = 0;
  let pandoc = 0;
  let list = false;
  for (const f of files) {
    if (f.referenceList) list = true;
    for (const c of f.citations) {
      if (c.nocite) continue;
      if (c.style === 'numeric') numeric++;
      else pandoc++;
    }
  }
  if (pandoc && (numeric || list) && list) return 'mixed';
  if (pandoc) return 'pandoc';
  if (numeric || list) return 'numeric';
  return 'none';
}
