/**
 * Topic-fit evaluation on the labelled sets in `../shared/eval/<manuscript>/pairs.jsonl` (or `$CITELENS_SHARED/eval`).
 *
 *   node --import tsx scripts/eval.ts            report for the default model + the signal ladder + the whole core
 *   node --import tsx scripts/eval.ts --timing   also time a generated 5,000-work / 850-citation review
 *   node --import tsx scripts/eval.ts --core     only the whole core: warnings per 100 citations on the unmodified
 *                                                texts, the swap test, the example, leave-one-manuscript-out (~30 s)
 *   node --import tsx scripts/eval.ts --no-ladder  everything but the ladder (the slowest part)
 *
 * For each manuscript: works = every entry of its references.bib (citation-js, one entry at a time, so a bad
 * entry costs only itself) completed by the `entry` fields of pairs.jsonl; claims = the citing sentences with
 * their neighbouring sentences (from manuscript.md), heading path and the works cited in the same sentence and
 * paragraph. Each pair is scored as "this work cited in this sentence instead of the original" (`replacing`),
 * so the original never helps or hurts its replacement through co-citation. No citation counts are used.
 */
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { splitSentences } from '../server/src/service/topicFit/sentences';
import { terms } from '../server/src/service/topicFit/terms';
import type { ClaimText, WorkText } from '../server/src/service/topicFit/texts';
import { buildTopicModel, findAbbreviations, type TopicModelOptions } from './topicFitVariants';
import { DEFAULT_THRESHOLD } from '../server/src/service/topicFit/threshold';
import { NodeWorkspace } from '../server/src/cli/nodeWorkspace';
import { createCitelensService } from '../server/src/service/service';
import { coreOccurrences, exampleOccurrences, reportCore } from './topicFitCore';
import { addSectionShares, readText, reportSectionGate } from './topicFitSections';
import { timing } from './topicFitTiming';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { Cite } = require('@citation-js/core') as { Cite: new (data: string) => { data: Record<string, unknown>[] } };
// eslint-disable-next-line @typescript-eslint/no-require-imports
require('@citation-js/plugin-bibtex');

interface Pair {
  manuscript: string;
  pair_id: string;
  line: number;
  section_path: string;
  paragraph_index: number;
  sentence_index: number;
  claim: string;
  claim_marked: string;
  cocited_keys: string[];
  cited_key: string;
  label: 0 | 1;
  key: string;
  neg_type: 'bib_random' | 'cited_random' | 'section_random' | null;
  entry: { title?: string; abstract?: string; keywords?: string; container?: string };
}

interface Scored {
  manuscript: string;
  label: 0 | 1;
  negType: Pair['neg_type'];
  score: number;
  judgeable: boolean;
}

interface Dataset {
  name: string;
  works: WorkText[];
  claims: ClaimText[];
  pairs: { pair: Pair; claimId: string }[];
  /** Abbreviations the manuscript defines. */
  abbreviations: Record<string, string>;
}

const sharedDir = resolve(process.env.CITELENS_SHARED ?? join(__dirname, '..', '..', 'shared'));
const evalDir = join(sharedDir, 'eval');

// ---------------------------------------------------------------------------------------------
// Loading

/** BibTeX entries as WorkText, one citation-js call per entry. */
function readBib(text: string): Map<string, WorkText> {
  const works = new Map<string, WorkText>();
  for (const chunk of text.split(/^(?=@)/m)) {
    if (!/^@\w+\s*\{/.test(chunk) || /^@(comment|string|preamble)/i.test(chunk)) continue;
    try {
      for (const item of new Cite(chunk).data) {
        const id = String(item['citation-key'] ?? item.id);
        works.set(id, {
          id,
          title: str(item.title),
          abstract: str(item.abstract),
          keywords: str(item.keyword),
          venue: str(item['container-title']),
        });
      }
    } catch {
      // An unreadable entry is simply missing; pairs.jsonl may still describe it.
    }
  }
  return works;
}

function str(v: unknown): string | undefined {
  return typeof v === 'string' && v.trim() ? v : undefined;
}

/** The paragraph (blank-line delimited) holding 1-based `line`, and its offset. */
function paragraphAt(lines: string[], lineStarts: number[], line: number): { text: string; start: number } {
  let a = line - 1;
  let b = line - 1;
  while (a > 0 && lines[a - 1].trim() !== '' && !/^#/.test(lines[a])) a--;
  while (b < lines.length - 1 && lines[b + 1].trim() !== '' && !/^#/.test(lines[b + 1])) b++;
  return { text: lines.slice(a, b + 1).join('\n'), start: lineStarts[a] };
}

/** Previous and next sentence of the claim inside its paragraph of the manuscript. */
function contextOf(manuscript: { text: string; lines: string[]; lineStarts: number[] }, pair: Pair): string {
  const para = paragraphAt(manuscript.lines, manuscript.lineStarts, pair.line);
  const sentences = splitSentences(para.text).map((s) => para.text.slice(s.start, s.end));
  const claimStems = new Set(terms(pair.claim).map((t) => t.stem));
  let best = -1;
  let bestOverlap = 0;
  sentences.forEach((s, i) => {
    const stems = terms(s).map((t) => t.stem);
    const overlap = stems.filter((x) => claimStems.has(x)).length / Math.max(1, claimStems.size);
    if (overlap > bestOverlap) {
      bestOverlap = overlap;
      best = i;
    }
  });
  if (best < 0) return '';
  return [sentences[best - 1], sentences[best + 1]].filter(Boolean).join(' ');
}

/**
 * The claim text without `[CITE:a;b]` markers, and where each citation group stood. Adjacent markers form one
 * group, as `[@a][@b]` would be read as citing both for the same words.
 */
function unmark(marked: string): { text: string; citations: { offset: number; workIds: string[] }[] } {
  const citations: { offset: number; workIds: string[] }[] = [];
  let text = '';
  let last = 0;
  for (const m of marked.matchAll(/\s*\[CITE:([^\]]*)\]/g)) {
    text += marked.slice(last, m.index);
    last = (m.index ?? 0) + m[0].length;
    const workIds = m[1].split(';').map((k) => k.trim()).filter(Boolean);
    const previous = citations[citations.length - 1];
    if (previous && previous.offset === text.length) previous.workIds.push(...workIds);
    else citations.push({ offset: text.length, workIds });
  }
  text += marked.slice(last);
  return { text, citations };
}

function loadDataset(dir: string): Dataset | null {
  const pairsFile = join(dir, 'pairs.jsonl');
  if (!existsSync(pairsFile)) return null;
  const pairs = readFileSync(pairsFile, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as Pair);
  const bibFile = join(dir, 'references.bib');
  const works = existsSync(bibFile) ? readBib(readFileSync(bibFile, 'utf8')) : new Map<string, WorkText>();
  for (const p of pairs) {
    if (!works.has(p.key)) {
      works.set(p.key, {
        id: p.key,
        title: p.entry.title,
        abstract: p.entry.abstract,
        keywords: p.entry.keywords,
        venue: p.entry.container,
      });
    }
  }
  const mdFile = join(dir, 'manuscript.md');
  const text = existsSync(mdFile) ? readFileSync(mdFile, 'utf8') : '';
  const lines = text.split('\n');
  const lineStarts: number[] = [];
  let offset = 0;
  for (const l of lines) {
    lineStarts.push(offset);
    offset += l.length + 1;
  }

  // One claim per citing sentence; it cites the union of the keys its occurrences name.
  const claims = new Map<string, ClaimText>();
  const out: Dataset['pairs'] = [];
  for (const p of pairs) {
    const claimId = `${p.section_path}#${p.paragraph_index}#${p.sentence_index}`;
    let claim = claims.get(claimId);
    if (!claim) {
      const { text: claimText, citations } = unmark(p.claim_marked);
      claim = {
        id: claimId,
        text: claimText,
        context: text ? contextOf({ text, lines, lineStarts }, p) : '',
        headingPath: p.section_path.split(' > '),
        paragraphId: `${p.section_path}#${p.paragraph_index}`,
        citedWorkIds: [...new Set(citations.flatMap((c) => c.workIds))],
        citations,
      };
      claims.set(claimId, claim);
    }
    for (const k of [p.cited_key, ...p.cocited_keys]) if (!claim.citedWorkIds.includes(k)) claim.citedWorkIds.push(k);
    out.push({ pair: p, claimId });
  }
  return {
    name: dir.split('/').pop() ?? dir,
    works: [...works.values()],
    claims: [...claims.values()],
    pairs: out,
    abbreviations: findAbbreviations(text),
  };
}

// ---------------------------------------------------------------------------------------------
// Metrics

function scoreDataset(data: Dataset, options: TopicModelOptions): Scored[] {
  const model = buildTopicModel(data.works, data.claims, options);
  return data.pairs.map(({ pair, claimId }) => {
    const fit = model.score(claimId, pair.key, { replacing: pair.cited_key });
    return { manuscript: data.name, label: pair.label, negType: pair.neg_type, score: fit.score, judgeable: fit.judgeable };
  });
}

/** ROC AUC by the rank-sum (Mann–Whitney) formula, ties counted half. */
function auc(pos: number[], neg: number[]): number {
  if (!pos.length || !neg.length) return NaN;
  let wins = 0;
  for (const p of pos) for (const n of neg) wins += p > n ? 1 : p === n ? 0.5 : 0;
  return wins / (pos.length * neg.length);
}

type NegType = NonNullable<Pair['neg_type']>;
const NEG_TYPES: NegType[] = ['bib_random', 'cited_random', 'section_random'];

function aucTable(scored: Scored[], manuscripts: string[]): Record<string, Record<string, number>> {
  const table: Record<string, Record<string, number>> = {};
  for (const m of manuscripts) {
    const rows = scored.filter((s) => s.manuscript === m);
    const pos = rows.filter((s) => s.label === 1).map((s) => s.score);
    table[m] = {};
    for (const t of NEG_TYPES) table[m][t] = auc(pos, rows.filter((s) => s.negType === t).map((s) => s.score));
  }
  return table;
}

function mean(xs: number[]): number {
  return xs.reduce((a, b) => a + b, 0) / xs.length;
}

/** Flag rate among judgeable scores below the threshold. */
function flagRate(scores: Scored[], threshold: number): number {
  const judged = scores.filter((s) => s.judgeable);
  return judged.filter((s) => s.score < threshold).length / Math.max(1, judged.length);
}

function fmt(x: number): string {
  return Number.isNaN(x) ? '  -  ' : x.toFixed(3);
}

// ---------------------------------------------------------------------------------------------

async function main(): Promise<void> {
  if (!existsSync(evalDir)) {
    console.log(`No evaluation data at ${evalDir} (set CITELENS_SHARED); skipping.`);
    return;
  }
  const datasets = readdirSync(evalDir)
    .map((d) => join(evalDir, d))
    .map(loadDataset)
    .filter((d): d is Dataset => d !== null);
  if (!datasets.length) {
    console.log(`No */pairs.jsonl under ${evalDir}; skipping.`);
    return;
  }
  const names = datasets.map((d) => d.name);
  for (const d of datasets) {
    console.log(`${d.name}: ${d.works.length} works, ${d.claims.length} citing sentences, ${d.pairs.length} pairs`);
  }

  // Ladder: each step changes one thing from the step before (as docs/topic-fit.md reports). `null` options
  // mean "the default model"; ABBREVIATIONS asks for the manuscript's own abbreviation definitions.
  const notesBase: TopicModelOptions = { coverageWeight: 0, restWeight: 1, lsa: undefined, contextWeight: 0.2, headingWeight: 0.2, citingWeight: 0, absoluteCoCitation: true };
  const ladder: [string, TopicModelOptions | typeof ABBREVIATIONS][] = [
    ['BM25 percentile (title x2, stems, stop words)', { ...notesBase, contextWeight: 0, headingWeight: 0, twoWay: false, coCitationWeight: 0 }],
    ['+ context 0.2 (neighbour sentences, headings)', { ...notesBase, twoWay: false, coCitationWeight: 0 }],
    ['+ two-way percentile', { ...notesBase, coCitationWeight: 0 }],
    ['+ co-citation 0.5 (the notes\' ladder ends here)', notesBase],
    ['+ citation-local query (rest of sentence 0.2)', { ...notesBase, restWeight: 0.2 }],
    ['- context and headings', { coverageWeight: 0, lsa: undefined, contextWeight: 0, headingWeight: 0, citingWeight: 0, absoluteCoCitation: true }],
    ['coverage instead of the two-way percentile', { lsa: undefined, contextWeight: 0, headingWeight: 0, citingWeight: 0, absoluteCoCitation: true }],
    ['+ LSA, 1.5·√(works+claims) dims (default until issue 15)', { contextWeight: 0, headingWeight: 0, citingWeight: 0, absoluteCoCitation: true }],
    ['+ neighbour sentences and headings 0.1', { citingWeight: 0, absoluteCoCitation: true }],
    ['+ citing-sentence profile 0.5', { absoluteCoCitation: true }],
    ['+ co-citation relative to the usual (DEFAULT)', {}],
    ['default, citing profile 0.3', { citingWeight: 0.3 }],
    ['default, citing profile 0.8', { citingWeight: 0.8 }],
    ['default, citing profile vs nearest neighbour (rank 0)', { citingRank: 0 }],
    ['default, citing profile vs 5 % neighbour', { citingRank: 0.05 }],
    ['default, citing profile vs 20 % neighbour', { citingRank: 0.2 }],
    ['default with context 0.2', { contextWeight: 0.2, headingWeight: 0.2 }],
    ['default with context 0.3', { contextWeight: 0.3, headingWeight: 0.3 }],
    ['default, neighbour sentences only', { headingWeight: 0 }],
    ['default, headings only', { contextWeight: 0 }],
    ['default + venue words 0.5', { venueWeight: 0.5 }],
    ['default + abbreviation expansion', ABBREVIATIONS],
    ['default, LSA 50 dims', { lsa: { dimensions: 50, weight: 1 } }],
    ['default, LSA 10 dims', { lsa: { dimensions: 10, weight: 1 } }],
    ['default, coverage 0.5 + two-way percentile 0.5', { coverageWeight: 0.5 }],
    ['default, no co-citation', { coCitationWeight: 0 }],
    ['default + word pairs 0.5', { bigramWeight: 0.5 }],
  ];
  if (process.argv.includes('--core')) return coreReport();
  console.log(`\nMean ROC AUC over manuscripts (random = mean of bib_random and cited_random):`);
  console.log(`${'method'.padEnd(52)} random  section  ${names.map((n) => `${n.slice(0, 10)} bib/sec`.padStart(16)).join(' ')}`);
  for (const [label, options] of process.argv.includes('--no-ladder') ? [] : ladder) {
    const scored = datasets.flatMap((d) =>
      scoreDataset(d, options === ABBREVIATIONS ? { abbreviations: d.abbreviations } : options),
    );
    const table = aucTable(scored, names);
    const random = mean(names.flatMap((m) => [table[m].bib_random, table[m].cited_random]));
    const section = mean(names.map((m) => table[m].section_random));
    const perMs = names.map((m) => `${fmt(table[m].bib_random)}/${fmt(table[m].section_random)}`.padStart(16));
    console.log(`${label.padEnd(52)} ${fmt(random)}  ${fmt(section)}  ${perMs.join(' ')}`);
  }

  // Detailed report for the default model.
  const scored = datasets.flatMap((d) => scoreDataset(d, {}));
  const table = aucTable(scored, names);
  // "Random swaps" (the issue's target) = both random neg_types together; "same-section" = section_random.
  const randomSwaps = (rows: Scored[]): number =>
    auc(rows.filter((s) => s.label === 1).map((s) => s.score), rows.filter((s) => s.negType === 'bib_random' || s.negType === 'cited_random').map((s) => s.score));
  // A pair the check does not judge (no claim text: a citation alone in a table cell; a title of three words)
  // scores 0 above, as if it fitted worst, though the check never flags it. The last two columns rank only the
  // pairs it judges, and say what share of the random-swap pairs that is.
  const judged = (rows: Scored[]): Scored[] => rows.filter((s) => s.judgeable);
  const share = (rows: Scored[]): number => {
    const random = rows.filter((s) => s.negType !== 'section_random');
    return judged(random).length / Math.max(1, random.length);
  };
  console.log(`\nDefault model, ROC AUC per manuscript and neg_type (random swaps = bib_random and cited_random together):`);
  console.log(`${'manuscript'.padEnd(32)} ${NEG_TYPES.map((t) => t.padStart(15)).join('')}   random swaps   judged pairs only (share)`);
  const row = (m: string, rows: Scored[], cells: string[]): void =>
    console.log(`${m.padEnd(32)} ${cells.join('')}   ${fmt(randomSwaps(rows)).padStart(12)}   ${fmt(randomSwaps(judged(rows))).padStart(17)} (${share(rows).toFixed(2)})`);
  for (const m of names) row(m, scored.filter((s) => s.manuscript === m), NEG_TYPES.map((t) => fmt(table[m][t]).padStart(15)));
  const pooledPos = scored.filter((s) => s.label === 1).map((s) => s.score);
  row('pooled', scored, NEG_TYPES.map((t) => fmt(auc(pooledPos, scored.filter((s) => s.negType === t).map((s) => s.score))).padStart(15)));

  // Threshold: the score below which at most 5 % of the works authors actually cited fall, on every set.
  console.log(`\nThreshold: largest t with at most 5 % of cited works flagged in every manuscript:`);
  const perSet = names.map((m) => {
    const pos = scored.filter((s) => s.manuscript === m && s.label === 1 && s.judgeable).map((s) => s.score);
    return quantileBelow(pos, 0.05);
  });
  names.forEach((m, i) => console.log(`  ${m}: ${perSet[i].toFixed(3)}`));
  const rule = Math.floor(Math.min(...perSet) * 100) / 100;
  console.log(`  → rounded down to ${rule.toFixed(2)} (default shipped: ${DEFAULT_THRESHOLD})`);

  console.log(`\nThreshold sweep (flag rate of cited works; recall on random swaps / section swaps; precision 1:1 random):`);
  for (const t of [0.04, 0.05, 0.06, 0.07, 0.08, 0.1, 0.12, 0.15, 0.2, 0.3]) {
    const cells = names.map((m) => {
      const rows = scored.filter((s) => s.manuscript === m);
      const fpr = flagRate(rows.filter((s) => s.label === 1), t);
      const rRandom = flagRate(rows.filter((s) => s.negType === 'bib_random' || s.negType === 'cited_random'), t);
      const rSection = flagRate(rows.filter((s) => s.negType === 'section_random'), t);
      return `${fmt(fpr)} ${fmt(rRandom)}/${fmt(rSection)} p=${fmt(rRandom / (rRandom + fpr))}`;
    });
    console.log(`  t=${t.toFixed(2)}  ${cells.join('   ')}`);
  }

  console.log(`\nDiagnostic at threshold ${DEFAULT_THRESHOLD} (flag = judgeable and score < threshold):`);
  console.log(
    `${'manuscript'.padEnd(32)} ${'negatives'.padEnd(15)} recall  flagged-right  precision(1:1)  precision(1 in 6 wrong)`,
  );
  const groups: [string, NegType[]][] = [
    ['random swaps', ['bib_random', 'cited_random']],
    ['section_random', ['section_random']],
  ];
  for (const m of [...names, 'all']) {
    const rows = m === 'all' ? scored : scored.filter((s) => s.manuscript === m);
    const pos = rows.filter((s) => s.label === 1);
    const fpr = flagRate(pos, DEFAULT_THRESHOLD);
    for (const [label, types] of groups) {
      const neg = rows.filter((s) => s.negType !== null && types.includes(s.negType));
      const recall = flagRate(neg, DEFAULT_THRESHOLD);
      // Precision with as many right citations as wrong ones (the eval's own ratio per neg_type) …
      const balanced = recall / (recall + fpr);
      // … and at the published rate of about one wrong citation in six.
      const realistic = recall / (recall + 5 * fpr);
      console.log(
        `${m.padEnd(32)} ${label.padEnd(15)} ${fmt(recall)}   ${fmt(fpr)}          ${fmt(balanced)}           ${fmt(realistic)}`,
      );
    }
  }
  await exampleWorkspace();
  await coreReport();
  if (process.argv.includes('--timing')) timing();
}

/** The whole core on the seven manuscripts and the example (scripts/topicFitCore.ts). */
async function coreReport(): Promise<void> {
  const dirs = readdirSync(evalDir).map((d) => join(evalDir, d));
  const occ = [...(await coreOccurrences(dirs)), ...(await exampleOccurrences(join(__dirname, '..', 'examples', 'genai-healthcare')))];
  reportCore(occ);
  addSectionShares(occ, (n) => readText(n === 'example' ? join(__dirname, '..', 'examples', 'genai-healthcare', 'manuscript.md') : join(evalDir, n, 'manuscript.md')));
  reportSectionGate(occ);
  // `--dump FILE`: every occurrence as JSON, for the offline analyses of docs/topic-fit.md.
  const dump = process.argv.indexOf('--dump');
  if (dump >= 0 && process.argv[dump + 1]) writeFileSync(process.argv[dump + 1], JSON.stringify(occ));
}

/**
 * The example workspace through the whole core (`citelens check` / the editor): precision and recall of
 * `off-topic-citation` against hand labels (examples/genai-healthcare/fit-labels.json).
 */
async function exampleWorkspace(): Promise<void> {
  const dir = join(__dirname, '..', 'examples', 'genai-healthcare');
  const labels = (JSON.parse(readFileSync(join(dir, 'fit-labels.json'), 'utf8')) as { labels: Record<string, { fits: 0 | 1 | null }> }).labels;
  const service = createCitelensService(new NodeWorkspace([dir]));
  const analysis = await service.analyze(join(dir, 'manuscript.md'));
  const flags = analysis.diagnostics.filter((d) => d.code === 'off-topic-citation');
  const flagged = new Set(flags.map((d) => analysis.files[0].text.slice(d.span.start, d.span.end)));
  let tp = 0;
  let fp = 0;
  let fn = 0;
  const rows: string[] = [];
  for (const [n, { fits }] of Object.entries(labels)) {
    const i = analysis.resolutions.findIndex((r) => r.item.ref === n);
    const fit = analysis.fits[i];
    const isFlagged = flagged.has(n);
    if (fits === 0 && isFlagged) tp++;
    if (fits === 1 && isFlagged) fp++;
    if (fits === 0 && !isFlagged) fn++;
    rows.push(`  [${n}] label ${fits === null ? '?' : fits}  fit ${fit ? (fit.judgeable ? fit.score.toFixed(3) : 'too little text') : '—'}  ${isFlagged ? 'FLAGGED' : ''}`);
  }
  console.log('\nExample workspace (examples/genai-healthcare, hand labels in fit-labels.json):');
  console.log(rows.join('\n'));
  console.log(`  off-topic-citation: precision ${fmt(tp / Math.max(1, tp + fp))}, recall ${fmt(tp / Math.max(1, tp + fn))} (${tp} right flags, ${fp} wrong flags, ${fn} missed; ${flags.filter((d) => d.severity === 'warning').length} warnings, ${flags.filter((d) => d.severity === 'information').length} information)`);
  const first = flags.find((d) => analysis.files[0].text.slice(d.span.start, d.span.end) === '18');
  console.log(`  [18]: ${first ? first.message : 'not flagged'}`);
}

const ABBREVIATIONS = Symbol('abbreviations');

/** The largest threshold that flags at most `rate` of `scores` (strictly below). */
function quantileBelow(scores: number[], rate: number): number {
  const sorted = [...scores].sort((a, b) => a - b);
  const allowed = Math.floor(rate * sorted.length);
  return sorted[Math.min(allowed, sorted.length - 1)];
}

void main();
