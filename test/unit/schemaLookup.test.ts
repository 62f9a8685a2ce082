import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  allowedKeysAt,
  enumValuesAt,
  requiredKeysAt,
  schemaDescriptionAt,
  schemaMarkdownDescriptionAt,
  schemasAt,
  SMS_SCHEDULE_SCHEMA,
  type JsonSchema,
} from '../../server/src/core/schema/schema';
import type { Path } from '../../server/src/core/document/parse';

test('the schema has an $id, a title and draft-07', () => {
  assert.equal(SMS_SCHEDULE_SCHEMA.$id, 'https://sms-schedule-author.dev/schemas/sms-schedule.schema.json');
  assert.equal(SMS_SCHEDULE_SCHEMA['$schema'], 'http://json-schema.org/draft-07/schema#');
  assert.equal(typeof SMS_SCHEDULE_SCHEMA['title'], 'string');
});

test('descriptions resolve through $ref and anyOf, and cite the KB', () => {
  assert.match(schemaDescriptionAt(['sites', 0, 'verifyCycle', 'intervalDays']) ?? '', /Q246040/);
  assert.match(
    schemaDescriptionAt(['sites', 0, 'verifyCycle', 'ccimCycleHours']) ?? '',
    /Q231232.*model, not documented by Microsoft/,
  );
  assert.match(
    schemaDescriptionAt(['sites', 0, 'verifyCycle', 'durationMinutes']) ?? '',
    /\(model, not documented by Microsoft\)/,
  );
  assert.match(schemaDescriptionAt(['collections', 0, 'installed', 'from']) ?? '', /first clients/);
  assert.match(schemaMarkdownDescriptionAt(['sites', 0, 'verifyCycle']) ?? '', /\[Q283130\]\(https:/);
  assert.equal(schemaDescriptionAt(['sites', 0, 'nope']), undefined);
});

test('every property in the schema has a description', () => {
  const missing: string[] = [];
  // Walk the document shape through the lookup itself, so $ref/anyOf resolution is exercised too.
  const walk = (path: Path, depth: number): void => {
    if (depth > 8) return;
    for (const key of allowedKeysAt(path)) {
      const child = [...path, key];
      if (schemaDescriptionAt(child) === undefined) missing.push(child.join('.'));
      walk(child, depth + 1);
      if (schemasAt(child).some((schema: JsonSchema) => schema.items !== undefined)) walk([...child, 0], depth + 1);
    }
  };
  walk([], 0);
  assert.deepEqual(missing, []);
});

test('allowed and required keys at a path', () => {
  assert.deepEqual(allowedKeysAt(['sites', 0, 'verifyCycle']), [
    'enabled',
    'intervalDays',
    'durationMinutes',
    'ccimCycleHours',
  ]);
  assert.deepEqual(allowedKeysAt(['advertisements', 3, 'assignments', 0]), [
    'event',
    'at',
    'every',
    'weekly',
    'monthlyByWeekday',
    'monthlyByDate',
    'token',
  ]);
  assert.deepEqual(allowedKeysAt(['collections', 0, 'installed']), ['from', 'to']);
  assert.deepEqual(requiredKeysAt([]), ['version', 'sites', 'collections']);
});

test('enum values at a path', () => {
  assert.deepEqual(enumValuesAt(['advertisements', 0, 'assignments', 1, 'weekly', 'day']), [
    'sun',
    'mon',
    'tue',
    'wed',
    'thu',
    'fri',
    'sat',
  ]);
  assert.deepEqual(enumValuesAt(['advertisements', 0, 'assignments', 1, 'monthlyByWeekday', 'week']), [
    'first',
    'second',
    'third',
    'fourth',
    'last',
  ]);
  assert.deepEqual(enumValuesAt(['packages', 0, 'programs', 0, 'estimatedRunMinutes']), ['unknown']);
  assert.deepEqual(enumValuesAt(['sites', 0, 'smsVersion']), ['2.0', '2.0 SP1', '2.0 SP2', '2.0 SP3', '2.0 SP4']);
  assert.deepEqual(enumValuesAt(['version']), [1]);
});
