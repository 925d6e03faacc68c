/**
 * Long computations written once, run either at once or in slices. A computation is a generator that yields
 * at safe points (every few hundred documents); `runSteps` drives it to the end, `runStepsInSlices` gives the
 * thread back to the host (`pause`) whenever a slice has lasted `sliceMs`, so a language server keeps answering
 * requests while a 20,000-entry bibliography is gathered or a 20,000-work topic model is built. Both give the
 * same result.
 */
import type { SliceOptions } from './bibtex/locator';

/** A computation that yields at safe points and returns `T`. */
export type Steps<T> = Generator<void, T, void>;

/** Runs `steps` to the end without pausing. */
export function runSteps<T>(steps: Steps<T>): T {
  for (;;) {
    const next = steps.next();
    if (next.done) return next.value;
  }
}

/** Runs `steps` in slices of about `options.sliceMs` (default 20 ms), awaiting `options.pause()` between them. */
export async function runStepsInSlices<T>(steps: Steps<T>, options: Pick<SliceOptions, 'pause' | 'sliceMs'>): Promise<T> {
  const sliceMs = options.sliceMs ?? 20;
  let until = performance.now() + sliceMs;
  for (;;) {
    const next = steps.next();
    if (next.done) return next.value;
    if (performance.now() >= until) {
      await options.pause();
      until = performance.now() + sliceMs;
    }
  }
}
