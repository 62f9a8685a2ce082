/**
 * The semantic checks that look at one list item only (calendar dates, time zones, intervals,
 * rollout windows, expiration, tokens, service-pack scope), as problems with paths relative to the item. They are
 * memoised per item object, which an unchanged piece of an edited document keeps (see
 * `document/incremental.ts`), so an edit re-checks only the items it touched. Ranges are looked up
 * by the callers, since an item's place in the document can change while its problems cannot.
 */
import type { DiagnosticCode, Severity } from '../diagnostics';
import type { Path } from '../document/parse';
import { compareLocalDateTime as compareWallTimes, parseLocalDateTime as parseWallTime } from '../model/localDateTime';
import { closestMatch } from '../schema/closestMatch';
import { decodeTokens } from '../tokens/codec';
import { asRecord, asString, mapItems, type JsonRecord } from './read';
import { unconfirmedVersionNote } from './smsVersionScope';
import { isKnownTimeZone, knownZoneNames } from './timeZones';
import { calendarProblem } from './wallTime';

/** The checks, in the order `checkSemantics` reports them. */
export type ItemCheck = 'calendar' | 'timeZone' | 'interval' | 'rollout' | 'expiration' | 'token' | 'smsVersion';

export interface ItemProblem {
  readonly check: ItemCheck;
  readonly code: DiagnosticCode;
  readonly severity: Severity;
  readonly message: string;
  /** Relative to the item. */
  readonly path: Path;
}

const siteCache = new WeakMap<JsonRecord, readonly ItemProblem[]>();
const collectionCache = new WeakMap<JsonRecord, readonly ItemProblem[]>();

export function siteProblems(item: JsonRecord): readonly ItemProblem[] {
  let problems = siteCache.get(item);
  if (!problems) {
    problems = smsVersionProblems(item);
    siteCache.set(item, problems);
  }
  return problems;
}
const advertisementCache = new WeakMap<JsonRecord, readonly ItemProblem[]>();

export function collectionProblems(item: JsonRecord): readonly ItemProblem[] {
  let problems = collectionCache.get(item);
  if (!problems) {
    problems = [...collectionDates(item), ...timeZoneProblems(item), ...rolloutProblems(item)];
    collectionCache.set(item, problems);
  }
  return problems;
}

export function advertisementProblems(item: JsonRecord): readonly ItemProblem[] {
  let problems = advertisementCache.get(item);
  if (!problems) {
    problems = [
      ...advertisementDates(item),
      ...intervalProblems(item),
      ...expirationProblems(item),
      ...tokenProblems(item),
    ];
    advertisementCache.set(item, problems);
  }
  return problems;
}

/** A calendar problem of `owner[key]`, if it is a date-time string that names no real date. */
export function calendarProblemAt(owner: unknown, key: string, path: Path): ItemProblem[] {
  const text = asString(asRecord(owner)?.[key]);
  const problem = text === undefined ? undefined : calendarProblem(text);
  return problem === undefined
    ? []
    : [{ check: 'calendar', code: 'schema', severity: 'error', message: problem, path }];
}

function collectionDates(item: JsonRecord): ItemProblem[] {
  return [
    ...calendarProblemAt(item, 'installed', ['installed']),
    ...calendarProblemAt(item['installed'], 'from', ['installed', 'from']),
    ...calendarProblemAt(item['installed'], 'to', ['installed', 'to']),
  ];
}

function advertisementDates(item: JsonRecord): ItemProblem[] {
  const problems = [
    ...calendarProblemAt(item, 'presentTime', ['presentTime']),
    ...calendarProblemAt(item, 'expirationTime', ['expirationTime']),
  ];
  for (const assignment of mapItems(item, 'assignments')) {
    problems.push(...calendarProblemAt(assignment.item, 'at', [...assignment.path, 'at']));
  }
  return problems;
}

function timeZoneProblems(item: JsonRecord): ItemProblem[] {
  const zone = asString(item['timeZone']);
  // An empty string is the schema's (minLength) to report.
  if (zone === undefined || zone === '' || isKnownTimeZone(zone)) return [];
  const suggestion = closestMatch(zone, knownZoneNames());
  const hint =
    suggestion !== undefined
      ? `Did you mean '${suggestion}'?`
      : 'Use an IANA name such as America/New_York, Europe/London or UTC.';
  const message = `Unknown time zone '${zone}'. ${hint}`;
  return [{ check: 'timeZone', code: 'schema', severity: 'error', message, path: ['timeZone'] }];
}

const INTERVAL_MEMBERS = ['days', 'hours', 'minutes'] as const;

/** `every` with all members 0 or missing would repeat forever at one instant (SPEC §3: sum > 0). */
function intervalProblems(item: JsonRecord): ItemProblem[] {
  const problems: ItemProblem[] = [];
  for (const { item: assignment, path } of mapItems(item, 'assignments')) {
    const every = asRecord(assignment['every']);
    if (!every) continue;
    const members = INTERVAL_MEMBERS.map((member) => every[member] ?? 0);
    // Non-numbers are the schema's to report; only a readable all-zero interval is ours.
    if (!members.every((member) => member === 0)) continue;
    const message = 'An interval must be longer than 0: give days, hours or minutes (e.g. every: { days: 1 })';
    problems.push({ check: 'interval', code: 'schema', severity: 'error', message, path: [...path, 'every'] });
  }
  return problems;
}

function rolloutProblems(item: JsonRecord): ItemProblem[] {
  const window = asRecord(item['installed']);
  const fromText = asString(window?.['from']);
  const toText = asString(window?.['to']);
  const from = fromText === undefined ? undefined : parseWallTime(fromText);
  const to = toText === undefined ? undefined : parseWallTime(toText);
  if (!from || !to || compareWallTimes(to, from) >= 0) return [];
  const message = `The rollout window ends before it starts: to (${toText}) is before from (${fromText})`;
  return [{ check: 'rollout', code: 'schema', severity: 'error', message, path: ['installed', 'to'] }];
}

function expirationProblems(item: JsonRecord): ItemProblem[] {
  const presentText = asString(item['presentTime']);
  const expirationText = asString(item['expirationTime']);
  const present = presentText === undefined ? undefined : parseWallTime(presentText);
  const expiration = expirationText === undefined ? undefined : parseWallTime(expirationText);
  // Both are wall times of the same advertisement (same zone, same gmt flag): fields compare directly.
  if (!present || !expiration || compareWallTimes(expiration, present) > 0) return [];
  const message = `expirationTime (${expirationText}) is not after presentTime (${presentText}): the advertisement expires before it can run`;
  return [
    { check: 'expiration', code: 'expiration-before-present', severity: 'warning', message, path: ['expirationTime'] },
  ];
}

/** Every `token` string must decode (SPEC §5, §4.1 rule 15); the reason goes in the message. */
function tokenProblems(item: JsonRecord): ItemProblem[] {
  const problems: ItemProblem[] = [];
  for (const { item: assignment, path } of mapItems(item, 'assignments')) {
    const token = asString(assignment['token']);
    if (token === undefined) continue;
    const decoded = decodeTokens(token);
    if (!decoded.ok) {
      const message = `Invalid schedule token: ${decoded.reason}`;
      problems.push({ check: 'token', code: 'invalid-token', severity: 'error', message, path: [...path, 'token'] });
    }
  }
  return problems;
}

/** SPEC §6 v1.1: SP3 and SP4 are outside Q283130's list; the simulation still runs for them. */
function smsVersionProblems(item: JsonRecord): ItemProblem[] {
  const version = asString(item['smsVersion']);
  const message = version === undefined ? undefined : unconfirmedVersionNote(version);
  if (message === undefined) return [];
  return [
    { check: 'smsVersion', code: 'unconfirmed-sms-version', severity: 'information', message, path: ['smsVersion'] },
  ];
}
