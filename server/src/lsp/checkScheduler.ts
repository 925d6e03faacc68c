/**
 * Debounced, coalescing checks per document. A change restarts the document's timer; when it fires the check
 * runs, and a change arriving while a check runs marks it dirty so exactly one more check follows. Checks never
 * overlap for one document, and the check itself drops its result when the text moved on meanwhile (see
 * `DiagnosticsPublisher`), so a stale result is never published.
 */
export class CheckScheduler {
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly running = new Map<string, Promise<void>>();
  private readonly dirty = new Set<string>();

  constructor(
    private readonly check: (key: string) => Promise<void>,
    private readonly delay: () => number,
    private readonly onError: (key: string, error: unknown) => void,
  ) {}

  /** Checks `key` after the debounce delay (or at once with `immediate`), replacing a pending request. */
  schedule(key: string, immediate = false): void {
    const pending = this.timers.get(key);
    if (pending) clearTimeout(pending);
    const delay = immediate ? 0 : this.delay();
    if (delay <= 0) {
      this.timers.delete(key);
      this.start(key);
      return;
    }
    this.timers.set(key, setTimeout(() => {
      this.timers.delete(key);
      this.start(key);
    }, delay));
  }

  /** Forgets a pending check (the document was closed). A running check still finishes. */
  cancel(key: string): void {
    const pending = this.timers.get(key);
    if (pending) clearTimeout(pending);
    this.timers.delete(key);
    this.dirty.delete(key);
  }

  /** True while a check is pending or running. */
  get busy(): boolean {
    return this.timers.size > 0 || this.running.size > 0;
  }

  /** Resolves when no check is pending or running (tests and the workspace check wait on this). */
  async idle(): Promise<void> {
    while (this.timers.size || this.running.size) {
      await Promise.all([...this.running.values()]);
      if (this.timers.size && !this.running.size) await new Promise((r) => setTimeout(r, 5));
    }
  }

  private start(key: string): void {
    if (this.running.has(key)) {
      this.dirty.add(key);
      return;
    }
    const run = (async () => {
      try {
        await this.check(key);
      } catch (error) {
        this.onError(key, error);
      }
    })().finally(() => {
      this.running.delete(key);
      if (this.dirty.delete(key)) this.start(key);
    });
    this.running.set(key, run);
  }
}
