import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/**
 * Timing helpers: medians of repeated runs with an optional warm-up, capped by a time budget so the
 * large documents get few repetitions and the whole bench stays within minutes.
 */

export interface Sample {
  /** Median in ms, or undefined when nothing was measured (timeout, skipped). */
  readonly median: number | undefined;
  readonly n: number;
  readonly min?: number;
  readonly max?: number;
  /** Set when a run hit its time cap: the true value is above this many ms. */
  readonly timedOutAfterMs?: number;
  readonly note?: string;
}

export interface MeasureOptions {
  /** Wanted repetitions (measured, after the warm-up). */
  readonly reps: number;
  /** Stop repeating once this much time went into measured runs (at least one run is always made). */
  readonly budgetMs: number;
  /** Run once unmeasured first (skip when the same code already ran warm in this process). */
  readonly warmup: boolean;
}

export function median(values: readonly number[]): number | undefined {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

export function sampleOf(values: readonly number[], extra: Partial<Sample> = {}): Sample {
  return {
    median: median(values),
    n: values.length,
    ...(values.length > 0 ? { min: Math.min(...values), max: Math.max(...values) } : {}),
    ...extra,
  };
}

export function measureSync(fn: () => unknown, options: MeasureOptions): Sample {
  return measureWithSetup(() => undefined, fn, options);
}

/** Times `fn(setup())` without the setup (e.g. a fresh parse, so that no cache keyed on it helps). */
export function measureWithSetup<T>(setup: () => T, fn: (input: T) => unknown, options: MeasureOptions): Sample {
  if (options.warmup) fn(setup());
  const times: number[] = [];
  let spent = 0;
  while (times.length < options.reps && (times.length === 0 || spent < options.budgetMs)) {
    const input = setup();
    // Each run pays for its own garbage, not for what earlier runs (or bigger documents) left behind.
    collectGarbage();
    const start = performance.now();
    fn(input);
    const elapsed = performance.now() - start;
    times.push(elapsed);
    spent += elapsed;
  }
  return sampleOf(times);
}

/** A full GC, available without `--expose-gc` on the command line (`npm run bench` runs plain node). */
export const collectGarbage: () => void = (() => {
  setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as () => void;
})();

/** Lets pending I/O and timers run after a full GC, so one run does not tax the next. */
export async function settle(): Promise<void> {
  collectGarbage();
  await new Promise<void>((resolve) => setImmediate(resolve));
}
