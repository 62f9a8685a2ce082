/**
 * JSON Schema validation of a parsed document (SPEC §6 code `schema`): ajv's raw errors turned
 * into one human message per offending key or value, each on the exact YAML range.
 */
import type { ErrorObject } from 'ajv';
import type { CoreDiagnostic, Range } from '../diagnostics';
import type { DiagnosticData } from '../diagnosticData';
import type { ParsedDocument, Path } from '../document/parse';
import { closestMatch } from './closestMatch';
import validators, { type GeneratedValidator } from './generated/validators';
import { firstLineRange, ownerRange, rangeAt } from './ranges';
import { SMS_SCHEDULE_SCHEMA, type JsonSchema } from './schema';
import { LISTS, type ListName } from './validatorSet';

export { SMS_SCHEDULE_SCHEMA, schemaDescriptionAt, allowedKeysAt, enumValuesAt } from './schema';

// Compiled ahead of time (see validatorSet.ts): validation runs on every keystroke in the editor.
const validateRoot = validators.root;
const validateItem: Readonly<Record<ListName, GeneratedValidator>> = validators;
const validateDateTime = validators.dateTime;
const validateRolloutWindow = validators.rolloutWindow;

/**
 * ajv's errors for one list item; memoised per item object, which an unchanged piece of an edited
 * document keeps (see `document/incremental.ts`): an edit re-validates only the items it touched.
 */
const itemErrorsCache: Readonly<Record<ListName, WeakMap<object, readonly ErrorObject[]>>> = {
  sites: new WeakMap(),
  collections: new WeakMap(),
  packages: new WeakMap(),
  advertisements: new WeakMap(),
};

function itemErrors(list: ListName, item: unknown): readonly ErrorObject[] {
  const cache = typeof item === 'object' && item !== null ? itemErrorsCache[list] : undefined;
  const cached = cache?.get(item as object);
  if (cached) return cached;
  const validate = validateItem[list];
  const errors = validate(item) ? [] : [...(validate.errors ?? [])];
  cache?.set(item as object, errors);
  return errors;
}

const definitions = SMS_SCHEDULE_SCHEMA.definitions ?? {};
const DATE_TIME = definitions['dateTime'];
const INSTALLED = definitions['collection']?.properties?.['installed'];
const RUN_MINUTES = definitions['program']?.properties?.['estimatedRunMinutes'];
const ASSIGNMENT = definitions['assignment'];
const UTC_DESIGNATOR = DATE_TIME?.allOf?.[0];

/** The schema parts whose errors get a message of their own (a test keeps each one unique). */
export const RECOGNISED_SCHEMA_PARTS: readonly (JsonSchema | undefined)[] = [
  DATE_TIME,
  INSTALLED,
  RUN_MINUTES,
  ASSIGNMENT,
  UTC_DESIGNATOR,
];

/**
 * Whether an error's schema is `known`, one of RECOGNISED_SCHEMA_PARTS. The generated validators
 * carry copies of the schema (their own constants), so parts are compared by content, not
 * identity (anyOf/oneOf, type and pattern errors ask; each schema object is written out once).
 */
function isSchema(schema: unknown, known: JsonSchema | undefined): boolean {
  if (known === undefined || typeof schema !== 'object' || schema === null) return false;
  return schema === known || jsonOf(schema) === jsonOf(known);
}

/** Schemas are constants on both sides: each is written out once. */
const schemaJson = new WeakMap<object, string>();
function jsonOf(schema: object): string {
  let json = schemaJson.get(schema);
  if (json === undefined) {
    json = JSON.stringify(schema);
    schemaJson.set(schema, json);
  }
  return json;
}

const ASSIGNMENT_FORMS = ['event', 'at', 'token'] as const;
const RECURRENCES = ['every', 'weekly', 'monthlyByWeekday', 'monthlyByDate'] as const;
const ASSIGNMENT_FORMS_MESSAGE =
  'An assignment has exactly one form: event, at (with optional every/weekly/monthlyByWeekday/monthlyByDate) or token';

/** Where a message goes: the key, the value, or (for a missing key) the map that lacks it. */
type Anchor = 'key' | 'value' | 'owner';

interface Issue {
  readonly path: Path;
  readonly anchor: Anchor;
  readonly message: string;
  /** Among messages on one range the lowest wins; the collapsed assignment-form message yields to the rest. */
  readonly priority?: number;
  /** What the quick fix for this issue needs. */
  readonly data?: DiagnosticData;
}

export function validateSchema(doc: ParsedDocument): CoreDiagnostic[] {
  // A document that does not parse has no value to validate; its syntax errors say enough.
  if (doc.syntaxDiagnostics.length > 0) return [];
  if (doc.value === null || doc.value === undefined) {
    const required = (SMS_SCHEDULE_SCHEMA.required ?? []).join(', ');
    return [schemaDiagnostic(`The document is empty; required keys: ${required}`, firstLineRange(doc))];
  }
  // The whole schema, in two parts: the document without its list items, then each item against
  // its definition (the messages and ranges are the same; the order is settled by `toDiagnostics`).
  const root = doc.value;
  const issues: Issue[] = validateRoot(root) ? [] : issuesOf(validateRoot.errors ?? [], root, [], doc);
  if (isRecord(root)) {
    for (const list of LISTS) {
      const items = root[list];
      if (!Array.isArray(items)) continue;
      items.forEach((item: unknown, index) => {
        const errors = itemErrors(list, item);
        if (errors.length > 0) issues.push(...issuesOf(errors, item, [list, index], doc));
      });
    }
  }
  return issues.length === 0 ? [] : toDiagnostics(doc, issues);
}

function schemaDiagnostic(message: string, range: Range, data?: DiagnosticData): CoreDiagnostic {
  return data === undefined
    ? { code: 'schema', severity: 'error', message, range }
    : { code: 'schema', severity: 'error', message, range, data };
}

function toDiagnostics(doc: ParsedDocument, issues: readonly Issue[]): CoreDiagnostic[] {
  const seen = new Set<string>();
  const diagnostics: CoreDiagnostic[] = [];
  const byPriority = [...issues].sort((a, b) => (a.priority ?? 0) - (b.priority ?? 0));
  for (const issue of byPriority) {
    const range = issue.anchor === 'owner' ? ownerRange(doc, issue.path) : rangeAt(doc, issue.path, issue.anchor);
    // The first (most specific) message on a range wins; the rest is noise about the same mistake.
    const key = `${range.start.line}:${range.start.character}:${range.end.line}:${range.end.character}`;
    if (seen.has(key)) continue;
    seen.add(key);
    diagnostics.push(schemaDiagnostic(issue.message, range, issue.data));
  }
  return diagnostics.sort(
    (a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character,
  );
}

/**
 * Turns ajv errors (for `value`, found at `base` in the document) into issues. `anyOf`/`oneOf`
 * failures are collapsed: their branch errors are replaced by what the user evidently meant.
 */
function issuesOf(errors: readonly ErrorObject[], value: unknown, base: Path, doc: ParsedDocument): Issue[] {
  const consumed = new Set<ErrorObject>();
  const replacements = new Map<ErrorObject, Issue[]>();
  for (const error of errors) {
    if (error.keyword !== 'anyOf' && error.keyword !== 'oneOf') continue;
    const path = toPath(error.instancePath, value);
    const nodeValue = valueAt(value, path);
    const fullPath = [...base, ...path];
    if (isSchema(error.parentSchema, ASSIGNMENT)) {
      // Only the oneOf's own branches (required/not at this node) are noise; property errors stay.
      const branchErrors = errors.filter(
        (e) =>
          e !== error &&
          e.instancePath === error.instancePath &&
          ['required', 'not', 'anyOf', 'oneOf'].includes(e.keyword),
      );
      branchErrors.forEach((e) => consumed.add(e));
      const notAMap = errors.some((e) => e.instancePath === error.instancePath && e.keyword === 'type');
      replacements.set(error, notAMap ? [] : [assignmentFormIssue(fullPath, nodeValue)]);
    } else {
      // installed / estimatedRunMinutes: everything at or under this node came from the branches.
      errors.filter((e) => e !== error && isWithin(e.instancePath, error.instancePath)).forEach((e) => consumed.add(e));
      replacements.set(error, alternativeIssues(error, fullPath, nodeValue, doc));
    }
  }
  const issues: Issue[] = [];
  for (const error of errors) {
    if (consumed.has(error)) continue;
    const replacement = replacements.get(error);
    issues.push(...(replacement ?? [simpleIssue(error, value, base, doc)]));
  }
  return issues;
}

/** A failed anyOf of value alternatives: validate against the branch the value's type picks. */
function alternativeIssues(error: ErrorObject, path: Path, value: unknown, doc: ParsedDocument): Issue[] {
  const field = fieldName(path);
  if (isSchema(error.parentSchema, INSTALLED)) {
    const branch = typeof value === 'string' ? validateDateTime : isRecord(value) ? validateRolloutWindow : undefined;
    if (branch && !branch(value)) return issuesOf(branch.errors ?? [], value, path, doc);
    return [
      {
        path,
        anchor: 'value',
        message: `${field} must be a date-time (YYYY-MM-DDThh:mm) or a rollout window { from, to } (got ${describe(value)})`,
      },
    ];
  }
  if (isSchema(error.parentSchema, RUN_MINUTES)) {
    const message =
      typeof value === 'string'
        ? `'${value}' is not a run time; use 'unknown' or a whole number of minutes 1..1440`
        : `${field} must be a whole number of minutes between 1 and 1440, or 'unknown' (got ${describe(value)})`;
    return [{ path, anchor: 'value', message }];
  }
  return [{ path, anchor: 'value', message: `${field} does not match any of its allowed forms` }];
}

/** Why an assignment map is not exactly one form, placed on the key that breaks it. */
function assignmentFormIssue(path: Path, value: unknown): Issue {
  const keys = isRecord(value) ? Object.keys(value) : [];
  const forms = keys.filter((key) => (ASSIGNMENT_FORMS as readonly string[]).includes(key));
  const recurrences = keys.filter((key) => (RECURRENCES as readonly string[]).includes(key));
  const [firstForm, secondForm] = forms;
  const [firstRecurrence, secondRecurrence] = recurrences;
  if (secondForm !== undefined) {
    return {
      path: [...path, secondForm],
      anchor: 'key',
      message: `${ASSIGNMENT_FORMS_MESSAGE}; this one has both '${firstForm}' and '${secondForm}'`,
    };
  }
  if (firstForm === undefined && firstRecurrence !== undefined) {
    return {
      path: [...path, firstRecurrence],
      anchor: 'key',
      message: `'${firstRecurrence}' needs 'at' (the start of the schedule). ${ASSIGNMENT_FORMS_MESSAGE}`,
    };
  }
  if (firstForm !== undefined && firstForm !== 'at' && firstRecurrence !== undefined) {
    return {
      path: [...path, firstRecurrence],
      anchor: 'key',
      message: `'${firstRecurrence}' goes with 'at', not with '${firstForm}'. ${ASSIGNMENT_FORMS_MESSAGE}`,
    };
  }
  if (secondRecurrence !== undefined) {
    return {
      path: [...path, secondRecurrence],
      anchor: 'key',
      message: `An assignment has at most one recurrence (every, weekly, monthlyByWeekday or monthlyByDate); this one has both '${firstRecurrence}' and '${secondRecurrence}'`,
    };
  }
  return { path, anchor: 'owner', message: ASSIGNMENT_FORMS_MESSAGE, priority: 1 };
}

/** One ajv error that needs no collapsing. */
function simpleIssue(error: ErrorObject, value: unknown, base: Path, doc: ParsedDocument): Issue {
  const relative = toPath(error.instancePath, value);
  const path = [...base, ...relative];
  const data: unknown = error.data;
  const field = fieldName(path);
  const parent = (error.parentSchema ?? {}) as JsonSchema;
  switch (error.keyword) {
    case 'required': {
      const missing = String((error.params as { missingProperty: string }).missingProperty);
      return { path, anchor: 'owner', message: `Missing required key '${missing}' in ${mapLabel(path, doc.value)}` };
    }
    case 'additionalProperties': {
      const key = String((error.params as { additionalProperty: string }).additionalProperty);
      const allowed = Object.keys(parent.properties ?? {});
      const suggestion = closestMatch(key, allowed);
      const hint = suggestion !== undefined ? `Did you mean '${suggestion}'?` : `Allowed keys: ${allowed.join(', ')}.`;
      return {
        path: [...path, key],
        anchor: 'key',
        message: `Unknown key '${key}' in ${mapLabel(path, doc.value)}. ${hint}`,
        data: {
          kind: 'unknown-key',
          path: [...path, key],
          key,
          ...(suggestion !== undefined ? { suggestion } : {}),
        },
      };
    }
    case 'type':
      return {
        path,
        anchor: 'value',
        message: typeMessage(field, String((error.params as { type: string }).type), data, parent, doc, path),
      };
    case 'enum': {
      const allowed = (error.params as { allowedValues: unknown[] }).allowedValues.map(String).join(', ');
      return {
        path,
        anchor: 'value',
        data: { kind: 'enum-value', path },
        message: `${describe(data)} is not ${ENUM_NOUNS[field] ?? `a valid ${field}`}; use one of ${allowed}`,
      };
    }
    case 'const':
      return { path, anchor: 'value', message: `${field} must be ${String(parent.const)} (got ${describe(data)})` };
    case 'minimum':
    case 'maximum':
      return { path, anchor: 'value', message: boundsMessage(field, parent, data) };
    case 'pattern':
      return { path, anchor: 'value', message: patternMessage(path, data, parent) };
    case 'minLength':
      return { path, anchor: 'value', message: `${field} must not be empty` };
    case 'minItems':
      return {
        path,
        anchor: 'value',
        message: `${field} needs at least ${String((error.params as { limit: number }).limit)} item`,
      };
    case 'maxItems': {
      const limit = Number((error.params as { limit: number }).limit);
      const count = Array.isArray(data) ? data.length : limit + 1;
      // Point at the first item past the limit rather than at the whole list.
      return { path: [...path, limit], anchor: 'value', message: `${field} has at most ${limit} items (got ${count})` };
    }
    default:
      return { path, anchor: 'value', message: `${field} ${error.message ?? 'is not valid'}` };
  }
}

function patternMessage(path: Path, data: unknown, schema: JsonSchema): string {
  if (schema.patternErrorMessage === undefined) return `${describe(data)} is not a valid ${fieldName(path)}`;
  if (path[0] === 'simulation' && isSchema(schema, UTC_DESIGNATOR)) {
    // The horizon start is UTC already: there is no gmt flag to point to.
    return `${describe(data)} has a UTC designator or offset; simulation.from is a UTC wall time written without one`;
  }
  return `${describe(data)} ${schema.patternErrorMessage}`;
}

const ENUM_NOUNS: Readonly<Record<string, string>> = {
  day: 'a day',
  week: 'a week of the month',
  event: 'an event',
  smsVersion: 'an SMS version',
};

const YAML_11_BOOLEANS = new Set([
  'yes',
  'no',
  'on',
  'off',
  'y',
  'n',
  'True',
  'False',
  'TRUE',
  'FALSE',
  'Yes',
  'No',
  'On',
  'Off',
]);

function typeMessage(
  field: string,
  expected: string,
  data: unknown,
  parent: JsonSchema,
  doc: ParsedDocument,
  path: Path,
): string {
  if (path.length === 0) {
    return `The document must be a map with the keys ${Object.keys(SMS_SCHEDULE_SCHEMA.properties ?? {}).join(', ')}`;
  }
  if (isSchema(parent, DATE_TIME)) return `${field} must be a date-time like 2001-03-06T02:00 (got ${describe(data)})`;
  if (isSchema(parent, ASSIGNMENT)) return `${ASSIGNMENT_FORMS_MESSAGE}; write it as a map, e.g. '- event: asap'`;
  switch (expected) {
    case 'string':
      if (typeof data === 'number' || typeof data === 'boolean') {
        // YAML reads `2.0` or an all-digit token as a number: quoting keeps the text as written.
        const source = sourceText(doc, path);
        return `${field} must be text, but YAML reads ${source} as a ${typeof data}; quote it: ${field}: "${source}"`;
      }
      return `${field} must be text (got ${describe(data)})`;
    case 'integer':
      return `${field} must be a whole number (got ${describe(data)})`;
    case 'boolean': {
      const note =
        typeof data === 'string' && YAML_11_BOOLEANS.has(data) ? '; YAML 1.2 reads yes/no/on/off as text' : '';
      return `${field} must be true or false (got ${describe(data)}${note})`;
    }
    case 'object':
      return `${field} must be a map of keys (got ${describe(data)})`;
    case 'array':
      return `${field} must be a list (got ${describe(data)})`;
    default:
      return `${field} must be of type ${expected} (got ${describe(data)})`;
  }
}

function boundsMessage(field: string, schema: JsonSchema, data: unknown): string {
  const got = describe(data);
  if (schema.minimum !== undefined && schema.maximum !== undefined) {
    return `${field} must be between ${schema.minimum} and ${schema.maximum} (got ${got})`;
  }
  if (schema.minimum !== undefined) return `${field} must be at least ${schema.minimum} (got ${got})`;
  return `${field} must be at most ${String(schema.maximum)} (got ${got})`;
}

/** How the user wrote a scalar, for "quote it" advice. */
function sourceText(doc: ParsedDocument, path: Path): string {
  const range = rangeAt(doc, path, 'value');
  return doc.text.slice(doc.lines.offsetAt(range.start), doc.lines.offsetAt(range.end));
}

/** A value as it appears in a message. */
function describe(value: unknown): string {
  if (value === null || value === undefined) return 'nothing';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a map';
  if (typeof value === 'string') return `'${value}'`;
  return String(value);
}

/** What a list item is called, and the key that names it. */
const ITEM_KINDS: Readonly<Record<string, { readonly noun: string; readonly nameKey: string }>> = {
  sites: { noun: 'site', nameKey: 'code' },
  collections: { noun: 'collection', nameKey: 'id' },
  packages: { noun: 'package', nameKey: 'id' },
  programs: { noun: 'program', nameKey: 'name' },
  advertisements: { noun: 'advertisement', nameKey: 'id' },
};

/** "the document", "advertisement LAB20001", "verifyCycle", "assignments[2] of advertisement LAB20001". */
function mapLabel(path: Path, root: unknown): string {
  if (path.length === 0) return 'the document';
  const last = path[path.length - 1];
  if (typeof last !== 'number') return String(last);
  const list = String(path[path.length - 2]);
  const kind = ITEM_KINDS[list];
  const item = valueAt(root, path);
  const name = kind && isRecord(item) ? item[kind.nameKey] : undefined;
  if (kind && (typeof name === 'string' || typeof name === 'number')) {
    return kind.noun === 'program' ? `program '${name}'` : `${kind.noun} ${name}`;
  }
  const owner = path.length > 2 ? ` of ${mapLabel(path.slice(0, -2), root)}` : '';
  return `${list}[${last}]${owner}`;
}

/** The name a value goes by in messages: its key, or `list[i]` for a list item. */
function fieldName(path: Path): string {
  const last = path[path.length - 1];
  if (last === undefined) return 'the document';
  if (typeof last === 'number') return `${String(path[path.length - 2])}[${last}]`;
  return last;
}

/** ajv's JSON-pointer instancePath as a document path (list indexes as numbers). */
function toPath(pointer: string, root: unknown): Path {
  if (pointer === '') return [];
  const path: (string | number)[] = [];
  let node = root;
  for (const raw of pointer.slice(1).split('/')) {
    const segment = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    const key = Array.isArray(node) ? Number(segment) : segment;
    path.push(key);
    node = isRecord(node) || Array.isArray(node) ? (node as Record<string | number, unknown>)[key] : undefined;
  }
  return path;
}

function valueAt(root: unknown, path: Path): unknown {
  let node = root;
  for (const segment of path) {
    node = isRecord(node) || Array.isArray(node) ? (node as Record<string | number, unknown>)[segment] : undefined;
  }
  return node;
}

function isWithin(pointer: string, ancestor: string): boolean {
  return pointer === ancestor || pointer.startsWith(`${ancestor}/`);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
