/**
 * Items of one model by id, as the engine and the finding diagnostics look them up: the first
 * item with an id wins (a repeated id is reported as an error elsewhere). Built once per model
 * and kept with it, so a lookup per advertisement costs a map read, not a scan of every
 * collection and package (those grow with the document).
 */
import type { Advertisement, Collection, Package, Program, Site, SmsDocument } from './types';

export interface ModelLookup {
  site(code: string): Site | undefined;
  collection(id: string): Collection | undefined;
  package(id: string): Package | undefined;
  advertisement(id: string): Advertisement | undefined;
  /** The advertisement's program: the first of that name in the first package with its id. */
  program(advertisement: Advertisement): Program | undefined;
  /** The longest numeric `estimatedRunMinutes` of any program; 0 when none has one. */
  readonly longestProgramMinutes: number;
}

const lookups = new WeakMap<SmsDocument, ModelLookup>();

export function modelLookup(doc: SmsDocument): ModelLookup {
  let lookup = lookups.get(doc);
  if (!lookup) {
    lookup = buildLookup(doc);
    lookups.set(doc, lookup);
  }
  return lookup;
}

function buildLookup(doc: SmsDocument): ModelLookup {
  const sites = firstById(doc.sites, (s) => s.code);
  const collections = firstById(doc.collections, (c) => c.id);
  const packages = firstById(doc.packages, (p) => p.id);
  const advertisements = firstById(doc.advertisements, (a) => a.id);
  let longestProgramMinutes = 0;
  for (const pkg of doc.packages) {
    for (const program of pkg.programs) {
      if (typeof program.estimatedRunMinutes === 'number') {
        longestProgramMinutes = Math.max(longestProgramMinutes, program.estimatedRunMinutes);
      }
    }
  }
  return {
    site: (code) => sites.get(code),
    collection: (id) => collections.get(id),
    package: (id) => packages.get(id),
    advertisement: (id) => advertisements.get(id),
    program: (advertisement) =>
      packages.get(advertisement.package)?.programs.find((p) => p.name === advertisement.program),
    longestProgramMinutes,
  };
}

function firstById<T>(items: readonly T[], idOf: (item: T) => string): Map<string, T> {
  const byId = new Map<string, T>();
  for (const item of items) if (!byId.has(idOf(item))) byId.set(idOf(item), item);
  return byId;
}
