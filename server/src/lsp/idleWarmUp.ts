/**
 * Work that makes a later request fast but would delay diagnostics if done at once (building the CSL engine
 * of the citation style: 60 ms to 1 s). It waits for the first diagnostics to be published, then for the server
 * to stay idle for a while; a request that needs the engine before that builds it itself.
 */
export class IdleWarmUp {
  private wanted: string | undefined;
  private published = false;
  private timer: NodeJS.Timeout | undefined;
  private lastActivity = 0;

  /**
   * @param busy true while checks or indexing are pending or running (the warm-up waits for them)
   * @param warm builds the engine of a style; errors are the caller's to log
   * @param idleMs how long the server must stay idle before the warm-up runs
   */
  constructor(
    private readonly busy: () => boolean,
    private readonly warm: (style: string) => void,
    private readonly idleMs = 500,
  ) {}

  /** The style to prepare (settings were read or changed); replaces an earlier one not yet prepared. */
  want(style: string): void {
    this.wanted = style;
    this.arm();
  }

  /** Diagnostics were published: the warm-up may follow once the server is idle. */
  diagnosticsPublished(): void {
    this.published = true;
    this.activity();
    this.arm();
  }

  /** Something happened (a change, a check, a request): the idle period starts again. */
  activity(): void {
    this.lastActivity = performance.now();
  }

  private arm(): void {
    if (!this.published || this.wanted === undefined) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      if (this.busy() || performance.now() - this.lastActivity < this.idleMs) return this.arm();
      const style = this.wanted;
      this.wanted = undefined;
      if (style !== undefined) this.warm(style);
    }, this.idleMs);
    // Never keeps a process alive on its own.
    this.timer.unref?.();
  }
}
