import { daysInMonth, readLocalDateTime } from '../model/localDateTime';

const MONTH_NAMES = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/**
 * Why a date-time that has the right shape is still no calendar date ('2001-02-30'), or
 * undefined. Shape and field-range errors are the schema's pattern's job, not this one's.
 */
export function calendarProblem(text: string): string | undefined {
  const read = readLocalDateTime(text);
  if (!read.ok) return undefined;
  const t = read.value;
  if (t.month < 1 || t.month > 12 || t.day < 1 || t.day > 31 || t.hour > 23 || t.minute > 59) return undefined;
  const last = daysInMonth(t.year, t.month);
  if (t.day <= last) return undefined;
  return `'${text}' is not a calendar date: ${MONTH_NAMES[t.month - 1]} ${t.year} has ${last} days`;
}
