/**
 * What the Cliverify configuration adds beyond the current settings (SPEC §7 v1.1, §6.1):
 * per site with unaccepted interruptions, the change that clears them — the "Verify Interval" of
 * the interval quick fix (nearest; on a tie the longer), or clearing "Periodically Verify Client
 * Installation" when no interval from 1 to 365 days does — and the accepted risks, grouped per
 * assignment and accept comment. Both rest on our model of pass times (SPEC §4), not on Microsoft data.
 */
import type { AcceptedFindings } from '../accept/acceptance';
import { DAY_MS } from '../engine/time';
import type { SimulationOptions } from '../engine/types';
import { modelLookup } from '../model/lookup';
import type { SmsDocument } from '../model/types';
import type { AcceptedRisk, CliverifyConfig, SiteAdvice } from './config';
import { nearestSafeInterval } from './fixes';

/**
 * `config` with `advice` and `accepted` filled in. `config` must come from the simulation with
 * accepted findings left out (an `Analysis`' `simulation`), so its counts are the unaccepted ones;
 * `options` are the engine options of that simulation (only `defaultRunMinutes` is read: the
 * horizon is the configuration's).
 */
export function adviseCliverify(
  config: CliverifyConfig,
  doc: SmsDocument,
  accepted: AcceptedFindings,
  options: SimulationOptions = {},
): CliverifyConfig {
  return { ...config, advice: siteAdvice(config, doc, accepted, options), accepted: acceptedRisks(doc, accepted) };
}

/** One item per site with unaccepted interruptions, in document order. */
export function siteAdvice(
  config: CliverifyConfig,
  doc: SmsDocument,
  accepted: AcceptedFindings,
  options: SimulationOptions = {},
): SiteAdvice[] {
  const horizon: SimulationOptions = {
    from: config.horizon.from,
    days: (config.horizon.to - config.horizon.from) / DAY_MS,
    ...(options.defaultRunMinutes !== undefined ? { defaultRunMinutes: options.defaultRunMinutes } : {}),
  };
  const ignore = (advertisement: string, assignment: number) =>
    accepted.isInterruptionAccepted(advertisement, assignment);
  return config.sites
    .filter((site) => site.interruptions.count > 0 && site.periodicallyVerify)
    .map((site): SiteAdvice => {
      const interval = nearestSafeInterval(doc, site.code, horizon, ignore);
      return {
        site: site.code,
        interruptions: site.interruptions.count,
        clears: interval === undefined ? { kind: 'disable' } : { kind: 'interval', intervalDays: interval },
      };
    });
}

/** The accepted findings per advertisement, assignment and accept comment, in first-run order. */
export function acceptedRisks(doc: SmsDocument, accepted: AcceptedFindings): AcceptedRisk[] {
  const lookup = modelLookup(doc);
  const groups = new Map<string, { -readonly [K in keyof AcceptedRisk]: AcceptedRisk[K] }>();
  const groupOf = (f: {
    advertisement: string;
    collection: string;
    assignment: number;
    comment: number;
    runStart: number;
  }) => {
    const key = `${f.advertisement}\u0000${f.assignment}\u0000${f.comment}`;
    let group = groups.get(key);
    if (!group) {
      group = {
        advertisement: f.advertisement,
        name: lookup.advertisement(f.advertisement)?.name ?? f.advertisement,
        collection: f.collection,
        site: lookup.collection(f.collection)?.site ?? '',
        assignment: f.assignment,
        reason: accepted.comments[f.comment]?.reason ?? '',
        interruptions: 0,
        maxClientsAtRisk: 0,
        delays: 0,
        firstRun: f.runStart,
        lastRun: f.runStart,
      };
      groups.set(key, group);
    }
    group.firstRun = Math.min(group.firstRun, f.runStart);
    group.lastRun = Math.max(group.lastRun, f.runStart);
    return group;
  };
  for (const f of accepted.interruptions) {
    const group = groupOf(f);
    group.interruptions++;
    group.maxClientsAtRisk = Math.max(group.maxClientsAtRisk, f.clientsAtRisk);
  }
  for (const f of accepted.delays) groupOf(f).delays++;
  return [...groups.values()].sort((a, b) => a.firstRun - b.firstRun);
}
