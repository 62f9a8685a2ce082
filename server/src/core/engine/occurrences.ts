/**
 * Occurrences of one schedule (SPEC §4) as instants, found by arithmetic rather than enumeration:
 * a caller asks for the occurrences in a window [from, to) and pays only for those (plus a
 * logarithmic search), however dense the recurrence and however long the horizon.
 *
 * Steps are taken on wall times (SPEC §4.1 rule 1) and each wall time is then placed in the zone.
 * Placing is monotone (later wall time → same or later instant), which is what lets a binary search
 * find the first occurrence of a window.
 */
import type { LocalDateTime, Schedule, WeekOrder, Weekday } from '../model/types';
import { daysInMonth } from '../model/localDateTime';
import { DAY_MS, MINUTE_MS, wallMs } from './time';
import type { ZoneClock } from './zoneClock';

/** More than any zone's |wall - instant| (UTC offsets, plus a gap's forward move). */
const PLACEMENT_SLACK_MS = 2 * DAY_MS;

export interface OccurrenceSeries {
  /**
   * Occurrence instants in [from, to), ascending, at most `limit` of them. An instant may repeat
   * when two wall times land on it (a DST gap); callers merge those (SPEC §4.1 rule 7).
   */
  between(from: number, to: number, limit?: number): number[];
}

export function scheduleSeries(schedule: Schedule, clock: ZoneClock): OccurrenceSeries {
  const at = wallMs(schedule.start);
  const recurrence = schedule.recurrence;
  switch (recurrence.kind) {
    case 'once':
      return new Progression(clock, at, DAY_MS, 1);
    case 'interval': {
      const spanMs = (recurrence.days * 1440 + recurrence.hours * 60 + recurrence.minutes) * MINUTE_MS;
      return spanMs > 0 ? new Progression(clock, at, spanMs, Infinity) : new Progression(clock, at, DAY_MS, 1);
    }
    case 'weekly': {
      const shiftDays = mod(recurrence.day - new Date(at).getUTCDay(), 7);
      return new Progression(clock, at + shiftDays * DAY_MS, atLeastOne(recurrence.weeks) * 7 * DAY_MS, Infinity);
    }
    case 'monthlyByWeekday':
      return new MonthlySeries(clock, schedule.start, atLeastOne(recurrence.months), (year, month) =>
        weekdayOfMonth(year, month, recurrence.week, recurrence.day),
      );
    case 'monthlyByDate':
      return new MonthlySeries(clock, schedule.start, atLeastOne(recurrence.months), (year, month) => {
        const last = daysInMonth(year, month);
        return recurrence.day === 0 || recurrence.day > last ? last : recurrence.day;
      });
  }
}

/** Wall times `first + k*step` for 0 <= k < count. */
class Progression implements OccurrenceSeries {
  constructor(
    private readonly clock: ZoneClock,
    private readonly first: number,
    private readonly step: number,
    private readonly count: number,
  ) {}

  between(from: number, to: number, limit = Infinity): number[] {
    const found: number[] = [];
    for (let k = this.firstIndexAtOrAfter(from); k < this.count && found.length < limit; k++) {
      const instant = this.instantAt(k);
      if (instant >= to) break;
      found.push(instant);
    }
    return found;
  }

  private instantAt(k: number): number {
    return this.clock.toInstant(this.first + k * this.step);
  }

  /** The least k whose instant is >= `instant` (`count` if none), by binary search in a bracket. */
  private firstIndexAtOrAfter(instant: number): number {
    // Wall times below instant - slack place before it; those at or above instant + slack after it.
    let lo = Math.min(this.count, this.indexAtOrAbove(instant - PLACEMENT_SLACK_MS));
    let hi = Math.min(this.count, this.indexAtOrAbove(instant + PLACEMENT_SLACK_MS));
    while (lo < hi) {
      const mid = lo + Math.floor((hi - lo) / 2);
      if (this.instantAt(mid) >= instant) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  }

  /** The least k >= 0 whose wall time is >= `wall`. */
  private indexAtOrAbove(wall: number): number {
    return Math.max(0, Math.ceil((wall - this.first) / this.step));
  }
}

/**
 * Months `at`'s month + k*months, one day each (from `dayOf`), at `at`'s time of day; a date
 * before `at`'s date is skipped but the series stays anchored at `at` (SPEC §4.1 rule 12).
 */
class MonthlySeries implements OccurrenceSeries {
  private readonly firstMonth: number;

  constructor(
    private readonly clock: ZoneClock,
    private readonly at: LocalDateTime,
    private readonly months: number,
    private readonly dayOf: (year: number, month: number) => number,
  ) {
    this.firstMonth = monthIndex(at.year, at.month);
  }

  between(from: number, to: number, limit = Infinity): number[] {
    const found: number[] = [];
    if (from >= to) return found;
    const earliestWall = new Date(from - PLACEMENT_SLACK_MS);
    const earliestMonth = monthIndex(earliestWall.getUTCFullYear(), earliestWall.getUTCMonth() + 1);
    const firstK = Math.max(0, Math.floor((earliestMonth - this.firstMonth) / this.months));
    for (let k = firstK; found.length < limit; k++) {
      const wall = this.wallAt(k);
      if (wall === undefined) continue;
      const instant = this.clock.toInstant(wall);
      if (instant >= to) break;
      if (instant >= from) found.push(instant);
    }
    return found;
  }

  /** The wall time of month k, or undefined when its date falls before `at`'s date. */
  private wallAt(k: number): number | undefined {
    const index = this.firstMonth + k * this.months;
    const year = Math.floor(index / 12);
    const month = index - year * 12 + 1;
    const day = this.dayOf(year, month);
    if (k === 0 && day < this.at.day) return undefined;
    return wallMs({ year, month, day, hour: this.at.hour, minute: this.at.minute });
  }
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
