/**
 * Hovers. Each says what is Microsoft-documented (with its Q-number) and what is our model:
 * - an assignment: plain words and the first runs of the horizon (local and UTC);
 * - a token value: the decoded schedule(s);
 * - a site's verifyCycle: its settings and the next verify passes of each collection of the site;
 * - a key: the schema's description.
 */
import type { Analysis, AnalyzeOptions } from '../analyze';
import { collectionPasses, runsOf } from '../engine/runs';
import { resolveHorizon } from '../engine/simulate';
import { describeAssignment, describeSchedule } from '../model/describe';
import type { Advertisement, Site, SmsDocument } from '../model/types';
import { schemaMarkdownDescriptionAt } from '../schema/schema';
import { acceptHover } from '../accept/acceptHover';
import { resendGuidance } from '../cliverify/resendGuidance';
import { unconfirmedVersionNote } from '../semantics/smsVersionScope';
import { decodeTokens } from '../tokens/codec';
import { unusedBitsNote } from '../tokens/unusedBits';
import { analyzeOptions, type FeatureContext } from './context';
import { nodeAt } from './cursor';
import { localAndUtc } from './timeText';
import type { AnalysisSettings, HoverResult, Position } from './types';

export const HOVER_RUN_COUNT = 5;
export const HOVER_PASS_COUNT = 3;

const MODEL_NOTE = '_Model, not documented by Microsoft._';

export function hover(context: FeatureContext, position: Position, settings: AnalysisSettings): HoverResult | null {
  const validation = context.validation;
  const parsed = validation.parsed;
  const offset = parsed.lines.offsetAt(position);
  // An accept comment (SPEC §6.1) is not a YAML node: it is found by its line.
  if (validation.model !== undefined && /#\s*sms-schedule-accept/.test(lineText(parsed.text, offset))) {
    const accepted = acceptHover(context.analysis(settings), offset);
    if (accepted !== undefined) return { markdown: accepted };
  }
  const at = nodeAt(parsed.yaml.contents, offset);
  if (at === undefined) return null;
  const sections: string[] = [];
  if (at.onKey) {
    const description = schemaMarkdownDescriptionAt(at.path);
    if (description !== undefined) sections.push(description);
  }
  const [list, index, child, assignmentIndex, field] = at.path;
  const needsEngine =
    (list === 'advertisements' && child === 'assignments' && typeof assignmentIndex === 'number') ||
    (list === 'sites' && child === 'verifyCycle');
  if (needsEngine && validation.model !== undefined) {
    const analysis = context.analysis(settings);
    const options = analyzeOptions(settings);
    if (list === 'advertisements' && typeof index === 'number' && typeof assignmentIndex === 'number') {
      if (field === 'token' && !at.onKey && typeof at.scalar === 'string') {
        sections.push(tokenHover(at.scalar, zoneOfAdvertisement(analysis.model, index)));
      }
      sections.push(assignmentHover(analysis, options, index, assignmentIndex));
    } else if (list === 'sites' && typeof index === 'number') {
      sections.push(verifyCycleHover(analysis, options, index));
    }
  } else if (field === 'token' && !at.onKey && typeof at.scalar === 'string') {
    sections.push(tokenHover(at.scalar));
  } else if (list === 'sites' && child === 'smsVersion' && !at.onKey && typeof at.scalar === 'string') {
    const scope = unconfirmedVersionNote(at.scalar);
    if (scope !== undefined) sections.push(scope);
  }
  const text = sections.filter((s) => s !== '').join('\n\n---\n\n');
  if (text === '') return null;
  const range = at.span ? parsed.lines.rangeOf(at.span) : undefined;
  return { markdown: text, ...(range ? { range } : {}) };
}

function lineText(text: string, offset: number): string {
  const start = text.lastIndexOf('\n', offset - 1) + 1;
  const end = text.indexOf('\n', offset);
  return text.slice(start, end < 0 ? text.length : end);
}

/** The decoded token(s), with the layout source (SMS_ST_* classes, documented by Microsoft). */
export function tokenHover(token: string, zone?: string): string {
  const decoded = decodeTokens(token);
  if (!decoded.ok) return `**Schedule token** \`${token}\`: cannot be decoded: ${decoded.reason}`;
  const lines = decoded.schedules.flatMap((s) => {
    const note = unusedBitsNote(s);
    return note === undefined ? [`- ${describeSchedule(s, zone)}`] : [`- ${describeSchedule(s, zone)}`, `  ${note}`];
  });
  return [
    `**Schedule token** \`${token}\` (${decoded.schedules.length === 1 ? '1 schedule' : `${decoded.schedules.length} schedules`}):`,
    ...lines,
    '',
    'Bit layout of the SMS_ST_* schedule token classes (SMS 2.0 Resource Guide; `SMS_ScheduleMethods.ReadFromString`). ' +
      "The token's own GMT flag decides UTC or local time; its duration fields do not change runs.",
  ].join('\n');
}

function zoneOfAdvertisement(model: SmsDocument | undefined, adIndex: number): string | undefined {
  const ad = model ? advertisementAt(model, adIndex) : undefined;
  return model?.collections.find((c) => c.id === ad?.collection)?.timeZone;
}

function advertisementAt(model: SmsDocument, index: number): Advertisement | undefined {
  return model.advertisements.find((a) => a.index === index);
}

function assignmentHover(
  analysis: Analysis,
  options: AnalyzeOptions,
  adIndex: number,
  assignmentIndex: number,
): string {
  const model = analysis.model;
  const ad = model ? advertisementAt(model, adIndex) : undefined;
  const assignment = ad?.assignments[assignmentIndex];
  if (model === undefined || ad === undefined || assignment === undefined) {
    return 'This advertisement has errors; fix them to see its schedule.';
  }
  const collection = model.collections.find((c) => c.id === ad.collection);
  const zone = collection?.timeZone ?? 'UTC';
  const lines = [`**Assignment ${assignmentIndex + 1} of ${ad.id}**: ${describeAssignment(assignment, zone)}`];
  if (assignment.kind === 'event' && assignment.event !== 'asap') {
    lines.push(
      '',
      `A ${assignment.event} assignment runs when users ${assignment.event === 'logon' ? 'log on' : 'log off'}, which cannot be predicted: it is not simulated.`,
    );
    return lines.join('\n');
  }
  const horizon = analysis.simulation?.horizon ?? resolveHorizon(model, options);
  const list = runsOf(model, ad, assignmentIndex, horizon, options, HOVER_RUN_COUNT);
  if (list.runs.length === 0) {
    lines.push('', 'No run starts in the simulated horizon.');
  } else {
    const minutes = Math.round(((list.runs[0]?.end ?? 0) - (list.runs[0]?.start ?? 0)) / 60_000);
    lines.push(
      '',
      `First runs in the horizon (each ${minutes} min${assignment.kind === 'event' ? ', including up to 60 min until the next hourly policy poll' : ''}):`,
    );
    for (const run of list.runs)
      lines.push(`- ${localAndUtc(run.start, ad.gmt && assignment.kind !== 'event' ? 'UTC' : zone)}`);
    if (list.truncated) lines.push('- …');
  }
  const interruptions = analysis.simulation?.interruptions.ofAdvertisement(ad.id, assignmentIndex);
  if (interruptions !== undefined) {
    lines.push(
      '',
      `${interruptions.length} interruption${interruptions.length === 1 ? '' : 's'} by the CCIM verify cycle in the horizon.`,
    );
    if (interruptions.length > 0) lines.push('', resendGuidance());
  }
  lines.push(
    '',
    'Microsoft-documented: a program still running when the verify cycle starts is stopped without a 10006/10007 status and must be resent (Q283130). ' +
      `Run lengths come from the program's estimated run time. When verify passes start is our model. ${MODEL_NOTE}`,
  );
  return lines.join('\n');
}

function verifyCycleHover(analysis: Analysis, options: AnalyzeOptions, siteIndex: number): string {
  const model = analysis.model;
  const site: Site | undefined = model?.sites.find((s) => s.index === siteIndex);
  if (model === undefined || site === undefined) return 'This site has errors; fix them to see its verify cycle.';
  const cycle = site.verifyCycle;
  const scope = unconfirmedVersionNote(site.smsVersion);
  const lines = [
    `**Verify cycle of site ${site.code}** (${site.server}, SMS ${site.smsVersion}, set with Cliverify for SMS ${site.smsVersion})`,
    ...(scope !== undefined ? ['', scope] : []),
    '',
    `- Periodically Verify Client Installation: **${cycle.enabled ? 'on' : 'off'}** (Cliverify checkbox, Q246040)`,
    `- Verify Interval: **${cycle.intervalDays} days** (Cliverify field; default 30 days, Q246040)`,
    `- Pass duration: ${cycle.durationMinutes} min (how long a pass keeps Smsapm32 down: model, not documented by Microsoft)`,
    `- CCIM wake-up cadence: every ${cycle.ccimCycleHours} h from install (Q231232 documents 23 hours)`,
  ];
  if (!cycle.enabled) {
    lines.push('', 'The cycle is disabled: no verify passes, so no interruptions from it.');
    return lines.join('\n');
  }
  const horizon = analysis.simulation?.horizon ?? resolveHorizon(model, options);
  for (const collection of model.collections.filter((c) => c.site === site.code)) {
    const passes = collectionPasses(model, collection.id, horizon, options).slice(0, HOVER_PASS_COUNT);
    lines.push('', `Next verify passes of ${collection.id} (${collection.name}, ${collection.clients} clients):`);
    if (passes.length === 0) lines.push('- none in the horizon');
    for (const pass of passes) {
      const start = localAndUtc(pass.earliest, collection.timeZone);
      lines.push(
        pass.latest === pass.earliest
          ? `- pass ${pass.n}: ${start}`
          : `- pass ${pass.n}: between ${start} and ${localAndUtc(pass.latest, collection.timeZone)} (rollout window)`,
      );
    }
  }
  lines.push(
    '',
    'Microsoft-documented: clients verify every 30 days by default; Cliverify.exe changes or disables this per site server (Q246040); ' +
      'a run hit by the cycle fails silently (Q283130). ' +
      `Pass start times (first CCIM wake-up at or after the previous pass + interval) are our model. ${MODEL_NOTE}`,
  );
  return lines.join('\n');
}
