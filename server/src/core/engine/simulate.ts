/**
 * The interruption engine (SPEC §4): every run of every advertisement against every verify pass of
 * its collection, in a horizon. Cost grows with advertisements × passes × findings, not with the
 * number of occurrences (see `findings.ts` and `occurrences.ts`).
 */
import type { Advertisement, SmsDocument } from '../model/types';
import {
  collectFindings,
  compareCodePoints,
  InterruptionProbe,
  type FindingSink,
  type IgnoredInterruption,
} from './findings';
import { FindingTableBuilder } from './findingTable';
import { installBand } from './passes';
import { planAdvertisement, presentInstant, type PassCache } from './runs';
import { DAY_MS, wallMs } from './time';
import type { EngineNote, Horizon, SimulationOptions, SimulationResult } from './types';

export const DEFAULT_HORIZON_DAYS = 365;

/**
 * The horizon [from, from + days): options first, then the document's `simulation`, then
 * SPEC §4.1 rule 9 (earliest presentTime instant, else earliest install instant).
 */
export function resolveHorizon(doc: SmsDocument, options: SimulationOptions = {}): Horizon {
  const from = options.from ?? (doc.simulation.from ? wallMs(doc.simulation.from) : defaultHorizonStart(doc));
  const days = options.days ?? doc.simulation.days ?? DEFAULT_HORIZON_DAYS;
  return { from, to: from + days * DAY_MS };
}

function defaultHorizonStart(doc: SmsDocument): number {
  const presents = doc.advertisements.map((a) => presentInstant(doc, a)).filter((t) => t !== undefined);
  if (presents.length > 0) return presents.reduce((a, b) => Math.min(a, b));
  const installs = doc.collections.map((c) => installBand(c)?.earliest).filter((t) => t !== undefined);
  return installs.length > 0 ? installs.reduce((a, b) => Math.min(a, b)) : 0;
}

export function simulate(doc: SmsDocument, options: SimulationOptions = {}): SimulationResult {
  const sink = new FindingTableBuilder();
  const { horizon, notes } = run(doc, options, sink);
  return { horizon, ...sink.build().sorted(advertisementRanks(doc)), notes };
}

/** Whether the horizon holds any interruption not ignored; stops at the first one found. */
export function hasInterruption(
  doc: SmsDocument,
  options: SimulationOptions = {},
  ignore?: IgnoredInterruption,
): boolean {
  const probe = new InterruptionProbe(ignore);
  run(doc, options, probe);
  return probe.found;
}

function run(
  doc: SmsDocument,
  options: SimulationOptions,
  sink: FindingSink,
): { horizon: Horizon; notes: EngineNote[] } {
  const horizon = resolveHorizon(doc, options);
  const notes: EngineNote[] = [];
  const passCache: PassCache = new Map();
  for (const advertisement of doc.advertisements) {
    if (sink.done) break;
    notes.push(...simulateAdvertisement(doc, advertisement, horizon, options, passCache, sink));
  }
  return { horizon, notes };
}

/**
 * One advertisement's runs against its collection's passes: its findings go to `sink` as one
 * segment (in the order they are found); returns its notes.
 */
export function simulateAdvertisement(
  doc: SmsDocument,
  advertisement: Advertisement,
  horizon: Horizon,
  options: SimulationOptions,
  passCache: PassCache,
  sink: FindingSink,
): EngineNote[] {
  const notes: EngineNote[] = [];
  const plan = planAdvertisement(doc, advertisement, horizon, options, passCache);
  if (!plan) return notes;
  if (plan.runTimeUnknown) {
    notes.push({ kind: 'run-time-unknown', advertisement: advertisement.id, assumedMinutes: plan.runMinutes });
  }
  sink.startSegment(advertisement.id, plan.collection.id);
  for (const assignment of plan.assignments) {
    if (assignment.kind === 'runs') {
      collectFindings(plan.collection, assignment, plan.passes, plan.window, sink);
    } else {
      const { index, event } = assignment;
      notes.push({ kind: 'event-not-simulated', advertisement: advertisement.id, assignment: index, event });
    }
  }
  return notes;
}

/** Each advertisement id's place in code-point order (SPEC §4.1 rule 10). */
export function advertisementRanks(doc: SmsDocument): Map<string, number> {
  const ids = [...new Set(doc.advertisements.map((a) => a.id))].sort(compareCodePoints);
  return new Map(ids.map((id, rank) => [id, rank]));
}
