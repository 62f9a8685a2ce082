/**
 * Bits of a token that its type does not use (SPEC §5 v1.1): how they are written in the JSON form
 * (`"unusedBits": "0x00000008"`), why a value cannot be kept, and what they mean for a hover.
 * Microsoft's layout (the SMS_ST_* classes) gives these bits no field; Microsoft's own tables still
 * contain such a token (Q271181), so the codec keeps them rather than dropping them.
 */
import type { RecurrenceKind, Schedule } from '../model/types';
import { TYPE_CODES, unusedBitsMask } from './layout';

/** The SMS schedule class of each token type (SMS 2.0 Resource Guide, Tables B.35–B.37). */
export const TOKEN_CLASS_NAMES: Readonly<Record<RecurrenceKind, string>> = {
  once: 'SMS_ST_NonRecurring',
  interval: 'SMS_ST_RecurInterval',
  weekly: 'SMS_ST_RecurWeekly',
  monthlyByWeekday: 'SMS_ST_RecurMonthlyByWeekday',
  monthlyByDate: 'SMS_ST_RecurMonthlyByDate',
};

/** "0x00000008": 8 hex digits, the low word's width, as in SPEC §5. */
export function formatUnusedBits(bits: number): string {
  return `0x${(bits >>> 0).toString(16).toUpperCase().padStart(8, '0')}`;
}

const UNUSED_BITS_TEXT = /^0x[0-9a-fA-F]{1,8}$/;

/** Reads the JSON form's `unusedBits` string; undefined when it is not `0x` and 1..8 hex digits. */
export function parseUnusedBits(text: string): number | undefined {
  return UNUSED_BITS_TEXT.test(text) ? Number.parseInt(text.slice(2), 16) : undefined;
}

/** Why `bits` cannot be the unused bits of a token of this kind, or undefined when they can. */
export function unusedBitsProblem(bits: number, kind: RecurrenceKind): string | undefined {
  if (!Number.isInteger(bits) || bits < 0 || bits > 0xffffffff) {
    return `unused bits ${String(bits)} are not a 32-bit value`;
  }
  const allowed = unusedBitsMask(kind);
  const clash = (bits & ~allowed) >>> 0;
  if (clash === 0) return undefined;
  return (
    `unused bits ${formatUnusedBits(bits)} include ${formatUnusedBits(clash)}, which a type ${TYPE_CODES[kind]} ` +
    `(${TOKEN_CLASS_NAMES[kind]}) token uses; its unused bits are ${formatUnusedBits(allowed)}`
  );
}

/** Bit numbers (0 = least significant) set in a 32-bit word, ascending. */
export function bitPositions(bits: number): number[] {
  const positions: number[] = [];
  for (let bit = 0; bit < 32; bit++) if (((bits >>> bit) & 1) === 1) positions.push(bit);
  return positions;
}

/**
 * One hover / report sentence about a schedule's unused bits, or undefined when it has none.
 * Says which part is Microsoft's (the layout, Q271181's token) and which is ours (ignoring them).
 */
export function unusedBitsNote(schedule: Schedule): string | undefined {
  const bits = schedule.unusedBits;
  if (bits === undefined || bits === 0) return undefined;
  const positions = bitPositions(bits);
  const which = `${positions.length === 1 ? 'bit' : 'bits'} ${positions.join(', ')}`;
  const kind = schedule.recurrence.kind;
  return (
    `Unused bits ${formatUnusedBits(bits)} (low word, ${which}): the documented layout of a type ${TYPE_CODES[kind]} ` +
    `token (${TOKEN_CLASS_NAMES[kind]}) gives them no field, and Microsoft documents no meaning for them. ` +
    'They mean nothing for the schedule: the simulation ignores them (our model), and they are kept so the ' +
    "token is written back exactly (SPEC §5). Microsoft's own tables contain such a token: 0001128000080008, " +
    '"since site installation" (SMS 2.0 OfferStatusIntervals, Q271181).'
  );
}
