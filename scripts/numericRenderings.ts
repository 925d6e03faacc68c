/**
 * Numeric manuscripts nobody here wrote: Pandoc manuscripts with their bibliographies (Debian's R package vignettes
 * fetched by scripts/fetchVignettes.sh, the eval sets of ../shared) rendered by `pandoc --citeproc` with numeric CSL
 * styles (Debian's citation-style-language-styles) into Markdown, then checked as `citelens check FILE` would.
 * citeproc numbers every work by first citation and lists exactly the cited ones, so every error or warning on a
 * rendering is a false alarm, and every citation Pandoc rendered should be read. Usage:
 *   node --import tsx scripts/numericRenderings.ts --styles DIR [--only STYLE,…] [--out DIR] [--list CODE] SOURCE_DIR...
 * (styles: `apt-get download citation-style-language-styles` and `dpkg-deb -x` it; DIR is …/styles).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, relative } from 'node:path';
import { NodeWorkspace } from '../server/src/cli/nodeWorkspace';
import { createCitelensService } from '../server/src/service/service';

const args = process.argv.slice(2);
const option = (name: string): string | undefined => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);
const stylesDir = option('--styles');
const out = option('--out') ?? '/tmp/citelens-numeric';
const list = option('--list');
const sources = args.filter((a, i) => !a.startsWith('--') && !args[i - 1]?.startsWith('--'));
if (!stylesDir || !existsSync(stylesDir)) {
  console.log('No CSL styles: apt-get download citation-style-language-styles, dpkg-deb -x it, pass --styles …/styles');
  process.exit(0);
}

/** Numeric styles with different citation forms: brackets, superscripts, parentheses, ranges, lists. */
const STYLES = [
  'ieee', 'vancouver', 'vancouver-superscript', 'nature', 'american-medical-association', 'american-chemical-society',
  'elsevier-with-titles', 'the-lancet', 'multidisciplinary-digital-publishing-institute', 'acm-sig-proceedings',
  'springer-basic-brackets', 'chinese-gb7714-2005-numeric', 'science', 'royal-society-of-chemistry',
  'american-physics-society', 'iso690-numeric-en', 'apa-numeric-superscript-brackets', 'angewandte-chemie',
  'cell-numeric', 'elsevier-vancouver', 'american-institute-of-physics',
].filter((s) => !option('--only') || option('--only')!.split(',').includes(s)).filter((s) => existsSync(join(stylesDir, `${s}.csl`)) && !readFileSync(join(stylesDir, `${s}.csl`), 'utf8').includes('independent-parent'));
// Pandoc's own Markdown without its citation syntax (else the Cite elements are written back as `[@key]`), and GitHub's.
const FORMATS = ['markdown-citations', 'gfm'];

function* manuscripts(root: string): Generator<string> {
  for (const name of readdirSync(root).sort()) {
    const p = join(root, name);
    if (statSync(p).isDirectory()) yield* manuscripts(p);
    else if (/\.(rmd|qmd|md)$/i.test(name) && !/numeric/.test(name)) yield p;
  }
}

const service = (file: string) => createCitelensService(new NodeWorkspace([dirname(file)]), {});

/**
 * The works a source cites that resolve (citeproc renders an unresolved key as "**key?**", which cites nothing);
 * a source is kept when it cites at least three.
 */
async function citedWorks(file: string): Promise<{ cited: number; bibliographies: string[] }> {
  const analysis = await service(file).analyze(file);
  if (analysis.style !== 'pandoc' || analysis.bibliographies.length === 0) return { cited: 0, bibliographies: [] };
  // The bibliographies the check found (named in the front matter, or beside the file): Pandoc is given them all.
  return { cited: analysis.resolutions.filter((r) => !r.citation.nocite && r.entry).length, bibliographies: analysis.bibliographies.map((b) => b.uri) };
}

function render(file: string, bibliographies: string[], style: string, format: string): string | null {
  try {
    return execFileSync('pandoc', [basename(file), '-f', 'markdown', '-t', format, '--citeproc', '--wrap=none',
      ...bibliographies.flatMap((b) => ['--bibliography', b]),
      '--csl', join(stylesDir!, `${style}.csl`), '-M', 'reference-section-title=References', '-M', 'link-citations=false'],
    { cwd: dirname(file), encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], timeout: 60_000 });
  } catch {
    return null;
  }
}

/** An analysis that never settles would let Node exit silently mid-run: name the file instead. */
function withDeadline<T>(p: Promise<T>, file: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => { timer = setTimeout(() => reject(new Error(`no analysis after 60 s: ${file}`)), 60_000); });
  return Promise.race([p, deadline]).finally(() => clearTimeout(timer));
}

type Row = { files: number; expected: number; read: number; counts: Map<string, number> };
const rows = new Map<string, Row>();

async function main(): Promise<void> {
  const kept: [string, { cited: number; bibliographies: string[] }][] = [];
  for (const root of sources) for (const file of manuscripts(root)) {
    const source = await citedWorks(file);
    if (source.cited >= 3) kept.push([file, source]);
  }
  console.log(`${kept.length} sources (${kept.reduce((s, [, n]) => s + n.cited, 0)} citations); styles: ${STYLES.join(', ')}`);
  for (const [file, { cited, bibliographies }] of kept) {
    for (const style of STYLES) for (const format of FORMATS) {
      const text = render(file, bibliographies, style, format);
      if (text === null) continue;
      const target = join(out, relative('/', dirname(file)).replace(/[/]/g, '_'), `${basename(file).replace(/\.\w+$/, '')}.${style}.${format}.md`);
      mkdirSync(dirname(target), { recursive: true });
      writeFileSync(target, text);
      const analysis = await withDeadline(service(target).analyze(target), target);
      const key = `${style} ${format}`;
      const row = rows.get(key) ?? { files: 0, expected: 0, read: 0, counts: new Map() };
      rows.set(key, row);
      row.files++;
      row.expected += cited;
      row.read += analysis.resolutions.length;
      for (const d of analysis.diagnostics) {
        if (d.severity === 'information' || d.severity === 'hint') continue;
        const k = `${d.severity} ${d.code}`;
        row.counts.set(k, (row.counts.get(k) ?? 0) + 1);
        if (d.code === list) console.log(`${target}: ${d.message.slice(0, 160)}`);
      }
    }
  }
  console.log('\nstyle format: files, citations rendered → read, errors + warnings by code');
  for (const [key, r] of rows) {
    const problems = [...r.counts].map(([k, n]) => `${k} ${n}`).join(', ') || '—';
    console.log(`${key.padEnd(60)} ${String(r.files).padStart(4)} ${String(r.expected).padStart(6)} → ${String(r.read).padStart(6)}   ${problems}`);
  }
}

void main();
