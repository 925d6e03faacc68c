/**
 * The host's hook for learning a topic space elsewhere. Here, in topic fit's low layer (types only), so the
 * workspace interface that carries it (`Workspace.learnTopics`) depends on the model's inputs, never on the
 * analysis that uses it.
 */
import type { TopicSpaceOptions } from './options';
import type { TopicSpace } from './space';
import type { ClaimText, WorkText } from './texts';

/**
 * Learns a topic space elsewhere (the language server: a worker thread, `node/topicLearner.ts`), so the
 * seconds of learning a 20,000-work bibliography neither hold the host's thread nor leave their garbage in its
 * heap. Rejects when it cannot (the space is then learnt in slices here); `signal` aborts a superseded build.
 */
export type TopicLearner = (works: WorkText[], claims: ClaimText[], options: TopicSpaceOptions, signal: AbortSignal) => Promise<TopicSpace>;
