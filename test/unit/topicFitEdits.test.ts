/**
 * One edited entry of a large bibliography updates its own work in the topic model (issue 16, item 12) instead of
 * learning every topic again: `workEdits.ts` re-describes the work in the kept space, and `modelBuilds.ts` then
 * learns the space from scratch in the background. Properties:
 * - re-describing works with their own texts gives back the space exactly (a row is made as the build makes it),
 *   and an edit followed by its undo gives back the space;
 * - in a host that can pause, an analysis right after the edit still has topic fit (the kept model), the edited
 *   work's fit follows its new text as soon as the update is done, and once the background build is done the
 *   analysis is exactly that of a service that read the edited bibliography from scratch (incremental == scratch).
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { createCitelensService } from '../../server/src/service/service';
import { DEFAULTS } from '../../server/src/service/topicFit/options';
import { learnTopicSpace, type TopicSpace } from '../../server/src/service/topicFit/space';
import { StemMemo } from '../../server/src/service/topicFit/terms';
import type { WorkText } from '../../server/src/service/topicFit/texts';
import { spaceWithEditedWorks } from '../../server/src/service/topicFit/workEdits';
import type { Analysis } from '../../server/src/service/analysis';
import { MemoryWorkspace } from '../../server/src/service/workspace';
import { largeReview, offTopic } from '../helpers/largeReview';

const TOPICS = ['diffusion denoising synthesis image generation', 'privacy regulation consent protection law', 'language clinical notes extraction transformer', 'contrastive representation pretraining augmentation views'].map((t) => t.split(' '));

function random(seed: number): (n: number) => number {
  let s = seed;
  return (n) => ((s = (s * 1103515245 + 12345) & 0x7fffffff) % n);
}

/** A title of `n` words from a topic, with a word no work has once in a while. */
function title(rand: (n: number) => number, n = 5): string {
  const topic = TOPICS[rand(TOPICS.length)];
  return Array.from({ length: n }, () => (rand(7) === 0 ? `novelword${rand(100)}` : topic[rand(topic.length)])).join(' ');
}

function fields(space: TopicSpace): Record<string, unknown> {
  const { lsa, ...rest } = space;
  return { ...rest, lsa: lsa ? { ...lsa } : null };
}

describe('re-describing works in a learnt space', () => {
  const rand = random(11);
  const works: WorkText[] = Array.from({ length: 300 }, (_, i) => ({ id: `w${i}`, title: `${title(rand)} study ${i}`, abstract: i % 3 ? title(rand, 20) : undefined }));
  const claims = Array.from({ length: 40 }, (_, i) => ({ id: `c${i}`, text: `${title(rand, 10)}.`, headingPath: ['R'], paragraphId: `p${i >> 2}`, citedWorkIds: [`w${(i * 7) % 300}`] }));
  const space = learnTopicSpace(works, claims);
  const opt = { ...DEFAULTS };
  const vocabulary = new Map(space.vocabulary.map((s, id) => [s, id]));

  test('with their own texts gives back the space exactly', () => {
    const same = new Map([3, 50, 51, 299].map((w) => [w, works[w]]));
    assert.deepEqual(fields(spaceWithEditedWorks(space, same, opt, new StemMemo().stem, vocabulary)), fields(space));
  });

  test('an edit, then its undo, gives back the space (20 random edits of 1–5 works)', () => {
    for (let round = 0; round < 20; round++) {
      const changed = new Map<number, WorkText>();
      for (let n = 1 + rand(5); changed.size < n;) {
        const w = rand(works.length);
        changed.set(w, { ...works[w], title: title(rand, 1 + rand(8)), abstract: rand(2) ? title(rand, 15) : undefined });
      }
      const edited = spaceWithEditedWorks(space, changed, opt, new StemMemo().stem, vocabulary);
      assert.equal(edited.nWorks, space.nWorks);
      assert.notDeepEqual(fields(edited), fields(space), `round ${round}: the edit changes the space`);
      const undone = spaceWithEditedWorks(edited, new Map([...changed.keys()].map((w) => [w, works[w]])), opt, new StemMemo().stem, vocabulary);
      assert.deepEqual(fields(undone), fields(space), `round ${round}`);
    }
  });
});

describe('an entry of a large bibliography edited in a host that can pause', () => {
  // Over 128 KB, so an edit inside one entry re-scans that entry only and the others keep their objects
  // (bibtex/relocate.ts), as in a 31 MB file: 400 more works, with a long note (not read by topic fit).
  const note = 'x'.repeat(300);
  const bib = `${largeReview.bib}\n${Array.from({ length: 400 }, (_, i) => `@misc{extra${i}, title = {${TOPICS[i % 4].join(' ')} survey ${i}}, note = {${note}}}`).join('\n')}`;
  const files = { ...largeReview.files, '/refs.bib': bib };

  /** A service whose host pauses (as the language server does), analysed until its topic model is learnt. */
  async function settled(): Promise<{ service: ReturnType<typeof createCitelensService>; workspace: MemoryWorkspace }> {
    const workspace = Object.assign(MemoryWorkspace.of(files), { pause: () => new Promise<void>((resolve) => setImmediate(resolve)) });
    const service = createCitelensService(workspace);
    await untilSettled(service, await service.analyze('/m.md'));
    return { service, workspace };
  }

  async function untilSettled(service: ReturnType<typeof createCitelensService>, analysis: Analysis): Promise<Analysis> {
    for (let rounds = 0; analysis.topicFitPending && rounds < 8; rounds++) {
      await analysis.topicFitPending;
      analysis = await service.analyze('/m.md');
    }
    assert.equal(analysis.topicFitPending, undefined, 'settled');
    return analysis;
  }

  test('the cited work gets a fitting title: its warning goes before the topics are learnt again, then all is as from scratch', async () => {
    const edited = bib.replace(/@article\{w1, title = \{[^}]*\}/, '@article{w1, title = {Denoising diffusion image synthesis and generation}');
    assert.notEqual(edited, bib);
    const scratch = await createCitelensService(MemoryWorkspace.of({ ...files, '/refs.bib': edited })).analyze('/m.md');
    const { service, workspace } = await settled();
    const before = await service.analyze('/m.md');
    assert.ok(offTopic(before).some((d) => d.includes('@w1')), offTopic(before).join('\n'));

    workspace.set('/refs.bib', edited);
    service.invalidate('/refs.bib');
    const right = await service.analyze('/m.md');
    // At once: topic fit is still there (the kept model, stale for w1 only), and better is on its way.
    assert.ok(right.topicFitPending, 'the update is pending');
    assert.deepEqual(offTopic(right), offTopic(before));
    // The edited work re-described: its fit follows the new title, while the topics are learnt again.
    await right.topicFitPending;
    let updated = await service.analyze('/m.md');
    // Scoring is sliced too (offTopic.ts): on a loaded machine one analysis may leave fits for the next turn.
    for (let rounds = 0; rounds < 50 && updated.topicFitPending && updated.fits.some((f, i) => f === null && scratch.fits[i] !== null); rounds++) {
      await updated.topicFitPending;
      updated = await service.analyze('/m.md');
    }
    assert.ok(updated.topicFitPending, 'the build from scratch is still running');
    assert.ok(!offTopic(updated).some((d) => d.includes('@w1')), `w1 fits now: ${offTopic(updated).join('\n')}`);
    assert.ok(updated.fits.every((f, i) => (f === null) === (scratch.fits[i] === null)), 'every citation has a fit');
    // Learnt again: exactly the analysis of the edited file from scratch.
    const final = await untilSettled(service, updated);
    assert.deepEqual(offTopic(final), offTopic(scratch));
    assert.deepEqual(final.fits.map((f) => f?.score), scratch.fits.map((f) => f?.score));
    assert.deepEqual(final.diagnostics.map((d) => `${d.code} ${d.span.start} ${d.message}`), scratch.diagnostics.map((d) => `${d.code} ${d.span.start} ${d.message}`));
  });

  test('random one-entry edits (title, abstract, other fields): once settled, as from scratch', async () => {
    const rand = random(5);
    const { service, workspace } = await settled();
    let text = bib;
    for (let round = 0; round < 4; round++) {
      const w = rand(600);
      const entry = new RegExp(`@article\\{w${w}, title = \\{[^}]*\\}`);
      const kind = rand(3);
      const replacement = kind === 0 ? `@article{w${w}, title = {${title(rand)}}` : kind === 1 ? `@article{w${w}, title = {${title(rand)}}, abstract = {${title(rand, 25)}}` : `@article{w${w}, title = {${entry.exec(text)![0].slice(`@article{w${w}, title = {`.length, -1)}}, pages = {${rand(400)}}`;
      text = text.replace(entry, replacement);
      workspace.set('/refs.bib', text);
      service.invalidate('/refs.bib');
      const analysis = await service.analyze('/m.md');
      assert.ok(analysis.fits.some((f) => f !== null), `round ${round}: topic fit right after the edit`);
      const final = await untilSettled(service, analysis);
      const scratch = await createCitelensService(MemoryWorkspace.of({ ...files, '/refs.bib': text })).analyze('/m.md');
      assert.deepEqual(final.fits.map((f) => f?.score), scratch.fits.map((f) => f?.score), `round ${round} (w${w}, edit kind ${kind})`);
      assert.deepEqual(offTopic(final), offTopic(scratch), `round ${round}`);
    }
  });
});
