/**
 * What the text report's rows say about a finding's assignment: where it is written
 * (`FILE:LINE:COLUMN`, 1-based as editors and compilers print it), the zone the document writes
 * its times in, and whether its run length is assumed.
 */
import { locate, modelLookup, type Analysis, type Assignment } from '../core/index';

export interface AssignmentContext {
  /** `FILE:LINE:COLUMN` of the assignment's list item. */
  readonly where: string;
  /** The zone its times are written in: UTC for a `gmt` advertisement or a GMT token, else the collection's. */
  readonly zone: string;
  /** The program's run time is `unknown`: the run lasts the assumed `defaultRunMinutes` (our model). */
  readonly runTimeAssumed: boolean;
}

export type AssignmentContexts = (advertisement: string, assignment: number) => AssignmentContext;

/** Contexts of one checked file, looked up once per assignment (a horizon has many runs of each). */
export function assignmentContexts(file: string, analysis: Analysis): AssignmentContexts {
  const cache = new Map<string, AssignmentContext>();
  const lookup = analysis.model ? modelLookup(analysis.model) : undefined;
  return (advertisement, assignment) => {
    const key = `${advertisement}\u0000${assignment}`;
    let context = cache.get(key);
    if (!context) {
      const ad = lookup?.advertisement(advertisement);
      const collectionZone = (ad && lookup?.collection(ad.collection)?.timeZone) ?? 'UTC';
      const span = locate(analysis.parsed, ['advertisements', ad?.index ?? 0, 'assignments', assignment]);
      const { line, character } = analysis.parsed.lines.rangeOf(span).start;
      context = {
        where: `${file}:${line + 1}:${character + 1}`,
        zone: writtenInUtc(ad?.assignments[assignment], ad?.gmt ?? false) ? 'UTC' : collectionZone,
        runTimeAssumed: ad !== undefined && lookup?.program(ad)?.estimatedRunMinutes === 'unknown',
      };
      cache.set(key, context);
    }
    return context;
  };
}

/** SPEC §4.1 rule 3: a token's own GMT bit decides for it; the advertisement's `gmt` for the rest. */
function writtenInUtc(assignment: Assignment | undefined, advertisementGmt: boolean): boolean {
  if (assignment?.kind === 'schedule' && assignment.source === 'token') {
    return assignment.schedules.every((s) => s.gmt);
  }
  return advertisementGmt;
}
