/**
 * Inlay hints: who a citation names, shown right after it — `[17]` ▸ "Smith et al. 2019", `[2–4]` ▸ "Lee 2018 … Wu
 * 2021", `[@doi:10.1038/nature.2015.18876]` ▸ "Van Noorden 2015". A number says nothing of its work, nor does a key
 * Manubot or a reference manager made (`doi:…`, `url:…`, `Zm1iJl59`); an author revising a numeric review otherwise
 * scrolls to the list for every one. A key that already names its first author (`smith2019deep`, `vanNoorden2015`)
 * gets no hint: the text says it. Items that do not resolve get none (their diagnostic speaks).
 */
import type { Analysis, Resolution } from '../analysis';
import { indexedRowOf } from '../bibtex/completionIndex';
import { familyNamesLabel } from '../bibtex/workLabels';
import { referenceItemFields } from '../resolve/referenceItemFields';
import type { Citation, Span } from '../types';
import type { InlayHintsSetting } from '../settings';
import { clip } from '../util/clip';
import { fileIndex } from './locate';

export interface CitationHint {
  /** Where the hint stands: right after the citation. */
  offset: number;
  /** "Smith et al. 2019; Lee 2020" — at most {@link MAX_LABEL} characters. */
  label: string;
  /** One line per work: its number or key, then its title (or the list item's text). */
  tooltip: string;
}

/** A label longer than this is cut at a work's boundary with "…": a hint must not push the sentence off screen. */
const MAX_LABEL = 60;
/** Groups of more works than this show the first two and the last: "Lee 2018; Kim 2019 … Wu 2021". */
const MAX_WORKS = 3;

/** The hints for the citations of `path` that overlap `span` (the part of the document the editor shows). */
export function getInlayHints(analysis: Analysis, path: string, span: Span, setting: InlayHintsSetting): CitationHint[] {
  const file = fileIndex(analysis, path);
  if (file < 0 || setting === 'off') return [];
  const byCitation = new Map<Citation, Resolution[]>();
  for (const r of analysis.resolutions) {
    if (r.file !== file || r.citation.span.end < span.start || r.citation.span.start > span.end) continue;
    let list = byCitation.get(r.citation);
    if (!list) byCitation.set(r.citation, (list = []));
    list.push(r);
  }
  const hints: CitationHint[] = [];
  for (const [citation, resolutions] of byCitation) {
    const works = uniqueWorks(resolutions.filter((r) => wantsHint(r, setting)));
    if (works.length === 0) continue;
    const shown = works.length > MAX_WORKS ? [...works.slice(0, 2), null, works[works.length - 1]] : works;
    hints.push({
      offset: citation.span.end,
      label: cut(shown.map((w) => (w ? w.label : '…')).join('; ').replace(/; …; /, ' … ')),
      tooltip: works.map((w) => w.tooltip).join('\n'),
    });
  }
  return hints.sort((a, b) => a.offset - b.offset);
}

interface WorkLabel {
  id: string;
  label: string;
  tooltip: string;
}

/** A resolved number always; a resolved key when the setting allows keys and the key does not name its author. */
function wantsHint(r: Resolution, setting: InlayHintsSetting): boolean {
  if (r.item.kind === 'number') return !!(r.reference || r.entry);
  return setting === 'all' && !!r.entry && !namesItsAuthor(r.item.key ?? '', r);
}

/** The works of a group in order, each once (a range `[2–4]` resolves item by item). */
function uniqueWorks(resolutions: Resolution[]): WorkLabel[] {
  const out: WorkLabel[] = [];
  const seen = new Set<string>();
  for (const r of resolutions) {
    const work = labelOf(r);
    if (work && !seen.has(work.id)) {
      seen.add(work.id);
      out.push(work);
    }
  }
  return out;
}

/**
 * "Family et al. Year" from the BibTeX/CSL entry (its completion row: the author and title fields read, not the
 * whole entry converted, so a screen of hints costs little the first time), else from the list item's text; null
 * when neither says anything.
 */
function labelOf(r: Resolution): WorkLabel | null {
  const id = r.item.kind === 'number' ? `[${r.item.number}]` : `@${r.item.key}`;
  if (r.entry) {
    const row = indexedRowOf(r.entry);
    const title = row.title.replace(/\s+/g, ' ').trim();
    const label = row.short || clip(title, 30);
    return label ? { id, label, tooltip: `${id} ${title || label}` } : null;
  }
  const text = (r.reference?.text ?? '').replace(/\s+/g, ' ').trim();
  if (!text) return null;
  const fields = referenceItemFields(text);
  const year = /\b(1[5-9]\d\d|20\d\d)[a-z]?\b/.exec(text)?.[0];
  const who = fields?.authors.length ? familyNamesLabel(fields.authors) : clip(text, 30);
  return { id, label: [who, fields?.authors.length ? year : undefined].filter(Boolean).join(' '), tooltip: `${id} ${clip(text, 200)}` };
}

/**
 * Whether a key already names its work's first author: the family name's letters (accents and case folded,
 * particles kept: "van Noorden" → `vannoorden`) are in the key's, or, with no author, the title's first word of four
 * letters or more is. `smith2019deep`, `VanNoorden2015` and `R-bookdown` (title "bookdown: …") name theirs;
 * `doi:10.1038/…`, `Zm1iJl59` and `10.1145/3292500` do not.
 */
function namesItsAuthor(key: string, r: Resolution): boolean {
  const letters = fold(key);
  const row = indexedRowOf(r.entry!);
  // The short label opens with the first author's family name: "van Noorden 2017", "Smith & Roe 2020", "Smith et al. 2020".
  const family = row.short.replace(/\s+(?:&.*|et al\..*|\d{4})$/, '');
  if (family) return letters.includes(fold(family)) || letters.includes(fold(family.split(/\s+/).pop() ?? ''));
  const word = row.title.split(/[^\p{L}]+/u).find((w) => w.length >= 4);
  return !!word && letters.includes(fold(word));
}

function fold(text: string): string {
  return text.normalize('NFD').replace(/[^\p{L}]/gu, '').toLowerCase();
}

/** Cuts a label at the last work boundary within {@link MAX_LABEL}. */
function cut(label: string): string {
  if (label.length <= MAX_LABEL) return label;
  const at = label.lastIndexOf('; ', MAX_LABEL - 1);
  return `${at > 0 ? label.slice(0, at) : label.slice(0, MAX_LABEL - 1)}…`;
}
