import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildTopicModel, buildTopicModelInSlices, type ClaimText, type WorkText } from '../server/src/service/topicFit/model';

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
