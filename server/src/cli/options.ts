/** Parsers for flag values: each returns the value or throws a UsageError with a clear line. */
import { parseLocalDateTime } from '../core/index';
import { UsageError } from './usageError';

/** `--from`: a UTC wall time like `2001-03-01T00:00` (a trailing `Z` is accepted). */
export function parseFromFlag(text: string): number {
  const wall = parseLocalDateTime(text.endsWith('Z') ? text.slice(0, -1) : text);
  if (!wall) throw new UsageError(`--from: '${text}' is not a date-time like 2001-03-01T00:00 (UTC)`);
  return Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute);
}

/** A whole number in min..max; one message for every bad value, since it says what is accepted. */
export function parseIntegerFlag(flag: string, min: number, max: number): (text: string) => number {
  return (text: string) => {
    const value = /^\d+$/.test(text.trim()) ? Number(text) : Number.NaN;
    if (!(value >= min && value <= max)) {
      throw new UsageError(`${flag}: '${text}' is not a whole number from ${min} to ${max}`);
    }
    return value;
  };
}

export function parseChoice<T extends string>(flag: string, choices: readonly T[]): (text: string) => T {
  return (text: string) => {
    if (!(choices as readonly string[]).includes(text)) {
      throw new UsageError(`${flag}: '${text}' is not one of ${choices.join(', ')}`);
    }
    return text as T;
  };
}
