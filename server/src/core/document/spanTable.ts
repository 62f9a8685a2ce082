/**
 * Where every key and value of one list item is, without the item's `yaml` nodes: one record per
 * node in document order (the item itself, then each map entry or list element, depth first).
 * A lazily parsed list (`lazyList.ts`) keeps one table per item so that `locate` answers without
 * parsing the item again (the outline, CodeLens and diagnostics ask for every item).
 */
import { isMap, isPair, isScalar, isSeq, type Node } from 'yaml';
import { ownString } from '../text/ownString';

/** The kinds `locate` tells apart. */
export const enum Kind {
  Empty = 0,
  Map = 1,
  Seq = 2,
  Other = 3,
}

/**
 * Per record: subtree end (record index), kind, key start, key end, value start, value end, and
 * the segment that leads to it (see `encodeSegment`). Stored plus one, so that 0 means "none"
 * (-1) and most tables fit 16-bit cells (an item is rarely 64 KB long): about a third of the
 * memory of 32-bit cells and a separate array of segments.
 */
const FIELDS = 7;
const SEGMENT_FIELD = 6;

/** Map keys repeat in every item (`id`, `name`, …): one number each, up to a bound. */
const keyIds = new Map<string, number>();
const keyNames: string[] = [];
const MAX_SHARED_KEYS = 4096;

/** A segment as a number: 0 for none (null), odd for a list index, even for a map key's id. */
function encodeSegment(segment: string | number | null, ownKeys: string[]): number {
  if (segment === null) return 0;
  if (typeof segment === 'number') return segment * 2 + 1;
  let id = keyIds.get(segment);
  if (id === undefined) {
    if (keyNames.length < MAX_SHARED_KEYS) {
      // Kept for the process: a copy, not a slice of the piece the key was first read in.
      const key = ownString(segment);
      id = keyNames.length;
      keyIds.set(key, id);
      keyNames.push(key);
    } else {
      // Past the bound, a key is kept by its own table (numbered after the shared ones).
      id = MAX_SHARED_KEYS + ownKeys.length;
      ownKeys.push(segment);
    }
  }
  return id * 2 + 2;
}

/** A node found by a walk: its value range (undefined for an empty value) and, for a map entry, its key's. */
export interface SpanStep {
  readonly key: readonly [number, number] | undefined;
  readonly value: readonly [number, number] | undefined;
  /** The entry exists but has no value node (`key:` parsed as null). */
  readonly emptyValue: boolean;
}

export class SpanTable {
  private constructor(
    /** The records, each field plus one. */
    private readonly cells: Uint16Array | Uint32Array,
    /** Keys past the shared bound, when there were any. */
    private readonly ownKeys: readonly string[] | undefined,
  ) {}

  /** The table of a node tree whose ranges are relative to the item's piece. */
  static of(root: Node | null): SpanTable {
    const builder = new SpanTableBuilder();
    const add = (segment: string | number | null, key: Node | null | undefined, value: unknown): void => {
      const keyRange = key?.range;
      const valueRange = (value as Node | null | undefined)?.range;
      const kind = isMap(value) ? Kind.Map : isSeq(value) ? Kind.Seq : value ? Kind.Other : Kind.Empty;
      const at = builder.open(segment, keyRange?.[0] ?? -1, keyRange?.[1] ?? -1);
      if (isMap(value)) {
        for (const pair of value.items) {
          if (!isPair(pair)) continue;
          const segment = isScalar(pair.key) ? String(pair.key.value) : null;
          add(segment, pair.key as Node | null, pair.value);
        }
      } else if (isSeq(value)) {
        value.items.forEach((item, index) => add(index, undefined, item));
      }
      builder.close(at, kind, valueRange?.[0] ?? -1, valueRange?.[1] ?? -1);
    };
    add(null, undefined, root);
    return builder.build();
  }

  /** @internal The builder's result: records as numbers (-1 for none), and the keys it kept itself. */
  static fromRecords(records: readonly number[], ownKeys: readonly string[]): SpanTable {
    let largest = 0;
    for (const value of records) largest = Math.max(largest, value + 1);
    const cells = largest < 0x10000 ? new Uint16Array(records.length) : new Uint32Array(records.length);
    for (let i = 0; i < records.length; i++) cells[i] = records[i]! + 1;
    return new SpanTable(cells, ownKeys.length > 0 ? ownKeys : undefined);
  }

  /**
   * Follows `path` from the item as `locate` follows nodes: through a map by key, through a list
   * by index. Returns the deepest step reached, its offsets moved by `base`.
   */
  walk(path: readonly (string | number)[], base: number): { step: SpanStep; complete: boolean } {
    let record = 0;
    let inPair = false;
    for (const segment of path) {
      const child = this.child(record, segment);
      if (child === undefined) return { step: this.step(record, inPair, base), complete: false };
      record = child;
      inPair = this.field(record, 2) >= 0;
      if (inPair && this.kind(record) === Kind.Empty) return { step: this.step(record, true, base), complete: true };
    }
    return { step: this.step(record, inPair, base), complete: true };
  }

  /** The item node's own range, moved by `base` (undefined for an empty item). */
  rootRange(base: number): [number, number] | undefined {
    return this.range(0, 4, base);
  }

  /**
   * The foldable spans of the item, moved by `base`, in document order: the item itself when it is
   * a collection, then every map entry whose value is one (from its key) and every list element
   * that is one (see `folding.ts`).
   */
  forEachFold(base: number, add: (start: number, end: number) => void): void {
    const visit = (record: number, inMap: boolean): void => {
      const kind = this.kind(record);
      if (kind !== Kind.Map && kind !== Kind.Seq) return;
      // A map entry folds from its key (an entry without a key node does not fold itself).
      const start = inMap ? this.field(record, 2) : this.field(record, 4);
      if (start >= 0) add(base + start, base + this.field(record, 5));
      const end = this.field(record, 0);
      for (let child = record + 1; child < end; child = this.field(child, 0)) visit(child, kind === Kind.Map);
    };
    if (this.cells.length > 0) visit(0, false);
  }

  private child(record: number, segment: string | number): number | undefined {
    const kind = this.kind(record);
    if (kind !== Kind.Map && !(kind === Kind.Seq && typeof segment === 'number')) return undefined;
    const end = this.field(record, 0);
    for (let child = record + 1; child < end; child = this.field(child, 0)) {
      const own = this.segment(child);
      if (kind === Kind.Map ? own !== null && own === String(segment) : own === segment) return child;
    }
    return undefined;
  }

  private segment(record: number): string | number | null {
    const code = this.field(record, SEGMENT_FIELD) + 1;
    if (code === 0) return null;
    if (code % 2 === 1) return (code - 1) / 2;
    const id = (code - 2) / 2;
    return id < MAX_SHARED_KEYS ? keyNames[id]! : this.ownKeys![id - MAX_SHARED_KEYS]!;
  }

  private step(record: number, inPair: boolean, base: number): SpanStep {
    const key = inPair ? this.range(record, 2, base) : undefined;
    const value = this.range(record, 4, base);
    return { key, value, emptyValue: this.kind(record) === Kind.Empty };
  }

  private range(record: number, field: number, base: number): [number, number] | undefined {
    const start = this.field(record, field);
    return start < 0 ? undefined : [start + base, this.field(record, field + 1) + base];
  }

  private kind(record: number): Kind {
    return this.field(record, 1) as Kind;
  }

  /** A field as it was recorded (-1 for none). */
  private field(record: number, field: number): number {
    return (this.cells[record * FIELDS + field] as number) - 1;
  }
}

/**
 * Records in document order: `open` a node (its key's range), add its children, then `close` it
 * with its kind and its value's range. Used for `yaml` trees and by the plain-item reader.
 */
export class SpanTableBuilder {
  private readonly records: number[] = [];
  private readonly ownKeys: string[] = [];

  /** Starts a node's record (its key's range, -1 for none); returns where it is, for `close`. */
  open(segment: string | number | null, keyStart: number, keyEnd: number): number {
    const at = this.records.length;
    this.records.push(-1, Kind.Empty, keyStart, keyEnd, -1, -1, encodeSegment(segment, this.ownKeys) - 1);
    return at;
  }

  /** Ends a node's record once its children are added: its kind and its value's range. */
  close(at: number, kind: Kind, valueStart: number, valueEnd: number): void {
    this.records[at] = this.records.length / FIELDS;
    this.records[at + 1] = kind;
    this.records[at + 4] = valueStart;
    this.records[at + 5] = valueEnd;
  }

  build(): SpanTable {
    return SpanTable.fromRecords(this.records, this.ownKeys);
  }
}
