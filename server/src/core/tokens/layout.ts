/**
 * Bit layout of one 64-bit SMS schedule token (SPEC §5), as two unsigned 32-bit words.
 * `hi` is the first 8 hex digits, `lo` the last 8. One table serves both decoding and encoding.
 */
import type { RecurrenceKind } from '../model/types';

export interface BitField {
  readonly word: 'hi' | 'lo';
  readonly shift: number;
  readonly width: number;
}

export interface TokenWords {
  readonly hi: number;
  readonly lo: number;
}

const field = (word: 'hi' | 'lo', shift: number, width: number): BitField => ({
  word,
  shift,
  width,
});

export const FIELDS = {
  startMinute: field('hi', 26, 6),
  startHour: field('hi', 21, 5),
  startDay: field('hi', 16, 5),
  startMonth: field('hi', 12, 4),
  startYear: field('hi', 6, 6), // stored as year - 1970
  durationMinutes: field('hi', 0, 6),
  durationHours: field('lo', 27, 5),
  durationDays: field('lo', 22, 5),
  type: field('lo', 19, 3),
  gmt: field('lo', 0, 1),
  intervalMinutes: field('lo', 13, 6),
  intervalHours: field('lo', 8, 5),
  intervalDays: field('lo', 3, 5),
  weeklyDay: field('lo', 16, 3), // 1 = Sunday
  weeklyWeeks: field('lo', 13, 3),
  byWeekdayDay: field('lo', 16, 3), // 1 = Sunday
  byWeekdayMonths: field('lo', 12, 4),
  byWeekdayWeek: field('lo', 9, 3), // 0 = last
  byDateDay: field('lo', 14, 5), // 0 = last day of the month
  byDateMonths: field('lo', 10, 4),
} as const;

export const YEAR_BASE = 1970;

/** Token type codes (the `>>19 &7` field). */
export const TYPE_CODES = {
  once: 1,
  interval: 2,
  weekly: 3,
  monthlyByWeekday: 4,
  monthlyByDate: 5,
} as const;

const mask = (f: BitField): number => 2 ** f.width - 1;

/** `>>>` keeps the word unsigned: plain `>>` would sign-extend bit 31. */
export function readField(words: TokenWords, f: BitField): number {
  return (words[f.word] >>> f.shift) & mask(f);
}

/** Builds a token's words from field values; values must already fit their widths. */
export function writeFields(values: readonly (readonly [BitField, number])[]): TokenWords {
  let hi = 0;
  let lo = 0;
  for (const [f, value] of values) {
    const bits = (value & mask(f)) << f.shift;
    if (f.word === 'hi') hi |= bits;
    else lo |= bits;
  }
  // `|` and `<<` yield signed 32-bit results; `>>> 0` turns them back into 0..2^32-1.
  return { hi: hi >>> 0, lo: lo >>> 0 };
}

/** Largest value a field can hold (for encode-range checks). */
export function fieldMax(f: BitField): number {
  return mask(f);
}

/** The type-specific fields each token type uses (SPEC §5); every other low-word bit 1..18 is unused. */
export const KIND_FIELDS: Readonly<Record<RecurrenceKind, readonly BitField[]>> = {
  once: [],
  interval: [FIELDS.intervalMinutes, FIELDS.intervalHours, FIELDS.intervalDays],
  weekly: [FIELDS.weeklyDay, FIELDS.weeklyWeeks],
  monthlyByWeekday: [FIELDS.byWeekdayDay, FIELDS.byWeekdayMonths, FIELDS.byWeekdayWeek],
  monthlyByDate: [FIELDS.byDateDay, FIELDS.byDateMonths],
};

const bitsOf = (fields: readonly BitField[]): number =>
  fields.reduce((bits, f) => (bits | (mask(f) << f.shift)) >>> 0, 0);

/** Low-word bits every type uses the same way (durations, type, GMT); the rest (bits 1..18) depend on the type. */
const COMMON_LO_BITS = bitsOf([FIELDS.durationHours, FIELDS.durationDays, FIELDS.type, FIELDS.gmt]);

/**
 * The low-word bits a token of this kind does not use (SPEC §5 v1.1): decode keeps them, encode
 * writes them back, the engine never reads them. E.g. 0x0007FFFE for a non-recurring token.
 */
export function unusedBitsMask(kind: RecurrenceKind): number {
  return (~COMMON_LO_BITS & ~bitsOf(KIND_FIELDS[kind])) >>> 0;
}

export function wordsToHex(words: TokenWords): string {
  const hex = (w: number): string => w.toString(16).toUpperCase().padStart(8, '0');
  return hex(words.hi) + hex(words.lo);
}

/** `hex` must be exactly 16 hex digits (checked by the caller). */
export function hexToWords(hex: string): TokenWords {
  return {
    hi: Number.parseInt(hex.slice(0, 8), 16),
    lo: Number.parseInt(hex.slice(8, 16), 16),
  };
}
