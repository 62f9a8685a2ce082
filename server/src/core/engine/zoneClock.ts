/**
 * Fast, exact wall-time ↔ instant conversion for one IANA zone.
 *
 * Offsets come from luxon's `IANAZone` (the platform's tz data); nothing here knows DST rules.
 * Luxon answers one offset query in several microseconds and resolves ambiguous wall times by the
 * offset in force *today* (so 01:30 on a fall-back night flips with the season the code runs in).
 * The engine needs millions of conversions and one fixed rule (SPEC §4: gap → forward by the gap,
 * ambiguous → earlier instant), so each zone keeps a lazily built table of its offset transitions
 * and resolves wall times itself from that table.
 *
 * "Wall ms" below is a wall time encoded as if it were UTC (`Date.UTC` of its fields), so calendar
 * arithmetic on wall times is plain integer arithmetic.
 */
import { IANAZone } from 'luxon';
import { ownString } from '../text/ownString';

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
const DAY_MS = 24 * HOUR_MS;
/** Table chunk length (~50 days); a chunk is sampled only when a query lands in it. */
const CHUNK_MS = 2 ** 32;
/**
 * Two offset changes closer than this would be missed. Checked against all 418 zones of the
 * platform's tz data, 1970-2040 (sampled every 6 h): consecutive changes are at least 7 days apart.
 */
const SAMPLE_MS = 24 * HOUR_MS;

/** The offsets in force within one chunk: `offsets[i]` applies from `starts[i]` (ms) on. */
interface Chunk {
  readonly starts: number[];
  readonly offsets: number[];
}

export class ZoneClock {
  private readonly chunks = new Map<number, Chunk>();

  private constructor(private readonly zone: IANAZone | undefined) {}

  /** undefined for a zone name the platform does not know. */
  static of(name: string): ZoneClock | undefined {
    const cached = clocks.get(name);
    if (cached) return cached;
    // Kept for the process (here and in luxon's zone caches): a copy, not a slice of a document.
    const own = ownString(name);
    if (own === 'UTC' || own === 'Etc/UTC') return remember(own, new ZoneClock(undefined));
    if (!IANAZone.isValidZone(own)) return undefined;
    return remember(own, new ZoneClock(IANAZone.create(own)));
  }

  /** Offset (ms, wall minus UTC) in force at an instant. */
  offsetAt(instant: number): number {
    if (!this.zone) return 0;
    const chunk = this.chunkOf(Math.floor(instant / CHUNK_MS));
    let i = chunk.starts.length - 1;
    while (i > 0 && chunk.starts[i]! > instant) i--;
    return chunk.offsets[i]!;
  }

  /** The least and greatest offsets (ms) in force at some instant of [from, to]. */
  offsetRange(from: number, to: number): { min: number; max: number } {
    if (!this.zone) return { min: 0, max: 0 };
    let min = Infinity;
    let max = -Infinity;
    for (let index = Math.floor(from / CHUNK_MS); index <= Math.floor(to / CHUNK_MS); index++) {
      const chunk = this.chunkOf(index);
      for (let i = 0; i < chunk.starts.length; i++) {
        const segmentEnd = chunk.starts[i + 1] ?? (index + 1) * CHUNK_MS;
        if (segmentEnd <= from || chunk.starts[i]! > to) continue;
        min = Math.min(min, chunk.offsets[i]!);
        max = Math.max(max, chunk.offsets[i]!);
      }
    }
    return { min, max };
  }

  /** The wall time (wall ms) that an instant shows in this zone. */
  toWall(instant: number): number {
    return instant + this.offsetAt(instant);
  }

  /**
   * The instant of a wall time (wall ms). Ambiguous → the earlier instant; in a gap → the wall
   * time moved forward by the gap (i.e. read with the offset in force before the gap).
   */
  toInstant(wall: number): number {
    if (!this.zone) return wall;
    const before = this.offsetAt(wall - DAY_MS);
    const after = this.offsetAt(wall + DAY_MS);
    const early = wall - before;
    const late = wall - after;
    const earlyValid = this.offsetAt(early) === before;
    const lateValid = this.offsetAt(late) === after;
    if (earlyValid && lateValid) return Math.min(early, late);
    if (earlyValid) return early;
    if (lateValid) return late;
    return early;
  }

  private chunkOf(index: number): Chunk {
    const cached = this.chunks.get(index);
    if (cached) return cached;
    const chunk = this.sampleChunk(index * CHUNK_MS, (index + 1) * CHUNK_MS);
    this.chunks.set(index, chunk);
    return chunk;
  }

  /** Samples offsets across [start, end) and pins every change to the millisecond. */
  private sampleChunk(start: number, end: number): Chunk {
    const starts = [start];
    const offsets = [this.luxonOffset(start)];
    for (let previous = start; previous < end - 1;) {
      const t = Math.min(previous + SAMPLE_MS, end - 1);
      const offset = this.luxonOffset(t);
      if (offset !== offsets[offsets.length - 1]) {
        starts.push(this.firstChange(previous, t));
        offsets.push(offset);
      }
      previous = t;
    }
    return { starts, offsets };
  }

  /** Smallest instant in (lo, hi] whose offset differs from lo's (binary search). */
  private firstChange(lo: number, hi: number): number {
    const base = this.luxonOffset(lo);
    while (hi - lo > 1) {
      const mid = lo + Math.floor((hi - lo) / 2);
      if (this.luxonOffset(mid) === base) lo = mid;
      else hi = mid;
    }
    return hi;
  }

  private luxonOffset(instant: number): number {
    // luxon reports minutes (fractional for historical local mean times); keep whole milliseconds.
    return Math.round(this.zone!.offset(instant) * MINUTE_MS);
  }
}

const clocks = new Map<string, ZoneClock>();

function remember(name: string, clock: ZoneClock): ZoneClock {
  clocks.set(name, clock);
  return clock;
}
