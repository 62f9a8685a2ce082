/**
 * `--readable` (SPEC §9.2): a token as the document's own assignment form, only when that form,
 * read with the advertisement's `gmt` and zero durations, encodes back to exactly the same token
 * (a GMT bit unlike the advertisement's, durations or unused bits keep the `token:` form).
 */
import { decodeTokens, encodeSchedule } from '../tokens/codec';
import { scheduleFromJson, scheduleToJson } from '../tokens/json';
import type { ReadableAssignmentValue } from './documentValue';

export function readableAssignment(token: string, advertisementGmt: boolean): ReadableAssignmentValue | undefined {
  const decoded = decodeTokens(token);
  if (!decoded.ok || decoded.schedules.length !== 1 || decoded.schedules[0] === undefined) return undefined;
  // The document's readable form is the JSON form of `token decode` without token, gmt and duration.
  const json = scheduleToJson(decoded.schedules[0]);
  const form: ReadableAssignmentValue = {
    at: json.at,
    ...(json.every ? { every: json.every } : {}),
    ...(json.weekly ? { weekly: json.weekly } : {}),
    ...(json.monthlyByWeekday ? { monthlyByWeekday: json.monthlyByWeekday } : {}),
    ...(json.monthlyByDate ? { monthlyByDate: json.monthlyByDate } : {}),
  };
  const reread = scheduleFromJson({ ...form, gmt: advertisementGmt });
  return reread.ok && encodeSchedule(reread.schedule) === token ? form : undefined;
}
