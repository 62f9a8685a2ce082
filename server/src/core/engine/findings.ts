/**
 * Which runs a verify pass interrupts or delays (SPEC §4 "Findings", §4.1 rules 4-6, 10, 14).
 * Only the runs that can touch a pass are looked at: those starting in (E - run, L + duration),
 * where [E, L] is the pass's start band — found by arithmetic, never by scanning every run.
 */
import type { Advertisement, Collection } from '../model/types';
import type { AssignmentRuns } from './runs';
import { MINUTE_MS } from './time';
import type { Delay, Horizon, Interruption, VerifyPass } from './types';

type RunsAssignment = Extract<AssignmentRuns, { kind: 'runs' }>;

/**
 * Findings as they are found. Each keeps its rule-10 group key (advertisement rank * 16 +
 * assignment) beside it, so that sorting millions of findings compares numbers, not strings.
 */
export class FindingSink {
  private readonly interruptions: Interruption[] = [];
  private readonly interruptionGroups: number[] = [];
  private readonly delays: Delay[] = [];
  private readonly delayGroups: number[] = [];

  addInterruption(finding: Interruption, group: number): void {
    this.interruptions.push(finding);
    this.interruptionGroups.push(group);
  }

  addDelay(finding: Delay, group: number): void {
    this.delays.push(finding);
    this.delayGroups.push(group);
  }

  /** True once the caller needs no more findings (see `InterruptionProbe`). */
  get done(): boolean {
    return false;
  }

  /** Both lists in SPEC §4.1 rule 10 order. */
  sorted(): { interruptions: Interruption[]; delays: Delay[] } {
    return {
      interruptions: sortByRule10(this.interruptions, this.interruptionGroups),
      delays: sortByRule10(this.delays, this.delayGroups),
    };
  }
}

/** Answers "is there any interruption?" and stops the search at the first one (quick-fix search). */
export class InterruptionProbe extends FindingSink {
  found = false;

  override addInterruption(): void {
    this.found = true;
  }

  override addDelay(): void {}

  override get done(): boolean {
    return this.found;
  }
}

/** The group key of an assignment: advertisements ranked by code point (rule 10), then assignment (0..15). */
export function findingGroup(advertisementRank: number, assignment: number): number {
  return advertisementRank * 16 + assignment;
}

/**
 * Rule 10 order by an LSD radix sort (stable counting passes, least significant key first): by
 * group, then by runStart 11 bits at a time. verifyEarliest needs no pass: one assignment's
 * findings are produced pass by pass, so for one run and group they already come in verifyEarliest
 * order. Linear in the number of findings (which can run into millions), no string comparisons.
 */
function sortByRule10<T extends Sortable>(items: readonly T[], groups: readonly number[]): T[] {
  const n = items.length;
  let earliest = Infinity;
  for (let i = 0; i < n; i++) earliest = Math.min(earliest, items[i]!.runStart);
  // Run starts are whole minutes in practice: sorting minutes needs fewer passes.
  let unit = MINUTE_MS;
  for (let i = 0; i < n && unit > 1; i++) if ((items[i]!.runStart - earliest) % unit !== 0) unit = 1;

  // The key (runStart - earliest) / unit, split into two 22-bit-or-more halves kept as int32s.
  // Two sets of columns, read from one and written to the other in turn (millions of findings
  // would otherwise leave three fresh arrays of garbage per pass).
  let columns = radixColumns(n);
  let spare = radixColumns(n);
  const digits = new Uint32Array(n);
  let largest = 0;
  let groupCount = 0;
  for (let i = 0; i < n; i++) {
    const key = (items[i]!.runStart - earliest) / unit;
    const high = Math.floor(key / LOW_SPAN);
    columns.index[i] = i;
    columns.high[i] = high;
    columns.low[i] = key - high * LOW_SPAN;
    largest = Math.max(largest, key);
    digits[i] = groups[i]!;
    groupCount = Math.max(groupCount, groups[i]! + 1);
  }
  countingPass(columns, spare, digits, groupCount);
  [columns, spare] = [spare, columns];
  for (let bit = 0; 2 ** bit <= largest; bit += DIGIT_BITS) {
    const source = bit < LOW_BITS ? columns.low : columns.high;
    const shift = bit < LOW_BITS ? bit : bit - LOW_BITS;
    for (let k = 0; k < n; k++) digits[k] = (source[k]! >>> shift) & DIGIT_MASK;
    countingPass(columns, spare, digits, 1 << DIGIT_BITS);
    [columns, spare] = [spare, columns];
  }
  const sorted = new Array<T>(n);
  for (let k = 0; k < n; k++) sorted[k] = items[columns.index[k]!]!;
  return sorted;
}

const DIGIT_BITS = 11;
const DIGIT_MASK = (1 << DIGIT_BITS) - 1;
const LOW_BITS = 2 * DIGIT_BITS;
const LOW_SPAN = 2 ** LOW_BITS;

/** Item indices with their sort key; the key travels with the index so every pass reads in order. */
interface RadixColumns {
  readonly index: Uint32Array;
  readonly low: Uint32Array;
  readonly high: Uint32Array;
}

function radixColumns(n: number): RadixColumns {
  return { index: new Uint32Array(n), low: new Uint32Array(n), high: new Uint32Array(n) };
}

/** One stable counting pass by `digits` (aligned with the columns, each in [0, size)) from `columns` into `out`. */
function countingPass(columns: RadixColumns, out: RadixColumns, digits: Uint32Array, size: number): void {
  const n = digits.length;
  const next = new Uint32Array(size + 1);
  for (let k = 0; k < n; k++) next[digits[k]! + 1]!++;
  for (let d = 1; d <= size; d++) next[d]! += next[d - 1]!;
  for (let k = 0; k < n; k++) {
    const at = next[digits[k]!]!++;
    out.index[at] = columns.index[k]!;
    out.low[at] = columns.low[k]!;
    out.high[at] = columns.high[k]!;
  }
}

/** Adds the findings of one assignment against every pass of its collection that can matter. */
export function collectFindings(
  advertisement: Advertisement,
  collection: Collection,
  assignment: RunsAssignment,
  group: number,
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
        const finding: Interruption = {
          advertisement: advertisement.id,
          collection: collection.id,
          assignment: assignment.index,
          runStart,
          runEnd: runStart + runMs,
          verifyEarliest: pass.earliest,
          verifyLatest: pass.latest,
          likelihood: risk.likelihood,
          clientsAtRisk: risk.clientsAtRisk,
        };
        sink.addInterruption(finding, group);
        if (sink.done) return;
      }
      // Rule 6: the pass is already running (strictly after its earliest start).
      if (pass.earliest < runStart && runStart < pass.latest + durationMs) {
        const finding: Delay = {
          advertisement: advertisement.id,
          collection: collection.id,
          assignment: assignment.index,
          runStart,
          verifyEarliest: pass.earliest,
          verifyLatest: pass.latest,
        };
        sink.addDelay(finding, group);
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

type Sortable = Pick<Interruption, 'runStart' | 'advertisement' | 'assignment' | 'verifyEarliest'>;

/** Rule 10: runStart, advertisement, assignment, verifyEarliest. */
export function compareFindings(a: Sortable, b: Sortable): number {
  return (
    a.runStart - b.runStart ||
    compareCodePoints(a.advertisement, b.advertisement) ||
    a.assignment - b.assignment ||
    a.verifyEarliest - b.verifyEarliest
  );
}
