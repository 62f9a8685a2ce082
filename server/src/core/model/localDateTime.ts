/** Wall times (`LocalDateTime`): parsing, formatting and calendar helpers, one home for all callers. */
import type { LocalDateTime } from './types';

export function isLeapYear(year: number): boolean {
  return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
}

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31] as const;

/** Days in `month` (1..12) of `year`. */
export function daysInMonth(year: number, month: number): number {
  if (month === 2 && isLeapYear(year)) return 29;
  return MONTH_DAYS[month - 1] ?? 0;
}

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

/** `2001-03-06` */
export function formatDate(t: LocalDateTime): string {
  return `${pad(t.year, 4)}-${pad(t.month)}-${pad(t.day)}`;
}

/** `02:00` */
export function formatTime(t: LocalDateTime): string {
  return `${pad(t.hour)}:${pad(t.minute)}`;
}

/** `2001-03-06T02:00`, the document's form (SPEC §2). */
export function formatLocalDateTime(t: LocalDateTime): string {
  return `${formatDate(t)}T${formatTime(t)}`;
}

const LOCAL_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/;
const WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2})?(?:\.\d+)?(?:Z|[+-]\d{2}(?::?\d{2})?)$/i;

/**
 * Parses `YYYY-MM-DDTHH:MM` (seconds allowed, must be `00`). Only the shape is checked here:
 * field ranges and real dates are left to the schedule validator so each rule has one home.
 */
export function readLocalDateTime(text: string): { ok: true; value: LocalDateTime } | { ok: false; reason: string } {
  const m = LOCAL_DATE_TIME.exec(text);
  if (m === null) {
    if (WITH_OFFSET.test(text)) {
      return {
        ok: false,
        reason: `'${text}' has a 'Z' or an offset; write a wall time and use "gmt": true for UTC`,
      };
    }
    return {
      ok: false,
      reason: `'${text}' is not a date-time of the form YYYY-MM-DDTHH:MM`,
    };
  }
  const [, year, month, day, hour, minute, seconds] = m.map(Number);
  if (seconds !== undefined && !Number.isNaN(seconds) && seconds !== 0) {
    return {
      ok: false,
      reason: `'${text}' has seconds ${String(seconds)}; only minute precision (seconds 00) is allowed`,
    };
  }
  return {
    ok: true,
    value: {
      year: year ?? 0,
      month: month ?? 0,
      day: day ?? 0,
      hour: hour ?? 0,
      minute: minute ?? 0,
    },
  };
}

/** Parses a wall time; undefined when the text is not one or names no real calendar date. */
export function parseLocalDateTime(text: string): LocalDateTime | undefined {
  const read = readLocalDateTime(text);
  if (!read.ok) return undefined;
  const t = read.value;
  const real = t.month >= 1 && t.month <= 12 && t.day >= 1 && t.day <= daysInMonth(t.year, t.month);
  return real && t.hour <= 23 && t.minute <= 59 ? t : undefined;
}

/** Orders wall times by their fields (no zone involved). */
export function compareLocalDateTime(a: LocalDateTime, b: LocalDateTime): number {
  return a.year - b.year || a.month - b.month || a.day - b.day || a.hour - b.hour || a.minute - b.minute;
}
