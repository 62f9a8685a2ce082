import { ownString } from '../text/ownString';

/** Zone names found valid (the platform's few hundred, in the spellings met); unknown ones are not kept, or typing would grow this. */
const valid = new Set<string>();

/** Whether the runtime's ICU knows `zone` (the engine places wall times with the same data). */
export function isKnownTimeZone(zone: string): boolean {
  if (valid.has(zone)) return true;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
  } catch {
    return false;
  }
  valid.add(ownString(zone));
  return true;
}

let zoneNames: readonly string[] | undefined;

export function knownZoneNames(): readonly string[] {
  zoneNames ??= ['UTC', ...Intl.supportedValuesOf('timeZone')];
  return zoneNames;
}
