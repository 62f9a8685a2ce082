/**
 * The JSON Schema of `*.sms.yaml` (schemas/sms-schedule.schema.json) and lookups into it by
 * document path, for hovers and completion: description, allowed keys, enum values.
 */
import schemaJson from '../../../../schemas/sms-schedule.schema.json';
import type { Path } from '../document/parse';

/** The subset of JSON Schema (draft-07) this project's schema uses. */
export interface JsonSchema {
  readonly $ref?: string;
  readonly type?: string | readonly string[];
  readonly description?: string;
  readonly markdownDescription?: string;
  readonly properties?: Readonly<Record<string, JsonSchema>>;
  readonly required?: readonly string[];
  readonly items?: JsonSchema;
  readonly anyOf?: readonly JsonSchema[];
  readonly oneOf?: readonly JsonSchema[];
  readonly allOf?: readonly JsonSchema[];
  readonly enum?: readonly unknown[];
  readonly const?: unknown;
  readonly minimum?: number;
  readonly maximum?: number;
  readonly pattern?: string;
  /** VS Code's extension keyword; our validator uses it too. */
  readonly patternErrorMessage?: string;
  readonly default?: unknown;
  readonly definitions?: Readonly<Record<string, JsonSchema>>;
  readonly [keyword: string]: unknown;
}

export const SMS_SCHEDULE_SCHEMA: JsonSchema = schemaJson as unknown as JsonSchema;

/** Resolves a local `#/definitions/NAME` reference. */
function resolveRef(ref: string): JsonSchema | undefined {
  const prefix = '#/definitions/';
  if (!ref.startsWith(prefix)) return undefined;
  return SMS_SCHEDULE_SCHEMA.definitions?.[ref.slice(prefix.length)];
}

/**
 * A schema and everything it stands for: itself first (so a description next to a `$ref` wins),
 * then its `$ref` target and its `anyOf`/`oneOf`/`allOf` branches, recursively.
 */
function expand(schema: JsonSchema, into: JsonSchema[] = []): JsonSchema[] {
  if (into.includes(schema)) return into;
  into.push(schema);
  if (schema.$ref !== undefined) {
    const target = resolveRef(schema.$ref);
    if (target) expand(target, into);
  }
  for (const branch of [...(schema.anyOf ?? []), ...(schema.oneOf ?? []), ...(schema.allOf ?? [])])
    expand(branch, into);
  return into;
}

/** Every subschema that applies at `path` (empty when the path leaves the schema). */
export function schemasAt(path: Path): JsonSchema[] {
  let current = expand(SMS_SCHEDULE_SCHEMA);
  for (const segment of path) {
    const next: JsonSchema[] = [];
    for (const schema of current) {
      const child = typeof segment === 'number' ? schema.items : schema.properties?.[segment];
      if (child) expand(child, next);
    }
    current = next;
  }
  return current;
}

/** The hover text of the node at `path`: its description (plain text). */
export function schemaDescriptionAt(path: Path): string | undefined {
  return schemasAt(path).find((schema) => schema.description !== undefined)?.description;
}

/** The Markdown hover text at `path`: `markdownDescription`, else the description. */
export function schemaMarkdownDescriptionAt(path: Path): string | undefined {
  const schemas = schemasAt(path);
  return (
    schemas.find((schema) => schema.markdownDescription !== undefined)?.markdownDescription ?? schemaDescriptionAt(path)
  );
}

/** The keys a map at `path` may have, in schema order. */
export function allowedKeysAt(path: Path): string[] {
  const keys = new Set<string>();
  for (const schema of schemasAt(path)) for (const key of Object.keys(schema.properties ?? {})) keys.add(key);
  return [...keys];
}

/** The keys a map at `path` must have. */
export function requiredKeysAt(path: Path): string[] {
  const keys = new Set<string>();
  for (const schema of schemasAt(path)) if (schema.properties) for (const key of schema.required ?? []) keys.add(key);
  return [...keys];
}

/** The fixed values allowed at `path` (`enum`/`const`), e.g. the weekday names. */
export function enumValuesAt(path: Path): unknown[] {
  const values: unknown[] = [];
  for (const schema of schemasAt(path)) {
    for (const value of schema.enum ?? []) if (!values.includes(value)) values.push(value);
    if (schema.const !== undefined && !values.includes(schema.const)) values.push(schema.const);
  }
  return values;
}

/** The `default` at `path`, if the schema gives one. */
export function defaultValueAt(path: Path): unknown {
  return schemasAt(path).find((schema) => schema.default !== undefined)?.default;
}
