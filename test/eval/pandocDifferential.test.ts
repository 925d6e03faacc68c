/**
 * Differential test against Pandoc itself (issue 14): thousands of seeded Markdown documents put citations — every
 * Pandoc form, numeric forms and near-misses — into every Markdown context, and what Citelens reads (keys, modes,
 * prefixes, suffixes, order) must equal the `Cite` elements of `pandoc -f markdown -t json`.
 *
 * Pandoc runs once per run: a Lua filter reads the whole batch and parses each document on its own with
 * `pandoc.read` (no document leaks into the next), returning one `Div` per document.
 *
 * A disagreement fails the test unless it is listed in `KNOWN_DIFFERENCES` (and in docs/pandoc-differences.md).
 * Skips without `pandoc` on a user's machine; in CI (`process.env.CI`) a missing pandoc fails.
 * Seed: `CITELENS_DIFF_SEED` (else random; printed on failure); count: `CITELENS_DIFF_DOCS` (default 2,400).
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { parseManuscript } from '../../server/src/service/markdown/manuscript';
import { ManuscriptCaches } from '../../server/src/service/markdown/manuscriptCaches';
import { defaultSettings } from '../../server/src/service/settings';
import { seededRandom } from '../../server/src/service/util/seededRandom';
import { pandocPlain } from '../helpers/pandocText';

const pandocVersion = spawnSync('pandoc', ['--version'], { encoding: 'utf8' });
const hasPandoc = pandocVersion.status === 0;
const skip = hasPandoc || process.env.CI ? false : 'pandoc is not installed (apt-get install pandoc): the differential test against Pandoc is skipped';

interface Read {
  id: string;
  mode: string;
  prefix: string;
  suffix: string;
}

/** A generated document and the tags of what it is made of (context, citation forms), for KNOWN_DIFFERENCES. */
interface Doc {
  text: string;
  tags: Set<string>;
}

/**
 * Disagreements with Pandoc that remain, each with Pandoc's behaviour and the issue item it belongs to. A failing
 * document is "known" when all of `tags` are among its tags. Keep in step with docs/pandoc-differences.md.
 */
export const KNOWN_DIFFERENCES: { tags: string[]; pandoc: string; item: string }[] = [
];


/** pandoc-crossref labels, which Citelens does not read as citations (the one difference modelled, not masked). */
const CROSSREF = /^(?:[Ff]ig|[Tt]bl|[Ee]q|[Ss]ec|[Ll]st):/;

// ---------------------------------------------------------------------------------------------------------------
// The generator

const KEYS = ['smith2020', 'Doe_99', 'lee:2019a', 'doi:10.1000/xyz-1', 'van.der.berg', 'ABC-2001', 'o_brien+x'];
const WORDS = ['text', 'results', 'as shown', 'we', 'methods', 'data', 'in', 'the model', 'prior work'];

function generator(seed: number) {
  const rnd = seededRandom(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)];
  const key = () => pick(KEYS);
  const words = () => Array.from({ length: 1 + Math.floor(rnd() * 3) }, () => pick(WORDS)).join(' ');
  const punct = () => pick(['', '', '.', ',', ';']);

  /** Citation forms: [text, tag]. */
  const forms: (() => [string, string])[] = [
    () => [`[@${key()}]`, 'form:normal'],
    () => [`[@${key()}; @${key()}]`, 'form:group'],
    () => [`[see @${key()}, p. ${1 + Math.floor(rnd() * 99)}]`, 'form:prefix-suffix'],
    () => [`[@${key()}, ch. 2; also @${key()}, pp. 4-5]`, 'form:group-suffix'],
    () => [`[-@${key()}]`, 'form:suppress'],
    () => [`@${key()}`, 'form:textual'],
    () => [`@${key()} [p. 33]`, 'form:textual-locator'],
    () => [`@${key()} [@${key()}]`, 'form:textual-group'],
    () => [`@{https://example.org/a?id=${Math.floor(rnd() * 9)}}`, 'form:braced'],
    () => [`[@${key()}]{.cls}`, 'form:span'],
    () => [`[e.g. @${key()}](https://example.org)`, 'form:link-text'],
    () => [`[${1 + Math.floor(rnd() * 40)}]`, 'form:numeric'],
    () => [`[@${key()}, @${key()}]`, 'form:nested-suffix'],
    () => [`[see @${key()} @${key()} and @${key()} [p. 4]]`, 'form:nested-suffix'],
    () => [`[2–4]`, 'form:numeric'],
    () => [`[1, 3]`, 'form:numeric'],
    () => [`[2]–[4]`, 'form:numeric'],
    () => [`write to me@example.org`, 'form:email'],
    () => [`see @fig:x and [@tbl:y]`, 'form:crossref'],
    () => [`\\[@${key()}\\]`, 'form:escaped'],
    () => [`\\@${key()}`, 'form:escaped'],
    () => [`costs $5, see [@${key()}], total $6`, 'form:dollar'],
    () => [`the range [0, 1] and x[2]`, 'form:numeric-prose'],
  ];
  const cite = (tags: Set<string>): string => {
    const [t, tag] = pick(forms)();
    tags.add(tag);
    return t;
  };
  /** A line of prose holding one or two citations. */
  const prose = (tags: Set<string>): string => {
    let s = `${words()} ${cite(tags)}${punct()}`;
    if (rnd() < 0.4) s += ` ${words()} ${cite(tags)}${punct()}`;
    return `${s[0].toUpperCase()}${s.slice(1)} ${words()}.`;
  };

  /** Contexts: [tag, builder]. */
  let notes = 0;
  const contexts: [string, (tags: Set<string>) => string][] = [
    ['ctx:paragraph', (t) => prose(t)],
    ['ctx:paragraph-wrapped', (t) => `${prose(t)}\n${prose(t)}`],
    ['ctx:heading', (t) => `# ${prose(t)}\n\n${prose(t)}`],
    ['ctx:list', (t) => `- ${prose(t)}\n- ${prose(t)}`],
    ['ctx:list-loose', (t) => `1. ${prose(t)}\n\n2. ${prose(t)}`],
    ['ctx:list-lazy', (t) => `- ${prose(t)}\n${prose(t)}`],
    ['ctx:blockquote', (t) => `> ${prose(t)}\n> ${prose(t)}`],
    ['ctx:pipe-table', (t) => `| A | B |\n|---|---|\n| ${prose(t)} | x |\n\n${prose(t)}`],
    ['ctx:pipe-table-caption', (t) => `| A | B |\n|---|---|\n| ${prose(t)} | x |\n| y | ${prose(t)} |\n\nTable: ${prose(t)}\n${prose(t)}`],
    ['ctx:pipe-table-caption-before', (t) => `: ${prose(t)}\n\n| A | B |\n|---|---|\n| ${prose(t)} | x |`],
    ['ctx:image-caption', (t) => `![${prose(t)}](fig.png)`],
    ['ctx:image-caption-multiline', (t) => `![\n${prose(t)}\n](fig.png){#fig:x}`],
    ['ctx:footnote', (t) => `${prose(t)}[^n${++notes}]\n\n[^n${notes}]: ${prose(t)}`],
    ['ctx:definition-list', (t) => `Term\n\n:   ${prose(t)}`],
    ['ctx:emphasis', (t) => `*${prose(t)}* and **${prose(t)}**`],
    ['ctx:link', (t) => `[${prose(t)}](https://example.org) ${prose(t)}`],
    ['ctx:html-block', (t) => `<div>\n${prose(t)}\n</div>`],
    ['ctx:html-p', (t) => `<p align="justify">\n${prose(t)}\n</p>`],
    ['ctx:inline-html', (t) => `<span>${prose(t)}</span> ${prose(t)}`],
    ['ctx:comment', (t) => `<!-- ${prose(t)} -->\n\n${prose(t)}`],
    ['ctx:comment-lead', (t) => `<!-- TODO --> ${prose(t)}`],
    ['ctx:code-inline', (t) => `\`${prose(t)}\` ${prose(t)}`],
    ['ctx:code-unbalanced', (t) => `\`x] [@${KEYS[2]}]\` ${prose(t)}\n\n\`\`\`\n] @${KEYS[3]}\n\`\`\`\n\n![a] [@${KEYS[4]}](f.png) ${prose(t)}`],
    ['ctx:code-fenced', (t) => `\`\`\`\n${prose(t)}\n\`\`\`\n\n${prose(t)}`],
    ['ctx:code-indented', (t) => `Para.\n\n    ${prose(t)}\n\n${prose(t)}`],
    ['ctx:math-inline', (t) => `$x_1 + y$ ${prose(t)}`],
    ['ctx:math-display', (t) => `$$\nx = y\n$$\n\n${prose(t)}`],
    ['ctx:math-labelled', (t) => `$$ x = y $$ {#eq:one}\n\n${prose(t)}`],
    ['ctx:math-holding-cites', (t) => `Let $x = [@${KEYS[0]}]$ and $$y = @${KEYS[1]}$$ ${prose(t)} $z$5 $$\n\\begin{aligned} a &= b\n\\end{aligned}\n$$ {#eq:two}`],
    ['ctx:raw-latex', (t) => `\\begin{figure}\n\\caption{${prose(t)}}\n\\end{figure}\n\n${prose(t)}`],
    ['ctx:raw-latex-blank', (t) => `\\begin{table*}\n${prose(t)}\n\n${prose(t)}\n\\end{table*}\n\n${prose(t)}`],
    ['ctx:raw-tex-inline', (t) => `A \\textbf{${prose(t)}} and \\ref{x} ${prose(t)}`],
    ['ctx:front-matter', (t) => `---\ntitle: A study\nauthor: Me\n---\n\n${prose(t)}`],
    ['ctx:front-matter-dots', (t) => `---\ntitle: A study\nauthor: Me\n...\n\n${prose(t)}`],
    // `---` and a blank line opening a document is a rule, not front matter.
    ['ctx:rule-blank', (t) => `---\n\n${prose(t)}\n\n---\n\n${prose(t)}`],
    ['ctx:link-definition', (t) => `${prose(t)}\n\n[1]: https://example.org/one`],
  ];

  return (): Doc => {
    const tags = new Set<string>();
    const n = 1 + Math.floor(rnd() * 2);
    const parts: string[] = [];
    for (let i = 0; i < n; i++) {
      const [tag, build] = pick(contexts);
      // Front matter only opens a document.
      if ((tag === 'ctx:front-matter' || tag === 'ctx:front-matter-dots' || tag === 'ctx:rule-blank') && i > 0) continue;
      tags.add(tag);
      parts.push(build(tags));
    }
    return { text: `${parts.join('\n\n')}\n`, tags };
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Pandoc's reading

const LUA = String.raw`
function Pandoc(doc)
  local path = pandoc.utils.stringify(doc.meta.batch)
  local sep = '\n' .. pandoc.utils.stringify(doc.meta.sep) .. '\n'
  local f = assert(io.open(path, 'rb'))
  local all = f:read('a')
  f:close()
  local blocks, n, pos = {}, 0, 1
  while true do
    local s, e = string.find(all, sep, pos, true)
    local text = s and string.sub(all, pos, s - 1) or string.sub(all, pos)
    table.insert(blocks, pandoc.Div(pandoc.read(text, 'markdown').blocks, pandoc.Attr('d' .. n)))
    n = n + 1
    if not s then break end
    pos = e + 1
  end
  return pandoc.Pandoc(blocks, {})
end
`;
const SEP = '@@CITELENS-DOCUMENT-SEPARATOR@@';


/** Pandoc inlines → plain text (as `pandoc.utils.stringify`, with spaces for breaks). */
function stringify(node: unknown): string {
  if (Array.isArray(node)) return node.map(stringify).join('');
  if (!node || typeof node !== 'object') return '';
  const { t, c } = node as { t: string; c: unknown };
  switch (t) {
    case 'Str':
      return c as string;
    case 'Space':
    case 'SoftBreak':
    case 'LineBreak':
      return ' ';
    case 'Code':
    case 'Math':
      return (c as [unknown, string])[1];
    case 'Quoted':
      return `"${stringify((c as [unknown, unknown])[1])}"`;
    case 'Cite':
      return stringify((c as [unknown, unknown])[1]);
    case 'Link':
    case 'Image':
    case 'Span':
      return stringify((c as unknown[])[1]);
    case 'RawInline':
    case 'Note':
      return '';
    default:
      return Array.isArray(c) ? stringify(c) : '';
  }
}

/** Every `Cite` in `node`, in Pandoc's query order: a Cite's citations, then Cites nested in their affixes. */
function cites(node: unknown, out: Read[]): Read[] {
  if (Array.isArray(node)) {
    for (const x of node) cites(x, out);
  } else if (node && typeof node === 'object') {
    const { t, c } = node as { t?: string; c?: unknown };
    if (t === 'Cite') {
      const list = (c as [Record<string, unknown>[], unknown])[0];
      for (const ci of list) {
        out.push({
          id: ci.citationId as string,
          mode: (ci.citationMode as { t: string }).t,
          prefix: pandocPlain(stringify(ci.citationPrefix)),
          suffix: pandocPlain(stringify(ci.citationSuffix)),
        });
      }
      for (const ci of list) {
        cites(ci.citationPrefix, out);
        cites(ci.citationSuffix, out);
      }
    } else if (c !== undefined) {
      cites(c, out);
    }
  }
  return out;
}

/** Runs Pandoc once on all documents; returns what it reads in each. */
function pandocReads(docs: Doc[]): Read[][] {
  const dir = mkdtempSync(join(tmpdir(), 'citelens-diff-'));
  try {
    const batch = join(dir, 'batch.md');
    const lua = join(dir, 'batch.lua');
    writeFileSync(batch, docs.map((d) => d.text).join(`\n${SEP}\n`));
    writeFileSync(lua, LUA);
    const r = spawnSync('pandoc', ['-f', 'markdown', '-t', 'json', '-M', `batch=${batch}`, '-M', `sep=${SEP}`, '--lua-filter', lua], {
      input: '',
      encoding: 'utf8',
      maxBuffer: 1 << 30,
    });
    assert.equal(r.status, 0, `pandoc failed: ${r.stderr}`);
    const blocks = (JSON.parse(r.stdout) as { blocks: { c: [[string], unknown] }[] }).blocks;
    assert.equal(blocks.length, docs.length);
    return blocks.map((b) => cites(b.c[1], []));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Citelens's reading


function citelensReads(text: string): Read[] {
  const ms = parseManuscript('/diff.md', text, defaultSettings, new ManuscriptCaches());
  return ms.citations
    .filter((c) => c.style === 'pandoc' && !c.nocite)
    .flatMap((c) => c.items.map((i) => ({ id: i.key ?? i.ref, mode: i.mode ?? 'NumericCitation', prefix: pandocPlain(i.prefix ?? ''), suffix: pandocPlain(i.suffix ?? '') })));
}

// ---------------------------------------------------------------------------------------------------------------

test('Citelens reads citations exactly as Pandoc does in generated documents', { skip }, () => {
  assert.ok(hasPandoc, 'pandoc is required in CI (apt-get install pandoc)');
  const seed = Number(process.env.CITELENS_DIFF_SEED ?? Math.floor(Math.random() * 2 ** 31));
  const count = Number(process.env.CITELENS_DIFF_DOCS ?? 2400);
  const next = generator(seed);
  const docs = Array.from({ length: count }, next);
  const expected = pandocReads(docs);
  const unknown: string[] = [];
  const known = new Map<string, number>();
  const failTags = new Map<string, number>();
  const allTags = new Map<string, number>();
  for (const d of docs) for (const t of d.tags) allTags.set(t, (allTags.get(t) ?? 0) + 1);
  docs.forEach((doc, i) => {
    const actual = citelensReads(doc.text);
    // Known difference, by design: `@fig:x`, `[@tbl:y]` are Cites to Pandoc, but pandoc-crossref/Manubot labels to
    // Citelens (issue 14 item 8; docs/pandoc-differences.md). Compared without them.
    const pandoc = expected[i].filter((r) => !CROSSREF.test(r.id));
    if (JSON.stringify(actual) === JSON.stringify(pandoc)) return;
    const entry = KNOWN_DIFFERENCES.find((k) => k.tags.every((t) => doc.tags.has(t)));
    if (entry) {
      known.set(entry.tags.join('+'), (known.get(entry.tags.join('+')) ?? 0) + 1);
      return;
    }
    if (process.env.CITELENS_DIFF_DEBUG) for (const t of doc.tags) failTags.set(t, (failTags.get(t) ?? 0) + 1);
    if (unknown.length < 12) {
      unknown.push(`document ${i} [${[...doc.tags].join(' ')}]:\n${doc.text}  pandoc   ${JSON.stringify(pandoc)}\n  citelens ${JSON.stringify(actual)}`);
    } else unknown.push('');
  });
  if (process.env.CITELENS_DIFF_DEBUG) {
    console.log([...failTags].map(([t, n]) => [t, n / allTags.get(t)!] as const).sort((a, b) => b[1] - a[1]).map(([t, r]) => `${t} ${r.toFixed(2)}`).join('\n'));
  }
  console.log(`Pandoc differential (seed ${seed}): ${count} documents, ${unknown.length} unknown disagreements, known: ${JSON.stringify(Object.fromEntries(known))}`);
  assert.equal(unknown.length, 0, `seed ${seed} (rerun with CITELENS_DIFF_SEED=${seed}): ${unknown.length} disagreements with Pandoc not in KNOWN_DIFFERENCES:\n${unknown.filter(Boolean).join('\n')}`);
});
