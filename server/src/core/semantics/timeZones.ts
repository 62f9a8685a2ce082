import type { CoreDiagnostic } from '../diagnostics';
import type { ParsedDocument } from '../document/parse';
import { closestMatch } from '../schema/closestMatch';
import { diagnostic, rangeAt } from '../schema/ranges';
import { asString, mapItems } from './read';

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

function knownZoneNames(): readonly string[] {
  zoneNames ??= ['UTC', ...Intl.supportedValuesOf('timeZone')];
  return zoneNames;
}

export function checkTimeZones(doc: ParsedDocument): CoreDiagnostic[] {
  const diagnostics: CoreDiagnostic[] = [];
  for (const { item, path } of mapItems(doc.value, 'collections')) {
    const zone = asString(item['timeZone']);
    // An empty string is the schema's (minLength) to report.
    if (zone === undefined || zone === '' || isKnownTimeZone(zone)) continue;
    const suggestion = closestMatch(zone, knownZoneNames());
    const hint =
      suggestion !== undefined
        ? `Did you mean '${suggestion}'?`
        : 'Use an IANA name such as America/New_York, Europe/London or UTC.';
    diagnostics.push(
      diagnostic('schema', 'error', `Unknown time zone '${zone}'. ${hint}`, rangeAt(doc, [...path, 'timeZone'])),
    );
  }
  return diagnostics;
}
