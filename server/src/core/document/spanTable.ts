/**
 * Where every key and value of one list item is, without the item's `yaml` nodes: one record per
 * node in document order (the item itself, then each map entry or list element, depth first).
 * A lazily parsed list (`lazyList.ts`) keeps one table per item so that `locate` answers without
 * parsing the item again (the outline, CodeLens and diagnostics ask for every item).
 */
import { isMap, isPair, isScalar, isSeq, type Node } from 'yaml';

/** The kinds `locate` tells apart. */
export const enum Kind {
  Empty = 0,
  Map = 1,
  Seq = 2,
  Other = 3,
}

/** Per record: subtree end (record index), kind, key start, key end, value start, value end (-1: none). */
const FIELDS = 6;

/** Map keys repeat in every item (`id`, `name`, …): one string each, up to a bound. */
const internedKeys = new Map<string, string>();
const MAX_INTERNED_KEYS = 4096;

function intern(key: string): string {
  const known = internedKeys.get(key);
  if (known !== undefined) return known;
  if (internedKeys.size < MAX_INTERNED_KEYS) internedKeys.set(key, key);
  return key;
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
    private readonly records: Int32Array,
    /** The segment that leads to each record: a map key (string; null when not a scalar) or a list index. */
    private readonly segments: readonly (string | number | null)[],
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

  /** @internal The builder's result. */
  static fromRecords(records: Int32Array, segments: readonly (string | number | null)[]): SpanTable {
    return new SpanTable(records, segments);
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

  private child(record: number, segment: string | number): number | undefined {
    const kind = this.kind(record);
    if (kind !== Kind.Map && !(kind === Kind.Seq && typeof segment === 'number')) return undefined;
    const end = this.field(record, 0);
    for (let child = record + 1; child < end; child = this.field(child, 0)) {
      const own = this.segments[child];
      if (kind === Kind.Map ? own !== null && own === String(segment) : own === segment) return child;
    }
    return undefined;
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

  private field(record: number, field: number): number {
    return this.records[record * FIELDS + field] as number;
  }
}

/**
 * Records in document order: `open` a node (its key range, its value's start), add its children,
 * then `close` it with its value's end. Used for `yaml` trees and by the plain-item reader.
 */
export class SpanTableBuilder {
  private readonly records: number[] = [];
  private readonly segments: (string | number | null)[] = [];

  /** Starts a node's record (its key's range, -1 for none); returns where it is, for `close`. */
  open(segment: string | number | null, keyStart: number, keyEnd: number): number {
    const at = this.records.length;
    this.records.push(-1, Kind.Empty, keyStart, keyEnd, -1, -1);
    this.segments.push(typeof segment === 'string' ? intern(segment) : segment);
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
    return SpanTable.fromRecords(Int32Array.from(this.records), this.segments);
  }
}
