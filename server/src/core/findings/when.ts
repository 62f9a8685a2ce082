/**
 * "2001-03-15 02:00 America/New_York (07:00Z)": how finding messages show an instant, local wall
 * time first since admins think in it. Formatted with the engine's zone tables and integer
 * arithmetic (a luxon DateTime per call was the hot spot of large documents); luxon remains the
 * fallback for a zone the tables do not know, so the text is the same either way.
 */
import { DateTime } from 'luxon';
import { ZoneClock } from '../engine/zoneClock';
import { ownString } from '../text/ownString';

export function formatWhen(instant: number, zone: string): string {
  const utc = formatMinute(instant);
  if (zone === 'UTC') return `${utc} UTC`;
  const clock = ZoneClock.of(zone);
  if (!clock) return formatWithLuxon(instant, zone);
  const local = formatMinute(clock.toWall(instant));
  // Same calendar date: the UTC time alone is enough.
  const utcPart = local.slice(0, 10) === utc.slice(0, 10) ? utc.slice(11) : utc;
  return `${local} ${zone} (${utcPart}Z)`;
}

/** `yyyy-MM-dd HH:mm` of an epoch value read as UTC. */
function formatMinute(ms: number): string {
  const date = new Date(ms);
  const year = date.getUTCFullYear();
  const yearText = year >= 0 && year <= 9999 ? String(year).padStart(4, '0') : undefined;
  if (yearText === undefined) return DateTime.fromMillis(ms, { zone: 'UTC' }).toFormat('yyyy-MM-dd HH:mm');
  return `${yearText}-${pad2(date.getUTCMonth() + 1)}-${pad2(date.getUTCDate())} ${pad2(date.getUTCHours())}:${pad2(date.getUTCMinutes())}`;
}

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

/** The original formatting, kept for zones the engine's clock does not know. */
export function formatWithLuxon(instant: number, zone: string): string {
  const utc = DateTime.fromMillis(instant, { zone: 'UTC' });
  if (zone === 'UTC') return `${utc.toFormat('yyyy-MM-dd HH:mm')} UTC`;
  // luxon keeps zone names for the process: a copy, not a slice of a document (text/ownString.ts).
  const local = utc.setZone(ownString(zone));
  return `${local.toFormat('yyyy-MM-dd HH:mm')} ${zone} (${utc.toFormat(local.toISODate() === utc.toISODate() ? 'HH:mm' : 'yyyy-MM-dd HH:mm')}Z)`;
}
