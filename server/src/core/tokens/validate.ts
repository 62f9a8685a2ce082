/**
 * Range checks for a schedule that is to be (or was) a token: SPEC §4.1 rule 15 plus the widths of
 * the token's bit fields. Shared by the decoder (weekdays shown as the token's 1..7) and the
 * encoder / JSON reader (weekdays shown as the model's 0..6), so each rule lives here only.
 */
import type { Schedule } from '../model/types';
import { daysInMonth, formatDate } from '../model/localDateTime';
import { FIELDS, YEAR_BASE, fieldMax } from './layout';
import { unusedBitsProblem } from './unusedBits';

/** How weekdays are numbered in messages: 0 = model (0 = Sunday), 1 = token (1 = Sunday). */
export type WeekdayBase = 0 | 1;

export const MIN_TOKEN_YEAR = YEAR_BASE;
export const MAX_TOKEN_YEAR = YEAR_BASE + fieldMax(FIELDS.startYear); // 2033

function checkRange(label: string, value: number, min: number, max: number, note = ''): string | undefined {
  if (!Number.isInteger(value)) return `${label} ${String(value)} is not an integer`;
  if (value < min || value > max) return `${label} ${value} is out of range ${min}..${max}${note}`;
  return undefined;
}

function checkWeekday(label: string, day: number, base: WeekdayBase): string | undefined {
  // The decoder stores token day d as d - 1, so add the base back to show what the user wrote.
  return checkRange(label, day + base, base, base + 6, ` (${base} = Sunday)`);
}

function firstReason(...reasons: (() => string | undefined)[]): string | undefined {
  for (const reason of reasons) {
    const r = reason();
    if (r !== undefined) return r;
  }
  return undefined;
}

function checkStart(s: Schedule): string | undefined {
  const { year, month, day, hour, minute } = s.start;
  return firstReason(
    () => checkRange('year', year, MIN_TOKEN_YEAR, MAX_TOKEN_YEAR),
    () => checkRange('month', month, 1, 12),
    () =>
      Number.isInteger(day) && day >= 1 && day <= daysInMonth(year, month)
        ? undefined
        : `start date ${formatDate(s.start)} is not a real date`,
    () => checkRange('hour', hour, 0, 23),
    () => checkRange('minute', minute, 0, 59),
  );
}

function checkRecurrence(s: Schedule, base: WeekdayBase): string | undefined {
  const r = s.recurrence;
  switch (r.kind) {
    case 'once':
      return undefined;
    case 'interval':
      return firstReason(
        () => checkRange('interval day span', r.days, 0, fieldMax(FIELDS.intervalDays)),
        () => checkRange('interval hour span', r.hours, 0, 23),
        () => checkRange('interval minute span', r.minutes, 0, 59),
        () => (r.days + r.hours + r.minutes > 0 ? undefined : 'interval spans are all 0 (the schedule never advances)'),
      );
    case 'weekly':
      return firstReason(
        () => checkWeekday('weekly day', r.day, base),
        () => checkRange('weeks', r.weeks, 1, 4),
      );
    case 'monthlyByWeekday':
      return firstReason(
        () => checkWeekday('monthly-by-weekday day', r.day, base),
        () => checkRange('week order', r.week, 0, 4, ' (0 = last)'),
        () => checkRange('months', r.months, 1, 12),
      );
    case 'monthlyByDate':
      return firstReason(
        () => checkRange('month day', r.day, 0, fieldMax(FIELDS.byDateDay), ' (0 = last day)'),
        () => checkRange('months', r.months, 1, 12),
      );
  }
}

function checkDuration(s: Schedule): string | undefined {
  const d = s.duration;
  if (d === undefined) return undefined;
  // Only the bit widths: SPEC keeps decoded durations as they are.
  return firstReason(
    () => checkRange('duration days', d.days, 0, fieldMax(FIELDS.durationDays)),
    () => checkRange('duration hours', d.hours, 0, fieldMax(FIELDS.durationHours)),
    () => checkRange('duration minutes', d.minutes, 0, fieldMax(FIELDS.durationMinutes)),
  );
}

/** The first reason `s` cannot be (or is not) a valid token, in the given weekday numbering. */
export function checkScheduleFields(s: Schedule, base: WeekdayBase): string | undefined {
  return firstReason(
    () => checkStart(s),
    () => checkRecurrence(s, base),
    () => checkDuration(s),
    () => (s.unusedBits === undefined ? undefined : unusedBitsProblem(s.unusedBits, s.recurrence.kind)),
  );
}

/** Why `schedule` cannot be encoded as a token (model numbering), or undefined when it can. */
export function validateScheduleForToken(schedule: Schedule): string | undefined {
  return checkScheduleFields(schedule, 0);
}
