/** The hover of an accept comment (SPEC §6.1): what it accepts, how much of the horizon, the reason. */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { acceptHover } from '../../server/src/core/accept/acceptHover';
import { analyzeText } from '../../server/src/core/analyze';
import { example } from '../helpers/paths';

const LAB = readFileSync(example('lab.sms.yaml'), 'utf8');
const COMMENT = '      # sms-schedule-accept verify-interrupts-run, bogus -- five laptops, 1.9 %';
const TEXT = LAB.replace('      - at: 2001-03-02T12:00', `${COMMENT}\n      - at: 2001-03-02T12:00`);

test('says what the comment accepts, how many findings and clients, and the reason', () => {
  const analysis = analyzeText(TEXT);
  const expected = analysis.accepted.interruptions;
  assert.ok(expected.length > 0);
  const clients = expected.reduce((sum, f) => sum + f.clientsAtRisk, 0);
  const hover = acceptHover(analysis, TEXT.indexOf(COMMENT) + 3);
  assert.ok(hover);
  assert.match(hover, /Accepts `verify-interrupts-run` for assignment 0 of CEN20007\./);
  assert.ok(
    hover.includes(`${expected.length} interruptions (${clients} client runs at risk, model estimate), 0 delays`),
  );
  assert.ok(hover.includes('Reason: five laptops, 1.9 %'));
  assert.match(hover, /not an SMS setting/);
  assert.match(hover, /accept-invalid: 'bogus' is not a diagnostic code/);
});

test('without a reason it asks for one; off the comment there is no hover', () => {
  const bare = TEXT.replace(' -- five laptops, 1.9 %', '');
  const analysis = analyzeText(bare);
  assert.match(acceptHover(analysis, bare.indexOf('# sms-schedule-accept'))!, /No reason given/);
  assert.equal(acceptHover(analysis, bare.indexOf('weekly: { day: mon')), undefined);
  assert.equal(acceptHover(analyzeText(LAB), 0), undefined);
});
