/**
 * Step 2, parse. Takes the paths discovery (step 1) found; gives the parsed bibliographies and taxonomy, with
 * their own problems. Manuscripts are parsed here too (`manuscriptOf`), but discovery asks for them as it finds
 * them: their front matter names the chapters, bibliographies and taxonomy.
 *
 * Each file is parsed from its text and kept with it (`ServiceState`), so an analysis re-parses only the files
 * whose text changed. In a host that can pause, a manuscript's first parse and a large bibliography's load run in
 * slices (`slices.ts`) with the host's turns between them and the load's progress shown.
 */
import { posix as path } from 'node:path';
import { crossFileDuplicateKeyProblems } from '../bibtex/duplicateKeys';
import { primeChunkSteps } from '../markdown/chunks';
import { exampleLabels } from '../markdown/citations';
import { parseManuscript } from '../markdown/manuscript';
import { sameWork } from '../resolve/resolve';
import { runStepsInSlices } from '../slices';
import { parseTaxonomy, type Taxonomy } from '../taxonomy';
import { problem } from '../problems/problem';
import type { Bibliography, Manuscript, Problem } from '../types';
import { readText, type ServiceContext } from './context';
import { inlineReferencesOf } from './inlineReferences';
import { keptScans } from './keptScans';

/** A Markdown file, parsed (cached by text); null when it does not exist or cannot be read. */
export async function manuscriptOf(ctx: ServiceContext, p: string): Promise<Manuscript | null> {
  const text = await readText(ctx.workspace, p);
  if (typeof text !== 'string') return null;
  const cached = ctx.state.manuscripts.get(p);
  if (cached && cached.text === text) return cached.parsed;
  // A document's first parse runs in slices in a host that can pause (the chunks it caches make the parse
  // below cheap); later ones re-parse only the chunks an edit touched.
  if (!cached && ctx.pause) await runStepsInSlices(primeChunkSteps(text, exampleLabels(text), ctx.caches.manuscripts.chunks), { pause: ctx.pause, sliceMs: 10 });
  const model = parseManuscript(p, text, ctx.state.settings, ctx.caches.manuscripts);
  // A rehearsal's text is not the file's: its parse is not kept as the file's (its chunks are, by content).
  if (!ctx.rehearsed?.has(p)) ctx.state.manuscripts.set(p, { text, parsed: model });
  return model;
}

/** The manuscript an analysis is asked for: parsed, or an empty one when it cannot be read. */
export async function rootManuscriptOf(ctx: ServiceContext, p: string): Promise<Manuscript> {
  return (await manuscriptOf(ctx, p)) ?? parseManuscript(p, '', ctx.state.settings, ctx.caches.manuscripts);
}

/** A bibliography file, parsed (cached by text); null when it does not exist or cannot be read. */
export async function bibliographyOf(ctx: ServiceContext, p: string): Promise<Bibliography | null> {
  const text = await readText(ctx.workspace, p);
  if (typeof text !== 'string') return null;
  const cached = ctx.state.bibliographies.get(p);
  if (cached && cached.text === text) return withNotUtf8Problem(ctx, p, text, cached.parsed);
  const bib = ctx.pause ? await loadInSlices(ctx, p, text, ctx.pause) : ctx.caches.bibliographies.parse(p, text);
  if (!ctx.rehearsed?.has(p)) ctx.state.bibliographies.set(p, { text, parsed: bib });
  return withNotUtf8Problem(ctx, p, text, bib);
}

/** A large bibliography, scanned in slices with the host's pauses between them and its progress shown. */
async function loadInSlices(ctx: ServiceContext, p: string, text: string, pause: () => Promise<void>): Promise<Bibliography> {
  const progress = ctx.workspace.progress?.(`Citelens: reading ${path.basename(p)}`);
  try {
    return await ctx.caches.bibliographies.parseInSlices(p, text, {
      // 10 ms of work between pauses: a request that arrives meanwhile may also wait for a garbage collection
      // and for a slice of other sliced work (completion indexing), so slices are kept well under the 50 ms.
      sliceMs: 10,
      pause,
      onProgress: (done, total) => progress?.report(Math.floor((100 * done) / Math.max(1, total))),
      kept: ctx.workspace.scans && keptScans(ctx, p, ctx.workspace.scans),
    });
  } finally {
    progress?.done();
  }
}

/** A taxonomy file, parsed (cached by text); null when it does not exist or cannot be read. */
export async function taxonomyOf(ctx: ServiceContext, p: string): Promise<Taxonomy | null> {
  const text = await readText(ctx.workspace, p);
  if (typeof text !== 'string') return null;
  const cached = ctx.state.taxonomies.get(p);
  if (cached && cached.text === text) return cached.parsed;
  const parsed = parseTaxonomy(p, text);
  if (!ctx.rehearsed?.has(p)) ctx.state.taxonomies.set(p, { text, parsed });
  return parsed;
}

/**
 * A bibliography file the host read as Windows-1252 because it is not UTF-8 (`Workspace.notUtf8`): nothing of it
 * is lost to Citelens, but Pandoc refuses the file ("Cannot decode byte"), so its first byte that is not UTF-8 is a
 * `bib-syntax` error among the bibliography's problems (where both hosts show them). The parse is cached by text,
 * and the same text may later come from the file saved as UTF-8: the problem is set or dropped on every read,
 * replacing the list (the server republishes a bibliography whose list changed).
 */
function withNotUtf8Problem(ctx: ServiceContext, p: string, text: string, bib: Bibliography): Bibliography {
  const at = ctx.workspace.notUtf8?.(p);
  const want = at && at.offset < text.length
    ? problem('bib-syntax', p, { start: at.offset, end: at.offset + 1 }, { kind: 'not-utf8', byte: at.byte, char: text[at.offset] })
    : null;
  const has = bib.problems.find((x) => x.code === 'bib-syntax' && x.facts.kind === 'not-utf8');
  if (!want && !has) return bib;
  if (want && has && has.span.start === want.span.start) return bib;
  bib.problems = [...(want ? [want] : []), ...bib.problems.filter((x) => x !== has)];
  return bib;
}

/** The bibliographies and taxonomy a manuscript uses, parsed, with their own problems. */
export interface Sources {
  /** The bibliographies that could be read, in the order they were named. */
  bibliographies: Bibliography[];
  /** Their syntax and duplicate-key problems (within a file, then across files). */
  bibliographyProblems: Problem[];
  taxonomy: Taxonomy | null;
  /** The taxonomy's syntax problems. */
  taxonomyProblems: Problem[];
}

/**
 * Parses the bibliographies and the taxonomy discovery found (the manuscripts were parsed as it read them), and
 * the inline `references:` lists of the manuscript's `files`.
 */
export async function parseSources(ctx: ServiceContext, bibliographyPaths: readonly string[], taxonomyPath: string | null, files: readonly Manuscript[] = []): Promise<Sources> {
  const bibliographies: Bibliography[] = [];
  const bibliographyProblems: Problem[] = [];
  // Pandoc's `references:` in the front matter: works beside the bibliography files (a chapter's own list too).
  for (const file of files) {
    const bib = inlineReferencesOf(file);
    if (bib) {
      bibliographies.push(bib);
      bibliographyProblems.push(...bib.problems);
    }
  }
  for (const p of bibliographyPaths) {
    const bib = await bibliographyOf(ctx, p);
    if (bib) {
      bibliographies.push(bib);
      bibliographyProblems.push(...bib.problems);
    }
  }
  bibliographyProblems.push(...crossFileDuplicateKeyProblems(bibliographies, sameWork));
  const taxonomy = taxonomyPath ? await taxonomyOf(ctx, taxonomyPath) : null;
  return { bibliographies, bibliographyProblems, taxonomy, taxonomyProblems: taxonomy ? taxonomy.problems : [] };
}
