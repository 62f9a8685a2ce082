/**
 * The model side of the quick fixes on `verify-interrupts-run` (SPEC §7): turn the site's verify
 * cycle off, or find the nearest "Verify Interval" that leaves no interruption in the horizon.
 * The YAML text edits are in `../edits/yamlEdits.ts`.
 */
import type { IgnoredInterruption } from '../engine/findings';
import { hasInterruption, resolveHorizon } from '../engine/simulate';
import type { SimulationOptions } from '../engine/types';
import type { Site, SmsDocument, VerifyCycle } from '../model/types';

export const MIN_INTERVAL_DAYS = 1;
export const MAX_INTERVAL_DAYS = 365;

/** The site's verify cycle with "Periodically Verify Client Installation" cleared. */
export function disableVerifyFix(doc: SmsDocument, siteCode: string): VerifyCycle {
  return { ...siteOf(doc, siteCode).verifyCycle, enabled: false };
}

/**
 * The "Verify Interval" in 1..365 days nearest to the site's current one such that no collection of
 * the site has an interruption in the horizon; undefined when no interval works. The current value
 * is returned when it is already safe (e.g. the cycle is disabled).
 *
 * Ties (d - k and d + k both safe) go to the larger interval: fewer verify passes mean fewer chances
 * to hit runs after the horizon and less client traffic (Q246040: up to 20 MB per client per pass).
 *
 * Only this site's advertisements are simulated (a reduced document); the horizon is fixed first from
 * the whole document so that dropping other advertisements cannot move its default start.
 * Interruptions that `ignore` names (accepted risks, SPEC §6.1) do not count against an interval.
 */
export function nearestSafeInterval(
  doc: SmsDocument,
  siteCode: string,
  options: SimulationOptions = {},
  ignore?: IgnoredInterruption,
): number | undefined {
  const site = siteOf(doc, siteCode);
  const fixedOptions = withFixedHorizonStart(doc, options);
  const reduced = reducedToSite(doc, site);
  if (reduced.advertisements.length === 0) return site.verifyCycle.intervalDays;

  const isSafe = (intervalDays: number): boolean => {
    const candidate: SmsDocument = {
      ...reduced,
      sites: reduced.sites.map((s) =>
        s.code === site.code ? { ...s, verifyCycle: { ...s.verifyCycle, intervalDays } } : s,
      ),
    };
    return !hasInterruption(candidate, fixedOptions, ignore);
  };

  const current = clamp(site.verifyCycle.intervalDays, MIN_INTERVAL_DAYS, MAX_INTERVAL_DAYS);
  for (let k = 0; k <= MAX_INTERVAL_DAYS - MIN_INTERVAL_DAYS; k++) {
    // Larger first: it wins a tie.
    for (const candidate of k === 0 ? [current] : [current + k, current - k]) {
      if (candidate >= MIN_INTERVAL_DAYS && candidate <= MAX_INTERVAL_DAYS && isSafe(candidate)) return candidate;
    }
  }
  return undefined;
}

function siteOf(doc: SmsDocument, siteCode: string): Site {
  const site = doc.sites.find((s) => s.code === siteCode);
  if (!site) throw new Error(`No site ${siteCode} in the document`);
  return site;
}

/**
 * The engine's default horizon start is the earliest presentTime of ALL advertisements (SPEC §4.1
 * rule 9), so it is resolved on the whole document before reducing it.
 */
function withFixedHorizonStart(doc: SmsDocument, options: SimulationOptions): SimulationOptions {
  return { ...options, from: resolveHorizon(doc, options).from };
}

/** The site, its collections, the advertisements to them and the packages those use. */
function reducedToSite(doc: SmsDocument, site: Site): SmsDocument {
  const collections = doc.collections.filter((c) => c.site === site.code);
  const collectionIds = new Set(collections.map((c) => c.id));
  const advertisements = doc.advertisements.filter((a) => collectionIds.has(a.collection));
  const packageIds = new Set(advertisements.map((a) => a.package));
  return {
    ...doc,
    sites: [site],
    collections,
    packages: doc.packages.filter((p) => packageIds.has(p.id)),
    advertisements,
  };
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value));
}
