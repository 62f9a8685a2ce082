/**
 * Checks beyond the JSON Schema (SPEC §6): duplicate ids, unresolved references, real calendar
 * dates, known time zones, non-empty intervals and rollout windows, expiration after presentation.
 * They read the plain value and skip whatever is not shaped as expected (the schema reports that).
 * Tokens are decoded with the token codec.
 */
import type { CoreDiagnostic } from '../diagnostics';
import type { ParsedDocument } from '../document/parse';
import { checkCalendarDates, checkExpirationAfterPresent, checkRolloutWindows } from './dateTimes';
import { checkDuplicateIds } from './duplicateIds';
import { checkIntervals } from './intervals';
import { checkReferences } from './references';
import { checkTimeZones } from './timeZones';
import { checkTokens } from './tokens';

export { calendarProblem } from './wallTime';
export { isKnownTimeZone } from './timeZones';

export function checkSemantics(doc: ParsedDocument): CoreDiagnostic[] {
  if (doc.value === null || typeof doc.value !== 'object') return [];
  return [
    ...checkDuplicateIds(doc),
    ...checkReferences(doc),
    ...checkCalendarDates(doc),
    ...checkTimeZones(doc),
    ...checkIntervals(doc),
    ...checkRolloutWindows(doc),
    ...checkExpirationAfterPresent(doc),
    ...checkTokens(doc),
  ];
}
