/**
 * How the advice and the accepted risks of a Cliverify configuration (`advice.ts`) are written:
 * Markdown lines for the Cliverify file and members of the JSON form. Kept apart from
 * `markdown.ts` / `config.ts`, which only call in here.
 */
import { formatInstant } from '../engine/time';
import type { AcceptedRisk, CliverifyConfig, SiteAdvice, SiteCliverify } from './config';

/** The advice line of a site section: what clears its interruptions; none when it has none or none was computed. */
export function adviceMarkdown(config: CliverifyConfig, site: SiteCliverify): string[] {
  const advice = adviceOf(config, site.code);
  if (!advice) return [];
  const them = advice.interruptions === 1 ? 'it' : 'them';
  if (advice.clears.kind === 'interval') {
    return [
      `- To clear ${them}: set **Verify Interval** to **${advice.clears.intervalDays} days** (now ${site.verifyIntervalDays}), ` +
        'the nearest interval with no unaccepted interruption in the horizon (on a tie the longer one; pass times are our model), ' +
        'or clear **Periodically Verify Client Installation**.',
    ];
  }
  return [
    `- To clear ${them}: clear **Periodically Verify Client Installation** (now checked): no **Verify Interval** ` +
      'from 1 to 365 days leaves the horizon free of unaccepted interruptions (pass times are our model).',
  ];
}

/** The "Accepted risks" section, when there are any. */
export function acceptedMarkdown(config: CliverifyConfig, escape: (text: string) => string): string[] {
  const risks = config.accepted ?? [];
  if (risks.length === 0) return [];
  return [
    '## Accepted risks',
    '',
    'Findings accepted with `# sms-schedule-accept` comments in the document (SPEC §6.1, a convention of this tool: ' +
      'the verify cycle can still interrupt these runs). The interruption counts above leave them out.',
    '',
    ...risks.map((r) => `- ${acceptedRiskText(r, escape)}`),
  ];
}

function acceptedRiskText(r: AcceptedRisk, escape: (text: string) => string): string {
  const found = [
    r.interruptions > 0
      ? `${r.interruptions} interruption${r.interruptions === 1 ? '' : 's'} (up to ${r.maxClientsAtRisk} clients at risk per run, model estimate)`
      : '',
    r.delays > 0 ? `${r.delays} delay${r.delays === 1 ? '' : 's'}` : '',
  ].filter((s) => s !== '');
  const runs =
    r.firstRun === r.lastRun
      ? `run starting ${formatInstant(r.firstRun)}`
      : `runs from ${formatInstant(r.firstRun)} to ${formatInstant(r.lastRun)}`;
  return (
    `Site ${r.site}: ${r.advertisement} ${escape(r.name)}, assignment ${r.assignment} (collection ${r.collection}): ` +
    `${found.join(', ')}; ${runs}. Reason: ${r.reason === '' ? '(none given)' : escape(r.reason)}.`
  );
}

/** The `advice` member of a site in the JSON form: the settings that clear its interruptions, or null. */
export function adviceJson(config: CliverifyConfig, site: SiteCliverify): object | null {
  const advice = adviceOf(config, site.code);
  if (!advice) return null;
  return advice.clears.kind === 'interval'
    ? { clears: 'interval', periodicallyVerifyClientInstallation: true, verifyIntervalDays: advice.clears.intervalDays }
    : { clears: 'disable', periodicallyVerifyClientInstallation: false, verifyIntervalDays: site.verifyIntervalDays };
}

/** The `accepted` member of the JSON form (empty when nothing is accepted or it was not computed). */
export function acceptedJson(config: CliverifyConfig): object[] {
  return (config.accepted ?? []).map((r) => ({
    site: r.site,
    advertisement: r.advertisement,
    name: r.name,
    collection: r.collection,
    assignment: r.assignment,
    interruptions: r.interruptions,
    maxClientsAtRisk: r.maxClientsAtRisk,
    delays: r.delays,
    firstRun: formatInstant(r.firstRun),
    lastRun: formatInstant(r.lastRun),
    reason: r.reason,
  }));
}

function adviceOf(config: CliverifyConfig, code: string): SiteAdvice | undefined {
  return config.advice?.find((a) => a.site === code);
}
