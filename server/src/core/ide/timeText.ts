/** How the server shows instants: the collection's wall time with its zone, and UTC. */
import { formatInstant, toLocal } from '../engine/time';
import { formatLocalDateTime } from '../model/localDateTime';

/** "2001-03-15T02:00 America/New_York (2001-03-15T07:00:00Z)"; UTC zones show once. */
export function localAndUtc(instant: number, zone: string): string {
  const utc = formatInstant(instant);
  if (zone === 'UTC') return utc;
  let local: string;
  try {
    local = formatLocalDateTime(toLocal(instant, zone));
  } catch {
    return utc; // unknown zone: reported as a diagnostic elsewhere
  }
  return `${local} ${zone} (${utc})`;
}
