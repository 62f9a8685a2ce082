/** The "Decode Schedule Token" command: a token in words and as the document's JSON form (SPEC §5). */
import { describeSchedule } from '../model/describe';
import { decodeTokens } from '../tokens/codec';
import { schedulesToJson } from '../tokens/json';

export type TokenDecoding =
  | { readonly ok: true; readonly description: string; readonly json: unknown }
  | { readonly ok: false; readonly reason: string };

export function decodeToken(token: unknown): TokenDecoding {
  if (typeof token !== 'string') return { ok: false, reason: 'expected a token string' };
  const decoded = decodeTokens(token.trim());
  if (!decoded.ok) return { ok: false, reason: decoded.reason };
  return {
    ok: true,
    description: decoded.schedules.map((s) => describeSchedule(s)).join('; '),
    json: schedulesToJson(decoded.schedules),
  };
}
