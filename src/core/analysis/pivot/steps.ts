/**
 * A pivot's work in steps, so that a started pivot can be stopped. better-sqlite3 cannot be
 * interrupted and the engine's thread hears a 'cancel' only between tasks, so the pivot is
 * written as generators that yield between steps (an SQL chunk, a slice of rows). Driven to
 * the end in one go it is the plain synchronous pivot; driven by runInSlices it hands the
 * thread back every few milliseconds, sees the cancel, and stops. Same code, same figures.
 */
import { WardlensError } from '../../errors';

/** Work that yields (nothing) wherever it may be paused, and returns T at the end. */
export type Steps<T> = Generator<void, T, void>;

/** Runs the steps to the end at once, never pausing. */
export function runAtOnce<T>(steps: Steps<T>): T {
  for (;;) {
    const next = steps.next();
    if (next.done) return next.value;
  }
}

/**
 * How long the steps run before the thread is handed back: short enough that a cancel is
 * seen well within a tenth of a second, long enough that the pauses cost next to nothing.
 */
const SLICE_MS = 25;

export interface SliceOptions {
  signal?: AbortSignal;
  /** Told how long each stretch ran without pausing (for tests). */
  onSlice?: (ms: number) => void;
}

/**
 * Runs the steps in slices of about SLICE_MS, letting the event loop run between slices; once
 * `signal` is aborted the steps are ended (their `finally` blocks run) and the run is
 * refused as cancelled.
 */
export async function runInSlices<T>(steps: Steps<T>, options: SliceOptions = {}): Promise<T> {
  const { signal, onSlice } = options;
  let started = performance.now();
  try {
    for (;;) {
      if (signal?.aborted) throw cancelled();
      const next = steps.next();
      if (next.done) {
        onSlice?.(performance.now() - started);
        return next.value;
      }
      const ran = performance.now() - started;
      if (ran < SLICE_MS) continue;
      onSlice?.(ran);
      await new Promise<void>((resolve) => setImmediate(resolve));
      started = performance.now();
    }
  } finally {
    // Ends a generator stopped part-way (a no-op once it has finished), running its cleanup.
    steps.return(undefined as T);
  }
}

function cancelled(): WardlensError {
  return new WardlensError('cancelled', 'The pivot was cancelled: a newer question replaced it.');
}

/**
 * Yields once every `every` calls of tick(): a loop over a hundred thousand cells calls it
 * per row or per cell, and pauses only now and then.
 */
export class Pacer {
  private count = 0;
  constructor(private readonly every: number) {}

  /** True when the caller should yield now. */
  tick(work = 1): boolean {
    this.count += work;
    if (this.count < this.every) return false;
    this.count = 0;
    return true;
  }
}
