/**
 * Topic-fit quality on the labelled evaluation sets (`../shared/eval`): a regression guard well below what
 * `npm run eval` reports (docs/topic-fit.md), so noise does not fail it but a broken signal does.
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { buildTopicModel } from '../../server/src/service/topicFit/model';
import type { ClaimText, WorkText } from '../../server/src/service/topicFit/texts';
import { DEFAULT_THRESHOLD } from '../../server/src/service/topicFit/threshold';
import { createCitelensService, MemoryWorkspace } from '../../server/src/service/service';
import { sharedDir, skipWithoutShared } from '../helpers/shared';

interface Pair {
  section_path: string;
  paragraph_index: number;
  sentence_index: number;
  claim_marked: string;
  cited_key: string;
  key: string;
  label: 0 | 1;
  neg_type: string | null;
  entry: { title?: string; abstract?: string; keywords?: string };
}

function auc(pos: number[], neg: number[]): number {
  let wins = 0;
  for (const p of pos) for (const n of neg) wins += p > n ? 1 : p === n ? 0.5 : 0;
  return wins / (pos.length * neg.length);
}

/** Scores every pair of one manuscript: works from the pairs' entries, one claim per citing sentence. */
function scorePairs(name: string): { pair: Pair; score: number; judgeable: boolean }[] {
  const file = join(sharedDir, 'eval', name, 'pairs.jsonl');
  const pairs = readFileSync(file, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as Pair);
  const works = new Map<string, WorkText>();
  const claims = new Map<string, ClaimText>();
  const idOf = (p: Pair): string => `${p.section_path}#${p.paragraph_index}#${p.sentence_index}`;
  for (const p of pairs) {
    works.set(p.key, { id: p.key, title: p.entry.title, abstract: p.entry.abstract, keywords: p.entry.keywords });
    if (claims.has(idOf(p))) continue;
    const citations: { offset: number; workIds: string[] }[] = [];
    let text = '';
    let last = 0;
    for (const m of p.claim_marked.matchAll(/\s*\[CITE:([^\]]*)\]/g)) {
      text += p.claim_marked.slice(last, m.index);
      last = (m.index ?? 0) + m[0].length;
      citations.push({ offset: text.length, workIds: m[1].split(';') });
    }
    text += p.claim_marked.slice(last);
    claims.set(idOf(p), {
      id: idOf(p),
      text,
      headingPath: p.section_path.split(' > '),
      paragraphId: `${p.section_path}#${p.paragraph_index}`,
      citedWorkIds: citations.flatMap((c) => c.workIds),
      citations,
    });
  }
  const model = buildTopicModel([...works.values()], [...claims.values()]);
  return pairs.map((pair) => {
    const fit = model.score(idOf(pair), pair.key, { replacing: pair.cited_key });
    return { pair, score: fit.score, judgeable: fit.judgeable };
  });
}

describe('topic fit on the evaluation sets', { skip: skipWithoutShared }, () => {
  for (const name of ['deep-rules', 'ten-simple-rules-dockerfiles']) {
    test(name, { skip: skipWithoutShared || !existsSync(join(sharedDir, 'eval', name)) }, () => {
      const scored = scorePairs(name);
      const pos = scored.filter((s) => s.pair.label === 1);
      const of = (type: string): number[] => scored.filter((s) => s.pair.neg_type === type).map((s) => s.score);
      const scores = pos.map((s) => s.score);
      assert.ok(auc(scores, of('bib_random')) > 0.87, 'bib_random AUC');
      assert.ok(auc(scores, of('cited_random')) > 0.87, 'cited_random AUC');
      assert.ok(auc(scores, of('section_random')) > 0.82, 'section_random AUC');
      // At the default threshold few right citations are flagged.
      const judged = pos.filter((s) => s.judgeable);
      const flagged = judged.filter((s) => s.score < DEFAULT_THRESHOLD).length / judged.length;
      assert.ok(flagged < 0.08, `flags ${flagged} of cited works`);
    });
  }
});

/** The seven published manuscripts of `../shared/eval` (those present). */
const PUBLISHED = ['biopriors-review', 'czi-hca-report', 'deep-rules', 'integration-review', 'meta-review', 'scihub-manuscript', 'ten-simple-rules-dockerfiles'];

describe('the whole check on the unmodified published manuscripts (issue 15)', { skip: skipWithoutShared }, () => {
  // Each in its Pandoc form (`[@key]`) and its numeric rendering (`[n]`, a `[n] …` reference list, the same
  // references.bib): the same text must be judged the same, so both stay under the same bound.
  for (const name of PUBLISHED) {
    for (const form of ['manuscript.md', 'manuscript.numeric.md']) {
      const dir = join(sharedDir, 'eval', name);
      test(`${name}/${form}: at most 1 off-topic warning per 100 citations, messages led by the citation`, { skip: skipWithoutShared || !existsSync(join(dir, form)) }, async () => {
        const files = { '/m/manuscript.md': readFileSync(join(dir, form), 'utf8'), '/m/references.bib': readFileSync(join(dir, 'references.bib'), 'utf8') };
        const analysis = await createCitelensService(MemoryWorkspace.of(files, ['/m']), { bibliography: ['/m/references.bib'] }).analyze('/m/manuscript.md');
        const citations = analysis.resolutions.filter((r) => !r.citation.nocite).length;
        const flags = analysis.diagnostics.filter((d) => d.code === 'off-topic-citation');
        const warnings = flags.filter((d) => d.severity === 'warning').length;
        assert.ok(citations > 20, `${citations} citations read`);
        assert.ok((100 * warnings) / citations <= 1, `${warnings} warnings on ${citations} citations`);
        assert.ok((100 * flags.length) / citations <= 6, `${flags.length} off-topic diagnostics on ${citations} citations`);
        for (const d of flags) {
          const label = files['/m/manuscript.md'].slice(d.span.start, d.span.end);
          assert.ok(d.message.length <= 200, d.message);
          assert.ok(d.message.startsWith((form === 'manuscript.md' ? `@${label}` : `[${label}]`).slice(0, 20)), d.message);
        }
      });
    }
  }
});
