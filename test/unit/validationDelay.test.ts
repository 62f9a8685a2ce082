import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  MIN_VALIDATION_DEBOUNCE_MS,
  VALIDATION_DEBOUNCE_MS,
  validationDelay,
} from '../../server/src/languageserver/features/diagnostics';

test('the debounce after an edit follows the cost of the last validation, within bounds', () => {
  assert.equal(validationDelay(undefined), VALIDATION_DEBOUNCE_MS, 'nothing measured yet: the full wait');
  assert.equal(validationDelay(0.2), MIN_VALIDATION_DEBOUNCE_MS, 'a cached or tiny validation: the minimum');
  assert.equal(validationDelay(29.3), 30, 'an incremental validation of 29.3 ms waits 30 ms');
  assert.equal(validationDelay(900), VALIDATION_DEBOUNCE_MS, 'a whole-document re-parse: capped');
});
