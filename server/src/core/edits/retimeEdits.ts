/**
 * The text edit of the re-time fix (SPEC §7 v1.1): the assignment's start changes its time of day
 * only (the date is kept), so the edit rewrites the `HH:MM` of the `at` value, or the start
 * hour/minute bits of a one-schedule token, and nothing else (quotes, seconds, letter case and
 * the token's other bits stay as written).
 */
import { locate, type ParsedDocument } from '../document/parse';
import { formatLocalDateTime, formatTime } from '../model/localDateTime';
import type { LocalDateTime } from '../model/types';
import { FIELDS, fieldMax, hexToWords, wordsToHex, type BitField, type TokenWords } from '../tokens/layout';
import type { TextEdit } from './yamlEdits';

/** `at` as written: optional quotes, the date, `T`, the time, optional `:00` seconds. */
const AT_TEXT = /^(["']?)\d{4}-\d{2}-\d{2}T(\d{2}:\d{2})(?::00)?\1$/;
/** One 16-digit token as written, optionally quoted and padded with blanks (the codec trims). */
const TOKEN_TEXT = /^(["']?)(\s*)([0-9A-Fa-f]{16})\s*\1$/;

/**
 * The edit that gives `advertisements[adIndex].assignments[assignmentIndex]` the start `start`
 * (same date as now); undefined when the value is not where the model says.
 */
export function retimeEdit(
  parsed: ParsedDocument,
  adIndex: number,
  assignmentIndex: number,
  source: 'form' | 'token',
  start: LocalDateTime,
): TextEdit | undefined {
  const key = source === 'form' ? 'at' : 'token';
  const span = locate(parsed, ['advertisements', adIndex, 'assignments', assignmentIndex, key], 'value');
  const raw = parsed.text.slice(span.start, span.end);
  if (source === 'form') {
    const m = AT_TEXT.exec(raw);
    if (m) {
      const timeAt = span.start + (m[1] ?? '').length + 'YYYY-MM-DDT'.length;
      return { start: timeAt, end: timeAt + 5, newText: formatTime(start) };
    }
    // Written some other way (escapes in a quoted scalar): the whole value, plain.
    return { start: span.start, end: span.end, newText: formatLocalDateTime(start) };
  }
  const m = TOKEN_TEXT.exec(raw);
  if (!m) return undefined;
  const hex = m[3] ?? '';
  const digitsAt = span.start + (m[1] ?? '').length + (m[2] ?? '').length;
  const moved = withStartTime(hex, start);
  // The hour and minute bits lie in the first word: only its 8 digits can change.
  return { start: digitsAt, end: digitsAt + 8, newText: moved.slice(0, 8) };
}

/** `hex` (one token) with its start hour and minute replaced, in the letter case of `hex`. */
export function withStartTime(hex: string, start: LocalDateTime): string {
  const words = replaceFields(hexToWords(hex), [
    [FIELDS.startHour, start.hour],
    [FIELDS.startMinute, start.minute],
  ]);
  const upper = wordsToHex(words);
  return /[a-f]/.test(hex) ? upper.toLowerCase() : upper;
}

/** Words with the given fields overwritten and every other bit kept. */
function replaceFields(words: TokenWords, values: readonly (readonly [BitField, number])[]): TokenWords {
  let { hi, lo } = words;
  for (const [field, value] of values) {
    const mask = fieldMax(field) << field.shift;
    const bits = (value & fieldMax(field)) << field.shift;
    // `>>> 0`: bitwise results are signed 32-bit; words are unsigned.
    if (field.word === 'hi') hi = ((hi & ~mask) | bits) >>> 0;
    else lo = ((lo & ~mask) | bits) >>> 0;
  }
  return { hi, lo };
}
