/**
 * Accepted risks in the pipeline (SPEC §6.1): accepted findings leave the simulation and the
 * diagnostics and are listed with their reason; accept comments get accept-invalid / accept-unused.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { applyAcceptance } from '../../server/src/core/accept/acceptance';
import { analyzeText, IncrementalAnalyzer, validateText, type Analysis } from '../../server/src/core/analyze';
import type { CoreDiagnostic } from '../../server/src/core/diagnostics';
import { simulate } from '../../server/src/core/engine/simulate';
import { example } from '../helpers/paths';

const LAB = readFileSync(example('lab.sms.yaml'), 'utf8');
const CEN_WEEKLY = '      - at: 2001-03-02T12:00';
const CEN_LOGON = '      - event: logon';
const CEN_AD = '  - id: CEN20007';

/** The lab example with comment lines inserted before the lines that start with the given text. */
function lab(...inserts: [before: string, comment: string][]): string {
  let text = LAB;
  for (const [before, comment] of inserts) {
    const at = text.indexOf(`\n${before}`);
    assert.ok(at >= 0, before);
    text = `${text.slice(0, at + 1)}${comment}\n${text.slice(at + 1)}`;
  }
  return text;
}

const fullLab = analyzeText(LAB);
const full = fullLab.simulation!;

function codesOn(analysis: Analysis, line: number): string[] {
  return analysis.allDiagnostics.filter((d) => d.range.start.line === line).map((d) => d.code);
}

function lineOf(text: string, fragment: string): number {
  return text.slice(0, text.indexOf(fragment)).split('\n').length - 1;
}

describe('accepted findings', () => {
  test('an assignment comment moves its interruptions and delays out, with the reason', () => {
    const text = lab([
      CEN_WEEKLY,
      '      # sms-schedule-accept verify-interrupts-run, verify-delays-run -- five laptops',
    ]);
    const analysis = analyzeText(text);
    const cen = (f: { advertisement: string; assignment: number }) =>
      f.advertisement === 'CEN20007' && f.assignment === 0;
    const expectedAccepted = full.interruptions.filter(cen);
    assert.ok(expectedAccepted.length > 0, 'CEN20007 assignment 0 is interrupted in the lab example');
    assert.deepEqual(
      analysis.accepted.interruptions.map(({ reason, comment, ...f }) => {
        assert.equal(reason, 'five laptops');
        assert.equal(comment, 0);
        return f;
      }),
      expectedAccepted,
    );
    assert.deepEqual(
      analysis.simulation!.interruptions.toArray(),
      full.interruptions.filter((f) => !cen(f)),
    );
    assert.deepEqual(
      analysis.accepted.delays.map(({ reason: _r, comment: _c, ...f }) => f),
      full.delays.filter(cen),
    );
    assert.deepEqual(
      analysis.simulation!.delays.toArray(),
      full.delays.filter((f) => !cen(f)),
    );
    const line = lineOf(text, CEN_WEEKLY.trim());
    assert.deepEqual(codesOn(analysis, line), [], 'no finding diagnostic is left on the assignment');
    assert.ok(codesOn(fullLab, line - 1).includes('verify-interrupts-run'), 'without the comment there is one');
    assert.equal(analysis.diagnosticCount, analysis.allDiagnostics.length);
    assert.deepEqual(analysis.accepted.usageOf(0), {
      interruptions: expectedAccepted.length,
      clientsAtRisk: expectedAccepted.reduce((sum, f) => sum + f.clientsAtRisk, 0),
      delays: full.delays.filter(cen).length,
      notes: 0,
      diagnostics: 0,
    });
  });

  test('an advertisement comment covers all its assignments; an assignment comment wins over it', () => {
    const adLevel = analyzeText(
      lab([CEN_AD, '  # sms-schedule-accept verify-interrupts-run, event-not-simulated -- ad']),
    );
    assert.equal(
      adLevel.accepted.interruptions.length,
      full.interruptions.filter((f) => f.advertisement === 'CEN20007').length,
    );
    assert.deepEqual(
      adLevel.accepted.notes.map((n) => n.kind),
      ['event-not-simulated'],
    );
    assert.ok(!adLevel.allDiagnostics.some((d) => d.code === 'event-not-simulated'));
    assert.ok(
      adLevel.allDiagnostics.some((d) => d.code === 'verify-delays-run'),
      'delays were not named',
    );

    const text = lab(
      [CEN_AD, '  # sms-schedule-accept verify-interrupts-run -- ad'],
      [CEN_WEEKLY, '      # sms-schedule-accept verify-interrupts-run -- assignment'],
    );
    const both = analyzeText(text);
    assert.ok(both.accepted.interruptions.length > 0);
    assert.ok(both.accepted.interruptions.every((f) => f.reason === 'assignment'));
    const unused = both.allDiagnostics.filter((d) => d.code === 'accept-unused');
    assert.equal(unused.length, 1, 'the advertisement comment accepts nothing left');
    assert.equal(unused[0]!.range.start.line, lineOf(text, '# sms-schedule-accept verify-interrupts-run -- ad'));
    assert.equal(unused[0]!.severity, 'information');
  });

  test('run-time-unknown above a program covers every advertisement of that program', () => {
    const text = lab([
      '      - name: Silent update',
      '      # sms-schedule-accept run-time-unknown -- measured by hand',
    ]);
    const analysis = analyzeText(text);
    assert.ok(fullLab.allDiagnostics.some((d) => d.code === 'run-time-unknown'));
    assert.ok(!analysis.allDiagnostics.some((d) => d.code === 'run-time-unknown' || d.code.startsWith('accept')));
    assert.deepEqual(
      analysis.accepted.notes.map((n) => [n.kind, n.advertisement]),
      [['run-time-unknown', 'CEN20007']],
    );
    // Accepting the note changes no finding: the assumed run time still applies.
    assert.equal(analysis.simulation!.interruptions.length, full.interruptions.length);
  });

  test('errors, unknown codes, wrong items and comments above no item are accept-invalid', () => {
    const text = lab(
      ['  - code: LAB', '  # sms-schedule-accept verify-interrupts-run'],
      [CEN_WEEKLY, '      # sms-schedule-accept schema, bogus, verify-interrupts-run -- mixed'],
      ['    assignments:', '    # sms-schedule-accept verify-delays-run'],
      [CEN_LOGON, '      # sms-schedule-accept -- nothing named'],
    );
    const analysis = analyzeText(text);
    const invalid = (fragment: string) =>
      analysis.allDiagnostics
        .filter((d) => d.code === 'accept-invalid' && d.range.start.line === lineOf(text, fragment))
        .map((d) => d.message);
    const site = invalid('# sms-schedule-accept verify-interrupts-run\n');
    assert.equal(site.length, 1);
    assert.match(site[0]!, /'verify-interrupts-run' cannot be accepted above a site item/);
    const mixed = invalid('# sms-schedule-accept schema, bogus');
    assert.equal(mixed.length, 2);
    assert.match(mixed[0]!, /'schema' is an error and errors cannot be accepted/);
    assert.match(mixed[1]!, /'bogus' is not a diagnostic code/);
    assert.ok(analysis.accepted.interruptions.length > 0, 'the valid code of the mixed comment still applies');
    assert.match(invalid('# sms-schedule-accept verify-delays-run\n')[0]!, /stands above no item/);
    assert.match(invalid('# sms-schedule-accept -- nothing')[0]!, /names no code/);
    for (const d of analysis.allDiagnostics.filter((x) => x.code === 'accept-invalid')) {
      assert.equal(d.severity, 'warning');
      assert.equal(d.range.start.line, d.range.end.line, 'the range is the comment');
      assert.ok(
        text.split('\n')[d.range.start.line]!.slice(d.range.start.character).startsWith('# sms-schedule-accept'),
      );
    }
  });

  test('accept-unused when nothing in the horizon is accepted, and not when its item has errors', () => {
    const text = lab([CEN_LOGON, '      # sms-schedule-accept verify-interrupts-run -- logons are never simulated']);
    const unused = analyzeText(text).allDiagnostics.filter((d) => d.code.startsWith('accept'));
    assert.deepEqual(
      unused.map((d) => [d.code, d.range.start.line]),
      [['accept-unused', lineOf(text, '# sms-schedule-accept')]],
    );
    // CEN20007 names a program that does not exist: it is left out of the model, so nothing is known.
    const broken = analyzeText(text.replace('program: Silent update', 'program: Missing'));
    assert.ok(broken.hasErrors && broken.simulation !== undefined);
    assert.ok(!broken.allDiagnostics.some((d) => d.code.startsWith('accept')));
    // Another advertisement's error does not hide it.
    const other = analyzeText(text.replace('program: Per-system unattended', 'program: Missing'));
    assert.ok(other.hasErrors);
    assert.ok(other.allDiagnostics.some((d) => d.code === 'accept-unused'));
  });

  test('a validation diagnostic of an accepted code inside the site item is accepted (unconfirmed-sms-version)', () => {
    const text = lab(['  - code: LAB', '  # sms-schedule-accept unconfirmed-sms-version -- SP3 checked in the lab']);
    const validation = validateText(text);
    const at = text.indexOf('"2.0 SP1"');
    const range = validation.parsed.lines.rangeOf({ start: at, end: at + 9 });
    // The code is added by another change; the acceptance takes it by name.
    const note = {
      code: 'unconfirmed-sms-version',
      severity: 'information',
      message: 'SP3',
      range,
    } as unknown as CoreDiagnostic;
    const elsewhere = { ...note, range: validation.parsed.lines.rangeOf({ start: 0, end: 1 }) };
    const outcome = applyAcceptance(validation.parsed, validation.model, simulate(validation.model!), [
      elsewhere,
      note,
    ]);
    assert.deepEqual(outcome.accepted.diagnostics, [note]);
    assert.deepEqual(outcome.diagnostics, [elsewhere]);
    assert.equal(outcome.accepted.usageOf(0).diagnostics, 1);
  });

  test('the incremental analyzer gives the same accepted findings and diagnostics', () => {
    const analyzer = new IncrementalAnalyzer();
    analyzer.analyze(analyzer.validate(LAB));
    const text = lab(
      [CEN_WEEKLY, '      # sms-schedule-accept verify-interrupts-run -- five laptops'],
      ['  - code: LAB', '  # sms-schedule-accept verify-interrupts-run'],
    );
    const incremental = analyzer.analyze(analyzer.validate(text));
    assert.ok(analyzer.parsedInPieces);
    const whole = analyzeText(text);
    assert.deepEqual(incremental.allDiagnostics, whole.allDiagnostics);
    assert.deepEqual(incremental.accepted.interruptions, whole.accepted.interruptions);
    assert.deepEqual(incremental.simulation!.interruptions.toArray(), whole.simulation!.interruptions.toArray());
  });

  test('the per-assignment cap and its too-many-findings summary count only unaccepted findings', () => {
    const capped = (text: string) =>
      analyzeText(text, { maxFindingsPerAssignment: 1 }).allDiagnostics.filter(
        (d) => d.code === 'too-many-findings' && d.message.includes('CEN20007 assignment 1 '),
      );
    assert.equal(capped(LAB).length, 1, 'CEN20007 assignment 1 has more than one finding');
    const text = lab([CEN_WEEKLY, '      # sms-schedule-accept verify-interrupts-run, verify-delays-run']);
    assert.deepEqual(capped(text), []);
  });

  test('without accept comments the analysis is the engine result', () => {
    assert.deepEqual(full.interruptions.toArray(), simulate(fullLab.model!).interruptions.toArray());
    assert.deepEqual(fullLab.accepted.comments, []);
    assert.deepEqual(fullLab.accepted.interruptions, []);
  });
});
