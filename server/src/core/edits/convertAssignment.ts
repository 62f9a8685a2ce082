/**
 * Code actions (refactor.rewrite) on an assignment item: "Convert to readable schedule" on a
 * `token:` item and "Convert to SMS token" on an `at` item (issue 12). Both are offered only when
 * exact — the runs before and after are identical, and converting back gives the text again
 * (see `readableForm.ts`). Each edit replaces only the item's entries; the `- ` and anything
 * after the last value on its line (a comment) stay.
 */
import type { Validation } from '../analyze';
import type { Span } from '../diagnostics';
import { listItemAt, locate, type ParsedDocument } from '../document/parse';
import type { Advertisement } from '../model/types';
import { readableEntries, readableSchedule, tokenOfReadable } from './readableForm';
import { lineEndingOf, type TextEdit } from './yamlEdits';

export const CONVERT_TO_READABLE_TITLE = 'Convert to readable schedule';
export const CONVERT_TO_TOKEN_TITLE = 'Convert to SMS token';
/** The LSP code action kind these belong to. */
export const CONVERSION_KIND = 'refactor.rewrite';

export interface AssignmentConversion {
  readonly title: typeof CONVERT_TO_READABLE_TITLE | typeof CONVERT_TO_TOKEN_TITLE;
  readonly kind: typeof CONVERSION_KIND;
  /** YAML list indexes of the advertisement and of the assignment. */
  readonly advertisementIndex: number;
  readonly assignmentIndex: number;
  readonly edit: TextEdit;
}

const RECURRENCE_KEYS = ['every', 'weekly', 'monthlyByWeekday', 'monthlyByDate'] as const;

/** The conversions of the assignment items of one advertisement that `span` (offsets) touches. */
export function assignmentConversions(validation: Validation, span: Span): AssignmentConversion[] {
  const { parsed, model } = validation;
  const adIndex = listItemAt(parsed, 'advertisements', span.start);
  const advertisement = model?.advertisements.find((a) => a.index === adIndex);
  if (!advertisement) return [];
  const conversions: AssignmentConversion[] = [];
  advertisement.assignments.forEach((_, j) => {
    const item = locate(parsed, assignmentPath(advertisement.index, j));
    if (item.start > span.end || item.end < span.start) return;
    const conversion = convertAssignment(validation, advertisement.index, j);
    if (conversion) conversions.push(conversion);
  });
  return conversions;
}

/** The one conversion an assignment item offers, if any (only error-free advertisements have one). */
export function convertAssignment(
  validation: Validation,
  advertisementIndex: number,
  assignmentIndex: number,
): AssignmentConversion | undefined {
  const advertisement = validation.model?.advertisements.find((a) => a.index === advertisementIndex);
  const assignment = advertisement?.assignments[assignmentIndex];
  if (!advertisement || assignment?.kind !== 'schedule') return undefined;
  const make = (title: AssignmentConversion['title'], edit: TextEdit | undefined): AssignmentConversion | undefined =>
    edit && { title, kind: CONVERSION_KIND, advertisementIndex, assignmentIndex, edit };
  return assignment.source === 'token'
    ? make(CONVERT_TO_READABLE_TITLE, toReadableEdit(validation.parsed, advertisement, assignmentIndex))
    : make(CONVERT_TO_TOKEN_TITLE, toTokenEdit(validation.parsed, advertisement, assignmentIndex));
}

function toReadableEdit(parsed: ParsedDocument, advertisement: Advertisement, j: number): TextEdit | undefined {
  const path = [...assignmentPath(advertisement.index, j), 'token'];
  const tokenText = itemValue(parsed, advertisement.index, j)?.token;
  const schedule = typeof tokenText === 'string' ? readableSchedule(tokenText, advertisement.gmt) : undefined;
  if (!schedule) return undefined;
  const entry = locate(parsed, path, 'entry');
  return { ...entry, newText: joinEntries(parsed, advertisement.index, j, entry.start, readableEntries(schedule)) };
}

function toTokenEdit(parsed: ParsedDocument, advertisement: Advertisement, j: number): TextEdit | undefined {
  const assignment = advertisement.assignments[j];
  const schedule = assignment?.kind === 'schedule' ? assignment.schedules[0] : undefined;
  const token = schedule && tokenOfReadable(schedule, advertisement.gmt);
  // The token must read back as this very item (it always does when the codec round-trips).
  if (!token || !readableSchedule(token, advertisement.gmt)) return undefined;
  const item = assignmentPath(advertisement.index, j);
  const value = itemValue(parsed, advertisement.index, j) ?? {};
  const present = ['at', ...RECURRENCE_KEYS].filter((key) => key in value);
  const entries = present.map((key) => locate(parsed, [...item, key], 'entry'));
  const start = Math.min(...entries.map((e) => e.start));
  const end = Math.max(...entries.map((e) => e.end));
  // Entries must be next to each other: a comment between them would be lost.
  const between = parsed.text.slice(start, end);
  if (entries.length === 0 || between.includes('#')) return undefined;
  return { start, end, newText: `token: "${token}"` };
}

/** `at` and the recurrence on separate lines at the key's column (block), or `, `-separated (flow). */
function joinEntries(parsed: ParsedDocument, adIndex: number, j: number, keyStart: number, entries: string[]): string {
  const item = locate(parsed, assignmentPath(adIndex, j));
  if (parsed.text.charAt(item.start) === '{') return entries.join(', ');
  const column = parsed.lines.positionAt(keyStart).character;
  return entries.join(lineEndingOf(parsed.text) + ' '.repeat(column));
}

function assignmentPath(adIndex: number, j: number): (string | number)[] {
  return ['advertisements', adIndex, 'assignments', j];
}

/** The assignment item's plain value (what the model was built from). */
function itemValue(parsed: ParsedDocument, adIndex: number, j: number): Record<string, unknown> | undefined {
  let value: unknown = parsed.value;
  for (const segment of assignmentPath(adIndex, j)) {
    value = typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[segment] : undefined;
  }
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}
