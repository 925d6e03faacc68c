/**
 * The unseen-manuscript fixtures (`test/fixtures/unseen/`: a bookdown book, a Quarto book, hand-written numeric
 * reviews, a BibLaTeX/CSL library, `pandoc-edges/edges.md`: every place a review cites in, every key form) read by Pandoc itself: every file's Pandoc citations — keys, in order — must
 * be the `Cite` elements of `pandoc -f markdown -t json` in its body. Front matter is compared apart: Pandoc's
 * metadata `Cite`s less the fields Citelens deliberately leaves out (`nocite`, Quarto/R Markdown options:
 * docs/pandoc-differences.md). Quarto labels (`@fig-x`) are compared too: the parse keeps them, the analysis drops
 * them. The pandoc-free assertions on the same fixtures are in test/unit/unseenManuscripts.test.ts.
 * Skips without `pandoc` on a user's machine; in CI (`process.env.CI`) a missing pandoc fails.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { test } from 'node:test';
import { parseManuscript } from '../../server/src/service/markdown/manuscript';
import { ManuscriptCaches } from '../../server/src/service/markdown/manuscriptCaches';
import { defaultSettings } from '../../server/src/service/settings';

const hasPandoc = spawnSync('pandoc', ['--version'], { encoding: 'utf8' }).status === 0;
const skip = hasPandoc || process.env.CI ? false : 'pandoc is not installed (apt-get install pandoc): the unseen fixtures are not compared with Pandoc';

const UNSEEN = join(__dirname, '..', 'fixtures', 'unseen');
/** Front matter fields Citelens does not read as text, though Pandoc does (docs/pandoc-differences.md). */
const NOT_READ = new Set(['nocite', 'twitter-card', 'website', 'format', 'params', 'twitter']);
const THEOREM = /^(`{3,})[ \t]*\{(?:theorem|lemma|corollary|proposition|conjecture|definition|example|exercise|hypothesis|proof|remark|solution)[\s,}]/;

/** What knitr + bookdown make of theorem-like chunks: their fences become a fenced div's (the body is kept). */
function knit(text: string): string {
  const open: { fence: string; theorem: boolean }[] = [];
  return text.split('\n').map((line) => {
    const top = open[open.length - 1];
    if (top && line.trim().startsWith(top.fence) && line.trim().replace(/`/g, '') === '') {
      open.pop();
      return top.theorem ? ':::' : line;
    }
    if (top && !top.theorem) return line;
    const theorem = THEOREM.exec(line);
    const code = /^(`{3,}|~{3,})/.exec(line);
    if (theorem) open.push({ fence: theorem[1], theorem: true });
    else if (code) open.push({ fence: code[1], theorem: false });
    return theorem ? '::: {.theorem}' : line;
  }).join('\n');
}

function manuscripts(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? manuscripts(p) : /\.(md|qmd|rmd)$/i.test(name) ? [p] : [];
  });
}

function citeIds(node: unknown, out: string[]): string[] {
  if (Array.isArray(node)) for (const n of node) citeIds(n, out);
  else if (node && typeof node === 'object') {
    const n = node as { t?: string; c?: unknown };
    if (n.t === 'Cite') {
      const [citations, inlines] = n.c as [{ citationId: string }[], unknown];
      out.push(...citations.map((c) => c.citationId));
      citeIds(inlines, out);
    } else for (const v of Object.values(n)) citeIds(v, out);
  }
  return out;
}

test('the unseen fixtures: Citelens reads the citations Pandoc reads, file by file', { skip }, () => {
  const files = manuscripts(UNSEEN);
  assert.ok(files.length >= 10, `fixtures found: ${files.length}`);
  for (const file of files) {
    // A bookdown theorem-like chunk (```{theorem}) is Markdown after knitting (markdown/parseMarkdown.ts): Pandoc
    // reads the knitted text, where bookdown writes its fences as a fenced div.
    const source = readFileSync(file, 'utf8');
    const knitted = /\.rmd$/i.test(file) ? knit(source) : source;
    const r = spawnSync('pandoc', ['-f', 'markdown', '-t', 'json'], { encoding: 'utf8', input: knitted });
    assert.equal(r.status, 0, `pandoc failed on ${file}: ${r.stderr}`);
    const doc = JSON.parse(r.stdout) as { blocks: unknown; meta: Record<string, unknown> };
    const text = readFileSync(file, 'utf8');
    const ms = parseManuscript(file, text, defaultSettings, new ManuscriptCaches(), 0, { incremental: false });
    const bodyStart = ms.frontMatter?.span.end ?? 0;
    const keys = (inBody: boolean) =>
      ms.citations.filter((c) => c.style === 'pandoc' && !c.nocite && c.span.start >= bodyStart === inBody).flatMap((c) => c.items.map((i) => i.key));
    const name = relative(UNSEEN, file);
    assert.deepEqual(keys(true), citeIds(doc.blocks, []), `${name}: the body`);
    const meta = Object.entries(doc.meta).filter(([k]) => !NOT_READ.has(k)).flatMap(([, v]) => citeIds(v, []));
    assert.deepEqual(keys(false).sort(), meta.sort(), `${name}: the front matter`);
  }
});
