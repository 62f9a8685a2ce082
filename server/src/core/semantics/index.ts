/**
 * Checks beyond the JSON Schema (SPEC §6): duplicate ids, unresolved references, real calendar
 * dates, known time zones, non-empty intervals and rollout windows, expiration after presentation,
 * service-pack levels outside Q283130 (v1.1).
 * They read the plain value and skip whatever is not shaped as expected (the schema reports that).
 * Tokens are decoded with the token codec.
 */
import type { CoreDiagnostic } from '../diagnostics';
import type { ParsedDocument, Path } from '../document/parse';
import { diagnostic, rangeAt } from '../schema/ranges';
import { checkDuplicateIds } from './duplicateIds';
import {
  advertisementProblems,
  calendarProblemAt,
  collectionProblems,
  siteProblems,
  type ItemCheck,
  type ItemProblem,
} from './itemProblems';
import { asRecord, mapItems } from './read';
import { checkReferences } from './references';

export { calendarProblem } from './wallTime';
export { isKnownTimeZone } from './timeZones';
export { isUnconfirmedSmsVersion, unconfirmedVersionNote } from './smsVersionScope';

/** The item checks in report order, and the lists each one reads. */
const ITEM_CHECKS: readonly ItemCheck[] = [
  'calendar',
  'timeZone',
  'interval',
  'rollout',
  'expiration',
  'token',
  'smsVersion',
];

export function checkSemantics(doc: ParsedDocument): CoreDiagnostic[] {
  if (doc.value === null || typeof doc.value !== 'object') return [];
  const root = doc.value;
  const located = (problem: ItemProblem, base: Path): CoreDiagnostic =>
    diagnostic(problem.code, problem.severity, problem.message, rangeAt(doc, [...base, ...problem.path]));

  // One pass over the items; each check's problems then come out sites first, then collections, then advertisements.
  const byCheck = new Map<ItemCheck, CoreDiagnostic[]>(ITEM_CHECKS.map((check) => [check, []]));
  const simulationFrom = calendarProblemAt(asRecord(root)?.['simulation'], 'from', ['simulation', 'from']);
  for (const problem of simulationFrom) byCheck.get(problem.check)!.push(located(problem, []));
  for (const entry of mapItems(root, 'sites')) {
    for (const problem of siteProblems(entry.item)) byCheck.get(problem.check)!.push(located(problem, entry.path));
  }
  for (const entry of mapItems(root, 'collections')) {
    for (const problem of collectionProblems(entry.item))
      byCheck.get(problem.check)!.push(located(problem, entry.path));
  }
  for (const entry of mapItems(root, 'advertisements')) {
    for (const problem of advertisementProblems(entry.item)) {
      byCheck.get(problem.check)!.push(located(problem, entry.path));
    }
  }
  return [...checkDuplicateIds(doc), ...checkReferences(doc), ...ITEM_CHECKS.flatMap((check) => byCheck.get(check)!)];
}
