/**
 * `simulate` with memory: each advertisement's findings and notes are kept with what they were
 * computed from (the advertisement, its collection, site, package and program as model objects,
 * the horizon and the default run time). The model builder reuses the model objects of unchanged
 * items (see `model/build.ts`), so after an edit only the touched advertisements are simulated
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
    // Matched by what the findings are computed from, not by identity: renaming an advertisement,
    // or a comment in its item, makes new model objects with the same simulation inputs.
    const byInputs = new Map<string, AdvertisementFindings>();
    for (const [advertisement, entry] of this.entries) {
      byInputs.set(inputsKey(advertisement, entry.dependencies), entry);
    }
    const kept: AdvertisementFindings[] = [];
    for (const advertisement of doc.advertisements) {
      const entry = byInputs.get(inputsKey(advertisement, dependenciesOf(doc, advertisement, setting)));
      if (entry) kept.push(entry);
    }
    const table = joinSegments(kept);
    return { horizon, ...table.sorted(advertisementRanks(doc)), notes: kept.flatMap((entry) => entry.notes) };
  }

  simulate(doc: SmsDocument, options: SimulationOptions = {}): SimulationResult {
    const horizon = resolveHorizon(doc, options);
    const setting = settingKey(horizon, options);
    const stale: Advertisement[] = [];
    const dependencies = new Map<Advertisement, Dependencies>();
    for (const advertisement of doc.advertisements) {
      const needs = dependenciesOf(doc, advertisement, setting);
      dependencies.set(advertisement, needs);
      const entry = this.entries.get(advertisement);
      if (!entry || !sameDependencies(entry.dependencies, needs)) stale.push(advertisement);
    }
    const fresh = simulateFresh(doc, horizon, options, stale, dependencies);

    const entries = doc.advertisements.map((a) => fresh.entries.get(a) ?? this.entries.get(a)!);
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

/** The stale advertisements through the engine, into one table, each its own segment. */
function simulateFresh(
  doc: SmsDocument,
  horizon: Horizon,
  options: SimulationOptions,
  advertisements: readonly Advertisement[],
  dependencies: ReadonlyMap<Advertisement, Dependencies>,
): { table: FindingTable; entries: Map<Advertisement, AdvertisementFindings> } {
  const passCache: PassCache = new Map();
  const builder = new FindingTableBuilder();
  const simulated = advertisements.map((advertisement) => {
    const before = builder.segmentCount;
    const notes = simulateAdvertisement(doc, advertisement, horizon, options, passCache, builder);
    return { advertisement, notes, segment: builder.segmentCount > before ? before : undefined };
  });
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
