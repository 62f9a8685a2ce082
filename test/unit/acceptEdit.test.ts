/**
 * The "Accept this risk…" edit (SPEC §6.1): computed from the diagnostic's code and range, exact
 * (one comment line at the item's indentation, or one code added), idempotent, and effective.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { acceptDiagnosticEdit, acceptTargetOf } from '../../server/src/core/accept/acceptEdit';
import { analyzeText } from '../../server/src/core/analyze';
import type { CoreDiagnostic } from '../../server/src/core/diagnostics';
import { parseText } from '../../server/src/core/document/parse';
import { applyEdits } from '../../server/src/core/edits/yamlEdits';
import { example } from '../helpers/paths';

const LAB = readFileSync(example('lab.sms.yaml'), 'utf8');

/** Applies the accept edit of the first diagnostic with `code` (from a fresh analysis of `text`). */
function acceptFirst(text: string, code: string, pick: (d: CoreDiagnostic) => boolean = () => true): string {
  const analysis = analyzeText(text);
  const diagnostic = analysis.allDiagnostics.find((d) => d.code === code && pick(d));
  assert.ok(diagnostic, `a ${code} diagnostic`);
  const edits = acceptDiagnosticEdit(analysis.parsed, diagnostic);
  assert.equal(edits.length, 1);
  return applyEdits(text, edits);
}

const onCen = (d: CoreDiagnostic) => d.message.includes('CEN20007');

describe('acceptDiagnosticEdit', () => {
  test('inserts the comment above the assignment at its indentation; the warning is then accepted', () => {
    const accepted = acceptFirst(LAB, 'verify-interrupts-run', onCen);
    assert.equal(
      accepted,
      LAB.replace(
        '      - at: 2001-03-02T12:00',
        '      # sms-schedule-accept verify-interrupts-run -- \n      - at: 2001-03-02T12:00',
      ),
    );
    const after = analyzeText(accepted);
    assert.ok(!after.allDiagnostics.some((d) => d.code === 'verify-interrupts-run' && onCen(d)));
    assert.ok(after.accepted.interruptions.length > 0);
    assert.ok(after.accepted.interruptions.every((f) => f.reason === '' && f.advertisement === 'CEN20007'));
  });

  test('is idempotent: no edit when the comment already accepts the code', () => {
    const once = acceptFirst(LAB, 'verify-interrupts-run', onCen);
    const parsed = parseText(once);
    // The accepted finding has no diagnostic left: ask with the assignment's own range.
    const at = once.indexOf('at: 2001-03-02T12:00');
    const range = parsed.lines.rangeOf({ start: at, end: at + 5 });
    assert.deepEqual(acceptTargetOf(parsed, { code: 'verify-interrupts-run', range }), {
      kind: 'assignment',
      advertisement: 1,
      assignment: 0,
    });
    assert.deepEqual(acceptDiagnosticEdit(parsed, { code: 'verify-interrupts-run', range }), []);
  });

  test('adds a code to the item’s existing accept comment, keeping its reason', () => {
    const withReason = LAB.replace(
      '      - at: 2001-03-02T12:00',
      '      # sms-schedule-accept verify-interrupts-run -- five laptops\n      - at: 2001-03-02T12:00',
    );
    const both = acceptFirst(withReason, 'verify-delays-run', onCen);
    assert.ok(
      both.includes(
        '      # sms-schedule-accept verify-interrupts-run, verify-delays-run -- five laptops\n      - at:',
      ),
    );
    assert.equal(both.split('sms-schedule-accept').length, 2, 'still one comment');
    const analysis = analyzeText(both);
    assert.ok(!analysis.allDiagnostics.some((d) => d.code === 'verify-delays-run' && onCen(d)));
    assert.ok(analysis.accepted.delays.every((f) => f.reason === 'five laptops'));

    const noCodes = LAB.replace('  - id: CEN20007', '  # sms-schedule-accept -- ask the desk\n  - id: CEN20007');
    const filled = acceptFirst(noCodes, 'event-not-simulated');
    // event-not-simulated sits on the logon assignment, so it gets its own comment there.
    assert.ok(filled.includes('      # sms-schedule-accept event-not-simulated -- \n      - event: logon'));
  });

  test('run-time-unknown goes above the program item; CRLF text keeps CRLF', () => {
    const crlf = LAB.replace(/\n/g, '\r\n');
    const accepted = acceptFirst(crlf, 'run-time-unknown');
    assert.ok(
      accepted.includes(
        '    programs:\r\n      # sms-schedule-accept run-time-unknown -- \r\n      - name: Silent update',
      ),
    );
    const analysis = analyzeText(accepted);
    assert.ok(!analysis.allDiagnostics.some((d) => d.code === 'run-time-unknown'));
    assert.equal(analysis.accepted.notes.length, 1);
  });

  test('offers nothing for codes that cannot be accepted', () => {
    const broken = LAB.replace('clients: 800', 'clients: many');
    const analysis = analyzeText(broken);
    const schema = analysis.allDiagnostics.find((d) => d.code === 'schema')!;
    assert.deepEqual(acceptDiagnosticEdit(analysis.parsed, schema), []);
    assert.equal(acceptTargetOf(analysis.parsed, schema), undefined);
  });
});
