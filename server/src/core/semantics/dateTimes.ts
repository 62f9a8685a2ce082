/**
 * Date-time checks the schema's pattern cannot make: real calendar dates (schema), rollout
 * windows that end before they start (schema), expiration not after presentation (warning).
 */
import type { CoreDiagnostic } from '../diagnostics';
import type { ParsedDocument, Path } from '../document/parse';
import { diagnostic, rangeAt } from '../schema/ranges';
import { asRecord, asString, mapItems } from './read';
import { compareLocalDateTime as compareWallTimes, parseLocalDateTime as parseWallTime } from '../model/localDateTime';
import { calendarProblem } from './wallTime';

interface DateTimeField {
  readonly path: Path;
  readonly text: string;
}

/** Every date-time string in the document, wherever the schema allows one. */
function dateTimeFields(root: unknown): DateTimeField[] {
  const fields: DateTimeField[] = [];
  const add = (owner: unknown, key: string, ownerPath: Path): void => {
    const text = asString(asRecord(owner)?.[key]);
    if (text !== undefined) fields.push({ path: [...ownerPath, key], text });
  };
  add(asRecord(root)?.['simulation'], 'from', ['simulation']);
  for (const { item, path } of mapItems(root, 'collections')) {
    add(item, 'installed', path);
    add(item['installed'], 'from', [...path, 'installed']);
    add(item['installed'], 'to', [...path, 'installed']);
  }
  for (const { item, path } of mapItems(root, 'advertisements')) {
    add(item, 'presentTime', path);
    add(item, 'expirationTime', path);
    for (const assignment of mapItems(item, 'assignments', path)) add(assignment.item, 'at', assignment.path);
  }
  return fields;
}

export function checkCalendarDates(doc: ParsedDocument): CoreDiagnostic[] {
  const diagnostics: CoreDiagnostic[] = [];
  for (const field of dateTimeFields(doc.value)) {
    const problem = calendarProblem(field.text);
    if (problem !== undefined) diagnostics.push(diagnostic('schema', 'error', problem, rangeAt(doc, field.path)));
  }
  return diagnostics;
}

export function checkRolloutWindows(doc: ParsedDocument): CoreDiagnostic[] {
  const diagnostics: CoreDiagnostic[] = [];
  for (const { item, path } of mapItems(doc.value, 'collections')) {
    const window = asRecord(item['installed']);
    const fromText = asString(window?.['from']);
    const toText = asString(window?.['to']);
    const from = fromText === undefined ? undefined : parseWallTime(fromText);
    const to = toText === undefined ? undefined : parseWallTime(toText);
    if (!from || !to || compareWallTimes(to, from) >= 0) continue;
    const message = `The rollout window ends before it starts: to (${toText}) is before from (${fromText})`;
    diagnostics.push(diagnostic('schema', 'error', message, rangeAt(doc, [...path, 'installed', 'to'])));
  }
  return diagnostics;
}

export function checkExpirationAfterPresent(doc: ParsedDocument): CoreDiagnostic[] {
  const diagnostics: CoreDiagnostic[] = [];
  for (const { item, path } of mapItems(doc.value, 'advertisements')) {
    const presentText = asString(item['presentTime']);
    const expirationText = asString(item['expirationTime']);
    const present = presentText === undefined ? undefined : parseWallTime(presentText);
    const expiration = expirationText === undefined ? undefined : parseWallTime(expirationText);
    // Both are wall times of the same advertisement (same zone, same gmt flag): fields compare directly.
    if (!present || !expiration || compareWallTimes(expiration, present) > 0) continue;
    const message = `expirationTime (${expirationText}) is not after presentTime (${presentText}): the advertisement expires before it can run`;
    diagnostics.push(
      diagnostic('expiration-before-present', 'warning', message, rangeAt(doc, [...path, 'expirationTime'])),
    );
  }
  return diagnostics;
}
