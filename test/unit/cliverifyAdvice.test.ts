/**
 * The Cliverify advice (SPEC §7 v1.1): per site with unaccepted interruptions, the interval that
 * clears them or clearing the checkbox; and the accepted risks (§6.1) in the Markdown and JSON.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { emptyAccepted } from '../../server/src/core/accept/acceptance';
import { analyzeText } from '../../server/src/core/analyze';
import { adviseCliverify, siteAdvice } from '../../server/src/core/cliverify/advice';
import { buildCliverifyConfig, cliverifyJson, renderCliverifyMarkdown } from '../../server/src/core/cliverify/config';
import { example } from '../helpers/paths';

const LAB = readFileSync(example('lab.sms.yaml'), 'utf8');
const ACCEPT_CEN = '      # sms-schedule-accept verify-interrupts-run -- five laptops';
const withAcceptedCen = LAB.replace('      - at: 2001-03-02T12:00', `${ACCEPT_CEN}\n      - at: 2001-03-02T12:00`);

function advised(text: string) {
  const analysis = analyzeText(text);
  return adviseCliverify(
    buildCliverifyConfig(analysis.model!, analysis.simulation!),
    analysis.model!,
    analysis.accepted,
  );
}

/** LAB's unaccepted interruptions with its Verify Interval set to `days`. */
function labInterruptions(text: string, days: number): number {
  const setting = '      intervalDays: 30\n      durationMinutes: 40';
  assert.ok(text.includes(setting));
  const changed = text.replace(setting, `      intervalDays: ${days}\n      durationMinutes: 40`);
  return analyzeText(changed).simulation!.interruptions.filter((f) => f.collection === 'LAB00015').length;
}

describe('siteAdvice', () => {
  test('on the lab example LAB is cleared by the nearest safe interval (31 days), checked by simulating it', () => {
    const config = advised(LAB);
    const lab = config.advice!.find((a) => a.site === 'LAB')!;
    assert.deepEqual(lab.clears, { kind: 'interval', intervalDays: 31 });
    assert.ok(labInterruptions(LAB, 30) > 0, '30 days interrupts LAB20001');
    assert.equal(labInterruptions(LAB, 31), 0, '31 days clears it');
    // 29 days clears it too: a tie at distance 1, which goes to the longer interval (SPEC §7 v1.1).
    assert.equal(labInterruptions(LAB, 29), 0);
    assert.equal(lab.interruptions, config.sites.find((s) => s.code === 'LAB')!.interruptions.count);
  });

  test('a site whose interruptions are all accepted gets no advice and its count leaves them out', () => {
    const plain = advised(LAB);
    assert.ok(
      plain.advice!.some((a) => a.site === 'CEN'),
      'CEN has interruptions in the lab example',
    );
    const config = advised(withAcceptedCen);
    assert.ok(!config.advice!.some((a) => a.site === 'CEN'));
    assert.equal(config.sites.find((s) => s.code === 'CEN')!.interruptions.count, 0);
    const json = cliverifyJson(config) as {
      sites: { code: string; advice: unknown }[];
      accepted: { reason: string }[];
    };
    assert.equal(json.sites.find((s) => s.code === 'CEN')!.advice, null);
    assert.deepEqual(json.sites.find((s) => s.code === 'LAB')!.advice, {
      clears: 'interval',
      periodicallyVerifyClientInstallation: true,
      verifyIntervalDays: 31,
    });
    assert.equal(json.accepted.length, 1);
    assert.equal(json.accepted[0]!.reason, 'five laptops');
  });

  test('when no interval clears a site, the advice is to clear the checkbox', () => {
    // A daily all-day run through a 400-day horizon: every interval of 1..365 days puts a pass in a run.
    const text = LAB.replace('estimatedRunMinutes: 45', 'estimatedRunMinutes: 1440')
      .replace('expirationTime: 2001-07-01T00:00', 'expirationTime: 2002-07-01T00:00')
      .replace('days: 180', 'days: 400');
    const analysis = analyzeText(text);
    const config = buildCliverifyConfig(analysis.model!, analysis.simulation!);
    const advice = siteAdvice(config, analysis.model!, emptyAccepted(true));
    assert.deepEqual(advice.find((a) => a.site === 'LAB')?.clears, { kind: 'disable' });
    const markdown = renderCliverifyMarkdown({ ...config, advice }, 'lab.sms.yaml');
    assert.match(markdown, /To clear them: clear \*\*Periodically Verify Client Installation\*\* \(now checked\)/);
  });
});

describe('Cliverify Markdown', () => {
  test('names the advice next to the current settings and lists the accepted risks', () => {
    const markdown = renderCliverifyMarkdown(advised(withAcceptedCen), 'lab.sms.yaml');
    const labSection = markdown.slice(markdown.indexOf('## Site LAB'), markdown.indexOf('## Accepted risks'));
    assert.match(labSection, /To clear it: set \*\*Verify Interval\*\* to \*\*31 days\*\* \(now 30\)/);
    assert.match(labSection, /Set \*\*Verify Interval\*\* to: 30 days\./, 'the steps keep the current settings');
    const accepted = markdown.slice(markdown.indexOf('## Accepted risks'), markdown.indexOf('## Hierarchies'));
    assert.match(
      accepted,
      /Site CEN: CEN20007 Weekly virus definitions, assignment 0 \(collection CEN00020\): 3 interruptions/,
    );
    assert.match(accepted, /Reason: five laptops\./);
    assert.ok(!renderCliverifyMarkdown(advised(LAB), 'lab.sms.yaml').includes('## Accepted risks'));
  });
});
