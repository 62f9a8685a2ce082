/**
 * What the JSON Schema is compiled into, and how: the ajv options and the validators (the
 * document without its list items, one per list item definition, two sub-definitions that the
 * messages validate again). `scripts/generate-validators.ts` compiles them ahead of time into
 * `generated/validators.js` (ajv's standalone code): the server answers `initialize` in about
 * 195 ms instead of 310 ms and starts at 57 MB of RSS instead of 69 MB (the CLI gains as much);
 * a test checks that file is current (regenerate after a schema change or an ajv upgrade).
 */
import type { Options } from 'ajv';
import { SMS_SCHEDULE_SCHEMA, type JsonSchema } from './schema';

/** `verbose` puts `parentSchema` and `data` on each error: the messages read both. */
export const AJV_OPTIONS = { allErrors: true, strict: false, verbose: true } as const satisfies Options;

export const SCHEMA_ID = String(SMS_SCHEDULE_SCHEMA.$id);

/** The top-level lists, validated item by item (an edit re-validates only the items it touched). */
export const LISTS = ['sites', 'collections', 'packages', 'advertisements'] as const;
export type ListName = (typeof LISTS)[number];

export type ValidatorName = 'root' | ListName | 'dateTime' | 'rolloutWindow';

/**
 * The document schema without the item schemas of the top-level lists (the lists' own type and
 * length are still checked), under an id of its own.
 */
export function rootOnlySchema(): JsonSchema {
  const properties: Record<string, JsonSchema> = { ...SMS_SCHEDULE_SCHEMA.properties };
  for (const list of LISTS) {
    const { items: _items, ...withoutItems } = properties[list] ?? {};
    properties[list] = withoutItems;
  }
  return { ...SMS_SCHEDULE_SCHEMA, $id: SCHEMA_ID.replace(/\.json$/, '.root-only.json'), properties };
}

/** Each validator's ajv reference (the root-only schema and the full schema both added to ajv). */
export function validatorRefs(): Record<ValidatorName, string> {
  const itemRef = (list: ListName): string => {
    const ref = SMS_SCHEDULE_SCHEMA.properties?.[list]?.items?.$ref;
    if (ref === undefined) throw new Error(`the schema of '${list}' items is not a reference`);
    return `${SCHEMA_ID}${ref}`;
  };
  return {
    root: String(rootOnlySchema().$id),
    sites: itemRef('sites'),
    collections: itemRef('collections'),
    packages: itemRef('packages'),
    advertisements: itemRef('advertisements'),
    dateTime: `${SCHEMA_ID}#/definitions/dateTime`,
    rolloutWindow: `${SCHEMA_ID}#/definitions/rolloutWindow`,
  };
}
