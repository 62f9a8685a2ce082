import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  changeDelay,
  MIN_VALIDATION_DEBOUNCE_MS,
  VALIDATION_DEBOUNCE_MS,
  validationDelay,
} from '../../server/src/languageserver/publisher';

test('the debounce after an edit follows the cost of the last validation, within bounds', () => {
  assert.equal(validationDelay(undefined), VALIDATION_DEBOUNCE_MS, 'nothing measured yet: the full wait');
  assert.equal(validationDelay(0.2), MIN_VALIDATION_DEBOUNCE_MS, 'a cached or tiny validation: the minimum');
  assert.equal(validationDelay(29.3), 30, 'an incremental validation of 29.3 ms waits 30 ms');
  assert.equal(validationDelay(900), VALIDATION_DEBOUNCE_MS, 'a whole-document re-parse: capped');
});

test('a change after a pause is validated at once; a change in a burst waits for the pause', () => {
  assert.equal(changeDelay(29.3, undefined), 0, 'the first change since the document opened');
  assert.equal(changeDelay(29.3, 30), 0, 'the last change was as long ago as the debounce');
  assert.equal(changeDelay(29.3, 5_000), 0, 'after a long pause');
  assert.equal(changeDelay(29.3, 29), 30, 'within the debounce of the last change: wait');
  assert.equal(changeDelay(900, 100), VALIDATION_DEBOUNCE_MS, 'a burst on a slow document waits the capped debounce');
  assert.equal(changeDelay(900, 150), 0, 'a pause as long as the capped debounce');
});
