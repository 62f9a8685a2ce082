/**
 * `simulate` with memory: each advertisement's findings and notes are kept with what they were
 * computed from (the advertisement, its collection, site, package and program as model objects,
 * the horizon and the default run time). The model builder reuses the model objects of unchanged
 * items (see `model/build.ts`); an item that only moved is found by its content (everything but
 * its index and display names), so after an edit only the touched advertisements are simulated
 * again; the findings of the others are copied, as they are, from the last table into the next
 * one, which is then sorted as `simulate` sorts (SPEC §4.1 rule 10: a linear radix sort over
 * columns). The result equals `simulate(doc, options)`; the property tests check that.
 */
import { FindingTableBuilder, type FindingTable } from '../engine/findingTable';
import { defaultRunMinutes, type PassCache } from '../engine/runs';
import { advertisementRanks, resolveHorizon, simulateAdvertisement } from '../engine/simulate';
import type { EngineNote, Horizon, SimulationOptions, SimulationResult } from '../engine/types';
import { modelLookup } from '../model/lookup';
import type { Advertisement, Collection, Package, Program, Site, SmsDocument } from '../model/types';
import { finish, type Work } from '../work/steps';

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
  /** Where its findings are: a segment of a table (none when the engine had nothing to simulate). */
  readonly table: FindingTable;
  readonly segment: number | undefined;
  readonly notes: readonly EngineNote[];
}

export class SimulationCache {
  private entries = new Map<Advertisement, AdvertisementFindings>();

  /**
   * The last results of the advertisements whose inputs did not change, without simulating
   * anything (and without forgetting anything): what an editor keeps showing after an edit until
   * the engine runs again. Changed or new advertisements have no findings in it.
   */
  carriedOver(doc: SmsDocument, options: SimulationOptions = {}): SimulationResult {
    const horizon = resolveHorizon(doc, options);
    const setting = settingKey(horizon, options);
    const known = this.byInputs();
    const kept: AdvertisementFindings[] = [];
    for (const advertisement of doc.advertisements) {
      const entry = known.get(inputsKey(advertisement, dependenciesOf(doc, advertisement, setting)));
      if (entry) kept.push(entry);
    }
    const table = joinSegments(kept);
    return { horizon, ...table.sorted(advertisementRanks(doc)), notes: kept.flatMap((entry) => entry.notes) };
  }

  simulate(doc: SmsDocument, options: SimulationOptions = {}): SimulationResult {
    return finish(this.simulationSteps(doc, options));
  }

  /**
   * `simulate` in steps, one per advertisement simulated. The cache is replaced only at the end,
   * so abandoned work leaves the last results in place.
   */
  *simulationSteps(doc: SmsDocument, options: SimulationOptions = {}): Work<SimulationResult> {
    const horizon = resolveHorizon(doc, options);
    const setting = settingKey(horizon, options);
    const stale: Advertisement[] = [];
    const dependencies = new Map<Advertisement, Dependencies>();
    const reused = new Map<Advertisement, AdvertisementFindings>();
    let known: Map<string, AdvertisementFindings> | undefined;
    for (const advertisement of doc.advertisements) {
      const needs = dependenciesOf(doc, advertisement, setting);
      dependencies.set(advertisement, needs);
      const same = this.entries.get(advertisement);
      if (same && sameDependencies(same.dependencies, needs)) {
        reused.set(advertisement, same);
        continue;
      }
      // Matched by content, not identity: an item that moved (an advertisement inserted above it)
      // is a new model object with a new index and the same findings.
      known ??= this.byInputs();
      const moved = known.get(inputsKey(advertisement, needs));
      if (moved) reused.set(advertisement, { ...moved, dependencies: needs });
      else stale.push(advertisement);
    }
    const fresh = yield* simulateFresh(doc, horizon, options, stale, dependencies);

    const entries = doc.advertisements.map((a) => fresh.entries.get(a) ?? reused.get(a)!);
    const notes = entries.flatMap((entry) => entry.notes);
    // Every advertisement simulated again, in document order: the fresh table is the table.
    const table = stale.length === entries.length ? fresh.table : joinSegments(entries);
    // Entries point into the new table, so the last one can be collected.
    let segment = 0;
    this.entries = new Map(
      doc.advertisements.map((advertisement, i) => {
        const entry = entries[i]!;
        return [advertisement, { ...entry, table, segment: entry.segment === undefined ? undefined : segment++ }];
      }),
    );
    return { horizon, ...table.sorted(advertisementRanks(doc)), notes };
  }

  /** The cached results by everything they were computed from. */
  private byInputs(): Map<string, AdvertisementFindings> {
    const known = new Map<string, AdvertisementFindings>();
    for (const [advertisement, entry] of this.entries) known.set(inputsKey(advertisement, entry.dependencies), entry);
    return known;
  }
}

/** Model objects are immutable and reused while their text is unchanged: a key is made once per object. */
const contentKeys = new WeakMap<object, string>();

/** The fields that do not change findings (positions, display names) are left out. */
const IGNORED_FIELDS = new Set(['index', 'name', 'server']);

function contentKey(value: object | undefined): string {
  if (value === undefined) return '';
  let key = contentKeys.get(value);
  if (key === undefined) {
    key = JSON.stringify(value, (field, inner: unknown) => (IGNORED_FIELDS.has(field) ? undefined : inner));
    contentKeys.set(value, key);
  }
  return key;
}

/** Everything an advertisement's findings are computed from, as one string. */
function inputsKey(advertisement: Advertisement, needs: Dependencies): string {
  const { collection, site, program } = needs;
  // The advertisement's own id stays in the key (its rows carry it); the program's run time matters, not its name.
  return [
    advertisement.id,
    contentKey(advertisement),
    contentKey(collection),
    contentKey(site),
    program === undefined ? '' : String(program.estimatedRunMinutes),
    needs.setting,
  ].join('\u0000');
}

function settingKey(horizon: Horizon, options: SimulationOptions): string {
  return `${horizon.from}/${horizon.to}/${defaultRunMinutes(options)}`;
}

/** Every advertisement's rows in one table, in document order, as `simulate` produces them. */
function joinSegments(entries: readonly AdvertisementFindings[]): FindingTable {
  const builder = new FindingTableBuilder();
  for (const { table, segment } of entries) if (segment !== undefined) builder.copySegment(table, segment);
  return builder.build();
}

/** The stale advertisements through the engine, into one table, each its own segment; a step after each. */
function* simulateFresh(
  doc: SmsDocument,
  horizon: Horizon,
  options: SimulationOptions,
  advertisements: readonly Advertisement[],
  dependencies: ReadonlyMap<Advertisement, Dependencies>,
): Work<{ table: FindingTable; entries: Map<Advertisement, AdvertisementFindings> }> {
  const passCache: PassCache = new Map();
  const builder = new FindingTableBuilder();
  const simulated: { advertisement: Advertisement; notes: readonly EngineNote[]; segment: number | undefined }[] = [];
  for (const [index, advertisement] of advertisements.entries()) {
    const before = builder.segmentCount;
    const notes = simulateAdvertisement(doc, advertisement, horizon, options, passCache, builder);
    simulated.push({ advertisement, notes, segment: builder.segmentCount > before ? before : undefined });
    yield { stage: 'simulating', done: index + 1, total: advertisements.length };
  }
  const table = builder.build();
  const entries = new Map(
    simulated.map(({ advertisement, notes, segment }): [Advertisement, AdvertisementFindings] => [
      advertisement,
      { dependencies: dependencies.get(advertisement)!, table, segment, notes },
    ]),
  );
  return { table, entries };
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
