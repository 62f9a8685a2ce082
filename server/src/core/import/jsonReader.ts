/**
 * Typed reads of a parsed JSON value with the pointer of each member, for the site export
 * (SPEC §9.1): a wrong JSON type or a missing required member stops the import at its pointer.
 * `null` counts as missing (what a lazy WMI property gives without `Get()`).
 */
import { childPointer } from './pointer';

/** Thrown inside core/import only; `importSiteExport` turns it into a refusal. */
export class ExportProblem extends Error {
  constructor(
    readonly pointer: string,
    message: string,
  ) {
    super(message);
  }
}

export type JsonObject = Readonly<Record<string, unknown>>;

export const isJsonObject = (v: unknown): v is JsonObject => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A JSON type name for messages. */
export function jsonTypeOf(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  if (typeof v === 'object') return 'an object';
  if (typeof v === 'string') return 'a string';
  if (typeof v === 'number') return 'a number';
  if (typeof v === 'boolean') return 'a boolean';
  return typeof v;
}

/** An object member with its pointer; `value` is undefined when missing or null. */
export interface Member {
  readonly pointer: string;
  readonly value: unknown;
}

export function member(obj: JsonObject, base: string, key: string): Member {
  const value = Object.prototype.hasOwnProperty.call(obj, key) ? obj[key] : undefined;
  return { pointer: childPointer(base, key), value: value === null ? undefined : value };
}

export function requireObject(value: unknown, pointer: string, what: string): JsonObject {
  if (!isJsonObject(value))
    throw new ExportProblem(pointer, `${what} must be a JSON object (got ${jsonTypeOf(value)})`);
  return value;
}

export function requireArray(m: Member, what: string): readonly unknown[] {
  if (m.value === undefined) throw new ExportProblem(m.pointer, `${what} is missing (an array is required)`);
  if (!Array.isArray(m.value))
    throw new ExportProblem(m.pointer, `${what} must be an array (got ${jsonTypeOf(m.value)})`);
  return m.value;
}

export function optionalString(m: Member): string | undefined {
  if (m.value === undefined) return undefined;
  if (typeof m.value !== 'string') throw new ExportProblem(m.pointer, `must be a string (got ${jsonTypeOf(m.value)})`);
  return m.value;
}

/** A required identifier: a string that is not empty (ids and names the document must hold). */
export function requireId(m: Member): string {
  const text = optionalString(m);
  if (text === undefined) throw new ExportProblem(m.pointer, 'is missing (required)');
  if (text.trim() === '') throw new ExportProblem(m.pointer, 'is empty (an id or name is required)');
  return text;
}

export function optionalBoolean(m: Member): boolean | undefined {
  if (m.value === undefined) return undefined;
  if (typeof m.value !== 'boolean')
    throw new ExportProblem(m.pointer, `must be true or false (got ${jsonTypeOf(m.value)})`);
  return m.value;
}

/** A whole number 0..2^32-1 (the provider's uint32 properties). */
export function optionalCount(m: Member): number | undefined {
  if (m.value === undefined) return undefined;
  const v = m.value;
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 0 || v > 0xffffffff) {
    const got = typeof v === 'number' ? String(v) : jsonTypeOf(v);
    throw new ExportProblem(m.pointer, `must be a whole number 0..4294967295 (got ${got})`);
  }
  return v;
}
