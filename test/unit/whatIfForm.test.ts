import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  compareText,
  describeWhatIf,
  draftOf,
  isEmptyWhatIf,
  parseWhole,
  whatIfFormHtml,
  whatIfOf,
  INTERVAL_RANGE,
} from '../../client/src/webview/whatIfForm';
import type { Timeline, TimelineSite } from '../../server/src/shared/protocol';

const sites: TimelineSite[] = [
  { code: 'CEN', server: 'CENSRV01', smsVersion: '2.0 SP2', enabled: true, intervalDays: 30, durationMinutes: 30 },
  { code: 'LAB', server: 'LAB"<SRV>', smsVersion: '2.0 SP1', enabled: true, intervalDays: 30, durationMinutes: 40 },
];

test('the draft of the document is no what-if; a change is only what differs', () => {
  const draft = draftOf(sites);
  assert.deepEqual(whatIfOf(sites, draft), {});
  assert.equal(isEmptyWhatIf(whatIfOf(sites, draft)), true);
  const changed = { ...draft, LAB: { enabled: true, intervalDays: 45, durationMinutes: 40 } };
  assert.deepEqual(whatIfOf(sites, changed), { LAB: { intervalDays: 45 } });
  const off = { ...draft, CEN: { enabled: false, intervalDays: 30, durationMinutes: 10 } };
  assert.deepEqual(whatIfOf(sites, off), { CEN: { enabled: false, durationMinutes: 10 } });
});

test('parseWhole takes whole numbers in range only', () => {
  assert.equal(parseWhole('45', INTERVAL_RANGE), 45);
  assert.equal(parseWhole(' 7 ', INTERVAL_RANGE), 7);
  for (const bad of ['', '0', '366', '4.5', '-3', '1e2', 'abc'])
    assert.equal(parseWhole(bad, INTERVAL_RANGE), undefined, bad);
});

test('describeWhatIf and compareText say what changes and by how much', () => {
  assert.equal(
    describeWhatIf({ LAB: { intervalDays: 45, durationMinutes: 10 }, CEN: { enabled: false } }),
    'LAB: interval 45 d, pass 10 min; CEN: verify cycle off',
  );
  const base = { summary: { interruptions: 4, delays: 3, clientsAtRisk: 815 } } as Timeline;
  const tried = { summary: { interruptions: 3, delays: 2, clientsAtRisk: 15 } } as Timeline;
  assert.equal(compareText(base, tried), '4 → 3 interruptions · 815 → 15 clients at risk · 3 → 2 delays');
});

test('the form has one labelled field per value and site, with the schema ranges, escaped', () => {
  const html = whatIfFormHtml(sites, {
    ...draftOf(sites),
    LAB: { enabled: false, intervalDays: 45, durationMinutes: 40 },
  });
  assert.equal(html.match(/<fieldset class="whatif-site"/g)?.length, 2);
  assert.match(
    html,
    /id="whatif-LAB-intervalDays" data-site="LAB" data-key="intervalDays" min="1" max="365" step="1" value="45"/,
  );
  assert.match(html, /id="whatif-LAB-durationMinutes"[^>]* min="1" max="1440"/);
  assert.match(html, /id="whatif-CEN-enabled" data-site="CEN" data-key="enabled" checked>/);
  assert.match(html, /id="whatif-LAB-enabled" data-site="LAB" data-key="enabled">/);
  assert.equal(html.match(/<label for="whatif-/g)?.length, 6);
  assert.doesNotMatch(html, /<SRV>/);
  assert.equal(whatIfFormHtml([], {}), '');
});
