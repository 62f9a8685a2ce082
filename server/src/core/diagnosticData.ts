/**
 * What a quick fix needs, carried by the diagnostic itself (LSP `Diagnostic.data`): fixes are
 * computed from this and the current document, never from message text, so rewording a message
 * cannot silently take a fix away. Plain JSON, so it survives the trip to the editor and back.
 */
import type { Path } from './document/parse';

/** `schema`: a key the schema does not allow here, and the allowed key closest to it, if any. */
export interface UnknownKeyData {
  readonly kind: 'unknown-key';
  /** Path of the unknown key itself (its parent mapping's path + the key). */
  readonly path: Path;
  readonly key: string;
  readonly suggestion?: string;
}

/** `schema`: a value outside an enum; the allowed values are read from the schema at `path`. */
export interface EnumValueData {
  readonly kind: 'enum-value';
  readonly path: Path;
}

/** `unresolved-reference`: the name that does not resolve and the closest defined one, if any. */
export interface UnresolvedReferenceData {
  readonly kind: 'unresolved-reference';
  readonly path: Path;
  readonly name: string;
  readonly suggestion?: string;
}

/** `verify-interrupts-run` / `verify-delays-run`: the assignment and the site whose cycle causes it. */
export interface FindingData {
  readonly kind: 'finding';
  readonly advertisement: string;
  /** 0-based index in `assignments`. */
  readonly assignment: number;
  readonly site: string;
}

export type DiagnosticData = UnknownKeyData | EnumValueData | UnresolvedReferenceData | FindingData;

const isPath = (value: unknown): value is Path =>
  Array.isArray(value) && value.every((part) => typeof part === 'string' || typeof part === 'number');

/** The data back from an editor, checked: clients are free to send anything. */
export function readDiagnosticData(value: unknown): DiagnosticData | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const data = value as Record<string, unknown>;
  const optionalString = (key: string): boolean => data[key] === undefined || typeof data[key] === 'string';
  switch (data['kind']) {
    case 'unknown-key':
      return isPath(data['path']) && typeof data['key'] === 'string' && optionalString('suggestion')
        ? (data as unknown as UnknownKeyData)
        : undefined;
    case 'enum-value':
      return isPath(data['path']) ? (data as unknown as EnumValueData) : undefined;
    case 'unresolved-reference':
      return isPath(data['path']) && typeof data['name'] === 'string' && optionalString('suggestion')
        ? (data as unknown as UnresolvedReferenceData)
        : undefined;
    case 'finding':
      return typeof data['advertisement'] === 'string' &&
        Number.isInteger(data['assignment']) &&
        typeof data['site'] === 'string'
        ? (data as unknown as FindingData)
        : undefined;
    default:
      return undefined;
  }
}
