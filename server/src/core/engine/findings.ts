/**
 * Which runs a verify pass interrupts or delays (SPEC §4 "Findings", §4.1 rules 4-6, 10, 14).
 * Only the runs that can touch a pass are looked at: those starting in (E - run, L + duration),
 * where [E, L] is the pass's start band — found by arithmetic, never by scanning every run.
 */
import type { Collection } from '../model/types';
import type { AssignmentRuns } from './runs';
import { MINUTE_MS } from './time';
import type { Horizon, VerifyPass } from './types';

type RunsAssignment = Extract<AssignmentRuns, { kind: 'runs' }>;

/**
 * Where the engine puts findings as it finds them: a `FindingTableBuilder` (columns, see
 * `findingTable.ts`), or a probe that only wants to know whether there is any.
 */
export interface FindingSink {
  /** True once the caller needs no more findings (see `InterruptionProbe`). */
  readonly done: boolean;
  /** Every finding added next is one of this advertisement's (against this collection's passes). */
  startSegment(advertisement: string, collection: string): void;
  addInterruption(
    assignment: number,
    runStart: number,
    runEnd: number,
    verifyEarliest: number,
    verifyLatest: number,
    likelihood: number,
    clientsAtRisk: number,
  ): void;
  addDelay(assignment: number, runStart: number, verifyEarliest: number, verifyLatest: number): void;
}

/** Whether an interruption of this assignment is to be ignored (an accepted risk, SPEC §6.1). */
export type IgnoredInterruption = (advertisement: string, assignment: number) => boolean;

/** Answers "is there any interruption?" and stops the search at the first one (quick-fix search). */
export class InterruptionProbe implements FindingSink {
  found = false;
  private advertisement = '';

  constructor(private readonly ignore?: IgnoredInterruption) {}

  get done(): boolean {
    return this.found;
  }

  startSegment(advertisement: string): void {
    this.advertisement = advertisement;
  }

  addInterruption(assignment: number): void {
    if (!this.ignore?.(this.advertisement, assignment)) this.found = true;
  }

  addDelay(): void {}
}

/** Adds the findings of one assignment against every pass of its collection that can matter. */
export function collectFindings(
  collection: Collection,
  assignment: RunsAssignment,
  passes: readonly VerifyPass[],
  window: Horizon,
  sink: FindingSink,
): void {
  const runMs = assignment.runMs;
  for (let i = firstPassEndingAfter(passes, window.from); i < passes.length && !sink.done; i++) {
    const pass = passes[i]!;
    // Integer instants: s > E - run ⇔ s >= E - run + 1. Later passes start later still.
    const candidatesFrom = pass.earliest - runMs + 1;
    if (candidatesFrom >= window.to) break;
    const durationMs = pass.durationMinutes * MINUTE_MS;
    for (const runStart of assignment.startsBetween(candidatesFrom, pass.latest + durationMs)) {
      const risk = interruptionRisk(runStart, runMs, pass, collection.clients);
      if (risk) {
        sink.addInterruption(
          assignment.index,
          runStart,
          runStart + runMs,
          pass.earliest,
          pass.latest,
          risk.likelihood,
          risk.clientsAtRisk,
        );
        if (sink.done) return;
      }
      // Rule 6: the pass is already running (strictly after its earliest start).
      if (pass.earliest < runStart && runStart < pass.latest + durationMs) {
        sink.addDelay(assignment.index, runStart, pass.earliest, pass.latest);
      }
    }
  }
}

/** Index of the first pass whose delay window ends after `instant` (passes are in start order). */
function firstPassEndingAfter(passes: readonly VerifyPass[], instant: number): number {
  let lo = 0;
  let hi = passes.length;
  while (lo < hi) {
    const mid = lo + Math.floor((hi - lo) / 2);
    const pass = passes[mid]!;
    if (pass.latest + pass.durationMinutes * MINUTE_MS > instant) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/**
 * The share of clients whose pass starts inside [start, start + run), or undefined when none do
 * (rule 5: touching at one instant is not enough).
 */
export function interruptionRisk(
  start: number,
  runMs: number,
  pass: VerifyPass,
  clients: number,
): { likelihood: number; clientsAtRisk: number } | undefined {
  if (pass.earliest === pass.latest) {
    return start <= pass.earliest && pass.earliest < start + runMs
      ? { likelihood: 1, clientsAtRisk: clients }
      : undefined;
  }
  const overlap = Math.min(start + runMs, pass.latest) - Math.max(start, pass.earliest);
  if (overlap <= 0) return undefined;
  const band = pass.latest - pass.earliest;
  return { likelihood: overlap / band, clientsAtRisk: roundedShare(overlap, band, clients) };
}

/** round(clients * part / whole), half away from zero (rule 14), in exact integer arithmetic. */
export function roundedShare(part: number, whole: number, clients: number): number {
  const numerator = part * clients;
  if (!Number.isSafeInteger(numerator) || !Number.isSafeInteger(whole)) return Math.round((part / whole) * clients);
  const quotient = Math.floor(numerator / whole);
  const remainder = numerator - quotient * whole;
  return 2 * remainder >= whole ? quotient + 1 : quotient;
}

/** Code-point order (SPEC §4.1 rule 10); `<` on strings compares UTF-16 code units instead. */
export function compareCodePoints(a: string, b: string): number {
  if (a === b) return 0;
  const length = Math.min(a.length, b.length);
  for (let i = 0; i < length; i++) {
    const x = a.codePointAt(i)!;
    const y = b.codePointAt(i)!;
    if (x !== y) return x - y;
    if (x > 0xffff) i++;
  }
  return a.length - b.length;
}
