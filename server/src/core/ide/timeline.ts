/**
 * The simulation timeline of a document (the client draws it): one row per advertisement with its
 * runs, its collection's verify passes and its findings, all as UTC ISO strings.
 */
import type { Analysis } from '../analyze';
import { locate } from '../document/parse';
import { collectionPasses, runsOf, type Run } from '../engine/runs';
import { formatInstant } from '../engine/time';
import { modelLookup } from '../model/lookup';
import { analyzeOptions } from './context';
import type { Timeline, TimelineFinding, TimelineRow } from './timelineTypes';
import { siteVerifyCycles } from './whatIf';
import type { AnalysisSettings } from './types';

/** Runs per timeline row; dense schedules (every minute for a year) are cut here. */
export const TIMELINE_MAX_RUNS_PER_ROW = 2000;

/** An empty timeline that says why there is nothing to show. */
export function errorTimeline(uri: string, version: number | null, error: string): Timeline {
  return {
    uri,
    version,
    horizon: { from: '', to: '' },
    rows: [],
    summary: { interruptions: 0, delays: 0, clientsAtRisk: 0 },
    error,
  };
}

export function timeline(
  uri: string,
  version: number | null,
  analysis: Analysis,
  settings: AnalysisSettings,
): Timeline {
  const { model, simulation, parsed } = analysis;
  if (model === undefined || simulation === undefined) {
    return errorTimeline(uri, version, 'The document has errors; fix them to simulate it.');
  }
  const options = analyzeOptions(settings);
  const horizon = simulation.horizon;
  const passCache = new Map<string, TimelineRow['passes']>();
  const rows = model.advertisements.map((ad): TimelineRow => {
    const collection = modelLookup(model).collection(ad.collection);
    const runs: Run[] = [];
    let truncated = false;
    for (let j = 0; j < ad.assignments.length; j++) {
      const list = runsOf(model, ad, j, horizon, options, TIMELINE_MAX_RUNS_PER_ROW);
      runs.push(...list.runs);
      truncated ||= list.truncated;
    }
    runs.sort((a, b) => a.start - b.start);
    if (runs.length > TIMELINE_MAX_RUNS_PER_ROW) truncated = true;
    let passes = passCache.get(ad.collection);
    if (passes === undefined) {
      passes = collectionPasses(model, ad.collection, horizon, options).map((p) => ({
        earliest: formatInstant(p.earliest),
        latest: formatInstant(p.latest),
        durationMinutes: p.durationMinutes,
      }));
      passCache.set(ad.collection, passes);
    }
    const findings: TimelineFinding[] = [
      ...simulation.interruptions
        .filter((i) => i.advertisement === ad.id)
        .map((i): TimelineFinding => ({
          kind: 'interruption',
          runStart: formatInstant(i.runStart),
          runEnd: formatInstant(i.runEnd),
          verifyEarliest: formatInstant(i.verifyEarliest),
          verifyLatest: formatInstant(i.verifyLatest),
          likelihood: i.likelihood,
          clientsAtRisk: i.clientsAtRisk,
          assignment: i.assignment,
        })),
      ...simulation.delays
        .filter((d) => d.advertisement === ad.id)
        .map((d): TimelineFinding => ({
          kind: 'delay',
          runStart: formatInstant(d.runStart),
          verifyEarliest: formatInstant(d.verifyEarliest),
          verifyLatest: formatInstant(d.verifyLatest),
          assignment: d.assignment,
        })),
    ];
    const target =
      ad.assignments.length > 0 ? ['advertisements', ad.index, 'assignments', 0] : ['advertisements', ad.index];
    return {
      advertisement: ad.id,
      advertisementName: ad.name,
      collection: ad.collection,
      collectionName: collection?.name ?? ad.collection,
      site: collection?.site ?? '',
      location: parsed.lines.positionAt(locate(parsed, target).start),
      runs: runs
        .slice(0, TIMELINE_MAX_RUNS_PER_ROW)
        .map((r) => ({ start: formatInstant(r.start), end: formatInstant(r.end) })),
      runsTruncated: truncated,
      passes,
      findings,
    };
  });
  return {
    uri,
    version,
    horizon: { from: formatInstant(horizon.from), to: formatInstant(horizon.to) },
    rows,
    sites: siteVerifyCycles(model),
    summary: {
      interruptions: simulation.interruptions.length,
      delays: simulation.delays.length,
      clientsAtRisk: simulation.interruptions.toArray().reduce((sum, i) => sum + i.clientsAtRisk, 0),
    },
  };
}
