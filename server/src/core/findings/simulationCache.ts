/**
 * `simulate` with memory: each advertisement's findings and notes are kept with what they were
 * computed from (the advertisement, its collection, site, package and program as model objects,
 * the horizon and the default run time). The model builder reuses the model objects of unchanged
 * items (see `model/build.ts`), so after an edit only the touched advertisements are simulated
 * again, and their findings are merged into the previous, already sorted lists (SPEC §4.1 rule 10).
 * The result equals `simulate(doc, options)`; the property tests check that.
 */
import { collectFindings, compareCodePoints, FindingSink, findingGroup } from '../engine/findings';
import { defaultRunMinutes, planAdvertisement, type PassCache } from '../engine/runs';
import { resolveHorizon } from '../engine/simulate';
import type { Delay, EngineNote, Horizon, Interruption, SimulationOptions, SimulationResult } from '../engine/types';
import type { Advertisement, Collection, Package, Program, Site, SmsDocument } from '../model/types';

/** What one advertisement's findings depend on, compared by identity. */
interface Dependencies {
  readonly collection: Collection | undefined;
  readonly site: Site | undefined;
  readonly pkg: Package | undefined;
  readonly program: Program | undefined;
  /** Horizon and default run time. */
  readonly setting: string;
}

interface AdvertisementFindings {
  readonly dependencies: Dependencies;
  /** Sorted by rule 10 (within one advertisement: runStart, assignment, verifyEarliest). */
  readonly interruptions: readonly Interruption[];
  readonly delays: readonly Delay[];
  readonly notes: readonly EngineNote[];
}

/** The last result, for merging the next one into it (only when advertisement ids were unique). */
interface Previous {
  readonly setting: string;
  readonly result: SimulationResult;
  readonly uniqueIds: boolean;
}

export class SimulationCache {
  private entries = new Map<Advertisement, AdvertisementFindings>();
  private previous: Previous | undefined;

  simulate(doc: SmsDocument, options: SimulationOptions = {}): SimulationResult {
    const horizon = resolveHorizon(doc, options);
    const setting = `${horizon.from}/${horizon.to}/${defaultRunMinutes(options)}`;
    const lookups = new Lookups(doc);
    const passCache: PassCache = new Map();
    const next = new Map<Advertisement, AdvertisementFindings>();
    const reusedIds = new Set<string>();
    const recomputed: AdvertisementFindings[] = [];
    const ids = new Set<string>();
    const notes: EngineNote[] = [];
    for (const advertisement of doc.advertisements) {
      ids.add(advertisement.id);
      const dependencies = lookups.dependenciesOf(advertisement, setting);
      let entry = this.entries.get(advertisement);
      if (entry && sameDependencies(entry.dependencies, dependencies)) {
        reusedIds.add(advertisement.id);
      } else {
        entry = findingsOf(doc, advertisement, dependencies, horizon, options, passCache);
        recomputed.push(entry);
      }
      next.set(advertisement, entry);
      notes.push(...entry.notes);
    }
    const previous = this.previous;
    this.entries = next;
    const uniqueIds = ids.size === doc.advertisements.length;
    const sorted =
      previous?.setting === setting && previous.uniqueIds && uniqueIds
        ? mergeIntoPrevious(previous.result, reusedIds, recomputed)
        : sortAll(doc, next);
    const result: SimulationResult = { horizon, ...sorted, notes };
    this.previous = { setting, result, uniqueIds };
    return result;
  }
}

/** The first collection/site/package with an id, as the engine finds them. */
class Lookups {
  private readonly collections = new Map<string, Collection>();
  private readonly sites = new Map<string, Site>();
  private readonly packages = new Map<string, Package>();

  constructor(doc: SmsDocument) {
    for (const c of doc.collections) if (!this.collections.has(c.id)) this.collections.set(c.id, c);
    for (const s of doc.sites) if (!this.sites.has(s.code)) this.sites.set(s.code, s);
    for (const p of doc.packages) if (!this.packages.has(p.id)) this.packages.set(p.id, p);
  }

  dependenciesOf(advertisement: Advertisement, setting: string): Dependencies {
    const collection = this.collections.get(advertisement.collection);
    const site = collection ? this.sites.get(collection.site) : undefined;
    const pkg = this.packages.get(advertisement.package);
    const program = pkg?.programs.find((p) => p.name === advertisement.program);
    return { collection, site, pkg, program, setting };
  }
}

function sameDependencies(a: Dependencies, b: Dependencies): boolean {
  return (
    a.collection === b.collection &&
    a.site === b.site &&
    a.pkg === b.pkg &&
    a.program === b.program &&
    a.setting === b.setting
  );
}

/** One advertisement through the engine, as `simulate` does it. */
function findingsOf(
  doc: SmsDocument,
  advertisement: Advertisement,
  dependencies: Dependencies,
  horizon: Horizon,
  options: SimulationOptions,
  passCache: PassCache,
): AdvertisementFindings {
  const notes: EngineNote[] = [];
  const sink = new ProductionOrder();
  const plan = planAdvertisement(doc, advertisement, horizon, options, passCache);
  if (plan) {
    if (plan.runTimeUnknown) {
      notes.push({ kind: 'run-time-unknown', advertisement: advertisement.id, assumedMinutes: plan.runMinutes });
    }
    for (const assignment of plan.assignments) {
      if (assignment.kind === 'runs') {
        // One advertisement: its assignment index is all the group key needs.
        const group = findingGroup(0, assignment.index);
        collectFindings(advertisement, plan.collection, assignment, group, plan.passes, plan.window, sink);
      } else {
        const { index, event } = assignment;
        notes.push({ kind: 'event-not-simulated', advertisement: advertisement.id, assignment: index, event });
      }
    }
  }
  return { dependencies, ...sink.sorted(), notes };
}

/**
 * One advertisement's findings in the order the engine produces them, then sorted stably by
 * (runStart, assignment): the order the engine's full sort gives them among themselves (it sorts
 * by runStart and group stably, and for one run and assignment keeps production order). A plain
 * comparison sort suits these short lists better than the engine's radix sort over all findings.
 */
class ProductionOrder extends FindingSink {
  private readonly produced: { interruptions: Interruption[]; delays: Delay[] } = { interruptions: [], delays: [] };

  override addInterruption(finding: Interruption): void {
    this.produced.interruptions.push(finding);
  }

  override addDelay(finding: Delay): void {
    this.produced.delays.push(finding);
  }

  override sorted(): { interruptions: Interruption[]; delays: Delay[] } {
    const byRunAndAssignment = (a: Interruption | Delay, b: Interruption | Delay): number =>
      a.runStart - b.runStart || a.assignment - b.assignment;
    return {
      interruptions: this.produced.interruptions.sort(byRunAndAssignment),
      delays: this.produced.delays.sort(byRunAndAssignment),
    };
  }
}

/** The previous lists without the findings of advertisements that changed or left, plus the new ones. */
function mergeIntoPrevious(
  previous: SimulationResult,
  reusedIds: ReadonlySet<string>,
  recomputed: readonly AdvertisementFindings[],
): { interruptions: Interruption[]; delays: Delay[] } {
  const kept = <T extends Interruption | Delay>(list: readonly T[]): T[] =>
    list.filter((f) => reusedIds.has(f.advertisement));
  // Stable: findings of one run and assignment keep their order, as in the engine's sort.
  const fresh = <T extends Interruption | Delay>(pick: (e: AdvertisementFindings) => readonly T[]): T[] =>
    recomputed.flatMap(pick).sort(byRunAdvertisementAssignment);
  return {
    interruptions: merge(
      kept(previous.interruptions),
      fresh((e) => e.interruptions),
    ),
    delays: merge(
      kept(previous.delays),
      fresh((e) => e.delays),
    ),
  };
}

/**
 * Two lists sorted by rule 10 into one. Advertisement ids are unique here, so no two findings of
 * different lists compare equal and the order is the one a full sort gives.
 */
function merge<T extends Interruption | Delay>(a: readonly T[], b: readonly T[]): T[] {
  if (b.length === 0) return [...a];
  const merged: T[] = new Array<T>(a.length + b.length);
  let i = 0;
  let j = 0;
  let k = 0;
  while (i < a.length && j < b.length) {
    merged[k++] = byRunAdvertisementAssignment(a[i]!, b[j]!) <= 0 ? a[i++]! : b[j++]!;
  }
  while (i < a.length) merged[k++] = a[i++]!;
  while (j < b.length) merged[k++] = b[j++]!;
  return merged;
}

/** Rule 10 without its last key: for one run and assignment, the engine keeps production order. */
function byRunAdvertisementAssignment(a: Interruption | Delay, b: Interruption | Delay): number {
  return a.runStart - b.runStart || compareCodePoints(a.advertisement, b.advertisement) || a.assignment - b.assignment;
}

/** Every advertisement's findings sorted together, as `simulate` sorts them (ties keep document order). */
function sortAll(
  doc: SmsDocument,
  entries: ReadonlyMap<Advertisement, AdvertisementFindings>,
): { interruptions: Interruption[]; delays: Delay[] } {
  const sink = new FindingSink();
  const ranks = codePointRanks(doc);
  for (const advertisement of doc.advertisements) {
    const entry = entries.get(advertisement)!;
    const rank = ranks.get(advertisement.id)!;
    for (const f of entry.interruptions) sink.addInterruption(f, findingGroup(rank, f.assignment));
    for (const f of entry.delays) sink.addDelay(f, findingGroup(rank, f.assignment));
  }
  return sink.sorted();
}

function codePointRanks(doc: SmsDocument): Map<string, number> {
  const ids = [...new Set(doc.advertisements.map((a) => a.id))].sort(compareCodePoints);
  return new Map(ids.map((id, rank) => [id, rank]));
}
