/**
 * The Cliverify configuration of a document (SPEC §7): per site, what to enter in the Cliverify
 * dialog, which advertisements to resend by hand, and which hierarchies mix service-pack levels.
 *
 * Microsoft-documented (Q246040, Q283130): Cliverify.exe is a GUI tool run once per site server; its
 * checkbox "Periodically Verify Client Installation" and field "Verify Interval" (days); one build per
 * service-pack level; an interrupted install sends no 10006/10007 status and must be resent.
 * Our model (SPEC §4, not Microsoft fact): the pass duration, the 23-hour CCIM wake-up cadence counted
 * from install, and therefore the time of day a pass starts.
 */
import { resolveHorizon, simulate } from '../engine/simulate';
import { acceptedJson, adviceJson } from './adviceOutput';
import { DAY_MS, formatInstant } from '../engine/time';
import type { Interruption, SimulationOptions, SimulationResult } from '../engine/types';
import type { Site, SmsDocument, SmsVersion } from '../model/types';
import { unconfirmedVersionNote } from '../semantics/smsVersionScope';

export { cliverifyFileName } from './fileName';
export { GENERATED_MARKER, isGeneratedCliverifyFile, renderCliverifyMarkdown } from './markdown';
export { resendGuidance } from './resendGuidance';

export interface CliverifyCollection {
  readonly id: string;
  readonly name: string;
  readonly clients: number;
}

/** An advertisement whose run was interrupted before the horizon: resend it by hand (Q283130). */
export interface ResendItem {
  readonly advertisement: string;
  readonly name: string;
  readonly collection: string;
  /** Interrupted runs between the earliest presentTime and the horizon's `from`. */
  readonly interruptedRuns: number;
  /** Start of the last interrupted run (instant, ms). */
  readonly lastInterruptedRun: number;
}

export interface SiteCliverify {
  readonly code: string;
  readonly server: string;
  readonly parent?: string;
  readonly smsVersion: SmsVersion;
  /** e.g. "Cliverify for SMS 2.0 SP1". */
  readonly cliverifyBuild: string;
  /** Set for SP3 and SP4, levels Q283130 does not list (SPEC §6 v1.1 `unconfirmed-sms-version`). */
  readonly versionNote?: string;
  /** The checkbox "Periodically Verify Client Installation". */
  readonly periodicallyVerify: boolean;
  /** The field "Verify Interval" (days), as the document states it. */
  readonly verifyIntervalDays: number;
  /** Model parameters (not Cliverify settings). */
  readonly model: { readonly durationMinutes: number; readonly ccimCycleHours: number };
  readonly collections: readonly CliverifyCollection[];
  /** Interruptions in the horizon for this site's collections. */
  readonly interruptions: { readonly count: number; readonly clientsAtRisk: number };
  readonly resend: readonly ResendItem[];
}

/** Sites linked by `parent` (a parent missing from the file starts its own hierarchy). */
export interface Hierarchy {
  /** Site codes in document order. */
  readonly sites: readonly string[];
  /** Distinct smsVersion values, in document order of first use. */
  readonly smsVersions: readonly SmsVersion[];
  readonly mixedServicePacks: boolean;
  /** Set when `mixedServicePacks`. */
  readonly note?: string;
}

/** What clears a site's unaccepted interruptions in the horizon (SPEC §7 v1.1). */
export interface SiteAdvice {
  readonly site: string;
  /** Unaccepted interruptions with the current settings. */
  readonly interruptions: number;
  /** The interval of the interval quick fix, or clearing "Periodically Verify Client Installation". */
  readonly clears: { readonly kind: 'interval'; readonly intervalDays: number } | { readonly kind: 'disable' };
}

/** Findings accepted by one accept comment for one assignment (SPEC §6.1). */
export interface AcceptedRisk {
  readonly advertisement: string;
  readonly name: string;
  readonly collection: string;
  readonly site: string;
  readonly assignment: number;
  readonly reason: string;
  readonly interruptions: number;
  /** The most clients at risk in one accepted interruption (model estimate). */
  readonly maxClientsAtRisk: number;
  readonly delays: number;
  /** Starts of the first and last accepted run (instants, ms). */
  readonly firstRun: number;
  readonly lastRun: number;
}

export interface CliverifyConfig {
  readonly horizon: { readonly from: number; readonly to: number };
  /** Start of the window searched for the resend list (earliest presentTime), when non-empty. */
  readonly resendWindowFrom?: number;
  readonly sites: readonly SiteCliverify[];
  readonly hierarchies: readonly Hierarchy[];
  /** Sites with unaccepted interruptions and what clears them, when computed (`advice.ts`). */
  readonly advice?: readonly SiteAdvice[];
  /** Accepted risks, when computed (`advice.ts`); `interruptions` above leave them out. */
  readonly accepted?: readonly AcceptedRisk[];
}

export function cliverifyBuildName(version: SmsVersion): string {
  return `Cliverify for SMS ${version}`;
}

/**
 * `result` is the simulation of `doc` over the horizon the configuration is about. `options` are the
 * options that produced it (only `defaultRunMinutes` matters here, for the resend window).
 */
export function buildCliverifyConfig(
  doc: SmsDocument,
  result: SimulationResult,
  options: SimulationOptions = {},
): CliverifyConfig {
  const siteOfCollection = new Map(doc.collections.map((c) => [c.id, c.site]));
  const before = interruptionsBeforeHorizon(doc, result.horizon.from, options);
  const sites = doc.sites.map((site): SiteCliverify => {
    const inHorizon = result.interruptions.filter((i) => siteOfCollection.get(i.collection) === site.code);
    const resendSource = (before?.interruptions ?? []).filter((i) => siteOfCollection.get(i.collection) === site.code);
    return {
      code: site.code,
      server: site.server,
      ...(site.parent !== undefined ? { parent: site.parent } : {}),
      smsVersion: site.smsVersion,
      cliverifyBuild: cliverifyBuildName(site.smsVersion),
      ...versionNoteOf(site.smsVersion),
      periodicallyVerify: site.verifyCycle.enabled,
      verifyIntervalDays: site.verifyCycle.intervalDays,
      model: { durationMinutes: site.verifyCycle.durationMinutes, ccimCycleHours: site.verifyCycle.ccimCycleHours },
      collections: doc.collections
        .filter((c) => c.site === site.code)
        .map((c) => ({ id: c.id, name: c.name, clients: c.clients })),
      interruptions: { count: inHorizon.length, clientsAtRisk: sum(inHorizon.map((i) => i.clientsAtRisk)) },
      resend: resendList(doc, resendSource),
    };
  });
  return {
    horizon: { from: result.horizon.from, to: result.horizon.to },
    ...(before ? { resendWindowFrom: before.from } : {}),
    sites,
    hierarchies: hierarchiesOf(doc.sites),
  };
}

/**
 * Interruptions of runs that start in [earliest presentTime, horizonFrom): those installs already
 * failed silently. Undefined when that window is empty.
 */
function interruptionsBeforeHorizon(
  doc: SmsDocument,
  horizonFrom: number,
  options: SimulationOptions,
): { from: number; interruptions: readonly Interruption[] } | undefined {
  if (doc.advertisements.length === 0) return undefined;
  // The engine's default horizon start is the earliest presentTime instant (SPEC §4.1 rule 9).
  const withoutFrom: SmsDocument = { ...doc, simulation: {} };
  const earliest = resolveHorizon(withoutFrom).from;
  if (earliest >= horizonFrom) return undefined;
  const days = Math.ceil((horizonFrom - earliest) / DAY_MS);
  const window = simulate(withoutFrom, withDefaultRunMinutes({ from: earliest, days }, options));
  // Whole days may overshoot `horizonFrom`; those runs belong to the horizon itself.
  return { from: earliest, interruptions: window.interruptions.filter((i) => i.runStart < horizonFrom) };
}

function versionNoteOf(version: SmsVersion): { versionNote?: string } {
  const note = unconfirmedVersionNote(version);
  return note === undefined ? {} : { versionNote: note };
}

function withDefaultRunMinutes(base: SimulationOptions, options: SimulationOptions): SimulationOptions {
  return options.defaultRunMinutes !== undefined ? { ...base, defaultRunMinutes: options.defaultRunMinutes } : base;
}

/** One item per advertisement, in document order. */
function resendList(doc: SmsDocument, interruptions: readonly Interruption[]): ResendItem[] {
  const items: ResendItem[] = [];
  for (const ad of doc.advertisements) {
    const own = interruptions.filter((i) => i.advertisement === ad.id);
    if (own.length === 0) continue;
    items.push({
      advertisement: ad.id,
      name: ad.name,
      collection: ad.collection,
      interruptedRuns: new Set(own.map((i) => `${i.assignment}@${i.runStart}`)).size,
      lastInterruptedRun: Math.max(...own.map((i) => i.runStart)),
    });
  }
  return items;
}

function hierarchiesOf(sites: readonly Site[]): Hierarchy[] {
  const byCode = new Map(sites.map((s) => [s.code, s]));
  const rootOf = (site: Site): string => {
    // Follow `parent` links within the file; a cycle (reported elsewhere) stops at the first repeat.
    const seen = new Set<string>();
    let current = site;
    while (current.parent !== undefined && !seen.has(current.code)) {
      seen.add(current.code);
      const parent = byCode.get(current.parent);
      if (!parent) break;
      current = parent;
    }
    return current.code;
  };
  const groups = new Map<string, Site[]>();
  for (const site of sites) {
    const root = rootOf(site);
    groups.set(root, [...(groups.get(root) ?? []), site]);
  }
  return [...groups.values()].map((members): Hierarchy => {
    const smsVersions = [...new Set(members.map((s) => s.smsVersion))];
    const mixed = smsVersions.length > 1;
    return {
      sites: members.map((s) => s.code),
      smsVersions,
      mixedServicePacks: mixed,
      ...(mixed ? { note: mixedServicePackNote(members) } : {}),
    };
  });
}

function mixedServicePackNote(members: readonly Site[]): string {
  const levels = members.map((s) => `${s.code} (${s.smsVersion})`).join(', ');
  return (
    `This hierarchy mixes service-pack levels: ${levels}. Q283130 asks for the Cliverify.exe ` +
    `"specific to the Service Pack level of your site hierarchy"; it does not cover mixed hierarchies, so ` +
    `run on each site server the Cliverify build of that site's own level (our reading).`
  );
}

function sum(values: readonly number[]): number {
  return values.reduce((a, b) => a + b, 0);
}

/**
 * The JSON form (CLI `cliverify --format json`). Stable shape; times are UTC ISO strings with `Z`:
 * {
 *   "horizon": { "from": string, "to": string },
 *   "resendWindowFrom": string | null,
 *   "sites": [ { "code", "server", "parent": string | null, "smsVersion", "cliverifyBuild",
 *                "versionNote": string | null (SP3/SP4: not in Q283130's list),
 *                "periodicallyVerifyClientInstallation": boolean, "verifyIntervalDays": number,
 *                "model": { "durationMinutes", "ccimCycleHours" },
 *                "collections": [ { "id", "name", "clients" } ],
 *                "interruptions": { "count", "clientsAtRisk" },
 *                "resend": [ { "advertisement", "name", "collection", "interruptedRuns", "lastInterruptedRun": string } ],
 *                "advice": { "clears": "interval" | "disable", "periodicallyVerifyClientInstallation": boolean,
 *                            "verifyIntervalDays": number } | null } ],
 *   "hierarchies": [ { "sites": string[], "smsVersions": string[], "mixedServicePacks": boolean, "note": string | null } ],
 *   "accepted": [ { "site", "advertisement", "name", "collection", "assignment", "interruptions", "maxClientsAtRisk",
 *                   "delays", "firstRun": string, "lastRun": string, "reason" } ]
 * }
 */
export function cliverifyJson(config: CliverifyConfig): object {
  return {
    horizon: { from: formatInstant(config.horizon.from), to: formatInstant(config.horizon.to) },
    resendWindowFrom: config.resendWindowFrom !== undefined ? formatInstant(config.resendWindowFrom) : null,
    sites: config.sites.map((s) => ({
      code: s.code,
      server: s.server,
      parent: s.parent ?? null,
      smsVersion: s.smsVersion,
      cliverifyBuild: s.cliverifyBuild,
      versionNote: s.versionNote ?? null,
      periodicallyVerifyClientInstallation: s.periodicallyVerify,
      verifyIntervalDays: s.verifyIntervalDays,
      model: { durationMinutes: s.model.durationMinutes, ccimCycleHours: s.model.ccimCycleHours },
      collections: s.collections.map((c) => ({ id: c.id, name: c.name, clients: c.clients })),
      interruptions: { count: s.interruptions.count, clientsAtRisk: s.interruptions.clientsAtRisk },
      resend: s.resend.map((r) => ({
        advertisement: r.advertisement,
        name: r.name,
        collection: r.collection,
        interruptedRuns: r.interruptedRuns,
        lastInterruptedRun: formatInstant(r.lastInterruptedRun),
      })),
      advice: adviceJson(config, s),
    })),
    hierarchies: config.hierarchies.map((h) => ({
      sites: [...h.sites],
      smsVersions: [...h.smsVersions],
      mixedServicePacks: h.mixedServicePacks,
      note: h.note ?? null,
    })),
    accepted: acceptedJson(config),
  };
}
