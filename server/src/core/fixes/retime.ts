/**
 * The re-time quick fix on `verify-interrupts-run` (SPEC §7 v1.1): move one assignment's start by
 * the smallest k × 15 minutes (k = ±1 … ±48, the later time on a tie), applied to the wall-clock
 * value as written, that keeps its date and leaves no interruption of that assignment in the
 * horizon. Only that one assignment is simulated per candidate (its runs against its collection's
 * passes, which are computed once); accepted interruptions (SPEC §6.1) do not count.
 */
import type { Validation } from '../analyze';
import { retimeEdit } from '../edits/retimeEdits';
import type { TextEdit } from '../edits/yamlEdits';
import { collectFindings, type FindingSink } from '../engine/findings';
import { planAdvertisement, type PassCache } from '../engine/runs';
import { resolveHorizon } from '../engine/simulate';
import { fromWallMs, MINUTE_MS, wallMs } from '../engine/time';
import type { Horizon, Interruption, SimulationOptions } from '../engine/types';
import { formatTime } from '../model/localDateTime';
import { modelLookup } from '../model/lookup';
import type { Advertisement, Assignment, LocalDateTime, Schedule, SmsDocument } from '../model/types';

export const RETIME_STEP_MINUTES = 15;
export const RETIME_MAX_STEPS = 48;

/** Whether an interruption is accepted (SPEC §6.1); accepted ones are ignored by the search. */
export type IsAccepted = (interruption: Interruption) => boolean;

const NONE_ACCEPTED: IsAccepted = () => false;

/** The shift the search found, in the model's terms. */
export interface RetimeShift {
  /** k × 15, k = ±1 … ±48 (positive: later). */
  readonly minutes: number;
  /** The new start, a wall time in `zone` (as the value is written). */
  readonly start: LocalDateTime;
  /** The zone the start is written in: "UTC" for a `gmt` advertisement or a GMT token, else the collection's. */
  readonly zone: string;
}

export interface RetimeFix extends RetimeShift {
  /** E.g. "Start LAB20001's assignment at 00:15 America/New_York instead (no interruptions)". */
  readonly title: string;
  /** Replaces only the start value (`at`, or the start digits of a one-schedule token). */
  readonly edit: TextEdit;
}

/**
 * The re-time fix for `assignmentIndex` of the advertisement `advertisementId` (the first with that
 * id, as the engine looks it up), or undefined when the assignment has nothing to move (an event, a
 * token of several schedules), has no unaccepted interruption now, or no shift clears it.
 */
export function retimeFix(
  validation: Validation,
  advertisementId: string,
  assignmentIndex: number,
  options: SimulationOptions = {},
  isAccepted: IsAccepted = NONE_ACCEPTED,
): RetimeFix | undefined {
  const doc = validation.model;
  const advertisement = doc ? modelLookup(doc).advertisement(advertisementId) : undefined;
  if (!doc || !advertisement) return undefined;
  const shift = retimeShift(doc, advertisement, assignmentIndex, options, isAccepted);
  if (!shift) return undefined;
  const assignment = advertisement.assignments[assignmentIndex];
  const source = assignment?.kind === 'schedule' ? assignment.source : undefined;
  if (source === undefined) return undefined;
  const edit = retimeEdit(validation.parsed, advertisement.index, assignmentIndex, source, shift.start);
  if (!edit) return undefined;
  return { ...shift, title: retimeTitle(advertisement.id, shift), edit };
}

export function retimeTitle(advertisementId: string, shift: RetimeShift): string {
  return `Start ${advertisementId}'s assignment at ${formatTime(shift.start)} ${shift.zone} instead (no interruptions)`;
}

/** The one schedule whose start a re-time moves, or undefined (events, several concatenated tokens). */
export function movableSchedule(assignment: Assignment | undefined): Schedule | undefined {
  if (assignment?.kind !== 'schedule' || assignment.schedules.length !== 1) return undefined;
  return assignment.schedules[0];
}

/** Candidate shifts in search order: |k| ascending, the later one first on a tie. */
export function retimeCandidates(): number[] {
  const minutes: number[] = [];
  for (let k = 1; k <= RETIME_MAX_STEPS; k++) minutes.push(k * RETIME_STEP_MINUTES, -k * RETIME_STEP_MINUTES);
  return minutes;
}

/** The model half of `retimeFix`: the shift, without the text edit. */
export function retimeShift(
  doc: SmsDocument,
  advertisement: Advertisement,
  assignmentIndex: number,
  options: SimulationOptions = {},
  isAccepted: IsAccepted = NONE_ACCEPTED,
): RetimeShift | undefined {
  const assignment = advertisement.assignments[assignmentIndex];
  const schedule = movableSchedule(assignment);
  const collection = modelLookup(doc).collection(advertisement.collection);
  if (!schedule || !collection || assignment?.kind !== 'schedule') return undefined;
  // The horizon of the whole document: a candidate must be judged where the diagnostics were.
  const horizon = resolveHorizon(doc, options);
  const passCache: PassCache = new Map();
  const interrupted = (start: LocalDateTime): boolean => {
    const moved: Assignment = { ...assignment, schedules: [{ ...schedule, start }] };
    const candidate: Advertisement = {
      ...advertisement,
      assignments: advertisement.assignments.map((a, i) => (i === assignmentIndex ? moved : a)),
    };
    return hasUnacceptedInterruption(doc, candidate, assignmentIndex, horizon, options, passCache, isAccepted);
  };
  if (!interrupted(schedule.start)) return undefined;

  const original = wallMs(schedule.start);
  for (const minutes of retimeCandidates()) {
    const start = fromWallMs(original + minutes * MINUTE_MS);
    if (!sameDate(start, schedule.start)) continue;
    if (!interrupted(start)) return { minutes, start, zone: schedule.gmt ? 'UTC' : collection.timeZone };
  }
  return undefined;
}

function hasUnacceptedInterruption(
  doc: SmsDocument,
  advertisement: Advertisement,
  assignmentIndex: number,
  horizon: Horizon,
  options: SimulationOptions,
  passCache: PassCache,
  isAccepted: IsAccepted,
): boolean {
  const plan = planAdvertisement(doc, advertisement, horizon, options, passCache);
  const runs = plan?.assignments[assignmentIndex];
  if (!plan || runs?.kind !== 'runs') return false;
  const probe = new UnacceptedInterruptionProbe(isAccepted);
  probe.startSegment(advertisement.id, plan.collection.id);
  collectFindings(plan.collection, runs, plan.passes, plan.window, probe);
  return probe.found;
}

/** Stops at the first interruption the predicate does not accept. */
class UnacceptedInterruptionProbe implements FindingSink {
  found = false;
  private advertisement = '';
  private collection = '';

  constructor(private readonly isAccepted: IsAccepted) {}

  get done(): boolean {
    return this.found;
  }

  startSegment(advertisement: string, collection: string): void {
    this.advertisement = advertisement;
    this.collection = collection;
  }

  addInterruption(
    assignment: number,
    runStart: number,
    runEnd: number,
    verifyEarliest: number,
    verifyLatest: number,
    likelihood: number,
    clientsAtRisk: number,
  ): void {
    const interruption: Interruption = {
      advertisement: this.advertisement,
      collection: this.collection,
      assignment,
      runStart,
      runEnd,
      verifyEarliest,
      verifyLatest,
      likelihood,
      clientsAtRisk,
    };
    if (!this.isAccepted(interruption)) this.found = true;
  }

  addDelay(): void {}
}

function sameDate(a: LocalDateTime, b: LocalDateTime): boolean {
  return a.year === b.year && a.month === b.month && a.day === b.day;
}
