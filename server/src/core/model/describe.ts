/** Plain-English descriptions of schedules and assignments, for hovers, token decode output and reports. */
import { formatDate, formatTime } from './localDateTime';
import type { Assignment, EventName, Recurrence, Schedule, TokenDuration, Weekday, WeekOrder } from './types';

const WEEKDAY_FULL_NAMES = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'] as const;
const WEEK_ORDER_WORDS = ['last', '1st', '2nd', '3rd', '4th'] as const;

const EVENT_TEXT: Record<EventName, string> = {
  asap: 'as soon as possible after the present time',
  logon: 'at user logon',
  logoff: 'at user logoff',
};

const weekdayName = (d: Weekday): string => WEEKDAY_FULL_NAMES[d];
const weekOrderWord = (w: WeekOrder): string => WEEK_ORDER_WORDS[w];

/** 1st, 2nd, 3rd, 4th ... 11th, 12th, 13th ... 21st, 22nd, 23rd ... 31st */
function ordinal(n: number): string {
  const teens = n % 100 >= 11 && n % 100 <= 13;
  const suffix = teens ? 'th' : (['th', 'st', 'nd', 'rd'][n % 10] ?? 'th');
  return `${n}${suffix}`;
}

/** "3 days", "1 hour" */
function count(n: number, unit: string): string {
  return `${n} ${unit}${n === 1 ? '' : 's'}`;
}

/** "every month" / "every 3 months" (also weeks) */
function everyUnit(n: number, unit: string): string {
  return n === 1 ? `every ${unit}` : `every ${count(n, unit)}`;
}

/** "2 days 3 hours", leaving out zero parts; "" when all are zero. */
function spanText(days: number, hours: number, minutes: number): string {
  const parts: string[] = [];
  if (days > 0) parts.push(count(days, 'day'));
  if (hours > 0) parts.push(count(hours, 'hour'));
  if (minutes > 0) parts.push(count(minutes, 'minute'));
  return parts.join(' ');
}

function dayOfMonthText(day: number): string {
  if (day === 0) return 'the last day';
  // SPEC §4: a date past the month's end means the month's last day.
  return day > 28 ? `the ${ordinal(day)} (or the last day of shorter months)` : `the ${ordinal(day)}`;
}

/** The pattern of a recurrence that repeats at one time of day, e.g. "every 2 weeks on Monday". */
function patternText(r: Exclude<Recurrence, { kind: 'once' | 'interval' }>): string {
  switch (r.kind) {
    case 'weekly':
      return r.weeks === 1 ? `every ${weekdayName(r.day)}` : `${everyUnit(r.weeks, 'week')} on ${weekdayName(r.day)}`;
    case 'monthlyByWeekday':
      return `every ${weekOrderWord(r.week)} ${weekdayName(r.day)} of ${everyUnit(r.months, 'month')}`;
    case 'monthlyByDate':
      return `on ${dayOfMonthText(r.day)} of ${everyUnit(r.months, 'month')}`;
  }
}

function durationText(d: TokenDuration | undefined): string {
  if (d === undefined) return '';
  const text = spanText(d.days, d.hours, d.minutes);
  return text === '' ? '' : ` (token duration ${text})`;
}

/**
 * E.g. "every 2nd Tuesday of every month at 02:00 America/New_York, from 2001-03-13".
 * The zone is "UTC" for GMT schedules, else `zoneLabel`, else "local time".
 */
export function describeSchedule(s: Schedule, zoneLabel?: string): string {
  const zone = s.gmt ? 'UTC' : (zoneLabel ?? 'local time');
  const date = formatDate(s.start);
  const time = formatTime(s.start);
  const r = s.recurrence;
  let text: string;
  if (r.kind === 'once') {
    text = `once at ${date} ${time} ${zone}`;
  } else if (r.kind === 'interval' && (r.hours !== 0 || r.minutes !== 0)) {
    // Spans that are not whole days drift through the day, so name the first occurrence instead of a time of day.
    text = `every ${spanText(r.days, r.hours, r.minutes)}, from ${date} ${time} ${zone}`;
  } else {
    const pattern = r.kind === 'interval' ? everyUnit(r.days, 'day') : patternText(r);
    text = `${pattern} at ${time} ${zone}, from ${date}`;
  }
  return text + durationText(s.duration);
}

/** E.g. "at user logon"; several token schedules are joined with "; ". */
export function describeAssignment(a: Assignment, zoneLabel?: string): string {
  if (a.kind === 'event') return EVENT_TEXT[a.event];
  return a.schedules.map((s) => describeSchedule(s, zoneLabel)).join('; ');
}
