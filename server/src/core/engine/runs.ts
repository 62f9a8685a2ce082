/**
 * Runs of an advertisement's assignments (SPEC §4): where each run may start, how long it lasts,
 * and the filters that apply to every assignment kind alike (presentTime, expirationTime, the
 * horizon — SPEC §4.1 rule 8). Used by `simulate` and by the timeline view.
 */
import { modelLookup } from '../model/lookup';
import type { Advertisement, Collection, SmsDocument } from '../model/types';
import { scheduleSeries, type OccurrenceSeries } from './occurrences';
import { verifyPasses } from './passes';
import { MINUTE_MS, wallMs } from './time';
import type { Horizon, RunList, SimulationOptions, VerifyPass } from './types';
import { ZoneClock } from './zoneClock';

export type { Run, RunList } from './types';

export const DEFAULT_RUN_MINUTES = 120;
/** `asap`: clients find the advertisement at their next hourly policy poll (SPEC §4). */
export const ASAP_POLL_MINUTES = 60;

/** An advertisement with everything the engine needs resolved; undefined when it cannot be. */
export interface AdvertisementPlan {
  readonly advertisement: Advertisement;
  readonly collection: Collection;
  readonly passes: readonly VerifyPass[];
  readonly runMinutes: number;
  /** The program's run time is `unknown`; `runMinutes` is the assumed default. */
  readonly runTimeUnknown: boolean;
  /** Run starts allowed by presentTime/expirationTime and the horizon: [from, to). */
  readonly window: Horizon;
  readonly assignments: readonly AssignmentRuns[];
}

/** The runs of one assignment; logon/logoff assignments have none (`kind: 'event-not-simulated'`). */
export type AssignmentRuns =
  | {
      readonly kind: 'runs';
      readonly index: number;
      readonly runMs: number;
      /** Distinct run starts in [from, to) ∩ the plan's window, ascending, at most `limit`. */
      readonly startsBetween: (from: number, to: number, limit?: number) => number[];
    }
  | { readonly kind: 'event-not-simulated'; readonly index: number; readonly event: 'logon' | 'logoff' };

/** Per-call cache: verify passes by collection id (they do not depend on the advertisement). */
export type PassCache = Map<string, readonly VerifyPass[]>;

export function defaultRunMinutes(options: SimulationOptions): number {
  return options.defaultRunMinutes ?? DEFAULT_RUN_MINUTES;
}

/** Every pass that can touch a run starting before `horizon.to`. */
export function passesForHorizon(
  doc: SmsDocument,
  collection: Collection,
  horizon: Horizon,
  options: SimulationOptions,
): VerifyPass[] {
  const lookup = modelLookup(doc);
  const site = lookup.site(collection.site);
  if (!site) return [];
  // A run starting before horizon.to can reach a pass up to the longest run (asap: + the poll) later.
  const longestRunMinutes = Math.max(defaultRunMinutes(options), lookup.longestProgramMinutes);
  const longestRunMs = (ASAP_POLL_MINUTES + longestRunMinutes) * MINUTE_MS;
  return verifyPasses(collection, site.verifyCycle, horizon.to + longestRunMs);
}

/** The passes of a collection that are under way at some point of the horizon (for the timeline). */
export function collectionPasses(
  doc: SmsDocument,
  collectionId: string,
  horizon: Horizon,
  options: SimulationOptions = {},
): VerifyPass[] {
  const collection = modelLookup(doc).collection(collectionId);
  if (!collection) return [];
  return passesForHorizon(doc, collection, horizon, options).filter(
    (p) => p.earliest < horizon.to && p.latest + p.durationMinutes * MINUTE_MS > horizon.from,
  );
}

/** The instant of presentTime (the advertisement's zone: UTC when `gmt`, else its collection's). */
export function presentInstant(doc: SmsDocument, advertisement: Advertisement): number | undefined {
  const collection = modelLookup(doc).collection(advertisement.collection);
  if (!collection) return undefined;
  const clock = ZoneClock.of(advertisement.gmt ? 'UTC' : collection.timeZone);
  return clock?.toInstant(wallMs(advertisement.presentTime));
}

export function planAdvertisement(
  doc: SmsDocument,
  advertisement: Advertisement,
  horizon: Horizon,
  options: SimulationOptions = {},
  passCache: PassCache = new Map(),
): AdvertisementPlan | undefined {
  const lookup = modelLookup(doc);
  const collection = lookup.collection(advertisement.collection);
  const program = lookup.program(advertisement);
  if (!collection || !program || !lookup.site(collection.site)) return undefined;
  const zone = ZoneClock.of(collection.timeZone);
  const utc = ZoneClock.of('UTC')!;
  if (!zone) return undefined;

  let passes = passCache.get(collection.id);
  if (!passes) {
    passes = passesForHorizon(doc, collection, horizon, options);
    passCache.set(collection.id, passes);
  }

  const runTimeUnknown = program.estimatedRunMinutes === 'unknown';
  const runMinutes = runTimeUnknown ? defaultRunMinutes(options) : (program.estimatedRunMinutes as number);
  const adClock = advertisement.gmt ? utc : zone;
  const present = adClock.toInstant(wallMs(advertisement.presentTime));
  const expiration = advertisement.expirationTime ? adClock.toInstant(wallMs(advertisement.expirationTime)) : Infinity;
  const window = { from: Math.max(horizon.from, present), to: Math.min(horizon.to, expiration) };

  const assignments = advertisement.assignments.map((assignment, index): AssignmentRuns => {
    if (assignment.kind === 'event') {
      if (assignment.event !== 'asap') return { kind: 'event-not-simulated', index, event: assignment.event };
      const runMs = (ASAP_POLL_MINUTES + runMinutes) * MINUTE_MS;
      return {
        kind: 'runs',
        index,
        runMs,
        startsBetween: clipped(window, (from, to) => (present >= from && present < to ? [present] : [])),
      };
    }
    const series = assignment.schedules.map((s) => scheduleSeries(s, s.gmt ? utc : zone));
    return { kind: 'runs', index, runMs: runMinutes * MINUTE_MS, startsBetween: clipped(window, mergedStarts(series)) };
  });

  return { advertisement, collection, passes, runMinutes, runTimeUnknown, window, assignments };
}

type StartsBetween = (from: number, to: number, limit: number) => number[];

/** Restricts a run-start source to the plan's window. */
function clipped(window: Horizon, starts: StartsBetween) {
  return (from: number, to: number, limit = Infinity): number[] => {
    const lo = Math.max(from, window.from);
    const hi = Math.min(to, window.to);
    return lo < hi && limit > 0 ? starts(lo, hi, limit) : [];
  };
}

/** The union of several series with equal instants merged (SPEC §4.1 rule 7). */
function mergedStarts(series: readonly OccurrenceSeries[]): StartsBetween {
  return (from, to, limit) => {
    // The first `limit` distinct starts of the union lie within the first `limit` of each series.
    const all =
      series.length === 1
        ? series[0]!.between(from, to, limit)
        : series.flatMap((s) => s.between(from, to, limit)).sort((a, b) => a - b);
    const distinct: number[] = [];
    for (const instant of all) {
      if (distinct.length >= limit) break;
      if (distinct[distinct.length - 1] !== instant) distinct.push(instant);
    }
    return distinct;
  };
}

/**
 * The runs `[start, end)` of one assignment whose start lies in the horizon (after presentTime and
 * before expirationTime), at most `limit`. Empty for logon/logoff or an unresolvable advertisement.
 */
export function runsOf(
  doc: SmsDocument,
  advertisement: Advertisement,
  assignmentIndex: number,
  horizon: Horizon,
  options: SimulationOptions = {},
  limit = 1000,
): RunList {
  const assignment = planAdvertisement(doc, advertisement, horizon, options)?.assignments[assignmentIndex];
  if (!assignment || assignment.kind !== 'runs') return { runs: [], truncated: false };
  const starts = assignment.startsBetween(horizon.from, horizon.to, limit + 1);
  return {
    runs: starts.slice(0, limit).map((start) => ({ start, end: start + assignment.runMs })),
    truncated: starts.length > limit,
  };
}
