/**
 * Findings kept in columns (`findingTable.ts`): every way of reading them says the same as the
 * objects they stand for, and out-of-range reads fail loudly instead of making up a finding.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { generateDocument } from '../../bench/generate';
import { validateText } from '../../server/src/core/analyze';
import { simulate } from '../../server/src/core/engine/simulate';

const model = validateText(generateDocument({ advertisements: 60, days: 120 }).text).model!;
const result = simulate(model);

test('column reads, iteration, at, map and filter agree with the objects', () => {
  for (const list of [result.interruptions, result.delays]) {
    const all = list.toArray();
    assert.ok(all.length > 50, 'enough findings to compare');
    assert.equal(list.length, all.length);
    assert.deepEqual([...list], all);
    assert.deepEqual(
      list.map((f) => f.runStart),
      all.map((f) => f.runStart),
    );
    assert.deepEqual(
      list.filter((f) => f.assignment === 1),
      all.filter((f) => f.assignment === 1),
    );
    all.forEach((finding, i) => {
      assert.deepEqual(list.at(i), finding);
      assert.equal(list.advertisementAt(i), finding.advertisement);
      assert.equal(list.assignmentAt(i), finding.assignment);
    });
  }
});

test('counts and one advertisement’s findings equal filtering the objects', () => {
  const all = result.interruptions.toArray();
  const expected = new Map<string, number>();
  for (const f of all) expected.set(f.advertisement, (expected.get(f.advertisement) ?? 0) + 1);
  assert.deepEqual(result.interruptions.countsByAdvertisement(), expected);
  const busy = all[Math.floor(all.length / 2)]!;
  assert.deepEqual(
    result.interruptions.ofAdvertisement(busy.advertisement),
    all.filter((f) => f.advertisement === busy.advertisement),
  );
  assert.deepEqual(
    result.interruptions.ofAdvertisement(busy.advertisement, busy.assignment),
    all.filter((f) => f.advertisement === busy.advertisement && f.assignment === busy.assignment),
  );
  assert.deepEqual(result.interruptions.ofAdvertisement('NO-SUCH-AD'), []);
});

test('reads outside the list throw', () => {
  const list = result.delays;
  for (const index of [-1, list.length, 1.5, Number.NaN]) assert.throws(() => list.at(index), RangeError);
});
