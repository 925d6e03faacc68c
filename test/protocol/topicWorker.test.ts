// Learning a large bibliography's topics on a worker thread: the space crosses threads as plain data and the model
// made of it scores exactly as one built at once; the language server uses it, and falls back to learning in
// slices on its own thread when the worker cannot run.
import assert from 'node:assert/strict';
import { dirname, join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { workerTopicLearner } from '../../server/src/node/topicLearner';
import { createCitelensService } from '../../server/src/service/service';
import { buildTopicModel, topicModelFromSpace } from '../../server/src/service/topicFit/model';
import { learnTopicSpace, topicSpaceTransfers } from '../../server/src/service/topicFit/space';
import type { ClaimText, WorkText } from '../../server/src/service/topicFit/texts';
import type { TopicLearner } from '../../server/src/service/topicFit/learner';
import { MemoryWorkspace } from '../../server/src/service/workspace';
import { largeReview, offTopic } from '../helpers/largeReview';
import { LspClient, serverBundle, uriOf } from '../helpers/lspClient';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';

const pause = () => new Promise<void>((resolve) => setImmediate(resolve));
const slices = { pause, sliceMs: 1 };

/** Works and claims over a few topics, with abstracts, keywords and a sentence citing two groups. */
function corpus(): { works: WorkText[]; claims: ClaimText[] } {
  const topics = ['diffusion denoising image synthesis', 'privacy regulation consent law', 'clinical notes extraction language', 'contrastive pretraining views'];
  const works: WorkText[] = Array.from({ length: 300 }, (_, i) => ({
    id: `w${i}`,
    title: `${topics[i % 4]} study ${i}`,
    abstract: i % 3 ? `We study ${topics[(i + 1) % 4]} and ${topics[i % 4]}.` : undefined,
    keywords: i % 5 === 0 ? ['näive', topics[i % 4]] : undefined,
  }));
  const claims: ClaimText[] = Array.from({ length: 40 }, (_, i) => ({
    id: `c${i}`,
    text: `Recent work on ${topics[i % 4]} [@w${i}] and on ${topics[(i + 2) % 4]} [@w${i + 2}] improved results.`,
    headingPath: ['Results'],
    paragraphId: `p${i >> 2}`,
    citedWorkIds: [`w${i}`, `w${i + 2}`],
    citations: [{ offset: 20, workIds: [`w${i}`] }, { offset: 60, workIds: [`w${i + 2}`] }],
  }));
  return { works, claims };
}

function assertSameModel(a: ReturnType<typeof buildTopicModel>, b: ReturnType<typeof buildTopicModel>, claims: ClaimText[]): void {
  for (const claim of claims) {
    for (const workId of [...claim.citedWorkIds, 'w7', 'w150']) {
      assert.deepEqual(a.score(claim.id, workId).signals, b.score(claim.id, workId).signals, `${claim.id} × ${workId}`);
    }
    assert.deepEqual(a.suggest(claim.id, 3), b.suggest(claim.id, 3));
    assert.equal(a.explain(claim.id, claim.citedWorkIds[0], (w) => `@${w}`), b.explain(claim.id, claim.citedWorkIds[0], (w) => `@${w}`));
  }
}

test('a space learnt elsewhere and handed over with its arrays transferred makes the same model', async () => {
  const { works, claims } = corpus();
  const direct = buildTopicModel(works, claims);
  const space = learnTopicSpace(works, claims);
  const transfers = topicSpaceTransfers(space);
  assert.ok(transfers.length >= 10, 'every typed array is transferred');
  const received = structuredClone(space, { transfer: transfers });
  assert.equal(space.postingWorks.length, 0, 'the sender no longer holds the arrays');
  assertSameModel(await topicModelFromSpace(received, works, claims, {}, slices), direct, claims);
  await assert.rejects(topicModelFromSpace(received, works.slice(1), claims, {}, slices), /learnt from 300 works/);
});

describe('the worker thread', () => {
  let learner: TopicLearner;
  before(async () => {
    const script = join(dirname(await serverBundle()), 'topicWorker.js');
    learner = workerTopicLearner({ pause, script })!;
    assert.ok(learner, `the worker script is built at ${script}`);
  });

  test('learns the same space', async () => {
    const { works, claims } = corpus();
    const space = await learner(works, claims, {}, new AbortController().signal);
    assertSameModel(await topicModelFromSpace(space, works, claims, {}, slices), buildTopicModel(works, claims), claims);
  });

  test('a superseded build is abandoned', async () => {
    const { works, claims } = corpus();
    const abort = new AbortController();
    const learning = learner(works, claims, {}, abort.signal);
    abort.abort();
    await assert.rejects(learning, /superseded/);
  });

  test('a worker that fails is reported to the log, and the learner rejects (the core then learns in slices)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'citelens-worker-'));
    const script = join(dir, 'topicWorker.js');
    writeFileSync(script, "throw new Error('cannot start');\n");
    const logged: string[] = [];
    const failing = workerTopicLearner({ pause, script, log: (m) => logged.push(m) })!;
    const { works, claims } = corpus();
    await assert.rejects(failing(works, claims, {}, new AbortController().signal), /cannot start/);
    assert.equal(logged.length, 1);
    assert.match(logged[0], /learning topics on a worker thread failed .*cannot start/);
    rmSync(dir, { recursive: true, force: true });
  });

  test('no worker script, no learner (the core then learns in slices)', () => {
    assert.equal(workerTopicLearner({ pause, script: join(tmpdir(), 'no-such-topicWorker.js') }), undefined);
  });

  test('in the service: the same diagnostics as a build at once; a failing learner falls back to slices', async () => {
    const direct = await createCitelensService(MemoryWorkspace.of(largeReview.files)).analyze('/m.md');
    assert.ok(offTopic(direct).length >= 1, 'the fixture has an off-topic citation');
    let calls = 0;
    const failing: TopicLearner = async () => {
      calls++;
      throw new Error('worker failed to start');
    };
    for (const learn of [learner, failing]) {
      const service = createCitelensService(Object.assign(MemoryWorkspace.of(largeReview.files), { pause, learnTopics: learn }));
      let analysis = await service.analyze('/m.md');
      for (let rounds = 0; analysis.topicFitPending && rounds < 6; rounds++) {
        await analysis.topicFitPending;
        analysis = await service.analyze('/m.md');
      }
      assert.equal(analysis.topicFitPending, undefined);
      assert.deepEqual(offTopic(analysis), offTopic(direct));
      assert.deepEqual(analysis.fits.map((f) => f?.score), direct.fits.map((f) => f?.score));
    }
    assert.equal(calls, 1, 'the failing learner was asked once');
  });
});

describe('the language server learns a large bibliography’s topics on its worker', () => {
  let dir: string;
  let client: LspClient;
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'citelens-topics-'));
    writeFileSync(join(dir, 'm.md'), largeReview.manuscript);
    writeFileSync(join(dir, 'refs.bib'), largeReview.bib);
    ({ client } = await LspClient.start({ root: dir }));
  });
  after(async () => {
    await client.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  test('the other diagnostics come first, then the off-topic citation, as the CLI reports it', async () => {
    const direct = await createCitelensService(MemoryWorkspace.of(largeReview.files)).analyze('/m.md');
    const uri = uriOf(join(dir, 'm.md'));
    await client.open(join(dir, 'm.md'));
    const published = await client.diagnostics(uri, (p) => p.diagnostics.some((d) => d.code === 'off-topic-citation'), 30_000);
    const messages = published.diagnostics.filter((d) => d.code === 'off-topic-citation').map((d) => d.message);
    assert.deepEqual(messages, direct.diagnostics.filter((d) => d.code === 'off-topic-citation').map((d) => d.message));
    assert.doesNotMatch(client.stderr.join(''), /failed|error/i);
  });
});
