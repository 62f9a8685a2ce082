/**
 * Inlay hints (issue 12, "readable tokens"): after each `token:` value its meaning in words, and
 * after a wall time written in a zone other than UTC (`at`, `presentTime`, `expirationTime`,
 * `installed`) the UTC instant it stands for. Only items of the model get hints (an item with an
 * error has no meaning to show). Offsets are UTF-16 offsets into the text, like every core span.
 */
import type { Validation } from '../analyze';
import type { Span } from '../diagnostics';
import { locate, type ParsedDocument, type Path } from '../document/parse';
import { MINUTE_MS, fromWallMs, wallMs } from '../engine/time';
import { ZoneClock } from '../engine/zoneClock';
import { describeSchedule } from '../model/describe';
import { formatDate, formatLocalDateTime, formatTime } from '../model/localDateTime';
import { modelLookup } from '../model/lookup';
import type { Assignment, Collection, LocalDateTime, Schedule } from '../model/types';

export interface InlayHint {
  /** Where the hint goes: the end of the value it explains. */
  readonly offset: number;
  readonly label: string;
  readonly tooltip?: string;
}

/** The hints whose offset lies in `range` (ends included), in text order; all of them without one. */
export function inlayHints(validation: Validation, range?: Span): InlayHint[] {
  const { model, parsed } = validation;
  if (!model) return [];
  const hints: InlayHint[] = [];
  const push = (hint: InlayHint | undefined): void => {
    if (hint && (!range || (hint.offset >= range.start && hint.offset <= range.end))) hints.push(hint);
  };

  for (const collection of itemsInRange(parsed, 'collections', model.collections, range)) {
    const path = ['collections', collection.index];
    if (collection.timeZone === 'UTC') continue;
    const installed = collection.installed;
    const walls: [Path, LocalDateTime][] =
      installed.kind === 'exact'
        ? [[[...path, 'installed'], installed.at]]
        : [
            [[...path, 'installed', 'from'], installed.from],
            [[...path, 'installed', 'to'], installed.to],
          ];
    for (const [at, wall] of walls) push(utcHint(parsed, at, wall, collection.timeZone, 'once'));
  }

  const lookup = modelLookup(model);
  for (const advertisement of itemsInRange(parsed, 'advertisements', model.advertisements, range)) {
    const path = ['advertisements', advertisement.index];
    const collection = lookup.collection(advertisement.collection);
    if (!collection) continue;
    const zone = advertisement.gmt ? 'UTC' : collection.timeZone;
    push(utcHint(parsed, [...path, 'presentTime'], advertisement.presentTime, zone, 'once'));
    if (advertisement.expirationTime) {
      push(utcHint(parsed, [...path, 'expirationTime'], advertisement.expirationTime, zone, 'once'));
    }
    advertisement.assignments.forEach((assignment, j) => {
      const item: Path = [...path, 'assignments', j];
      if (assignment.kind !== 'schedule') return;
      if (assignment.source === 'token') {
        push(tokenHint(parsed, [...item, 'token'], assignment, collection));
        return;
      }
      const schedule = assignment.schedules[0];
      const repeats = schedule?.recurrence.kind === 'once' ? 'once' : 'repeats';
      if (schedule) push(utcHint(parsed, [...item, 'at'], schedule.start, zone, repeats));
    });
  }
  return hints.sort((a, b) => a.offset - b.offset);
}

/**
 * The model items (in list order, so in text order) whose YAML item touches `range`: a binary
 * search for the first, so an editor's visible range costs a few lookups, not one per item.
 */
function itemsInRange<T extends { readonly index: number }>(
  parsed: ParsedDocument,
  list: 'collections' | 'advertisements',
  items: readonly T[],
  range: Span | undefined,
): readonly T[] {
  if (!range) return items;
  const spanOf = (item: T): Span => locate(parsed, [list, item.index]);
  let lo = 0;
  let hi = items.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (spanOf(items[mid]!).end < range.start) lo = mid + 1;
    else hi = mid;
  }
  const inside: T[] = [];
  for (let i = lo; i < items.length && spanOf(items[i]!).start <= range.end; i++) inside.push(items[i]!);
  return inside;
}

/** "every Monday at 04:00 local, from 2012-01-01"; the tooltip names the zone and the durations. */
function tokenHint(parsed: ParsedDocument, path: Path, assignment: Assignment, collection: Collection): InlayHint {
  const schedules = assignment.kind === 'schedule' ? assignment.schedules : [];
  const label = schedules.map((s) => describeSchedule(withoutDuration(s), 'local')).join('; ');
  const lines = schedules.map((s) => describeSchedule(s, collection.timeZone));
  if (schedules.some((s) => s.duration && s.duration.days + s.duration.hours + s.duration.minutes > 0)) {
    lines.push('Token durations are kept but do not change runs (SPEC §4).');
  }
  return { offset: locate(parsed, path, 'value').end, label, tooltip: lines.join('\n') };
}

/**
 * "= 05:30 UTC" (with the UTC date when it differs) after a wall time of a zone other than UTC; a
 * wall time in a DST gap or an ambiguous one says, in the tooltip, which instant the engine takes.
 */
function utcHint(
  parsed: ParsedDocument,
  path: Path,
  wall: LocalDateTime,
  zone: string,
  recurrence: 'once' | 'repeats',
): InlayHint | undefined {
  const clock = zone === 'UTC' ? undefined : ZoneClock.of(zone);
  if (!clock) return undefined;
  const written = wallMs(wall);
  const instant = clock.toInstant(written);
  const utc = fromWallMs(instant);
  const label = `= ${formatDate(utc) === formatDate(wall) ? '' : `${formatDate(utc)} `}${formatTime(utc)} UTC`;
  const notes = [`${formatLocalDateTime(wall)} ${zone} is ${formatLocalDateTime(utc)} UTC.`];
  if (clock.toWall(instant) !== written) {
    notes.push('This wall time does not exist there (a DST gap): it moves forward by the gap (SPEC §4).');
  } else if ([30, 60, 120].some((m) => clock.toWall(instant + m * MINUTE_MS) === written)) {
    notes.push('This wall time occurs twice there (DST ends): the earlier instant is taken (SPEC §4).');
  }
  if (recurrence === 'repeats') {
    notes.push('Later runs keep the wall time, so their UTC time follows DST (SPEC §4.1 rule 1).');
  }
  return { offset: locate(parsed, path, 'value').end, label, tooltip: notes.join('\n') };
}

function withoutDuration(schedule: Schedule): Schedule {
  return { start: schedule.start, gmt: schedule.gmt, recurrence: schedule.recurrence };
}
