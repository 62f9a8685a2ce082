/**
 * SMS schedule tokens (SPEC §5): 16 hex digits per schedule, several may be concatenated.
 * Decoding never throws; it reports the first problem as a one-line reason (SPEC §4.1 rule 15).
 */
import type { Recurrence, Schedule, Weekday, WeekOrder } from '../model/types';
import {
  FIELDS,
  TYPE_CODES,
  YEAR_BASE,
  hexToWords,
  readField,
  unusedBitsMask,
  wordsToHex,
  writeFields,
} from './layout';
import type { BitField, TokenWords } from './layout';
import { checkScheduleFields, validateScheduleForToken } from './validate';

export { validateScheduleForToken } from './validate';

export type TokenDecodeResult = { ok: true; schedules: Schedule[] } | { ok: false; reason: string };

export const TOKEN_DIGITS = 16;

const HEX_DIGIT = /^[0-9a-fA-F]$/;

/** Shows a character so a user can find it: printable ASCII (and space) as itself, anything else as U+XXXX. */
function showChar(ch: string): string {
  if (/^[\x20-\x7e]$/.test(ch)) return `'${ch}'`;
  return `U+${(ch.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;
}

function checkShape(text: string): string | undefined {
  if (text === '') return 'token is empty';
  let position = 0;
  for (const ch of text) {
    position += 1;
    if (!HEX_DIGIT.test(ch)) return `token contains a non-hex character ${showChar(ch)} at position ${position}`;
  }
  if (text.length % TOKEN_DIGITS !== 0) {
    return `token must be a multiple of ${TOKEN_DIGITS} hex digits (got ${text.length})`;
  }
  return undefined;
}

function readRecurrence(type: number, words: TokenWords): Recurrence {
  const read = (f: BitField): number => readField(words, f);
  // Token weekdays are 1 = Sunday; the model's are 0 = Sunday. A token day 0 becomes -1 here
  // and is rejected by the validator before the schedule leaves this module.
  const weekday = (f: BitField): Weekday => (read(f) - 1) as Weekday;
  switch (type) {
    case TYPE_CODES.interval:
      return {
        kind: 'interval',
        days: read(FIELDS.intervalDays),
        hours: read(FIELDS.intervalHours),
        minutes: read(FIELDS.intervalMinutes),
      };
    case TYPE_CODES.weekly:
      return {
        kind: 'weekly',
        day: weekday(FIELDS.weeklyDay),
        weeks: read(FIELDS.weeklyWeeks),
      };
    case TYPE_CODES.monthlyByWeekday:
      return {
        kind: 'monthlyByWeekday',
        week: read(FIELDS.byWeekdayWeek) as WeekOrder,
        day: weekday(FIELDS.byWeekdayDay),
        months: read(FIELDS.byWeekdayMonths),
      };
    case TYPE_CODES.monthlyByDate:
      return {
        kind: 'monthlyByDate',
        day: read(FIELDS.byDateDay),
        months: read(FIELDS.byDateMonths),
      };
    default:
      return { kind: 'once' };
  }
}

/** Decodes exactly 16 hex digits. */
function decodeOne(hex: string): { ok: true; schedule: Schedule } | { ok: false; reason: string } {
  const words = hexToWords(hex);
  const read = (f: BitField): number => readField(words, f);
  const type = read(FIELDS.type);
  if (type < TYPE_CODES.once || type > TYPE_CODES.monthlyByDate) {
    return { ok: false, reason: `type ${type} is not a schedule type (1..5)` };
  }
  const recurrence = readRecurrence(type, words);
  // Bits this type does not use are kept, not dropped, so the token round-trips (SPEC §5 v1.1).
  const unusedBits = (words.lo & unusedBitsMask(recurrence.kind)) >>> 0;
  const schedule: Schedule = {
    start: {
      year: read(FIELDS.startYear) + YEAR_BASE,
      month: read(FIELDS.startMonth),
      day: read(FIELDS.startDay),
      hour: read(FIELDS.startHour),
      minute: read(FIELDS.startMinute),
    },
    gmt: read(FIELDS.gmt) === 1,
    recurrence,
    duration: {
      days: read(FIELDS.durationDays),
      hours: read(FIELDS.durationHours),
      minutes: read(FIELDS.durationMinutes),
    },
    ...(unusedBits !== 0 ? { unusedBits } : {}),
  };
  const reason = checkScheduleFields(schedule, 1);
  return reason === undefined ? { ok: true, schedule } : { ok: false, reason };
}

/** Decodes one or several concatenated tokens (case-insensitive, surrounding whitespace ignored). */
export function decodeTokens(text: string): TokenDecodeResult {
  const trimmed = typeof text === 'string' ? text.trim() : '';
  const shapeReason = checkShape(trimmed);
  if (shapeReason !== undefined) return { ok: false, reason: shapeReason };
  const count = trimmed.length / TOKEN_DIGITS;
  const schedules: Schedule[] = [];
  for (let i = 0; i < count; i++) {
    const result = decodeOne(trimmed.slice(i * TOKEN_DIGITS, (i + 1) * TOKEN_DIGITS));
    if (!result.ok) {
      // Name the failing token only when there are several, so single-token reasons stay short.
      const where = count > 1 ? `token ${i + 1} (digits ${i * TOKEN_DIGITS + 1}-${(i + 1) * TOKEN_DIGITS}): ` : '';
      return { ok: false, reason: where + result.reason };
    }
    schedules.push(result.schedule);
  }
  return { ok: true, schedules };
}

function recurrenceFields(r: Recurrence): (readonly [BitField, number])[] {
  switch (r.kind) {
    case 'once':
      return [];
    case 'interval':
      return [
        [FIELDS.intervalDays, r.days],
        [FIELDS.intervalHours, r.hours],
        [FIELDS.intervalMinutes, r.minutes],
      ];
    case 'weekly':
      return [
        [FIELDS.weeklyDay, r.day + 1],
        [FIELDS.weeklyWeeks, r.weeks],
      ];
    case 'monthlyByWeekday':
      return [
        [FIELDS.byWeekdayDay, r.day + 1],
        [FIELDS.byWeekdayMonths, r.months],
        [FIELDS.byWeekdayWeek, r.week],
      ];
    case 'monthlyByDate':
      return [
        [FIELDS.byDateDay, r.day],
        [FIELDS.byDateMonths, r.months],
      ];
  }
}

/**
 * 16 uppercase hex digits, unused bits included. Throws RangeError if a field is outside the token's
 * ranges or the unused bits overlap a field of its type (validate first).
 */
export function encodeSchedule(schedule: Schedule): string {
  const reason = validateScheduleForToken(schedule);
  if (reason !== undefined) throw new RangeError(`cannot encode schedule as a token: ${reason}`);
  const { start, recurrence } = schedule;
  const duration = schedule.duration ?? { days: 0, hours: 0, minutes: 0 };
  const words = writeFields([
    [FIELDS.startMinute, start.minute],
    [FIELDS.startHour, start.hour],
    [FIELDS.startDay, start.day],
    [FIELDS.startMonth, start.month],
    [FIELDS.startYear, start.year - YEAR_BASE],
    [FIELDS.durationMinutes, duration.minutes],
    [FIELDS.durationHours, duration.hours],
    [FIELDS.durationDays, duration.days],
    [FIELDS.type, TYPE_CODES[recurrence.kind]],
    [FIELDS.gmt, schedule.gmt ? 1 : 0],
    ...recurrenceFields(recurrence),
  ]);
  // Validated above: the unused bits touch no field of this type.
  return wordsToHex({ hi: words.hi, lo: (words.lo | (schedule.unusedBits ?? 0)) >>> 0 });
}

/** Concatenated tokens, one per schedule, in order. */
export function encodeSchedules(schedules: readonly Schedule[]): string {
  return schedules.map(encodeSchedule).join('');
}
