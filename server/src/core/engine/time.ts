/**
 * Time helpers of the engine. Instants are epoch milliseconds (UTC). A wall time is either a
 * `LocalDateTime` or "wall ms": its fields encoded as if they were UTC, so that calendar steps on
 * wall times (SPEC §4.1 rule 1) are integer additions. Zones are resolved by `ZoneClock`.
 */
import type { LocalDateTime } from '../model/types';
import { ZoneClock } from './zoneClock';

export { formatLocalDateTime, parseLocalDateTime } from '../model/localDateTime';

export const MINUTE_MS = 60_000;
export const HOUR_MS = 60 * MINUTE_MS;
export const DAY_MS = 24 * HOUR_MS;

/** A wall time as wall ms (exact for every year, including 0..99 which `Date.UTC` remaps). */
export function wallMs(t: LocalDateTime): number {
  const date = new Date(0);
  date.setUTCFullYear(t.year, t.month - 1, t.day);
  date.setUTCHours(t.hour, t.minute, 0, 0);
  return date.getTime();
}

export function fromWallMs(ms: number): LocalDateTime {
  const date = new Date(ms);
  return {
    year: date.getUTCFullYear(),
    month: date.getUTCMonth() + 1,
    day: date.getUTCDate(),
    hour: date.getUTCHours(),
    minute: date.getUTCMinutes(),
  };
}

/** The clock of a zone; throws on a zone name the platform does not know. */
export function zoneClock(zone: string): ZoneClock {
  const clock = ZoneClock.of(zone);
  if (!clock) throw new RangeError(`unknown time zone: ${zone}`);
  return clock;
}

/**
 * The instant of a wall time in an IANA zone (SPEC §4): a wall time in a DST gap moves forward by
 * the gap; an ambiguous one takes the earlier instant. Throws on an unknown zone.
 */
export function toInstant(wall: LocalDateTime, zone: string): number {
  return zoneClock(zone).toInstant(wallMs(wall));
}

/** The wall time an instant shows in an IANA zone. Throws on an unknown zone. */
export function toLocal(instant: number, zone: string): LocalDateTime {
  return fromWallMs(zoneClock(zone).toWall(instant));
}

/** `2001-03-15T07:00:00Z` (SPEC §8). */
export function formatInstant(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}
