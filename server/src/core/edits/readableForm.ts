/**
 * The readable assignment form of a schedule token (SPEC §3: `at` + a recurrence key) and back,
 * offered only when exact: the readable form, read with the advertisement's `gmt` and zero
 * durations, must encode to exactly the same token text. A token with durations, a GMT bit unlike
 * the advertisement's `gmt`, bits its type does not use (SPEC §5 v1.1), several schedules, or
 * lower-case digits has no readable form (converting back would not give the same text).
 */
import type { Schedule } from '../model/types';
import { decodeTokens, encodeSchedule, validateScheduleForToken } from '../tokens/codec';
import { scheduleToJson, type SpanJson } from '../tokens/json';

/** The schedule a readable form of `tokenText` would have, or undefined when there is none. */
export function readableSchedule(tokenText: string, advertisementGmt: boolean): Schedule | undefined {
  const decoded = decodeTokens(tokenText);
  if (!decoded.ok || decoded.schedules.length !== 1) return undefined;
  const readable = asReadable(decoded.schedules[0]!, advertisementGmt);
  return tokenOf(readable) === tokenText ? readable : undefined;
}

/** The token text of a readable schedule (an `at` form), or undefined when it cannot be a token. */
export function tokenOfReadable(schedule: Schedule, advertisementGmt: boolean): string | undefined {
  return tokenOf(asReadable(schedule, advertisementGmt));
}

/**
 * The YAML entries of a readable assignment, in the document's own style: `at: ...` and, for a
 * recurrence, one flow mapping (`weekly: { day: mon, weeks: 1 }`; zero `every` members left out).
 */
export function readableEntries(schedule: Schedule): string[] {
  const json = scheduleToJson(asReadable(schedule, schedule.gmt));
  const entries = [`at: ${json.at}`];
  if (json.every) entries.push(`every: ${flow(nonZeroSpan(json.every))}`);
  if (json.weekly) entries.push(`weekly: ${flow(json.weekly)}`);
  if (json.monthlyByWeekday) entries.push(`monthlyByWeekday: ${flow(json.monthlyByWeekday)}`);
  if (json.monthlyByDate) entries.push(`monthlyByDate: ${flow(json.monthlyByDate)}`);
  return entries;
}

/** What the model builds from a readable item: start and recurrence, the advertisement's gmt, no duration. */
function asReadable(schedule: Schedule, gmt: boolean): Schedule {
  return { start: schedule.start, gmt, recurrence: schedule.recurrence };
}

function tokenOf(schedule: Schedule): string | undefined {
  return validateScheduleForToken(schedule) === undefined ? encodeSchedule(schedule) : undefined;
}

function nonZeroSpan(span: SpanJson): Partial<SpanJson> {
  return Object.fromEntries(Object.entries(span).filter(([, value]) => value !== 0));
}

function flow(value: object): string {
  return `{ ${Object.entries(value)
    .map(([key, v]) => `${key}: ${String(v)}`)
    .join(', ')} }`;
}
