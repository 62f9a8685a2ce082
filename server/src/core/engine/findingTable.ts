/**
 * The engine's findings in columns (typed arrays), not as one object each: a large document has
 * hundreds of thousands of findings, and as objects (four instants each boxed as a heap number)
 * they were the biggest thing a language server kept. Objects are made only for the findings a
 * caller reads (`FindingList.at`, iteration), e.g. the few hundred an editor shows.
 *
 * Rows are grouped in segments, one per simulated advertisement, in the order they were produced;
 * a `FindingList` is a view of a table's rows in SPEC §4.1 rule 10 order (`ruleTenOrder.ts`).
 */
import type { FindingSink } from './findings';
import { ruleTenOrder } from './ruleTenOrder';
import type { Delay, Interruption } from './types';

/** One advertisement's findings: its id and collection, and where its rows are. */
interface Segment {
  readonly advertisement: string;
  readonly collection: string;
  readonly interruptionsFrom: number;
  readonly delaysFrom: number;
}

/**
 * The rows of one finding kind: each row's fields side by side (segment, assignment, then the
 * kind's numbers), in chunks of a fixed number of rows, so that growing never copies what is
 * there (hundreds of thousands of rows would otherwise be copied at every doubling).
 */
class Columns {
  length = 0;
  private readonly chunks: Float64Array[] = [];
  /** Fields per row. */
  private readonly stride: number;

  constructor(readonly width: number) {
    this.stride = width + 2;
  }

  /** Room for one more row; returns its index. */
  grow(): number {
    const row = this.length++;
    const chunk = row >>> CHUNK_BITS;
    if (chunk === this.chunks.length) {
      // The first chunk starts small and doubles (most tables after an edit hold one advertisement).
      this.chunks.push(new Float64Array((chunk === 0 ? FIRST_CHUNK_ROWS : CHUNK_ROWS) * this.stride));
    } else if (chunk === 0 && row * this.stride === this.chunks[0]!.length) {
      const larger = new Float64Array(Math.min(CHUNK_ROWS, row * 2) * this.stride);
      larger.set(this.chunks[0]!);
      this.chunks[0] = larger;
    }
    return row;
  }

  /**
   * Appends rows [start, end) of `from` (same kind) as they are, as many as fit in one chunk of
   * each side with one block copy; returns how many were appended.
   */
  appendFrom(from: Columns, start: number, end: number): number {
    const stride = this.stride;
    const first = this.grow();
    const room = first < CHUNK_ROWS ? this.chunks[0]!.length / stride - first : CHUNK_ROWS - (first & CHUNK_MASK);
    const count = Math.min(end - start, room, CHUNK_ROWS - (start & CHUNK_MASK));
    this.length += count - 1;
    const source = from.chunks[start >>> CHUNK_BITS]!;
    const offset = (start & CHUNK_MASK) * stride;
    this.chunks[first >>> CHUNK_BITS]!.set(
      source.subarray(offset, offset + count * stride),
      (first & CHUNK_MASK) * stride,
    );
    return count;
  }

  get(row: number, field: number): number {
    return this.chunks[row >>> CHUNK_BITS]![(row & CHUNK_MASK) * this.stride + field]!;
  }

  set(row: number, field: number, value: number): void {
    this.chunks[row >>> CHUNK_BITS]![(row & CHUNK_MASK) * this.stride + field] = value;
  }

  segment(row: number): number {
    return this.get(row, SEGMENT);
  }

  assignment(row: number): number {
    return this.get(row, ASSIGNMENT);
  }

  /** The kind's `k`-th number of a row (see the widths below). */
  number(row: number, k: number): number {
    return this.get(row, NUMBERS + k);
  }
}

const CHUNK_BITS = 12;
const CHUNK_ROWS = 1 << CHUNK_BITS;
const CHUNK_MASK = CHUNK_ROWS - 1;
const FIRST_CHUNK_ROWS = 16;
const SEGMENT = 0;
const ASSIGNMENT = 1;
const NUMBERS = 2;

/** Numbers per row: runStart, runEnd, verifyEarliest, verifyLatest, likelihood, clientsAtRisk. */
const INTERRUPTION_WIDTH = 6;
/** Numbers per row: runStart, verifyEarliest, verifyLatest. */
const DELAY_WIDTH = 3;

/** Findings as the engine produces them, advertisement by advertisement. */
export class FindingTableBuilder implements FindingSink {
  readonly done = false;
  private readonly segments: Segment[] = [];
  private readonly interruptions = new Columns(INTERRUPTION_WIDTH);
  private readonly delays = new Columns(DELAY_WIDTH);

  /** Starts the rows of one advertisement (every row added next is one of its findings). */
  startSegment(advertisement: string, collection: string): void {
    this.segments.push({
      advertisement,
      collection,
      interruptionsFrom: this.interruptions.length,
      delaysFrom: this.delays.length,
    });
  }

  addInterruption(
    assignment: number,
    runStart: number,
    runEnd: number,
    verifyEarliest: number,
    verifyLatest: number,
    likelihood: number,
    clientsAtRisk: number,
  ): void {
    const c = this.interruptions;
    const row = this.newRow(c, assignment);
    c.set(row, NUMBERS, runStart);
    c.set(row, NUMBERS + 1, runEnd);
    c.set(row, NUMBERS + 2, verifyEarliest);
    c.set(row, NUMBERS + 3, verifyLatest);
    c.set(row, NUMBERS + 4, likelihood);
    c.set(row, NUMBERS + 5, clientsAtRisk);
  }

  addDelay(assignment: number, runStart: number, verifyEarliest: number, verifyLatest: number): void {
    const c = this.delays;
    const row = this.newRow(c, assignment);
    c.set(row, NUMBERS, runStart);
    c.set(row, NUMBERS + 1, verifyEarliest);
    c.set(row, NUMBERS + 2, verifyLatest);
  }

  /** A new row of the current segment; its numbers are the caller's to set. */
  private newRow(c: Columns, assignment: number): number {
    const row = c.grow();
    c.set(row, SEGMENT, this.segments.length - 1);
    c.set(row, ASSIGNMENT, assignment);
    return row;
  }

  get segmentCount(): number {
    return this.segments.length;
  }

  /** Appends segment `index` of another table (an unchanged advertisement's findings), rows as they were. */
  copySegment(table: FindingTable, index: number): void {
    const segment = table.segments[index]!;
    this.startSegment(segment.advertisement, segment.collection);
    const to = this.segments.length - 1;
    copyRows(
      table.interruptions,
      this.interruptions,
      segment.interruptionsFrom,
      table.segmentEnd(index, 'interruptions'),
      to,
    );
    copyRows(table.delays, this.delays, segment.delaysFrom, table.segmentEnd(index, 'delays'), to);
  }

  build(): FindingTable {
    return new FindingTable(this.segments, this.interruptions, this.delays);
  }
}

function copyRows(from: Columns, to: Columns, start: number, end: number, segment: number): void {
  for (let row = start; row < end;) {
    const copied = to.appendFrom(from, row, end);
    for (let at = to.length - copied; at < to.length; at++) to.set(at, SEGMENT, segment);
    row += copied;
  }
}

/** A built, unchanging set of findings. */
export class FindingTable {
  /** @internal */
  constructor(
    readonly segments: readonly Segment[],
    readonly interruptions: Columns,
    readonly delays: Columns,
  ) {}

  advertisementOf(segment: number): string {
    return this.segments[segment]!.advertisement;
  }

  /** One past the last row of a segment. */
  segmentEnd(index: number, kind: 'interruptions' | 'delays'): number {
    const next = this.segments[index + 1];
    if (kind === 'interruptions') return next ? next.interruptionsFrom : this.interruptions.length;
    return next ? next.delaysFrom : this.delays.length;
  }

  /** Both lists in rule 10 order, given each advertisement id's rank in code-point order. */
  sorted(ranks: ReadonlyMap<string, number>): {
    interruptions: FindingList<Interruption>;
    delays: FindingList<Delay>;
  } {
    const segmentRanks = Uint32Array.from(this.segments, (segment) => ranks.get(segment.advertisement)!);
    return {
      interruptions: new FindingList(
        this,
        this.interruptions,
        ruleTenOrder(this.interruptions, segmentRanks),
        interruptionAt,
      ),
      delays: new FindingList(this, this.delays, ruleTenOrder(this.delays, segmentRanks), delayAt),
    };
  }
}

function interruptionAt(table: FindingTable, c: Columns, row: number): Interruption {
  const segment = table.segments[c.segment(row)]!;
  return {
    advertisement: segment.advertisement,
    collection: segment.collection,
    assignment: c.assignment(row),
    runStart: c.number(row, 0),
    runEnd: c.number(row, 1),
    verifyEarliest: c.number(row, 2),
    verifyLatest: c.number(row, 3),
    likelihood: c.number(row, 4),
    clientsAtRisk: c.number(row, 5),
  };
}

function delayAt(table: FindingTable, c: Columns, row: number): Delay {
  const segment = table.segments[c.segment(row)]!;
  return {
    advertisement: segment.advertisement,
    collection: segment.collection,
    assignment: c.assignment(row),
    runStart: c.number(row, 0),
    verifyEarliest: c.number(row, 1),
    verifyLatest: c.number(row, 2),
  };
}

/**
 * Findings in rule 10 order, read from columns: `at` and iteration make objects (a fresh one per
 * read); the column reads (`advertisementAt`, …) make none, for callers that go over them all.
 */
export class FindingList<T extends Interruption | Delay> implements Iterable<T> {
  /** @internal */
  constructor(
    private readonly table: FindingTable,
    private readonly columns: Columns,
    private readonly order: Uint32Array,
    private readonly make: (table: FindingTable, columns: Columns, row: number) => T,
  ) {}

  get length(): number {
    return this.order.length;
  }

  at(index: number): T {
    return this.make(this.table, this.columns, this.row(index));
  }

  advertisementAt(index: number): string {
    return this.table.segments[this.columns.segment(this.row(index))]!.advertisement;
  }

  assignmentAt(index: number): number {
    return this.columns.assignment(this.row(index));
  }

  *[Symbol.iterator](): Iterator<T> {
    for (let i = 0; i < this.order.length; i++) yield this.make(this.table, this.columns, this.order[i]!);
  }

  toArray(): T[] {
    return Array.from(this.order, (row) => this.make(this.table, this.columns, row));
  }

  /** How many findings each advertisement has (those with none are absent). */
  countsByAdvertisement(): Map<string, number> {
    const counts = new Map<string, number>();
    for (let i = 0; i < this.order.length; i++) {
      const id = this.table.advertisementOf(this.columns.segment(this.order[i]!));
      counts.set(id, (counts.get(id) ?? 0) + 1);
    }
    return counts;
  }

  /** One advertisement's findings (of one assignment, if given), in rule 10 order. */
  ofAdvertisement(advertisement: string, assignment?: number): T[] {
    const found: T[] = [];
    for (let i = 0; i < this.order.length; i++) {
      if (
        this.advertisementAt(i) === advertisement &&
        (assignment === undefined || this.assignmentAt(i) === assignment)
      ) {
        found.push(this.at(i));
      }
    }
    return found;
  }

  /**
   * The findings whose advertisement and assignment pass `test`, and the others, each in this
   * list's order; reads columns only (accepted risks, SPEC §6.1, are split off this way).
   */
  partition(test: (advertisement: string, assignment: number) => boolean): {
    readonly matching: FindingList<T>;
    readonly others: FindingList<T>;
  } {
    const matching: number[] = [];
    const others: number[] = [];
    for (let i = 0; i < this.order.length; i++) {
      (test(this.advertisementAt(i), this.assignmentAt(i)) ? matching : others).push(this.order[i]!);
    }
    const view = (rows: number[]) => new FindingList(this.table, this.columns, Uint32Array.from(rows), this.make);
    return { matching: view(matching), others: view(others) };
  }

  map<U>(transform: (finding: T) => U): U[] {
    return Array.from(this.order, (row) => transform(this.make(this.table, this.columns, row)));
  }

  filter(predicate: (finding: T) => boolean): T[] {
    const kept: T[] = [];
    for (const finding of this) if (predicate(finding)) kept.push(finding);
    return kept;
  }

  private row(index: number): number {
    if (!Number.isInteger(index) || index < 0 || index >= this.order.length)
      throw new RangeError(`no finding at ${index}`);
    return this.order[index]!;
  }
}
