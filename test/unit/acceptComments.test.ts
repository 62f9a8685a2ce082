/**
 * Finding accept comments (SPEC §6.1) and the item each stands above, on a whole parse and on a
 * document parsed piece by piece.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { acceptComments, itemAt } from '../../server/src/core/accept/acceptComments';
import { IncrementalAnalyzer } from '../../server/src/core/analyze';
import { parseText } from '../../server/src/core/document/parse';
import { example } from '../helpers/paths';

const LAB = readFileSync(example('lab.sms.yaml'), 'utf8');

/** The lab example with `comment` inserted as a line just before the first line starting with `before`. */
function labWith(before: string, comment: string): string {
  const at = LAB.indexOf(`\n${before}`);
  assert.ok(at >= 0, `the lab example has a line ${JSON.stringify(before)}`);
  return `${LAB.slice(0, at + 1)}${comment}\n${LAB.slice(at + 1)}`;
}

const ASSIGNMENT = '      - at: 2001-03-02T12:00';

describe('acceptComments', () => {
  test('reads codes and reason and finds the assignment below', () => {
    const text = labWith(
      ASSIGNMENT,
      '      # sms-schedule-accept verify-interrupts-run, verify-delays-run -- five laptops -- ok',
    );
    const [comment, ...rest] = acceptComments(parseText(text));
    assert.equal(rest.length, 0);
    assert.deepEqual(comment!.codes, ['verify-interrupts-run', 'verify-delays-run']);
    assert.equal(comment!.reason, 'five laptops -- ok');
    assert.deepEqual(comment!.item, { kind: 'assignment', advertisement: 1, assignment: 0 });
    const commentStart = text.indexOf('# sms-schedule-accept');
    assert.equal(comment!.span.start, commentStart);
    assert.equal(text.slice(comment!.span.start, comment!.span.end), text.slice(commentStart).split('\n')[0]);
    assert.equal(text.slice(comment!.codesEnd - 'verify-delays-run'.length, comment!.codesEnd), 'verify-delays-run');
    assert.equal(text.slice(comment!.itemSpan!.start).split('\n')[0], 'at: 2001-03-02T12:00');
  });

  test('a comment without a reason has reason "" and one without codes has none', () => {
    const noReason = acceptComments(parseText(labWith(ASSIGNMENT, '# sms-schedule-accept verify-delays-run')))[0]!;
    assert.equal(noReason.reason, '');
    assert.deepEqual(noReason.codes, ['verify-delays-run']);
    const dangling = acceptComments(parseText(labWith(ASSIGNMENT, '#sms-schedule-accept verify-delays-run --')))[0]!;
    assert.equal(dangling.reason, '');
    assert.deepEqual(dangling.codes, ['verify-delays-run']);
    const empty = acceptComments(parseText(labWith(ASSIGNMENT, '# sms-schedule-accept -- why')))[0]!;
    assert.deepEqual(empty.codes, []);
    assert.equal(empty.reason, 'why');
  });

  test('finds advertisement, program, site and collection items', () => {
    const cases: [string, unknown][] = [
      ['  - id: CEN20007', { kind: 'advertisement', advertisement: 1 }],
      ['      - name: Silent update', { kind: 'program', package: 1, program: 0 }],
      ['  - code: LAB', { kind: 'site', site: 1 }],
      ['  - id: CEN00020', { kind: 'collection', collection: 1 }],
      ['  - id: CEN00031', { kind: 'package', package: 1 }],
    ];
    for (const [line, item] of cases) {
      const comments = acceptComments(parseText(labWith(line, '  # sms-schedule-accept run-time-unknown')));
      assert.deepEqual(comments[0]?.item, item, line);
    }
  });

  test('other comment lines may stand between; a blank line, a key or the end of the text may not', () => {
    const stacked = labWith(ASSIGNMENT, '      # sms-schedule-accept verify-delays-run\n      # agreed on 2001-03-02');
    assert.deepEqual(acceptComments(parseText(stacked))[0]?.item, {
      kind: 'assignment',
      advertisement: 1,
      assignment: 0,
    });
    const blank = labWith(ASSIGNMENT, '      # sms-schedule-accept verify-delays-run\n');
    assert.equal(acceptComments(parseText(blank))[0]?.item, undefined);
    const aboveKey = labWith('    assignments:', '    # sms-schedule-accept verify-delays-run');
    assert.equal(acceptComments(parseText(aboveKey))[0]?.item, undefined);
    const atEnd = `${LAB}# sms-schedule-accept verify-delays-run\n`;
    const last = acceptComments(parseText(atEnd));
    assert.equal(last.length, 1);
    assert.equal(last[0]!.item, undefined);
  });

  test('only own-line comments with the exact keyword count', () => {
    const trailing = LAB.replace('  - code: LAB', '  - code: LAB # sms-schedule-accept unconfirmed-sms-version');
    assert.deepEqual(acceptComments(parseText(trailing)), []);
    const longer = labWith(ASSIGNMENT, '      # sms-schedule-accepted verify-delays-run');
    assert.deepEqual(acceptComments(parseText(longer)), []);
    const quoted = LAB.replace('name: NT Workstations', 'name: "# sms-schedule-accept verify-delays-run"');
    assert.deepEqual(acceptComments(parseText(quoted)), []);
  });

  test('the incremental parse finds the same comments and items as a whole parse', () => {
    const analyzer = new IncrementalAnalyzer();
    const first = labWith(ASSIGNMENT, '      # sms-schedule-accept verify-interrupts-run -- laptops');
    analyzer.validate(first);
    const edited = labWith('  - id: LAB20001', '  # sms-schedule-accept verify-delays-run').replace(
      '\n      - at: 2001-03-02T12:00',
      '\n      # sms-schedule-accept verify-interrupts-run -- laptops\n      - at: 2001-03-02T12:00',
    );
    const validation = analyzer.validate(edited);
    assert.ok(analyzer.parsedInPieces, 'the second version is parsed piece by piece');
    const whole = acceptComments(parseText(edited));
    assert.equal(whole.length, 2);
    assert.deepEqual(acceptComments(validation.parsed), whole);
  });

  test('itemAt gives the innermost item holding an offset', () => {
    const parsed = parseText(LAB);
    assert.deepEqual(itemAt(parsed, LAB.indexOf('weekly: { day: mon'))?.item, {
      kind: 'assignment',
      advertisement: 1,
      assignment: 0,
    });
    assert.deepEqual(itemAt(parsed, LAB.indexOf('estimatedRunMinutes: unknown'))?.item, {
      kind: 'program',
      package: 1,
      program: 0,
    });
    assert.deepEqual(itemAt(parsed, LAB.indexOf('"2.0 SP1"'))?.item, { kind: 'site', site: 1 });
    assert.equal(itemAt(parsed, LAB.indexOf('days: 180')), undefined);
  });
});
