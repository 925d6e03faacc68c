import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { createCitelensService } from '../../server/src/service/service';
import { buildTopicModel, buildTopicModelInSlices } from '../../server/src/service/topicFit/model';
import type { ClaimText, WorkText } from '../../server/src/service/topicFit/texts';
import { MemoryWorkspace } from '../../server/src/service/workspace';
import { largeReview, offTopic } from '../helpers/largeReview';

/** A small deterministic field: works and claims drawn from a few overlapping topics. */
function corpus(nWorks: number, nClaims: number): { works: WorkText[]; claims: ClaimText[] } {
  const topics = [
    'diffusion models image synthesis denoising',
    'generative adversarial networks images',
    'privacy regulation data protection consent',
    'language models clinical notes extraction',
    'contrastive learning representations pretraining',
  ].map((t) => t.split(' '));
  let seed = 3;
  const rand = (n: number): number => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) % n);
  const words = (topic: string[], n: number): string => Array.from({ length: n }, () => topic[rand(topic.length)]).join(' ');
  const works = Array.from({ length: nWorks }, (_, i) => ({
    id: `w${i}`,
    title: `${words(topics[i % topics.length], 6)} study ${i}`,
    abstract: i % 2 ? words(topics[i % topics.length], 30) : undefined,
  }));
  const claims = Array.from({ length: nClaims }, (_, i) => ({
    id: `c${i}`,
    text: `${words(topics[i % topics.length], 12)}.`,
    headingPath: ['Results'],
    paragraphId: `p${Math.floor(i / 3)}`,
    citedWorkIds: [`w${(i * 7) % nWorks}`],
  }));
  return { works, claims };
}

test('a model built in slices pauses between slices and scores exactly as one built at once', async () => {
  const { works, claims } = corpus(1500, 300);
  const direct = buildTopicModel(works, claims);
  let pauses = 0;
  const sliced = await buildTopicModelInSlices(works, claims, {}, {
    sliceMs: 1,
    pause: () => {
      pauses++;
      return new Promise((resolve) => setImmediate(resolve));
    },
  });
  assert.ok(pauses > 5, `expected the build to give the thread back several times, got ${pauses}`);
  for (const claim of claims.slice(0, 50)) {
    for (const workId of ['w0', 'w1', 'w2', claim.citedWorkIds[0]]) {
      assert.deepEqual(sliced.score(claim.id, workId).signals, direct.score(claim.id, workId).signals, `${claim.id} × ${workId}`);
    }
    assert.deepEqual(sliced.suggest(claim.id, 3), direct.suggest(claim.id, 3));
  }
});

describe('a large bibliography in a host that can pause', () => {
  const { bib, files } = largeReview;

  test('the analysis returns at once without topic fit, then with the same result as a build at once', async () => {
    const direct = await createCitelensService(MemoryWorkspace.of(files)).analyze('/m.md');
    assert.equal(direct.topicFitPending, undefined);
    assert.ok(offTopic(direct).length >= 1, 'the fixture has an off-topic citation');

    let pauses = 0;
    const progress: string[] = [];
    const workspace = Object.assign(MemoryWorkspace.of(files), {
      pause: () => {
        pauses++;
        return new Promise<void>((resolve) => setImmediate(resolve));
      },
      progress: (title: string) => {
        progress.push(title);
        return { report: () => undefined, done: () => progress.push('done') };
      },
    });
    const service = createCitelensService(workspace);
    const first = await service.analyze('/m.md');
    assert.ok(first.topicFitPending instanceof Promise, 'topic fit is pending');
    assert.deepEqual(offTopic(first), []);
    assert.ok(first.fits.every((f) => f === null));
    // Other diagnostics do not wait for the model.
    assert.deepEqual(first.diagnostics.filter((d) => d.code !== 'off-topic-citation').map((d) => d.code), direct.diagnostics.filter((d) => d.code !== 'off-topic-citation').map((d) => d.code));

    // The works are read, then the model is learnt, each in the background; the host analyses again after each.
    let second = first;
    let rounds = 0;
    while (second.topicFitPending && rounds++ < 5) {
      await second.topicFitPending;
      second = await service.analyze('/m.md');
    }
    assert.ok(pauses > 1, `the build shared the thread (${pauses} pauses)`);
    assert.ok(progress.includes('Citelens: learning the topics of 600 works'), progress.join(', '));
    assert.equal(second.topicFitPending, undefined);
    assert.deepEqual(offTopic(second), offTopic(direct));
    assert.deepEqual(second.fits.map((f) => f?.score), direct.fits.map((f) => f?.score));
  });

  test('a bibliography edited while its model is learnt: the old build is dropped, the result is the new one', async () => {
    // The edit gives w1 (cited for image synthesis) a diffusion title: it fits now.
    const edited = bib.replace(/@article\{w1, title = \{[^}]*\}/, '@article{w1, title = {Denoising diffusion models for image synthesis}');
    assert.notEqual(edited, bib);
    const direct = await createCitelensService(MemoryWorkspace.of({ ...files, '/refs.bib': edited })).analyze('/m.md');

    const workspace = Object.assign(MemoryWorkspace.of(files), { pause: () => new Promise<void>((resolve) => setImmediate(resolve)) });
    const service = createCitelensService(workspace);
    let analysis = await service.analyze('/m.md');
    // Let the old bibliography's works be read and its model start learning, then edit the file.
    if (analysis.topicFitPending) await analysis.topicFitPending;
    analysis = await service.analyze('/m.md');
    assert.ok(analysis.topicFitPending, 'the model is being learnt');
    workspace.set('/refs.bib', edited);
    service.invalidate('/refs.bib');
    for (let rounds = 0; rounds < 6; rounds++) {
      analysis = await service.analyze('/m.md');
      if (!analysis.topicFitPending) break;
      await analysis.topicFitPending;
    }
    assert.equal(analysis.topicFitPending, undefined);
    assert.deepEqual(offTopic(analysis), offTopic(direct));
    assert.deepEqual(analysis.fits.map((f) => f?.score), direct.fits.map((f) => f?.score));
  });
});
