/**
 * Reference lists generated from the bibliography, and conversion between numeric and Pandoc citations
 * ("Update Reference List from BibTeX", product.md §4):
 *   - {@link planReferenceList}: numeric manuscripts get their list renumbered by first citation with each item's
 *     text formatted from its BibTeX entry (CSL style); Pandoc manuscripts get a `## References` section listing
 *     the cited works;
 *   - {@link planConvertToPandoc}: `[1, 3]` → `[@a; @c]` where every number has an entry;
 *   - {@link planConvertToNumeric}: `[@a; @c]` → `[1, 2]` numbered by first citation, plus a generated list.
 * Items or citations that cannot be converted are kept as written and named in the plan's notes.
 */
import type { Analysis } from '../analysis';
import { formatReference, registerCslStyle } from '../bibtex/formatReference';
import { familyNames, familyNamesLabel, listIsCut } from '../bibtex/workLabels';
import { defaultSettings } from '../settings';
import { LineIndex } from '../text/lineIndex';
import type { BibEntry, Citation, CslItem, Manuscript } from '../types';
import { hashText } from '../util/hash';
import type { EditPlan, FileEdits, TextEdit } from './editPlan';
import { citationNumberStyle, documentNumberStyle, formatLocatedNumbers } from './numberFormat';
import { computeNumbering, orderRefusal, refusal, renumberEdits, type RenumberOptions } from './renumber';

export interface ReferenceListOptions extends Partial<RenumberOptions> {
  /** `vancouver` (default), `apa`, `harvard1`, another registered name, or the XML of a CSL style. */
  style?: string;
  /** Section titles that hold a reference list (default: the setting's default). */
  titles?: string[];
}

/** Regenerates the reference list from the bibliography (numeric: the numbered list; Pandoc: a References section). */
export function planReferenceList(analysis: Analysis, options: ReferenceListOptions = {}): EditPlan {
  const style = styleName(options.style);
  const numericCitations = analysis.files.some((f) => f.citations.some((c) => c.style === 'numeric' && !c.nocite));
  if (analysis.style === 'pandoc' || (analysis.style === 'mixed' && !numericCitations)) return pandocReferenceSection(analysis, style, options.titles ?? defaultSettings.referenceSectionTitles);
  const refused = orderRefusal(analysis);
  if (refused) return refusedPlan(refused);
  const numbering = computeNumbering(analysis, options.removeUncited ?? false);
  const entryOf = new Map(analysis.references.map((link) => [link.item, link.entry]));
  const notes: string[] = [];
  let formatted = 0;
  const placed = numbering.placed.map((p) => {
    const csl = entryOf.get(p.item)?.getCsl();
    if (!csl) {
      notes.push(`[${p.item.number ?? '?'}] matches no BibTeX entry; its own text is kept: “${clip(p.item.text)}”.`);
      return p;
    }
    formatted++;
    return { ...p, text: formatReference(csl, style) };
  });
  const edits = renumberEdits(analysis, numbering, options.compactRanges ?? true, placed);
  const uncited = numbering.uncited.length;
  if (uncited) notes.push(`${uncited} reference-list item${uncited === 1 ? ' is' : 's are'} never cited (${options.removeUncited ? 'removed' : 'kept at the end'}).`);
  if (numbering.missing.length) notes.push(`Cited number${numbering.missing.length === 1 ? '' : 's'} ${numbering.missing.map((n) => `[${n}]`).join(', ')} ha${numbering.missing.length === 1 ? 's' : 've'} no reference-list item.`);
  const changed = edits.length > 0;
  const summary = changed
    ? `Reference list updated from the bibliography: ${formatted} of ${placed.length} item${placed.length === 1 ? '' : 's'} formatted (${style}), numbered by first citation.`
    : 'The reference list already matches the bibliography.';
  return { edits, changed, summary, notes };
}

/**
 * Numeric citations → Pandoc citations: `[1, 3–4]` → `[@a; @c; @d]`, a locator kept (`[3, p. 4]` → `[@c, p. 4]`).
 * Citations with a number that has no BibTeX entry stay as they are and are named in the notes. The numbered list
 * is kept (Pandoc builds the bibliography from the `.bib`; delete the list when no numeric citation remains).
 */
export function planConvertToPandoc(analysis: Analysis): EditPlan {
  if (analysis.style === 'pandoc') return refusedPlan('This manuscript already cites by key ([@key]).');
  const refused = refusal(analysis);
  if (refused) return refusedPlan(refused);
  const entryOf = new Map<string, BibEntry | null>();
  for (const r of analysis.resolutions) entryOf.set(`${r.file}:${r.item.span.start}:${r.item.number}`, r.entry);
  const notes: string[] = [];
  const out: FileEdits[] = [];
  let converted = 0;
  let left = 0;
  analysis.files.forEach((f, fileIndex) => {
    const edits: TextEdit[] = [];
    for (const c of f.citations) {
      if (c.style !== 'numeric' || c.nocite) continue;
      const keys: string[] = [];
      const unmatched: number[] = [];
      for (const item of c.items) {
        const entry = entryOf.get(`${fileIndex}:${item.span.start}:${item.number}`);
        if (entry) keys.push(entry.key);
        else unmatched.push(item.number!);
      }
      if (c.malformed || unmatched.length || !keys.length) {
        left++;
        notes.push(`${where(f, c)} ${c.raw} is kept: ${c.malformed ? 'it is malformed' : `${unmatched.map((n) => `[${n}]`).join(', ')} ha${unmatched.length === 1 ? 's' : 've'} no BibTeX entry`}.`);
        continue;
      }
      const suffix = c.items[c.items.length - 1].suffix ?? '';
      const cites = [...new Set(keys)].map(citeKey);
      edits.push({ span: { ...c.span }, newText: `[${cites.join('; ')}${suffix}]` });
      converted++;
    }
    if (edits.length) out.push({ uri: f.uri, version: f.version, edits });
  });
  if (converted && !analysis.files[0].frontMatter?.bibliography.length) notes.push('Add `bibliography:` to the front matter so Pandoc finds the .bib file.');
  if (converted) notes.push(`The numbered reference list is kept; Pandoc builds the bibliography from the .bib (delete the list${left ? ' once no numeric citation remains' : ''}).`);
  return {
    edits: out,
    changed: out.length > 0,
    summary: converted ? `Converted ${converted} citation${converted === 1 ? '' : 's'} to [@key]${left ? `; ${left} kept as numbers` : ''}.` : 'No numeric citation could be converted.',
    notes,
  };
}

/**
 * Pandoc citations → numbers by first citation, plus a numbered `References` list formatted from the entries.
 * `@smith2020 shows` → `Smith et al. [1] shows`. Citations with an unknown key, a prefix (`[see @a]`) or a
 * locator on an item other than the last stay as they are and are named in the notes.
 */
export function planConvertToNumeric(analysis: Analysis, options: ReferenceListOptions = {}): EditPlan {
  if (analysis.style === 'numeric') return refusedPlan('This manuscript already cites by number.');
  const style = styleName(options.style);
  const docStyle = documentNumberStyle(analysis.files);
  const numbers = new Map<BibEntry, number>();
  const order: BibEntry[] = [];
  const notes: string[] = [];
  const pending: { file: number; citation: Citation; entries: BibEntry[] }[] = [];
  analysis.files.forEach((f, fileIndex) => {
    for (const c of f.citations) {
      if (c.style !== 'pandoc' || c.nocite) continue;
      const entries = c.items.map((i) => (i.key ? analysis.entriesByKey.get(i.key) ?? null : null));
      const why = c.malformed
        ? 'it is malformed'
        : entries.some((e) => !e)
          ? `${c.items.filter((_, k) => !entries[k]).map((i) => `@${i.key}`).join(', ')} ${entries.filter((e) => !e).length === 1 ? 'is' : 'are'} in no bibliography`
          : c.items.some((i) => i.prefix)
            ? 'a numeric citation cannot hold a prefix'
            : c.items.slice(0, -1).some((i) => i.suffix)
              ? 'only the last work of a numeric citation can have a locator'
              : c.items[0].mode === 'AuthorInText' && c.items.length > 1
                ? 'a narrative citation with further works has no numeric form'
                : null;
      if (why) {
        notes.push(`${where(f, c)} ${c.raw} is kept: ${why}.`);
        continue;
      }
      for (const e of entries as BibEntry[]) {
        if (!numbers.has(e)) {
          numbers.set(e, order.length + 1);
          order.push(e);
        }
      }
      pending.push({ file: fileIndex, citation: c, entries: entries as BibEntry[] });
    }
  });
  if (!pending.length) return { ...refusedPlan('No Pandoc citation could be converted.'), notes };
  const byFile = new Map<number, TextEdit[]>();
  for (const { file, citation: c, entries } of pending) {
    const numberStyle = citationNumberStyle({ ...c, segments: [] }, docStyle, options.compactRanges ?? true);
    const suffix = (c.items[c.items.length - 1].suffix ?? '').replace(/^\s*(?=\p{L})/u, ', ');
    const bracket = `[${formatLocatedNumbers(entries.map((e) => numbers.get(e)!), numberStyle, suffix !== '')}${suffix}]`;
    const narrative = c.items[0].mode === 'AuthorInText' ? `${authorsOf(entries[0].getCsl())} ` : '';
    const list = byFile.get(file) ?? [];
    list.push({ span: { ...c.span }, newText: narrative + bracket });
    byFile.set(file, list);
  }
  const items = order.map((e, i) => `${i + 1}. ${formatReference(e.getCsl() ?? { id: e.key }, style)}`);
  const section = sectionEdit(analysis, options.titles ?? defaultSettings.referenceSectionTitles, items, '\n');
  const out: FileEdits[] = [];
  analysis.files.forEach((f, i) => {
    const edits = [...(byFile.get(i) ?? [])];
    if (section.file === i) edits.push(section.edit);
    if (edits.length) out.push({ uri: f.uri, version: f.version, edits: edits.sort((a, b) => a.span.start - b.span.start) });
  });
  return {
    edits: out,
    changed: true,
    summary: `Converted ${pending.length} citation${pending.length === 1 ? '' : 's'} of ${order.length} work${order.length === 1 ? '' : 's'} to numbers by first citation, with a ${style} reference list.`,
    notes,
  };
}

/** Pandoc manuscript: a References section listing the cited works (first-citation order for numeric styles). */
function pandocReferenceSection(analysis: Analysis, style: string, titles: string[]): EditPlan {
  const cited: BibEntry[] = [];
  const seen = new Set<BibEntry>();
  const unknown = new Set<string>();
  const add = (e: BibEntry): void => {
    if (seen.has(e)) return;
    seen.add(e);
    cited.push(e);
  };
  for (const r of analysis.resolutions) {
    if (r.item.key === '*') {
      for (const e of analysis.entriesByKey.values()) add(e);
      continue;
    }
    if (!r.entry) {
      if (r.item.key) unknown.add(r.item.key);
      continue;
    }
    add(r.entry);
  }
  if (!cited.length) return refusedPlan('No cited work was found in the bibliography, so there is nothing to list.');
  const formatted = cited.map((e) => formatReference(e.getCsl() ?? { id: e.key }, style));
  const numeric = isNumericStyle(style);
  const items = numeric ? formatted.map((t, i) => `${i + 1}. ${t}`) : [...formatted].sort((a, b) => a.localeCompare(b));
  const { file, edit } = sectionEdit(analysis, titles, items, numeric ? '\n' : '\n\n');
  const f = analysis.files[file];
  const current = f.text.slice(edit.span.start, edit.span.end);
  const notes = [...unknown].map((k) => `@${k} is in no bibliography, so it is not listed.`);
  if (/\{#refs\}/.test(current)) notes.push('The section held Pandoc’s `::: {#refs}` placeholder; with --citeproc Pandoc now appends its own bibliography at the end.');
  if (current === edit.newText) return { edits: [], changed: false, summary: 'The References section already lists the cited works.', notes };
  return {
    edits: [{ uri: f.uri, version: f.version, edits: [edit] }],
    changed: true,
    summary: `References section written: ${cited.length} cited work${cited.length === 1 ? '' : 's'} (${style}).`,
    notes,
  };
}

/**
 * The edit writing `items` as the body of the manuscript's References section (the last section with one of
 * `titles`, in any file), or appending such a section to the last file.
 */
function sectionEdit(analysis: Analysis, titles: string[], items: string[], itemSeparator: string): { file: number; edit: TextEdit } {
  const wanted = new Set(titles.map((t) => t.toLowerCase()));
  for (let i = analysis.files.length - 1; i >= 0; i--) {
    const f = analysis.files[i];
    const eol = eolOf(f.text);
    for (let h = f.headings.length - 1; h >= 0; h--) {
      const heading = f.headings[h];
      if (!wanted.has(heading.text.replace(/^[\s\dIVXivx.:)]*(?=\p{L})/u, '').replace(/\s*\{[^}]*\}\s*$/, '').trim().toLowerCase())) continue;
      const next = f.headings.slice(h + 1).find((x) => x.depth <= heading.depth);
      const lineEnd = f.text.indexOf('\n', heading.span.end);
      const start = lineEnd < 0 ? f.text.length : lineEnd + 1;
      const end = next ? next.span.start : f.text.length;
      const body = eol + items.join(itemSeparator.replace(/\n/g, eol)) + eol + (next ? eol : '');
      return { file: i, edit: { span: { start: Math.min(start, end), end }, newText: (lineEnd < 0 ? eol : '') + body } };
    }
  }
  const i = analysis.files.length - 1;
  const f = analysis.files[i];
  const eol = eolOf(f.text);
  const lead = f.text === '' ? '' : f.text.endsWith('\n') ? eol : eol + eol;
  return { file: i, edit: { span: { start: f.text.length, end: f.text.length }, newText: `${lead}## References${eol}${eol}${items.join(itemSeparator.replace(/\n/g, eol))}${eol}` } };
}

/** A registered style name for `style` (CSL XML is registered under a name of its own). */
function styleName(style: string | undefined): string {
  if (!style) return defaultSettings.citationStyle;
  if (!style.includes('<style')) return style;
  const name = `citelens-custom-${hashText(style)}`;
  return registerCslStyle(name, style) ? name : defaultSettings.citationStyle;
}

function isNumericStyle(style: string): boolean {
  return /vancouver|ieee|nature|numeric/i.test(style);
}

/** `smith2020` → `@smith2020`; keys Pandoc would end early (`a.`, spaces) get braces. */
function citeKey(key: string): string {
  return /^[\p{L}\p{N}_](?:[\p{L}\p{N}_:.#$%&\-+?<>~/]*[\p{L}\p{N}_])?$/u.test(key) ? `@${key}` : `@{${key}}`;
}

/** "Smith", "Smith and Jones", "Smith et al." for a narrative citation. */
function authorsOf(item: CslItem | null): string {
  const names = familyNames(item, false);
  if (!names.length) return item?.title ? `“${clip(item.title)}”` : 'Ref.';
  return familyNamesLabel(names, { and: 'and', etAl: listIsCut(item) });
}

/** `path:line:` of a citation, for a note (lines as everywhere else: `\r\n`, `\r` and `\n` end one). */
function where(f: Manuscript, c: Citation): string {
  return `${f.uri}:${new LineIndex(f.text).position(c.span.start).line + 1}:`;
}

function eolOf(text: string): string {
  const crlf = (text.match(/\r\n/g) ?? []).length;
  return crlf > 0 && crlf * 2 >= (text.match(/\n/g) ?? []).length ? '\r\n' : '\n';
}

function clip(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > 60 ? `${flat.slice(0, 60)}…` : flat;
}

function refusedPlan(reason: string): EditPlan {
  return { edits: [], changed: false, summary: reason, refused: reason, notes: [] };
}
