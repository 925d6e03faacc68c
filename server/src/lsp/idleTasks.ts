/**
 * Work that makes the server faster or smaller later but would delay diagnostics or requests if done at once:
 * building the CSL engine of the citation style (60 ms to 1 s), collecting the garbage a large bibliography's
 * background work left (~80 ms). Tasks wait for the first diagnostics to be published, then for the server to
 * stay idle for a while (no edits, nothing being checked or learnt); each runs in an idle period of its own.
 */
export class IdleTasks {
  /** Tasks not run yet, by name, in the order first wanted. */
  private readonly wanted = new Map<string, () => void>();
  private published = false;
  private timer: NodeJS.Timeout | undefined;
  private lastActivity = 0;

  /**
   * @param busy true while checks, indexing or topic learning are pending or running (tasks wait for them)
   * @param idleMs how long the server must stay idle before a task runs
   */
  constructor(
    private readonly busy: () => boolean,
    private readonly idleMs = 500,
  ) {}

  /**
   * Runs `task` once when idle; replaces a task of the same name not run yet. Errors are the task's to handle.
   * `first`: before the tasks wanted earlier (the next idle period is its own).
   */
  want(name: string, task: () => void, first = false): void {
    if (first) {
      this.wanted.delete(name);
      const rest = [...this.wanted];
      this.wanted.clear();
      this.wanted.set(name, task);
      for (const [n, t] of rest) this.wanted.set(n, t);
    } else {
      this.wanted.set(name, task);
    }
    this.arm();
  }

  /** Diagnostics were published: tasks may follow once the server is idle. */
  diagnosticsPublished(): void {
    this.published = true;
    this.activity();
    this.arm();
  }

  /** Something happened (a change, a check): the idle period starts again. */
  activity(): void {
    this.lastActivity = performance.now();
  }

  private arm(): void {
    if (!this.published || this.wanted.size === 0) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      if (this.busy() || performance.now() - this.lastActivity < this.idleMs) return this.arm();
      const [name, task] = this.wanted.entries().next().value!;
      this.wanted.delete(name);
      task();
      // The next task waits for an idle period of its own.
      this.activity();
      this.arm();
    }, this.idleMs);
    // Never keeps a process alive on its own.
    this.timer.unref?.();
  }
}
