/**
 * Occurrences of one schedule (SPEC §4) as instants, found by arithmetic rather than enumeration:
 * a caller asks for the occurrences in a window [from, to) and pays only for the wall times that
 * can land there, however dense the recurrence and however long the horizon.
 *
 * Steps are taken on wall times (SPEC §4.1 rule 1) and each wall time is then placed in the zone.
 */
import type { LocalDateTime, Schedule, WeekOrder, Weekday } from '../model/types';
import { daysInMonth } from '../model/localDateTime';
import { DAY_MS, MINUTE_MS, wallMs } from './time';
import type { ZoneClock } from './zoneClock';

/** Longer than any DST gap: the offset before a gap is looked up this far back. */
const GAP_LOOKBACK_MS = 2 * DAY_MS;

export interface OccurrenceSeries {
  /** Distinct occurrence instants in [from, to), ascending, at most `limit` of them. */
  between(from: number, to: number, limit?: number): number[];
}

/** A schedule's wall times in [lo, hi), ascending (wall ms). */
type WallSource = (lo: number, hi: number) => Iterable<number>;

export function scheduleSeries(schedule: Schedule, clock: ZoneClock): OccurrenceSeries {
  const walls = scheduleWalls(schedule);
  return { between: (from, to, limit = Infinity) => instantsBetween(walls, clock, from, to, limit) };
}

function scheduleWalls(schedule: Schedule): WallSource {
  const at = wallMs(schedule.start);
  const recurrence = schedule.recurrence;
  switch (recurrence.kind) {
    case 'once':
      return progression(at, DAY_MS, 1);
    case 'interval': {
      const spanMs = (recurrence.days * 1440 + recurrence.hours * 60 + recurrence.minutes) * MINUTE_MS;
      return spanMs > 0 ? progression(at, spanMs, Infinity) : progression(at, DAY_MS, 1);
    }
    case 'weekly': {
      const shiftDays = mod(recurrence.day - new Date(at).getUTCDay(), 7);
      return progression(at + shiftDays * DAY_MS, atLeastOne(recurrence.weeks) * 7 * DAY_MS, Infinity);
    }
    case 'monthlyByWeekday':
      return monthly(schedule.start, atLeastOne(recurrence.months), (year, month) =>
        weekdayOfMonth(year, month, recurrence.week, recurrence.day),
      );
    case 'monthlyByDate':
      return monthly(schedule.start, atLeastOne(recurrence.months), (year, month) => {
        const last = daysInMonth(year, month);
        return recurrence.day === 0 || recurrence.day > last ? last : recurrence.day;
      });
  }
}

/**
 * Places the wall times that can land in [from, to) and keeps those that do. Placing is monotone
 * except around DST gaps (a gap's wall times land on the same instants as the hour after it), so
 * the result is sorted and merged (SPEC §4.1 rule 7) rather than assumed ordered.
 */
function instantsBetween(walls: WallSource, clock: ZoneClock, from: number, to: number, limit: number): number[] {
  if (from >= to || limit <= 0) return [];
  // instant = wall - offset, the offset being one in force near the instant (for a gap's wall time,
  // the one just before the gap): so the wall times to look at lie in [from + min, to + max).
  const offsets = clock.offsetRange(from - GAP_LOOKBACK_MS, to);
  const found: number[] = [];
  let largest = -Infinity;
  // With `limit` instants found, `settled` is the largest; a wall time past settled + max offset
  // (and every one after it) places after `settled`, so nothing at or below it can still come.
  let settled = Infinity;
  for (const wall of walls(from + offsets.min, to + offsets.max)) {
    if (wall - offsets.max > settled) {
      // All remaining occurrences are later than `settled`: done if `limit` distinct ones precede it.
      const sorted = distinctSorted(found);
      const count = sorted.findIndex((t) => t > settled);
      if ((count < 0 ? sorted.length : count) >= limit) return sorted.slice(0, limit);
      settled = Infinity;
    }
    const instant = clock.toInstant(wall);
    if (instant < from || instant >= to) continue;
    found.push(instant);
    largest = Math.max(largest, instant);
    if (found.length >= limit && settled === Infinity) settled = largest;
  }
  return distinctSorted(found).slice(0, limit);
}

function distinctSorted(instants: number[]): number[] {
  let sorted = true;
  for (let i = 1; i < instants.length && sorted; i++) sorted = instants[i - 1]! < instants[i]!;
  if (sorted) return instants;
  const ordered = [...instants].sort((a, b) => a - b);
  return ordered.filter((t, i) => i === 0 || ordered[i - 1] !== t);
}

/** Wall times `first + k*step` for 0 <= k < count (interval, weekly, once). */
function progression(first: number, step: number, count: number): WallSource {
  return function* (lo, hi) {
    let k = Math.max(0, Math.ceil((lo - first) / step));
    while (k > 0 && first + (k - 1) * step >= lo) k--; // guard against rounding in the division
    for (; k < count; k++) {
      const wall = first + k * step;
      if (wall >= hi) return;
      if (wall >= lo) yield wall;
    }
  };
}

/**
 * Months `at`'s month + k*months, one day each (from `dayOf`), at `at`'s time of day; a date
 * before `at`'s date is skipped but the series stays anchored at `at` (SPEC §4.1 rule 12).
 */
function monthly(at: LocalDateTime, months: number, dayOf: (year: number, month: number) => number): WallSource {
  const firstMonth = monthIndex(at.year, at.month);
  return function* (lo, hi) {
    const low = new Date(lo);
    const lowMonth = monthIndex(low.getUTCFullYear(), low.getUTCMonth() + 1);
    for (let k = Math.max(0, Math.floor((lowMonth - firstMonth) / months)); ; k++) {
      const index = firstMonth + k * months;
      const year = Math.floor(index / 12);
      const month = index - year * 12 + 1;
      const day = dayOf(year, month);
      if (k === 0 && day < at.day) continue;
      const wall = wallMs({ year, month, day, hour: at.hour, minute: at.minute });
      if (wall >= hi) return;
      if (wall >= lo) yield wall;
    }
  };
}

/** Day of month of the `week`-th (0 = last) `weekday` of a month. */
export function weekdayOfMonth(year: number, month: number, week: WeekOrder, weekday: Weekday): number {
  const firstWeekday = new Date(wallMs({ year, month, day: 1, hour: 0, minute: 0 })).getUTCDay();
  const firstMatch = 1 + mod(weekday - firstWeekday, 7);
  if (week !== 0) return firstMatch + (week - 1) * 7;
  const last = daysInMonth(year, month);
  return firstMatch + Math.floor((last - firstMatch) / 7) * 7;
}

function monthIndex(year: number, month: number): number {
  return year * 12 + (month - 1);
}

function mod(a: number, n: number): number {
  return ((a % n) + n) % n;
}

function atLeastOne(n: number): number {
  return Number.isInteger(n) && n >= 1 ? n : 1;
}
