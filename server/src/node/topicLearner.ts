/**
 * Learns topic spaces on a worker thread (`topicWorker.ts`, bundled beside the server as `topicWorker.js`), for
 * the language server. Learning a 20,000-work bibliography's topics takes seconds of CPU and leaves tens of MB
 * of garbage: on a worker it runs on the other core, the server's thread stays free for requests, and the
 * garbage goes with the worker's heap when it exits. One worker per build, ended after it: builds are rare (a
 * bibliography changed), and a worker kept alive would keep its heap.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { TopicLearner } from '../service/topicFit/learner';
import type { TopicSpaceOptions } from '../service/topicFit/options';
import type { TopicSpace } from '../service/topicFit/space';
import type { ClaimText, WorkText } from '../service/topicFit/texts';

/**
 * What the server sends the worker, in order: the works in chunks (see {@link WORKS_PER_MESSAGE}), then the
 * claims and options, which start the learning.
 */
export type LearnMessage = { works: WorkText[] } | { claims: ClaimText[]; options: TopicSpaceOptions };

/** What the worker sends back: the space (arrays transferred), or why it could not learn one. */
export type LearnReply = { space: TopicSpace } | { error: string };

/**
 * Works per message. Posting 20,000 works at once is one structured clone of ~10 MB (tens of ms on the
 * server's thread); a message of 500 costs ~1 ms, and its copy lives outside the heap until the worker reads it.
 */
const WORKS_PER_MESSAGE = 500;

/**
 * A learner running `script` on a worker thread, or undefined when the script is absent (the server run from
 * its sources, as some tests do): the core then learns in slices on its own thread, as it does when this learner
 * fails (which `log` is told of). `pause` gives the thread back between messages.
 */
export function workerTopicLearner(
  { pause, log, script = join(__dirname, 'topicWorker.js') }: { pause: () => Promise<void>; log?: (message: string) => void; script?: string },
): TopicLearner | undefined {
  if (!existsSync(script)) return undefined;
  const learn = learnOnWorker(script, pause);
  return (works, claims, options, signal) =>
    learn(works, claims, options, signal).catch((error: unknown) => {
      if (!signal.aborted) log?.(`learning topics on a worker thread failed (learning them on the server's thread instead): ${error instanceof Error ? error.message : String(error)}`);
      throw error;
    });
}

function learnOnWorker(script: string, pause: () => Promise<void>): TopicLearner {
  return async (works, claims, options, signal) => {
    const worker = new Worker(script);
    const reply = replyOf(worker, signal);
    // It may reject (aborted, the worker failed) while the works are still being sent: handled by the caller.
    reply.catch(() => undefined);
    try {
      for (let i = 0; i < works.length; i += WORKS_PER_MESSAGE) {
        if (signal.aborted) return await reply;
        worker.postMessage({ works: works.slice(i, i + WORKS_PER_MESSAGE) } satisfies LearnMessage);
        await pause();
      }
      if (signal.aborted) return await reply;
      worker.postMessage({ claims, options } satisfies LearnMessage);
    } catch (error) {
      void worker.terminate();
      throw error;
    }
    return reply;
  };
}

/** The worker's reply; rejects when it fails, exits without one, or `signal` aborts (the worker is then ended). */
function replyOf(worker: Worker, signal: AbortSignal): Promise<TopicSpace> {
  return new Promise<TopicSpace>((resolve, reject) => {
    const stop = (): void => {
      reject(new Error('superseded'));
      void worker.terminate();
    };
    if (signal.aborted) return stop();
    signal.addEventListener('abort', stop, { once: true });
    worker.on('message', (reply: LearnReply) => {
      signal.removeEventListener('abort', stop);
      if ('space' in reply) resolve(reply.space);
      else reject(new Error(`learning topics failed: ${reply.error}`));
      void worker.terminate();
    });
    worker.once('error', (error) => {
      signal.removeEventListener('abort', stop);
      reject(error);
    });
    // Settled already unless the worker ended without a word (killed, out of memory).
    worker.once('exit', (code) => reject(new Error(`the topic worker exited (code ${code}) without a reply`)));
  });
}
