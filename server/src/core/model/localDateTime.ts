import type { LocalDateTime } from './types';

/** `YYYY-MM-DDTHH:mm` with optional `:00` seconds (SPEC §2); no zone designator, no offset. */
const PATTERN = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::00)?$/;

/** Parses a wall time; undefined when the text is not one or names no real calendar date. */
export function parseLocalDateTime(text: string): LocalDateTime | undefined {
  const match = PATTERN.exec(text);
  if (!match) return undefined;
  const [year, month, day, hour, minute] = match.slice(1).map(Number) as [number, number, number, number, number];
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month) || hour > 23 || minute > 59) return undefined;
  return { year, month, day, hour, minute };
}

export function formatLocalDateTime(t: LocalDateTime): string {
  const p = (n: number, w = 2) => String(n).padStart(w, '0');
  return `${p(t.year, 4)}-${p(t.month)}-${p(t.day)}T${p(t.hour)}:${p(t.minute)}`;
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Orders wall times by their fields (no zone involved). */
export function compareLocalDateTime(a: LocalDateTime, b: LocalDateTime): number {
  return (
    a.year - b.year || a.month - b.month || a.day - b.day || a.hour - b.hour || a.minute - b.minute
  );
}
