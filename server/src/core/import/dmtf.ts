/**
 * DMTF datetimes as the SMS Provider writes them (`yyyymmddHHMMSS.mmmmmm+UUU`, `***` for an
 * unknown offset; RG "Date and Time Formats"). SPEC §9.1 keeps the first 12 digits as a wall time
 * (minute precision, like the document) and ignores the seconds, microseconds and offset.
 */
import { MINUTE_MS, fromWallMs, wallMs } from '../engine/time';
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

/** A wall time moved by whole minutes on the plain calendar (no zone: both ends are wall times). */
export function addMinutes(t: LocalDateTime, minutes: number): LocalDateTime {
  return fromWallMs(wallMs(t) + minutes * MINUTE_MS);
}

function shorten(text: string): string {
  return text.length > 40 ? `${text.slice(0, 37)}...` : text;
}
