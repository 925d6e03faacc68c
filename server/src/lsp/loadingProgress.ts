/**
 * What the server is reading right now, for the completion row shown while a large bibliography loads
 * ("Loading bibliography (42 %)…", `service/features/completion.ts` `loadingCompletion`): wraps the work-done
 * progress factory (`progress.ts`) and keeps the last report of each piece of work until it is done.
 */
import type { LoadingState } from '../service/features/completion';
import type { ProgressReporter } from '../service/workspace';

/** The title `service/pipeline/parseFiles.ts` gives the load of a large bibliography. */
const READING = /^Citelens: reading (.+)$/;

export class LoadingTracker {
  private readonly running = new Map<number, { title: string; percentage: number }>();
  private next = 0;

  /** `factory`, with every reporter it makes also recorded here. */
  wrap(factory: (title: string) => ProgressReporter): (title: string) => ProgressReporter {
    return (title) => {
      const inner = factory(title);
      const id = this.next++;
      const state = { title, percentage: 0 };
      this.running.set(id, state);
      return {
        report: (percentage, message) => {
          state.percentage = percentage;
          inner.report(percentage, message);
        },
        done: () => {
          this.running.delete(id);
          inner.done();
        },
      };
    };
  }

  /**
   * The bibliography being read, or null. Two analyses asked while one file loads share that load but each
   * opens a reporter (only the first one's advances), so of the same file the furthest report counts.
   */
  bibliography(): LoadingState | null {
    let best: LoadingState | null = null;
    for (const { title, percentage } of this.running.values()) {
      const file = READING.exec(title)?.[1];
      if (file && (!best || percentage > best.percentage)) best = { file, percentage };
    }
    return best;
  }
}
