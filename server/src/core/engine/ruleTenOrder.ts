/**
 * The order of SPEC §4.1 rule 10 over a finding table's rows (runStart, advertisement,
 * assignment, verifyEarliest), found without comparing strings.
 */
import { MINUTE_MS } from './time';

/** What the sort reads of each row (see `findingTable.ts`). */
export interface FindingRows {
  readonly length: number;
  segment(row: number): number;
  assignment(row: number): number;
  /** The row's `k`-th number; number 0 is runStart. */
  number(row: number, k: number): number;
}

/**
 * Rule 10 order by an LSD radix sort (stable counting passes, least significant key first): by
 * group (advertisement rank × 16 + assignment), then by runStart 11 bits at a time. verifyEarliest
 * needs no pass: one assignment's findings are produced pass by pass, so for one run and group
 * they already come in verifyEarliest order. Linear in the number of findings, no string
 * comparisons.
 */
export function ruleTenOrder(c: FindingRows, segmentRanks: Uint32Array): Uint32Array {
  const n = c.length;
  const runStart = new Float64Array(n);
  let earliest = Infinity;
  for (let i = 0; i < n; i++) {
    runStart[i] = c.number(i, 0);
    earliest = Math.min(earliest, runStart[i]!);
  }
  // Run starts are whole minutes in practice: sorting minutes needs fewer passes.
  let unit = MINUTE_MS;
  for (let i = 0; i < n && unit > 1; i++) if ((runStart[i]! - earliest) % unit !== 0) unit = 1;

  // The key (runStart - earliest) / unit, split into two 22-bit-or-more halves kept as int32s.
  // Two sets of columns, read from one and written to the other in turn.
  let columns = radixColumns(n);
  let spare = radixColumns(n);
  const digits = new Uint32Array(n);
  let largest = 0;
  let groupCount = 0;
  for (let i = 0; i < n; i++) {
    const key = (runStart[i]! - earliest) / unit;
    const high = Math.floor(key / LOW_SPAN);
    columns.index[i] = i;
    columns.high[i] = high;
    columns.low[i] = key - high * LOW_SPAN;
    largest = Math.max(largest, key);
    const group = segmentRanks[c.segment(i)]! * 16 + c.assignment(i);
    digits[i] = group;
    groupCount = Math.max(groupCount, group + 1);
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
  return columns.index;
}

const DIGIT_BITS = 11;
const DIGIT_MASK = (1 << DIGIT_BITS) - 1;
const LOW_BITS = 2 * DIGIT_BITS;
const LOW_SPAN = 2 ** LOW_BITS;

/** Row indices with their sort key; the key travels with the index so every pass reads in order. */
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
