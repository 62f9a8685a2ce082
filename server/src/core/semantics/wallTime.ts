import type { LocalDateTime } from '../model/types';

/** The shape of an SMS date-time (SPEC §2): minute precision, optional `:00` seconds, no offset. */
const WALL_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::00)?$/;

const MONTH_NAMES = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** Splits a date-time into its fields without checking ranges; undefined when the shape is wrong. */
function fieldsOf(text: string): LocalDateTime | undefined {
  const match = WALL_TIME.exec(text);
  if (!match) return undefined;
  const [year, month, day, hour, minute] = match.slice(1, 6).map(Number) as [number, number, number, number, number];
  return { year, month, day, hour, minute };
}

/** The wall time written as `text`, or undefined when it is not a valid SMS date-time. */
export function parseWallTime(text: string): LocalDateTime | undefined {
  const t = fieldsOf(text);
  if (!t || t.month < 1 || t.month > 12 || t.day < 1 || t.hour > 23 || t.minute > 59) return undefined;
  return t.day <= daysInMonth(t.year, t.month) ? t : undefined;
}

/**
 * Why a date-time that has the right shape is still no calendar date ('2001-02-30'), or
 * undefined. Shape and field-range errors are the schema's pattern's job, not this one's.
 */
export function calendarProblem(text: string): string | undefined {
  const t = fieldsOf(text);
  if (!t || t.month < 1 || t.month > 12 || t.day < 1 || t.day > 31 || t.hour > 23 || t.minute > 59) return undefined;
  const last = daysInMonth(t.year, t.month);
  if (t.day <= last) return undefined;
  return `'${text}' is not a calendar date: ${MONTH_NAMES[t.month - 1]} ${t.year} has ${last} days`;
}

/** Orders two wall times (negative when a is earlier). */
export function compareWallTimes(a: LocalDateTime, b: LocalDateTime): number {
  return a.year - b.year || a.month - b.month || a.day - b.day || a.hour - b.hour || a.minute - b.minute;
}
