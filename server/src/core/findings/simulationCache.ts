/**
 * `simulate` with memory: each advertisement's findings and notes are kept with what they were
 * computed from (the advertisement, its collection, site, package and program as model objects,
 * the horizon and the default run time). The model builder reuses the model objects of unchanged
 * items (see `model/build.ts`), so after an edit only the touched advertisements are simulated
 * again, and their findings are merged into the previous, already sorted lists (SPEC §4.1 rule 10).
 * The result equals `simulate(doc, options)`; the property tests check that.
 */
import { compareCodePoints, FindingSink, findingGroup } from '../engine/findings';
import { defaultRunMinutes, type PassCache } from '../engine/runs';
import { advertisementRanks, resolveHorizon, simulateAdvertisement } from '../engine/simulate';
import type { Delay, EngineNote, Horizon, Interruption, SimulationOptions, SimulationResult } from '../engine/types';
import { modelLookup } from '../model/lookup';
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

/**
 * From this many advertisements to simulate on, they go through the engine together (one radix
 * sort, as `simulate` does) and their lists are then split per advertisement; fewer are simulated
 * one by one and merged into the previous result.
 */
const TOGETHER_MIN = 64;

export class SimulationCache {
  private entries = new Map<Advertisement, AdvertisementFindings>();
  private previous: Previous | undefined;

  simulate(doc: SmsDocument, options: SimulationOptions = {}): SimulationResult {
    const horizon = resolveHorizon(doc, options);
    const setting = `${horizon.from}/${horizon.to}/${defaultRunMinutes(options)}`;
    const uniqueIds = new Set(doc.advertisements.map((a) => a.id)).size === doc.advertisements.length;
    const stale: Advertisement[] = [];
    const dependencies = new Map<Advertisement, Dependencies>();
    const reusedIds = new Set<string>();
    for (const advertisement of doc.advertisements) {
      const needs = dependenciesOf(doc, advertisement, setting);
      dependencies.set(advertisement, needs);
      const entry = this.entries.get(advertisement);
      if (entry && sameDependencies(entry.dependencies, needs)) reusedIds.add(advertisement.id);
      else stale.push(advertisement);
    }
    const context: EngineContext = { doc, horizon, options, passCache: new Map() };
    const together = uniqueIds && stale.length >= TOGETHER_MIN;
    const fresh = together ? findingsTogether(context, stale, dependencies) : undefined;
    const recomputed = new Map<Advertisement, AdvertisementFindings>(
      fresh?.entries ?? stale.map((a) => [a, findingsOf(context, a, dependencies.get(a)!)]),
    );

    const next = new Map<Advertisement, AdvertisementFindings>();
    const notes: EngineNote[] = [];
    for (const advertisement of doc.advertisements) {
      const entry = recomputed.get(advertisement) ?? this.entries.get(advertisement)!;
      next.set(advertisement, entry);
      notes.push(...entry.notes);
    }
    const previous = this.previous;
    this.entries = next;
    let sorted: { interruptions: Interruption[]; delays: Delay[] };
    if (fresh && stale.length === doc.advertisements.length) {
      // Everything was simulated together: already the engine's order.
      sorted = fresh.sorted;
    } else if (previous?.setting === setting && previous.uniqueIds && uniqueIds) {
      sorted = mergeIntoPrevious(previous.result, reusedIds, fresh?.sorted ?? sortFresh([...recomputed.values()]));
    } else {
      sorted = sortAll(doc, next);
    }
    const result: SimulationResult = { horizon, ...sorted, notes };
    this.previous = { setting, result, uniqueIds };
    return result;
  }
}

/** What every advertisement's simulation shares within one `simulate` call. */
interface EngineContext {
  readonly doc: SmsDocument;
  readonly horizon: Horizon;
  readonly options: SimulationOptions;
  readonly passCache: PassCache;
}

/** What one advertisement's findings depend on, found as the engine finds them (`modelLookup`). */
function dependenciesOf(doc: SmsDocument, advertisement: Advertisement, setting: string): Dependencies {
  const lookup = modelLookup(doc);
  const collection = lookup.collection(advertisement.collection);
  const site = collection ? lookup.site(collection.site) : undefined;
  return {
    collection,
    site,
    pkg: lookup.package(advertisement.package),
    program: lookup.program(advertisement),
    setting,
  };
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
  context: EngineContext,
  advertisement: Advertisement,
  dependencies: Dependencies,
): AdvertisementFindings {
  const { doc, horizon, options, passCache } = context;
  const sink = new ProductionOrder();
  // One advertisement: its assignment index is all the group key needs (rank 0).
  const notes = simulateAdvertisement(doc, advertisement, horizon, options, passCache, sink, 0);
  return { dependencies, ...sink.sorted(), notes };
}

/**
 * Many advertisements through the engine at once, as `simulate` does it (group keys from their
 * ranks in the whole document, one radix sort); the sorted lists are then split per
 * advertisement, which keeps each one's findings in its own engine order. Ids must be unique.
 */
function findingsTogether(
  context: EngineContext,
  advertisements: readonly Advertisement[],
  dependencies: ReadonlyMap<Advertisement, Dependencies>,
): { entries: [Advertisement, AdvertisementFindings][]; sorted: { interruptions: Interruption[]; delays: Delay[] } } {
  const { doc, horizon, options, passCache } = context;
  const ranks = advertisementRanks(doc);
  const sink = new FindingSink();
  const notes = advertisements.map((advertisement) =>
    simulateAdvertisement(doc, advertisement, horizon, options, passCache, sink, ranks.get(advertisement.id)!),
  );
  const sorted = sink.sorted();
  const lists = new Map<string, { interruptions: Interruption[]; delays: Delay[] }>();
  const listOf = (id: string): { interruptions: Interruption[]; delays: Delay[] } => {
    let list = lists.get(id);
    if (!list) lists.set(id, (list = { interruptions: [], delays: [] }));
    return list;
  };
  for (const f of sorted.interruptions) listOf(f.advertisement).interruptions.push(f);
  for (const f of sorted.delays) listOf(f.advertisement).delays.push(f);
  const entries = advertisements.map((advertisement, i): [Advertisement, AdvertisementFindings] => [
    advertisement,
    { dependencies: dependencies.get(advertisement)!, ...listOf(advertisement.id), notes: notes[i]! },
  ]);
  return { entries, sorted };
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

/** The findings of advertisements simulated one by one, in rule-10 order (stable, as the engine keeps them). */
function sortFresh(recomputed: readonly AdvertisementFindings[]): { interruptions: Interruption[]; delays: Delay[] } {
  return {
    interruptions: recomputed.flatMap((e) => e.interruptions).sort(byRunAdvertisementAssignment),
    delays: recomputed.flatMap((e) => e.delays).sort(byRunAdvertisementAssignment),
  };
}

/** The previous lists without the findings of advertisements that changed or left, merged with the fresh ones. */
function mergeIntoPrevious(
  previous: SimulationResult,
  reusedIds: ReadonlySet<string>,
  fresh: { readonly interruptions: readonly Interruption[]; readonly delays: readonly Delay[] },
): { interruptions: Interruption[]; delays: Delay[] } {
  const kept = <T extends Interruption | Delay>(list: readonly T[]): T[] =>
    list.filter((f) => reusedIds.has(f.advertisement));
  return {
    interruptions: merge(kept(previous.interruptions), fresh.interruptions),
    delays: merge(kept(previous.delays), fresh.delays),
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
  const ranks = advertisementRanks(doc);
  for (const advertisement of doc.advertisements) {
    const entry = entries.get(advertisement)!;
    const rank = ranks.get(advertisement.id)!;
    for (const f of entry.interruptions) sink.addInterruption(f, findingGroup(rank, f.assignment));
    for (const f of entry.delays) sink.addDelay(f, findingGroup(rank, f.assignment));
  }
  return sink.sorted();
}
