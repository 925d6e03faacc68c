/**
 * The typing path run before the author types. A fresh server's first ~20 keystrokes in a large manuscript are
 * slow while V8 has not yet optimised the analysis a keystroke runs (on the 50,000-word bench manuscripts the
 * core's analysis takes 35–90 ms for keystrokes 0–15, 8–12 ms after ~20; BENCHMARKS.md, "Keystrokes, fifth
 * session"). So once the server is idle after a large manuscript's diagnostics, it analyses edited copies of the
 * document — a letter typed at the end of a cited paragraph, or its last character deleted, in paragraphs spread
 * through the text — with `CitelensService.rehearse`, which keeps nothing of a copy as the document's state:
 * hovers, completion and checks meanwhile see the real text, and nothing is published for a copy.
 *
 * It gives way to real work: an edit or a check stops the analysis under way at its next step, and the
 * rehearsal takes the event loop's turns between analyses, so a request waiting is answered first; stopped, it
 * resumes when the server is idle again. Bounded: {@link MAX_ANALYSES} analyses and {@link MAX_CPU_MS} of CPU per
 * manuscript, once per server.
 */
import type { Analysis } from '../service/analysis';
import type { CitelensService } from '../service/service';

/**
 * Below this many characters (~7,500 words) a manuscript is not rehearsed: a keystroke's analysis grows with the
 * whole text (merging the chunks, resolving and checking every citation, converting every diagnostic), and in
 * smaller manuscripts it is within the budget even before V8 has optimised it (the bench's Pandoc manuscript cut to
 * 50,000 characters, a fresh server without rehearsal: first 41 keystrokes p50 10 ms, p95 33 ms at load 7;
 * BENCHMARKS.md, "Keystrokes on a fresh server").
 */
export const MIN_CHARS = 50_000;
/** Copies analysed per manuscript: in the bench manuscripts the analysis settles after ~20 keystrokes. */
export const MAX_ANALYSES = 30;
/** CPU time one manuscript's rehearsal may take in all (all threads, as `process.cpuUsage` counts). */
export const MAX_CPU_MS = 3000;

export interface RehearsalHost {
  readonly service: CitelensService;
  /** The document's current text, or undefined when it is not open. */
  text(path: string): string | undefined;
  /** The manuscript's root file (the analysis is asked for it). */
  rootOf(path: string): string;
  /** True while real work is pending or running (checks, indexing, learning): the rehearsal stops for it. */
  busy(): boolean;
  /** A turn of the event loop for messages waiting (requests are answered before the next analysis). */
  pause(): Promise<void>;
  log(message: string): void;
  readonly trace: boolean;
}

/** What was done of one manuscript's rehearsal. */
interface Progress {
  /** Every copy analysed, or the budget spent, or a copy failed: not rehearsed again. */
  complete: boolean;
  analyses: number;
  cpuMs: number;
  wallMs: number[];
}

export class TypingRehearsal {
  private readonly progress = new Map<string, Progress>();
  private current: AbortController | undefined;

  constructor(private readonly host: RehearsalHost) {}

  /** True while a rehearsal runs. */
  get running(): boolean {
    return this.current !== undefined;
  }

  /** Whether `path`, just analysed as `analysis`, is a manuscript to rehearse (large, and not rehearsed in full yet). */
  wants(path: string, analysis: Analysis): boolean {
    const file = analysis.files.find((f) => f.uri === path);
    if (!file || file.text.length < MIN_CHARS || analysis.topicFitPending) return false;
    return !this.progress.get(path)?.complete;
  }

  /** Real work arrived (an edit, a check): the analysis under way stops at its next step. */
  interrupt(): void {
    this.current?.abort();
  }

  /**
   * Analyses edited copies of the open document `path` until done, stopped or over budget. Resolves to true when
   * the rehearsal of `path` is complete (false: stopped for real work; it may be run again when idle).
   */
  async run(path: string): Promise<boolean> {
    const { host } = this;
    const text = host.text(path);
    // Another manuscript's rehearsal runs: this one waits for the next idle period.
    if (this.current) return false;
    if (text === undefined || text.length < MIN_CHARS) return true;
    const done = this.progress.get(path) ?? { complete: false, analyses: 0, cpuMs: 0, wallMs: [] };
    this.progress.set(path, done);
    const edits = copiesOf(text, MAX_ANALYSES);
    const controller = (this.current = new AbortController());
    if (host.trace) host.log(`typing rehearsal of ${path}: from copy ${done.analyses + 1} of ${edits.length}`);
    let stopped: string | null = null;
    try {
      while (done.analyses < edits.length && done.cpuMs < MAX_CPU_MS) {
        await host.pause();
        if (controller.signal.aborted || host.busy()) stopped = 'real work arrived';
        else if (host.text(path) !== text) stopped = 'the document changed';
        if (stopped) break;
        const c0 = process.cpuUsage();
        const t0 = performance.now();
        const copy = edits[done.analyses];
        const analysis = await host.service.rehearse(host.rootOf(path), new Map([[path, copy]]), controller.signal);
        const used = process.cpuUsage(c0);
        done.cpuMs += (used.user + used.system) / 1000;
        if (!analysis) {
          stopped = 'real work arrived';
          break;
        }
        done.wallMs.push(performance.now() - t0);
        done.analyses++;
      }
    } catch (error) {
      // A copy the core cannot analyse is no reason to try again: the rehearsal of this manuscript is over.
      stopped = 'failed';
      done.complete = true;
      host.log(`rehearsing typing in ${path} failed: ${error instanceof Error ? error.stack ?? error.message : String(error)}`);
    } finally {
      this.current = undefined;
    }
    if (!stopped) done.complete = true;
    // `CITELENS_TRACE=1`: when it ran, how long each copy's analysis took, and its cost.
    if (host.trace) {
      host.log(`typing rehearsal of ${path}: ${done.analyses} analyses (${done.wallMs.map((ms) => ms.toFixed(0)).join(' ')} ms), cpu ${done.cpuMs.toFixed(0)} ms${stopped ? `; stopped: ${stopped}` : ''}`);
    }
    return done.complete;
  }
}

/**
 * Edited copies of `text` as an author makes them: at the end of the paragraph that follows each of `count / 2`
 * evenly spaced points of the text after its front matter (the first blank line after the point), a letter typed,
 * then, in the next copy, that paragraph's last character deleted. Each copy is a text the core has not seen, so
 * its paragraph is parsed and its sentences scored again, as a keystroke's are.
 */
export function copiesOf(text: string, count: number): string[] {
  const copies: string[] = [];
  const places = Math.ceil(count / 2);
  // The front matter (if any) ends before the first blank line after it; paragraphs are looked for after that.
  const from = text.startsWith('---') ? Math.max(0, text.indexOf('\n---', 3)) : 0;
  const blank = /\r?\n\r?\n/g;
  for (let k = 0; k < places; k++) {
    blank.lastIndex = from + Math.floor(((text.length - from) * (k + 0.5)) / places);
    const at = blank.exec(text)?.index ?? -1;
    if (at <= from + 1) continue;
    copies.push(`${text.slice(0, at)}x${text.slice(at)}`, `${text.slice(0, at - 1)}${text.slice(at)}`);
  }
  return copies.slice(0, count);
}
