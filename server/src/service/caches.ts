/**
 * The state the core keeps between analyses, owned by one service: `createCitelensService` makes one
 * `ServiceCaches` and drops it with the service, so two services never share a cache and a test that compares
 * two fresh services compares everything. Module-level caches are not allowed in `server/src/service/`
 * (docs/design.md): each area that memoises adds its cache here and takes it as a parameter where it is used.
 */
import { BibliographyFiles } from './bibtex/parseBibliographyFile';
import type { DiagnosticsMade } from './diagnostics';
import { ManuscriptCaches } from './markdown/manuscriptCaches';

export class ServiceCaches {
  /** Bibliography files read (by path and text), parses under way, CSL conversions by entry text. */
  readonly bibliographies = new BibliographyFiles();
  /** Parsed Markdown chunks and the last front matter read. */
  readonly manuscripts = new ManuscriptCaches();
  /** The diagnostic last made of each problem (by the problem object; see `toDiagnostics`). */
  readonly diagnostics: DiagnosticsMade = new WeakMap();
}
