/**
 * Findings kept in columns (`findingTable.ts`): every way of reading them says the same as the
 * objects they stand for, and out-of-range reads fail loudly instead of making up a finding.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { generateDocument } from '../../bench/generate';
import { validateText } from '../../server/src/core/analyze';
import { FindingTableBuilder } from '../../server/src/core/engine/findingTable';
import { simulate } from '../../server/src/core/engine/simulate';
import type { Delay, Interruption } from '../../server/src/core/engine/types';

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

test('tables of many chunks: rows written, copied segment by segment and read back are unchanged', () => {
  // Segments larger and smaller than a chunk (4,096 rows), so copies start and end mid-chunk.
  const sizes = [5000, 3, 9000, 0, 4096, 1];
  const builder = new FindingTableBuilder();
  const expected: { interruptions: Interruption[]; delays: Delay[] }[] = [];
  sizes.forEach((size, s) => {
    const advertisement = `AD${s}`;
    const collection = `C${s}`;
    builder.startSegment(advertisement, collection);
    const rows = { interruptions: [] as Interruption[], delays: [] as Delay[] };
    for (let i = 0; i < size; i++) {
      const runStart = 1e12 + ((i * 7919) % 5000) * 60_000;
      const f = {
        advertisement,
        collection,
        assignment: i % 16,
        runStart,
        verifyEarliest: runStart - 5,
        verifyLatest: runStart + 9,
      };
      const interruption = { ...f, runEnd: runStart + 3, likelihood: (i % 10) / 10, clientsAtRisk: i };
      builder.addInterruption(
        f.assignment,
        runStart,
        interruption.runEnd,
        f.verifyEarliest,
        f.verifyLatest,
        interruption.likelihood,
        i,
      );
      rows.interruptions.push(interruption);
      if (i % 3 === 0) {
        builder.addDelay(f.assignment, runStart, f.verifyEarliest, f.verifyLatest);
        rows.delays.push(f);
      }
    }
    expected.push(rows);
  });
  const table = builder.build();
  // Copied in another order: every row keeps its advertisement and values.
  const order = [4, 2, 0, 5, 1, 3];
  const copy = new FindingTableBuilder();
  for (const s of order) copy.copySegment(table, s);
  const copied = copy.build();
  const ranks = new Map(sizes.map((_, s): [string, number] => [`AD${s}`, s]));
  for (const kind of ['interruptions', 'delays'] as const) {
    const byKey = (a: Interruption | Delay, b: Interruption | Delay) =>
      a.advertisement.localeCompare(b.advertisement) ||
      a.runStart - b.runStart ||
      a.assignment - b.assignment ||
      ('clientsAtRisk' in a && 'clientsAtRisk' in b ? a.clientsAtRisk - b.clientsAtRisk : 0);
    const all = expected.flatMap((rows) => rows[kind]);
    assert.deepEqual(table.sorted(ranks)[kind].toArray().sort(byKey), [...all].sort(byKey));
    assert.deepEqual(copied.sorted(ranks)[kind].toArray(), table.sorted(ranks)[kind].toArray());
  }
});

test('partition splits by advertisement and assignment, keeping the order of both parts', () => {
  const all = result.interruptions.toArray();
  const test = (ad: string, asg: number) => asg === 0 && ad < 'M';
  const { matching, others } = result.interruptions.partition(test);
  assert.deepEqual(
    matching.toArray(),
    all.filter((f) => test(f.advertisement, f.assignment)),
  );
  assert.deepEqual(
    others.toArray(),
    all.filter((f) => !test(f.advertisement, f.assignment)),
  );
  assert.ok(matching.length > 0 && others.length > 0, 'both parts hold findings');
});
