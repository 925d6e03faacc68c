/**
 * `citelens citations FILE`: every citation occurrence in reading order, the works it names and the claim.
 */
import { relative, resolve } from 'node:path';
import { titleOf } from '../service/bibtex/workLabels';
import { claimOf, SentenceSplits } from '../service/topicFit/claimSpans';
import type { CitelensService } from '../service/service';
import { LineIndex } from '../service/text/lineIndex';

export interface CitationRow {
  path: string;
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
  text: string;
  claim: string;
  works: { ref: string; key: string | null; title: string | null; fit: number | null }[];
}

export async function collectCitations(service: CitelensService, file: string): Promise<CitationRow[]> {
  const analysis = await service.analyze(resolve(file));
  const rows: CitationRow[] = [];
  const indexes = analysis.files.map((f) => new LineIndex(f.text));
  const byCitation = new Map<object, CitationRow>();
  const splits = new SentenceSplits();
  analysis.resolutions.forEach((r, i) => {
    if (r.citation.nocite) return;
    let row = byCitation.get(r.citation);
    if (!row) {
      const ms = analysis.files[r.file];
      const index = indexes[r.file];
      row = {
        path: relative(process.cwd(), ms.uri) || ms.uri,
        range: { start: index.position(r.citation.span.start), end: index.position(r.citation.span.end) },
        text: r.citation.raw,
        claim: claimOf(ms, r.citation, splits)?.text ?? '',
        works: [],
      };
      byCitation.set(r.citation, row);
      rows.push(row);
    }
    const csl = r.entry?.getCsl() ?? null;
    const title = csl ? titleOf(csl) : r.reference ? r.reference.text : null;
    const fit = analysis.fits[i];
    row.works.push({ ref: r.item.ref, key: r.entry?.key ?? null, title, fit: fit && fit.judgeable ? Math.round(fit.score * 1000) / 1000 : null });
  });
  return rows;
}

export async function runCitations(service: CitelensService, file: string, format: 'json' | 'md' | 'csv'): Promise<number> {
  const rows = await collectCitations(service, file);
  if (format === 'json') {
    process.stdout.write(JSON.stringify({ version: 1, citations: rows }, null, 2) + '\n');
  } else if (format === 'csv') {
    const q = (s: string | number | null): string => (s === null ? '' : /[",\n]/.test(String(s)) ? `"${String(s).replace(/"/g, '""')}"` : String(s));
    const lines = ['path,line,column,citation,ref,key,title,fit,claim'];
    for (const row of rows) {
      for (const w of row.works) lines.push([row.path, row.range.start.line + 1, row.range.start.character + 1, row.text, w.ref, w.key, w.title, w.fit, row.claim].map(q).join(','));
    }
    process.stdout.write(lines.join('\n') + '\n');
  } else {
    const cell = (s: string): string => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');
    const lines = ['| where | citation | work | key | fit | claim |', '|---|---|---|---|---|---|'];
    for (const row of rows) {
      for (const w of row.works) {
        lines.push(`| ${row.path}:${row.range.start.line + 1} | ${cell(row.text)} | ${cell(w.title ?? w.ref)} | ${w.key ?? '—'} | ${w.fit === null ? '—' : w.fit.toFixed(2)} | ${cell(row.claim)} |`);
      }
    }
    process.stdout.write(lines.join('\n') + '\n');
  }
  return 0;
}
