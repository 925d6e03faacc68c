/**
 * The worker thread that learns a topic space (`dist/topicWorker.js`, started by `topicLearner.ts`): it collects
 * the works and citing sentences the language server sends, learns their space at once (this thread has
 * nothing else to do) and hands it back, its arrays transferred rather than copied. Then it is ended, and the
 * garbage of learning goes with its heap.
 */
import { readlinkSync } from 'node:fs';
import { setPriority } from 'node:os';
import { parentPort } from 'node:worker_threads';
import { learnTopicSpace, topicSpaceTransfers } from '../service/topicFit/space';
import type { WorkText } from '../service/topicFit/texts';
import type { LearnMessage, LearnReply } from './topicLearner';

lowerPriority();

const works: WorkText[] = [];
parentPort?.on('message', (message: LearnMessage) => {
  if ('works' in message) {
    for (const work of message.works) works.push(work);
    return;
  }
  try {
    const space = learnTopicSpace(works, message.claims, message.options);
    const reply: LearnReply = { space };
    parentPort!.postMessage(reply, topicSpaceTransfers(space));
  } catch (error) {
    const reply: LearnReply = { error: error instanceof Error ? (error.stack ?? error.message) : String(error) };
    parentPort!.postMessage(reply);
  }
});

/**
 * Learning is background work: on a machine with two cores the server's own thread must not wait for this one
 * (nor for the garbage collector threads it keeps busy). Linux gives a thread its own nice value, set through
 * its id (`/proc/thread-self`); elsewhere the thread keeps the process's priority.
 */
function lowerPriority(): void {
  try {
    const tid = Number(readlinkSync('/proc/thread-self').split('/').pop());
    if (Number.isInteger(tid) && tid > 0) setPriority(tid, 10);
  } catch {
    // not Linux, or not allowed: learning just competes as an equal
  }
}
