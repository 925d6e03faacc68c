/**
 * One settings object with defaults. Flow: `package.json` `contributes.configuration` → the server pulls
 * `citelens.*` with `workspace/configuration` → `resolveSettings()` → the core. The CLI fills it from flags.
 */
import { DEFAULT_THRESHOLD } from './topicFit/threshold';
import type { DiagnosticCode, Severity } from './types';

export type SeveritySetting = Severity | 'ignore';

/**
 * How a numeric manuscript's reference list is numbered: `auto` detects it (`resolve/listOrder.ts`),
 * `citation-order` (works numbered by first citation) or `alphabetical` (by first author) force it.
 */
export type NumberingSetting = 'auto' | 'citation-order' | 'alphabetical';
export const numberingSettings: readonly NumberingSetting[] = ['auto', 'citation-order', 'alphabetical'];

/**
 * Which citations show who they name after them (`citelens.inlayHints`, `features/inlayHints.ts`): numbers and keys
 * that do not name their first author, numbers only, or none.
 */
export type InlayHintsSetting = 'all' | 'numbers' | 'off';
export const inlayHintsSettings: readonly InlayHintsSetting[] = ['all', 'numbers', 'off'];

export interface Settings {
  /** Globs or paths of bibliography files, relative to the workspace folder (used when front matter names none). */
  bibliography: string[];
  /**
   * `bibliography` replaces the front matter's and the Quarto project's bibliographies instead of applying only
   * when they name none (the command line's `--bib`).
   */
  bibliographyOverridesFrontMatter: boolean;
  /** Path of the taxonomy file, relative to the workspace folder. */
  taxonomy: string | null;
  /** Manuscript chapter files in order (relative to the workspace folder), when not in front matter. */
  files: string[];
  /** Headings that open the numbered reference list (compared case-insensitively). */
  referenceSectionTitles: string[];
  /** Per-code severity overrides. */
  diagnosticsSeverity: Partial<Record<DiagnosticCode, SeveritySetting>>;
  /** Report BibTeX entries that no citation uses (as hints). */
  unusedBibEntries: boolean;
  /** CSL style for hovers and generated reference lists: `vancouver`, `apa`, `harvard1` or a `.csl` path. */
  citationStyle: string;
  /** Topic fit: scores below this raise `off-topic-citation`. */
  topicFitThreshold: number;
  topicFitEnabled: boolean;
  /**
   * How the reference list is numbered (`citelens.numbering`): an alphabetical list gets no `citation-order`
   * diagnostics and is not renumbered by first citation.
   */
  numbering: NumberingSetting;
  /** Renumbering: write `[3–5]` instead of `[3, 4, 5]`. */
  renumberCompactRanges: boolean;
  /** Renumbering: remove uncited reference-list items instead of moving them to the end. */
  renumberRemoveUncited: boolean;
  /** Taxonomy completions as you type (otherwise only on explicit invocation). */
  taxonomyCompleteWhileTyping: boolean;
  /** The editor's inlay hints after citations: who each names. */
  inlayHints: InlayHintsSetting;
  /** Files larger than this (bytes) are reported, not parsed. */
  maxFileSize: number;
}

export const defaultSettings: Settings = {
  bibliography: [],
  bibliographyOverridesFrontMatter: false,
  taxonomy: null,
  files: [],
  referenceSectionTitles: [
    'References', 'Reference', 'Bibliography', 'Works Cited', 'Literature Cited', 'Reference List', 'References and Notes', 'Notes and References', 'References Cited', 'Cited Literature',
    // The same in the languages theses and reviews are most often written in besides English (es, pt, fr, de, it,
    // nl, sv/da/no, fi, pl/cs, tr, id, ru, zh/ja, ko), and the singular: without them a numeric manuscript in another language reads
    // as having no reference list, and every citation is an error.
    'Referencias', 'Referencias bibliográficas', 'Bibliografía', 'Referências', 'Referências bibliográficas', 'Bibliografia', 'Références', 'Références bibliographiques', 'Bibliographie', 'Literatur', 'Literaturverzeichnis', 'Quellenverzeichnis', 'Riferimenti bibliografici', 'Literatuur', 'Literatuurlijst', 'Referenties', 'Referenser', 'Litteratur', 'Referanser', 'Kirjallisuus', 'Lähteet', 'Piśmiennictwo', 'Literatura', 'Kaynaklar', 'Kaynakça', 'Daftar Pustaka', 'Список литературы', 'Литература', '参考文献', '참고문헌',
  ],
  diagnosticsSeverity: {},
  unusedBibEntries: false,
  citationStyle: 'vancouver',
  topicFitThreshold: DEFAULT_THRESHOLD,
  topicFitEnabled: true,
  numbering: 'auto',
  renumberCompactRanges: true,
  renumberRemoveUncited: false,
  taxonomyCompleteWhileTyping: false,
  inlayHints: 'all',
  maxFileSize: 50 * 1024 * 1024,
};

/** Default severity of each diagnostic code, and the codes: the table of checks' (product.md §3). */
export { defaultSeverity, diagnosticCodes } from './problems/catalog';

/** Merges partial settings (from a host) over the defaults, ignoring values of the wrong type. */
export function resolveSettings(partial: Partial<Settings> | undefined): Settings {
  const out: Settings = { ...defaultSettings };
  if (!partial) return out;
  for (const key of Object.keys(defaultSettings) as (keyof Settings)[]) {
    const value = partial[key];
    if (value === undefined || value === null && key !== 'taxonomy') continue;
    const expected = defaultSettings[key];
    if (Array.isArray(expected) ? Array.isArray(value) : expected === null || typeof value === typeof expected) {
      (out as unknown as Record<string, unknown>)[key] = value;
    }
  }
  if (!numberingSettings.includes(out.numbering)) out.numbering = defaultSettings.numbering;
  if (!inlayHintsSettings.includes(out.inlayHints)) out.inlayHints = defaultSettings.inlayHints;
  return out;
}
