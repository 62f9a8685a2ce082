/**
 * DMTF datetimes as the SMS Provider writes them (`yyyymmddHHMMSS.mmmmmm+UUU`, `***` for an
 * unknown offset; RG "Date and Time Formats"). SPEC §9.1 keeps the first 12 digits as a wall time
 * (minute precision, like the document) and ignores the seconds, microseconds and offset.
 */
import { parseLocalDateTime } from '../model/localDateTime';
import type { LocalDateTime } from '../model/types';

// Seconds, microseconds and offset may be digits or '*' (WMI's "unknown" wildcard); the memdocs
// default `19900101000000.000000+****` has four offset characters, so three or four are taken.
const DMTF = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})[\d*]{2}(?:\.[\d*]{6}(?:[+-][\d*]{3,4})?)?$/;

export type DmtfResult = { ok: true; value: LocalDateTime } | { ok: false; reason: string };

export function readDmtf(text: string): DmtfResult {
  const m = DMTF.exec(text);
  if (m === null) {
    return { ok: false, reason: `'${shorten(text)}' is not a DMTF datetime like 20010301000000.000000+***` };
  }
  const [, year, month, day, hour, minute] = m;
  const wall = parseLocalDateTime(`${year}-${month}-${day}T${hour}:${minute}`);
  if (wall === undefined) return { ok: false, reason: `'${text}' is not a real date and time` };
  return { ok: true, value: wall };
}

const MILLIS_PER_MINUTE = 60_000;

/** A wall time moved by whole minutes on the plain calendar (no zone: both ends are wall times). */
export function addMinutes(t: LocalDateTime, minutes: number): LocalDateTime {
  // setUTCFullYear, not Date.UTC: Date.UTC reads years 0..99 as 1900..1999.
  const d = new Date(0);
  d.setUTCFullYear(t.year, t.month - 1, t.day);
  d.setUTCHours(t.hour, t.minute, 0, 0);
  d.setTime(d.getTime() + minutes * MILLIS_PER_MINUTE);
  return {
    year: d.getUTCFullYear(),
    month: d.getUTCMonth() + 1,
    day: d.getUTCDate(),
    hour: d.getUTCHours(),
    minute: d.getUTCMinutes(),
  };
}

function shorten(text: string): string {
  return text.length > 40 ? `${text.slice(0, 37)}...` : text;
}
