/**
 * Topic fit while the author types (issue 15's keystroke budget): an analysis after a sequence of edits, which
 * reuses the fits kept between analyses (`ModelState.results`, keyed on the claim and on the texts of the
 * sentences citing the work, `ClaimIndex.citersKey`), the claims of unchanged paragraphs (citingClaims.ts), the
 * related locations of unmoved warnings (offTopic.ts) and the model's baselines (scoring.ts, computed once per
 * model against the sentences it was built with), gives the same fits and `off-topic-citation` problems as the
 * same model scoring the final text from scratch.
 *
 * "The same model": the latent space and the baselines are learnt when the model is built, from the sentences
 * known then, and an edited manuscript does not rebuild it (a keystroke would cost a build). So the reference is
 * a second cache that analysed the initial text (the same model, built the same way), had its kept fits dropped,
 * and then analysed the final text at once.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import fc from 'fast-check';
import type { Analysis } from '../../server/src/service/analysis';
import { createCitelensService, MemoryWorkspace } from '../../server/src/service/service';
import { topicFit } from '../../server/src/service/topicFit/topicFitStep';
import { TopicFitCache } from '../../server/src/service/topicFit/topicFitCache';
import { sharedDir, skipWithoutShared } from '../helpers/shared';
import { tierRuns } from '../helpers/tier';

const dir = join(sharedDir, 'eval', 'deep-rules');

/** Analyses without topic fit (the step is run here, on caches the test owns). */
function analyser(): { analyse(text: string): Promise<Analysis>; settings: ReturnType<typeof createCitelensService>['settings'] } {
  const workspace = MemoryWorkspace.of({ '/m/manuscript.md': '', '/m/references.bib': readFileSync(join(dir, 'references.bib'), 'utf8') }, ['/m']);
  const service = createCitelensService(workspace, { bibliography: ['/m/references.bib'], topicFitEnabled: false });
  return {
    async analyse(text) {
      workspace.set('/m/manuscript.md', text);
      return service.analyze('/m/manuscript.md');
    },
    get settings() {
      return { ...service.settings, topicFitEnabled: true };
    },
  };
}

/** What a user sees of topic fit: every citation's fit and every warning, with its message, data and related locations. */
function seen(analysis: Analysis, result: ReturnType<typeof topicFit>): unknown {
  return {
    fits: result.fits.map((f) => f && { ...f, sharedTerms: [...f.sharedTerms], claimTerms: [...f.claimTerms], workTerms: [...f.workTerms] }),
    problems: result.problems.map((p) => ({ code: p.code, uri: p.uri, span: p.span, facts: p.facts, related: p.related })),
    resolutions: analysis.resolutions.length,
  };
}

/** An edit of the manuscript's text, at the citations numbered `at` and `from` (modulo their number). */
type Edit =
  | { kind: 'type'; at: number; word: string }
  | { kind: 'uncite'; at: number }
  | { kind: 'cite'; at: number; from: number }
  | { kind: 'copy'; at: number; from: number }
  | { kind: 'undo' };

const CITATION = /\[@[^\]\n]*\]/g;

function citations(text: string): { start: number; end: number }[] {
  return [...text.matchAll(CITATION)].map((m) => ({ start: m.index!, end: m.index! + m[0].length }));
}

function pick<T>(list: T[], n: number): T | undefined {
  return list.length ? list[n % list.length] : undefined;
}

/** The sentence holding offset `at` (from the last `. ` or line start before it to the next `. `). */
function sentenceAt(text: string, at: number): { start: number; end: number } {
  const before = Math.max(text.lastIndexOf('. ', at - 1) + 2, text.lastIndexOf('\n', at - 1) + 1);
  const stop = text.indexOf('. ', at);
  const line = text.indexOf('\n', at);
  const end = Math.min(stop < 0 ? text.length : stop + 1, line < 0 ? text.length : line);
  return { start: before, end };
}

function apply(text: string, edit: Edit, history: string[]): string {
  const cites = citations(text);
  switch (edit.kind) {
    case 'type': {
      // A word typed into a citing sentence, before its citation.
      const c = pick(cites, edit.at);
      return c ? `${text.slice(0, c.start)}${edit.word} ${text.slice(c.start)}` : text;
    }
    case 'uncite': {
      const c = pick(cites, edit.at);
      return c ? text.slice(0, c.start) + text.slice(c.end) : text;
    }
    case 'cite': {
      // A work cited elsewhere cited here too: its citing sentences change.
      const c = pick(cites, edit.at);
      const other = pick(cites, edit.from);
      return c && other ? `${text.slice(0, c.end - 1)}; ${text.slice(other.start + 1, other.end - 1)}${text.slice(c.end - 1)}` : text;
    }
    case 'copy': {
      // A citing sentence replaced by another one's text (identical sentences are excluded from each other's profile).
      const c = pick(cites, edit.at);
      const other = pick(cites, edit.from);
      if (!c || !other) return text;
      const target = sentenceAt(text, c.start);
      const source = sentenceAt(text, other.start);
      return text.slice(0, target.start) + text.slice(source.start, source.end) + text.slice(target.end);
    }
    case 'undo':
      return history.length > 1 ? history[history.length - 2] : text;
  }
}

const index = fc.nat({ max: 1_000_000 });
const edit: fc.Arbitrary<Edit> = fc.oneof(
  fc.record({ kind: fc.constant('type' as const), at: index, word: fc.constantFrom('deep', 'learning', 'genomic', 'neural', 'the', 'model') }),
  fc.record({ kind: fc.constant('uncite' as const), at: index }),
  fc.record({ kind: fc.constant('cite' as const), at: index, from: index }),
  fc.record({ kind: fc.constant('copy' as const), at: index, from: index }),
  fc.record({ kind: fc.constant('undo' as const) }),
);

test('random edits: the kept fits and warnings equal the same model scoring the final text from scratch (property)', { skip: skipWithoutShared, timeout: 600_000 }, async () => {
  const original = readFileSync(join(dir, 'manuscript.md'), 'utf8');
  const editor = analyser();
  const initial = await editor.analyse(original);
  const settings = editor.settings;
  await fc.assert(
    fc.asyncProperty(fc.array(edit, { minLength: 1, maxLength: 6 }), async (edits) => {
      // The editing session: every intermediate text analysed on one cache.
      const cache = new TopicFitCache();
      topicFit(initial, settings, cache);
      const history = [original];
      let last: { analysis: Analysis; result: ReturnType<typeof topicFit> } | null = null;
      for (const e of edits) {
        const text = apply(history[history.length - 1], e, history);
        history.push(text);
        const analysis = await editor.analyse(text);
        last = { analysis, result: topicFit(analysis, settings, cache) };
      }
      // The reference: the same model, its kept fits dropped, the final text scored at once.
      const fresh = new TopicFitCache();
      topicFit(initial, settings, fresh);
      assert.ok(fresh.state && cache.state, 'a model was built');
      fresh.state.results.clear();
      const final = await editor.analyse(history[history.length - 1]);
      assert.deepEqual(seen(last!.analysis, last!.result), seen(final, topicFit(final, settings, fresh)));
    }),
    { numRuns: tierRuns(8, 25), seed: 15 },
  );
});
