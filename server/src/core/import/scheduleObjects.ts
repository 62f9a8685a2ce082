/**
 * The AssignedSchedule of an exported advertisement (SPEC §9.1) as tokens: a string of
 * concatenated 16-digit tokens (what SMS_ScheduleMethods.WriteToString returns), or an array of
 * such strings and of SMS_ST_* objects with the schedule classes' own properties (RG Tables
 * B.35-B.37). Objects are encoded by the project's codec; a schedule that cannot be a token stops
 * the import at its pointer, so no schedule is ever dropped silently.
 */
import type { Recurrence, Schedule, Weekday, WeekOrder } from '../model/types';
import { TOKEN_DIGITS, decodeTokens, encodeSchedule } from '../tokens/codec';
import { checkScheduleFields } from '../tokens/validate';
import { readDmtf } from './dmtf';
import type { ExportSchedule } from './exportTypes';
import { ExportProblem, type JsonObject, type Member, isJsonObject, jsonTypeOf, member } from './jsonReader';
import { childPointer } from './pointer';

export const SCHEDULE_CLASSES = [
  'SMS_ST_NonRecurring',
  'SMS_ST_RecurInterval',
  'SMS_ST_RecurWeekly',
  'SMS_ST_RecurMonthlyByWeekday',
  'SMS_ST_RecurMonthlyByDate',
] as const;
type ScheduleClass = (typeof SCHEDULE_CLASSES)[number];

/** Tokens of one string, upper-case; "" holds none. */
function tokensOfString(text: string, pointer: string): ExportSchedule[] {
  const trimmed = text.trim();
  if (trimmed === '') return [];
  const decoded = decodeTokens(trimmed);
  if (!decoded.ok) throw new ExportProblem(pointer, `is not a schedule token string: ${decoded.reason}`);
  const upper = trimmed.toUpperCase();
  const count = upper.length / TOKEN_DIGITS;
  return Array.from({ length: count }, (_, i) => ({
    token: upper.slice(i * TOKEN_DIGITS, (i + 1) * TOKEN_DIGITS),
    pointer,
    ...(count > 1 ? { place: i + 1 } : {}),
  }));
}

/** Missing numbers are 0 (SPEC §9.1); present ones must be whole numbers. */
function number(obj: JsonObject, base: string, key: string): number {
  const m: Member = member(obj, base, key);
  if (m.value === undefined) return 0;
  if (typeof m.value !== 'number' || !Number.isInteger(m.value))
    throw new ExportProblem(
      m.pointer,
      `must be a whole number (got ${jsonTypeOf(m.value)} ${JSON.stringify(m.value)})`,
    );
  return m.value;
}

function flag(obj: JsonObject, base: string, key: string): boolean {
  const m = member(obj, base, key);
  if (m.value === undefined) return false;
  if (typeof m.value !== 'boolean')
    throw new ExportProblem(m.pointer, `must be true or false (got ${jsonTypeOf(m.value)})`);
  return m.value;
}

/** SMS days are 1 = Sunday .. 7 = Saturday; the model's 0..6 (the validator reports SMS's numbering). */
const smsWeekday = (day: number): Weekday => (day - 1) as Weekday;

function recurrenceOf(cls: ScheduleClass, obj: JsonObject, base: string): Recurrence {
  const n = (key: string): number => number(obj, base, key);
  switch (cls) {
    case 'SMS_ST_NonRecurring':
      return { kind: 'once' };
    case 'SMS_ST_RecurInterval':
      return { kind: 'interval', days: n('DaySpan'), hours: n('HourSpan'), minutes: n('MinuteSpan') };
    case 'SMS_ST_RecurWeekly':
      return { kind: 'weekly', day: smsWeekday(n('Day')), weeks: n('ForNumberOfWeeks') };
    case 'SMS_ST_RecurMonthlyByWeekday':
      return {
        kind: 'monthlyByWeekday',
        day: smsWeekday(n('Day')),
        week: n('WeekOrder') as WeekOrder,
        months: n('ForNumberOfMonths'),
      };
    case 'SMS_ST_RecurMonthlyByDate':
      return { kind: 'monthlyByDate', day: n('MonthDay'), months: n('ForNumberOfMonths') };
  }
}

/** One SMS_ST_* object as its token. */
export function tokenOfScheduleObject(obj: JsonObject, pointer: string): string {
  const classMember = member(obj, pointer, '__CLASS');
  const cls = SCHEDULE_CLASSES.find((c) => c === classMember.value);
  if (cls === undefined) {
    const got = classMember.value === undefined ? 'it is missing' : `got ${JSON.stringify(classMember.value)}`;
    throw new ExportProblem(classMember.pointer, `must be one of ${SCHEDULE_CLASSES.join(', ')} (${got})`);
  }
  const startMember = member(obj, pointer, 'StartTime');
  if (typeof startMember.value !== 'string') {
    const got = startMember.value === undefined ? 'it is missing' : `got ${jsonTypeOf(startMember.value)}`;
    throw new ExportProblem(startMember.pointer, `must be a DMTF datetime string (${got})`);
  }
  const start = readDmtf(startMember.value);
  if (!start.ok) throw new ExportProblem(startMember.pointer, start.reason);
  const schedule: Schedule = {
    start: start.value,
    gmt: flag(obj, pointer, 'IsGMT'),
    recurrence: recurrenceOf(cls, obj, pointer),
    duration: {
      days: number(obj, pointer, 'DayDuration'),
      hours: number(obj, pointer, 'HourDuration'),
      minutes: number(obj, pointer, 'MinuteDuration'),
    },
  };
  // Base 1: a weekday in the message is numbered as the object wrote it (1 = Sunday).
  const reason = checkScheduleFields(schedule, 1);
  if (reason !== undefined) throw new ExportProblem(pointer, `${cls} cannot be a schedule token: ${reason}`);
  return encodeSchedule(schedule);
}

/** Every schedule of an AssignedSchedule member, in order; undefined when the member is missing. */
export function readAssignedSchedule(m: Member): ExportSchedule[] | undefined {
  if (m.value === undefined) return undefined;
  if (typeof m.value === 'string') return tokensOfString(m.value, m.pointer);
  if (!Array.isArray(m.value)) {
    throw new ExportProblem(m.pointer, `must be a token string or an array (got ${jsonTypeOf(m.value)})`);
  }
  return m.value.flatMap((item: unknown, i): ExportSchedule[] => {
    const pointer = childPointer(m.pointer, i);
    if (typeof item === 'string') return tokensOfString(item, pointer);
    if (isJsonObject(item)) return [{ token: tokenOfScheduleObject(item, pointer), pointer }];
    throw new ExportProblem(pointer, `must be a token string or an SMS_ST_* object (got ${jsonTypeOf(item)})`);
  });
}
