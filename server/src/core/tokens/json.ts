/**
 * The JSON form of schedule tokens used by `sms-schedule token decode` / `token encode` (SPEC §8).
 * It mirrors an assignment of the document (SPEC §3) so users can paste it back:
 * `{ "token", "at", "gmt", <recurrence key>?, "duration", "unusedBits"? }`; `unusedBits` (SPEC §5
 * v1.1, e.g. "0x00000008") appears only when the token sets bits its type does not use.
 */
import { WEEKDAY_NAMES, WEEK_ORDER_NAMES } from '../model/types';
import type {
  Recurrence,
  Schedule,
  TokenDuration,
  Weekday,
  WeekdayName,
  WeekOrder,
  WeekOrderName,
} from '../model/types';
import { encodeSchedule, validateScheduleForToken } from './codec';
import { formatLocalDateTime, readLocalDateTime } from '../model/localDateTime';
import { formatUnusedBits, parseUnusedBits } from './unusedBits';

export interface SpanJson {
  days: number;
  hours: number;
  minutes: number;
}

export interface TokenJson {
  token: string;
  at: string;
  gmt: boolean;
  every?: SpanJson;
  weekly?: { day: WeekdayName; weeks: number };
  monthlyByWeekday?: { week: WeekOrderName; day: WeekdayName; months: number };
  monthlyByDate?: { day: number; months: number };
  duration: SpanJson;
  /** Low-word bits the type does not use, as "0x" and 8 hex digits; only when non-zero. */
  unusedBits?: string;
}

export type ScheduleFromJsonResult = { ok: true; schedule: Schedule } | { ok: false; reason: string };
export type SchedulesFromJsonResult = { ok: true; schedules: Schedule[] } | { ok: false; reason: string };

const ZERO_DURATION: TokenDuration = { days: 0, hours: 0, minutes: 0 };

function recurrenceToJson(r: Recurrence): Partial<TokenJson> {
  switch (r.kind) {
    case 'once':
      return {};
    case 'interval':
      return { every: { days: r.days, hours: r.hours, minutes: r.minutes } };
    case 'weekly':
      return { weekly: { day: weekdayName(r.day), weeks: r.weeks } };
    case 'monthlyByWeekday':
      return {
        monthlyByWeekday: {
          week: weekOrderName(r.week),
          day: weekdayName(r.day),
          months: r.months,
        },
      };
    case 'monthlyByDate':
      return { monthlyByDate: { day: r.day, months: r.months } };
  }
}

const weekdayName = (d: Weekday): WeekdayName => WEEKDAY_NAMES[d];
const weekOrderName = (w: WeekOrder): WeekOrderName => WEEK_ORDER_NAMES[w];

/** The JSON form of one schedule (must be encodable: see validateScheduleForToken). */
export function scheduleToJson(s: Schedule): TokenJson {
  const d = s.duration ?? ZERO_DURATION;
  return {
    token: encodeSchedule(s),
    at: formatLocalDateTime(s.start),
    gmt: s.gmt,
    ...recurrenceToJson(s.recurrence),
    duration: { days: d.days, hours: d.hours, minutes: d.minutes },
    ...(s.unusedBits ? { unusedBits: formatUnusedBits(s.unusedBits) } : {}),
  };
}

/** `token decode` output: one object for one schedule, an array for several. */
export function schedulesToJson(schedules: readonly Schedule[]): TokenJson | TokenJson[] {
  const items = schedules.map(scheduleToJson);
  return items.length === 1 && items[0] !== undefined ? items[0] : items;
}

// ---- reading -------------------------------------------------------------------------------

type JsonObject = Record<string, unknown>;

/** Thrown only inside this module to unwind to the public functions with a reason. */
class JsonShapeError extends Error {}

function fail(reason: string): never {
  throw new JsonShapeError(reason);
}

const isObject = (v: unknown): v is JsonObject => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A short rendering of a bad value for a message; never throws (BigInt, cycles). */
function describeValue(v: unknown): string {
  if (v === undefined) return 'nothing';
  let text: string;
  try {
    text = JSON.stringify(v) ?? String(v);
  } catch {
    text = typeof v === 'object' ? 'an object' : String(v);
  }
  return text.length > 40 ? `${text.slice(0, 37)}...` : text;
}

function objectWithKeys(value: unknown, where: string, allowed: readonly string[]): JsonObject {
  if (!isObject(value)) fail(`${where} must be a JSON object (got ${describeValue(value)})`);
  for (const key of Object.keys(value)) {
    if (!allowed.includes(key)) fail(`${where} has an unknown key '${key}' (allowed: ${allowed.join(', ')})`);
  }
  return value;
}

function integer(obj: JsonObject, key: string, where: string, fallback?: number): number {
  const v = obj[key];
  if (v === undefined && fallback !== undefined) return fallback;
  if (typeof v !== 'number' || !Number.isInteger(v))
    fail(`${where}.${key} must be an integer (got ${describeValue(v)})`);
  return v;
}

function named<T extends string>(obj: JsonObject, key: string, where: string, names: readonly T[]): T {
  const v = obj[key];
  const found = names.find((n) => n === v);
  if (found === undefined) fail(`${where}.${key} must be one of ${names.join(', ')} (got ${describeValue(v)})`);
  return found;
}

const SPAN_KEYS = ['days', 'hours', 'minutes'] as const;
const RECURRENCE_KEYS = ['every', 'weekly', 'monthlyByWeekday', 'monthlyByDate'] as const;
const SCHEDULE_KEYS = ['token', 'at', 'gmt', ...RECURRENCE_KEYS, 'duration', 'unusedBits'] as const;

/** Missing span members are 0 (SPEC §4.1 rule 11). */
function span(value: unknown, where: string): SpanJson {
  const obj = objectWithKeys(value, where, SPAN_KEYS);
  return {
    days: integer(obj, 'days', where, 0),
    hours: integer(obj, 'hours', where, 0),
    minutes: integer(obj, 'minutes', where, 0),
  };
}

function weekdayNumber(name: WeekdayName): Weekday {
  return WEEKDAY_NAMES.indexOf(name) as Weekday;
}

function readRecurrence(obj: JsonObject): Recurrence {
  const present = RECURRENCE_KEYS.filter((k) => obj[k] !== undefined);
  if (present.length > 1) fail(`give at most one of ${RECURRENCE_KEYS.join(', ')} (got ${present.join(' and ')})`);
  const key = present[0];
  if (key === undefined) return { kind: 'once' };
  const value = obj[key];
  switch (key) {
    case 'every':
      return { kind: 'interval', ...span(value, 'every') };
    case 'weekly': {
      const w = objectWithKeys(value, 'weekly', ['day', 'weeks']);
      return {
        kind: 'weekly',
        day: weekdayNumber(named(w, 'day', key, WEEKDAY_NAMES)),
        weeks: integer(w, 'weeks', key, 1),
      };
    }
    case 'monthlyByWeekday': {
      const m = objectWithKeys(value, key, ['week', 'day', 'months']);
      return {
        kind: 'monthlyByWeekday',
        week: WEEK_ORDER_NAMES.indexOf(named(m, 'week', key, WEEK_ORDER_NAMES)) as WeekOrder,
        day: weekdayNumber(named(m, 'day', key, WEEKDAY_NAMES)),
        months: integer(m, 'months', key, 1),
      };
    }
    case 'monthlyByDate': {
      const m = objectWithKeys(value, key, ['day', 'months']);
      return {
        kind: 'monthlyByDate',
        day: integer(m, 'day', key),
        months: integer(m, 'months', key, 1),
      };
    }
  }
}

/** `unusedBits` as written by `scheduleToJson`; 0 is left out, as decoding leaves it out. */
function unusedBitsOf(obj: JsonObject): { unusedBits?: number } {
  const value = obj['unusedBits'];
  if (value === undefined) return {};
  const bits = typeof value === 'string' ? parseUnusedBits(value) : undefined;
  if (bits === undefined) fail(`unusedBits must be a string like "0x00000008" (got ${describeValue(value)})`);
  return bits === 0 ? {} : { unusedBits: bits };
}

function readSchedule(value: unknown): Schedule {
  const obj = objectWithKeys(value, 'the schedule', SCHEDULE_KEYS);
  const at = obj['at'];
  if (typeof at !== 'string') fail(`at must be a date-time string like "2001-03-06T02:00" (got ${describeValue(at)})`);
  const start = readLocalDateTime(at);
  if (!start.ok) fail(`at: ${start.reason}`);
  const gmt = obj['gmt'] ?? false;
  if (typeof gmt !== 'boolean') fail(`gmt must be true or false (got ${describeValue(gmt)})`);
  const schedule: Schedule = {
    start: start.value,
    gmt,
    recurrence: readRecurrence(obj),
    duration: obj['duration'] === undefined ? ZERO_DURATION : span(obj['duration'], 'duration'),
    ...unusedBitsOf(obj),
  };
  // Ranges (year 1970..2033, real dates, weeks 1..4...) have one home: the token validator.
  const reason = validateScheduleForToken(schedule);
  if (reason !== undefined) fail(reason);
  return schedule;
}

function catchShape<T>(read: () => T): { ok: true; value: T } | { ok: false; reason: string } {
  try {
    return { ok: true, value: read() };
  } catch (error) {
    if (error instanceof JsonShapeError) return { ok: false, reason: error.message };
    throw error;
  }
}

/** Reads one schedule in the JSON form; the `token` key is ignored, `gmt` defaults to false, `duration` to zeros. */
export function scheduleFromJson(value: unknown): ScheduleFromJsonResult {
  const r = catchShape(() => readSchedule(value));
  return r.ok ? { ok: true, schedule: r.value } : r;
}

/** `token encode` input: one schedule object, or a non-empty array of them. */
export function schedulesFromJson(value: unknown): SchedulesFromJsonResult {
  if (!Array.isArray(value)) {
    const r = scheduleFromJson(value);
    return r.ok ? { ok: true, schedules: [r.schedule] } : r;
  }
  if (value.length === 0)
    return {
      ok: false,
      reason: 'expected at least one schedule (got an empty array)',
    };
  const schedules: Schedule[] = [];
  for (const [i, item] of value.entries()) {
    const r = scheduleFromJson(item);
    if (!r.ok) return { ok: false, reason: `item ${i + 1}: ${r.reason}` };
    schedules.push(r.schedule);
  }
  return { ok: true, schedules };
}
