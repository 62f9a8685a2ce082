const validity = new Map<string, boolean>();

/** Whether the runtime's ICU knows `zone` (the engine places wall times with the same data). */
export function isKnownTimeZone(zone: string): boolean {
  let known = validity.get(zone);
  if (known === undefined) {
    try {
      new Intl.DateTimeFormat('en-US', { timeZone: zone });
      known = true;
    } catch {
      known = false;
    }
    validity.set(zone, known);
  }
  return known;
}

let zoneNames: readonly string[] | undefined;

export function knownZoneNames(): readonly string[] {
  zoneNames ??= ['UTC', ...Intl.supportedValuesOf('timeZone')];
  return zoneNames;
}
