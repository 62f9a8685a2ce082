/**
 * Where a finding's assignment is written (`FILE:LINE:COLUMN`, 1-based as editors and compilers
 * print it) and in which zone the document writes its times, for the rows of the text report.
 */
import { locate, modelLookup, type Analysis, type Assignment } from '../core/index';

export interface AssignmentPlace {
  /** `FILE:LINE:COLUMN` of the assignment's list item. */
  readonly where: string;
  /** The zone its times are written in: UTC for a `gmt` advertisement or a GMT token, else the collection's. */
  readonly zone: string;
}

export type AssignmentPlaces = (advertisement: string, assignment: number) => AssignmentPlace;

/** Places of one checked file, looked up once per assignment (a horizon has many runs of each). */
export function assignmentPlaces(file: string, analysis: Analysis): AssignmentPlaces {
  const places = new Map<string, AssignmentPlace>();
  const lookup = analysis.model ? modelLookup(analysis.model) : undefined;
  return (advertisement, assignment) => {
    const key = `${advertisement}\u0000${assignment}`;
    let place = places.get(key);
    if (!place) {
      const ad = lookup?.advertisement(advertisement);
      const collectionZone = (ad && lookup?.collection(ad.collection)?.timeZone) ?? 'UTC';
      const span = locate(analysis.parsed, ['advertisements', ad?.index ?? 0, 'assignments', assignment]);
      const { line, character } = analysis.parsed.lines.rangeOf(span).start;
      place = {
        where: `${file}:${line + 1}:${character + 1}`,
        zone: writtenInUtc(ad?.assignments[assignment], ad?.gmt ?? false) ? 'UTC' : collectionZone,
      };
      places.set(key, place);
    }
    return place;
  };
}

/** SPEC §4.1 rule 3: a token's own GMT bit decides for it; the advertisement's `gmt` for the rest. */
function writtenInUtc(assignment: Assignment | undefined, advertisementGmt: boolean): boolean {
  if (assignment?.kind === 'schedule' && assignment.source === 'token') {
    return assignment.schedules.every((s) => s.gmt);
  }
  return advertisementGmt;
}
