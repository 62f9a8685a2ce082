/**
 * Long computations as generators of steps, so that a caller can do them in slices (the language
 * server answers requests between slices; see `languageserver/slices.ts`) while the CLI and tests
 * run them to the end in one go. A step is a point where stopping and going on later is safe.
 *
 * Architecture invariant: a step never leaves shared state half-updated. Work that is abandoned
 * (`return()` on the generator) leaves every cache valid: at worst it has less in it.
 */

/** How far a computation is: `done` of `total` units of its current stage. */
export interface WorkProgress {
  readonly stage: WorkStage;
  readonly done: number;
  readonly total: number;
}

export type WorkStage = 'parsing' | 'checking' | 'simulating';

/** A computation that yields between its steps and returns `T`. */
export type Work<T> = Generator<WorkProgress, T, void>;

/** Runs `work` to its end at once. */
export function finish<T>(work: Work<T>): T {
  for (;;) {
    const step = work.next();
    if (step.done === true) return step.value;
  }
}

/** A value that needs no work, as work (for branches of a stepped computation). */
// eslint-disable-next-line require-yield
export function* done<T>(value: T): Work<T> {
  return value;
}
