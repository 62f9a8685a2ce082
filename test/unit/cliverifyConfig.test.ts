import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import {
  buildCliverifyConfig,
  cliverifyFileName,
  cliverifyJson,
  GENERATED_MARKER,
  isGeneratedCliverifyFile,
  renderCliverifyMarkdown,
  resendGuidance,
} from '../../server/src/core/cliverify/config';
import { unconfirmedVersionNote } from '../../server/src/core/semantics/smsVersionScope';
import { simulate } from '../../server/src/core/engine/simulate';
import type { SimulationOptions } from '../../server/src/core/engine/types';
import { validateText } from '../../server/src/core/analyze';
import type { SmsDocument } from '../../server/src/core/model/types';

const LAB_TEXT = readFileSync(new URL('../../examples/lab.sms.yaml', import.meta.url), 'utf8');

function model(text: string): SmsDocument {
  const built = validateText(text).model;
  assert.ok(built, 'the example builds');
  return built;
}

function configOf(doc: SmsDocument, options: SimulationOptions = {}) {
  return buildCliverifyConfig(doc, simulate(doc, options), options);
}

const utc = (y: number, mo: number, d: number, h = 0, mi = 0): number => Date.UTC(y, mo - 1, d, h, mi);

/*
 * Hand computation for examples/lab.sms.yaml (horizon 2001-03-01T00:00Z + 180 days = 2001-08-28T00:00Z).
 * CCIM wakes every 23 h; 30 days = 720 h, so a pass starts at the first multiple of 23 h >= previous + 720 h:
 * 736 h (32*23), 1472 h (64*23), 2208 h, 2944 h, 3680 h, ... after install: +30 d 16 h, then +30 d 16 h again...
 * LAB00015 installed 2001-01-10T08:00 New York = 13:00Z → passes 02-10T05:00Z, 03-12T21:00Z, 04-12T13:00Z,
 *   05-13T05:00Z, 06-12T21:00Z. LAB20001 runs daily 00:30 local for 45 min: in May (EDT) 04:30Z..05:15Z,
 *   which contains 05:00Z → one interruption, 800 clients. (In February/March, EST: 05:30Z, no overlap.)
 * CEN00020 rollout 02-05T09:00Z..02-09T17:00Z (104 h band) → bands start 03-08T01:00Z, 04-07T17:00Z,
 *   05-08T09:00Z, 06-08T01:00Z, 07-08T17:00Z, 08-08T09:00Z (each band ends 104 h = 4 d 8 h later).
 *   CEN20007 runs Mondays 12:00 London for 120 min (unknown run time): 04-09, 06-11 and 07-09 at 11:00Z (BST)
 *   fall inside the 04-07, 06-08 and 07-08 bands → likelihood 2/104 → round(250 * 2 / 104) = round(4.8) = 5
 *   clients each → 3 interruptions, 15 clients. (03-12 12:00Z is after the 03-12T09:00Z band end.)
 */
describe('buildCliverifyConfig on examples/lab.sms.yaml', () => {
  const doc = model(LAB_TEXT);
  const config = configOf(doc);

  it('lists each site with its Cliverify settings, in document order', () => {
    assert.deepEqual(config.horizon, { from: utc(2001, 3, 1), to: utc(2001, 8, 28) });
    assert.equal(config.resendWindowFrom, undefined, 'the horizon starts at the earliest presentTime');
    const [cen, lab] = config.sites;
    assert.deepEqual(
      { ...cen, resend: [...(cen?.resend ?? [])] },
      {
        code: 'CEN',
        server: 'CENSRV01',
        smsVersion: '2.0 SP2',
        cliverifyBuild: 'Cliverify for SMS 2.0 SP2',
        periodicallyVerify: true,
        verifyIntervalDays: 30,
        model: { durationMinutes: 30, ccimCycleHours: 23 },
        collections: [{ id: 'CEN00020', name: 'Head office laptops', clients: 250 }],
        interruptions: { count: 3, clientsAtRisk: 15 },
        resend: [],
      },
    );
    assert.equal(lab?.code, 'LAB');
    assert.equal(lab?.parent, 'CEN');
    assert.equal(lab?.cliverifyBuild, 'Cliverify for SMS 2.0 SP1');
    assert.deepEqual(lab?.model, { durationMinutes: 40, ccimCycleHours: 23 });
    assert.deepEqual(lab?.interruptions, { count: 1, clientsAtRisk: 800 });
    assert.deepEqual(lab?.resend, []);
  });

  it('calls out the mixed service packs of the CEN/LAB hierarchy', () => {
    assert.equal(config.hierarchies.length, 1);
    const [h] = config.hierarchies;
    assert.deepEqual(h?.sites, ['CEN', 'LAB']);
    assert.deepEqual(h?.smsVersions, ['2.0 SP2', '2.0 SP1']);
    assert.equal(h?.mixedServicePacks, true);
    assert.match(h?.note ?? '', /CEN \(2\.0 SP2\), LAB \(2\.0 SP1\)/);
    assert.match(h?.note ?? '', /specific to the Service Pack level of your site hierarchy/);
  });

  it('renders a step-by-step Markdown checklist', () => {
    const md = renderCliverifyMarkdown(config, 'lab.sms.yaml');
    const lines = md.split('\n');
    assert.equal(lines[0], GENERATED_MARKER);
    assert.equal(lines[1], '# Cliverify configuration for lab.sms.yaml');
    assert.ok(isGeneratedCliverifyFile(md));
    for (const expected of [
      '## Site CEN (server CENSRV01)',
      '## Site LAB (server LABSRV01)',
      '- Site code: LAB, parent site: CEN',
      '- SMS version: 2.0 SP1; Cliverify build required: **Cliverify for SMS 2.0 SP1**',
      '- [ ] 1. Start the Cliverify.exe of the build **Cliverify for SMS 2.0 SP1**.',
      '- [ ] 2. Type the site server name `LABSRV01` and click **OK**.',
      '- [ ] 3. Set **Periodically Verify Client Installation** to: checked (on).',
      '- [ ] 4. Set **Verify Interval** to: 30 days.',
      '- [ ] 5. Click **OK**.',
      '- Interruptions in the horizon with these settings: 1 (800 clients at risk, model estimate)',
      '- CEN, LAB: 2.0 SP2, 2.0 SP1 (mixed service packs)',
      '## Sources and model',
    ]) {
      assert.ok(lines.includes(expected), `missing line: ${expected}`);
    }
    assert.ok(md.includes('2001-03-01T00:00:00Z to 2001-08-28T00:00:00Z'));
    assert.ok(md.includes('> **Mixed service packs.**'));
    assert.ok(md.includes('Our model (not Microsoft-documented'));
    assert.equal(lines.filter((l) => l === '- None.').length, 2, 'no resend items for either site');
  });

  it('is deterministic', () => {
    assert.equal(
      renderCliverifyMarkdown(configOf(doc), 'lab.sms.yaml'),
      renderCliverifyMarkdown(config, 'lab.sms.yaml'),
    );
    assert.ok(!renderCliverifyMarkdown(config, 'x').includes(String(new Date().getUTCFullYear())));
  });

  it('has a stable JSON shape with ISO times', () => {
    const json = JSON.parse(JSON.stringify(cliverifyJson(config))) as Record<string, unknown>;
    assert.deepEqual(Object.keys(json), ['horizon', 'resendWindowFrom', 'sites', 'hierarchies', 'accepted']);
    assert.deepEqual(json.horizon, { from: '2001-03-01T00:00:00Z', to: '2001-08-28T00:00:00Z' });
    assert.equal(json.resendWindowFrom, null);
    const sites = json.sites as Record<string, unknown>[];
    assert.deepEqual(Object.keys(sites[1] ?? {}), [
      'code',
      'server',
      'parent',
      'smsVersion',
      'cliverifyBuild',
      'versionNote',
      'periodicallyVerifyClientInstallation',
      'verifyIntervalDays',
      'model',
      'collections',
      'interruptions',
      'resend',
      'advice',
    ]);
    assert.equal(sites[0]?.parent, null);
    // Advice and accepted risks are filled in by `adviseCliverify` (see cliverifyAdvice.test.ts).
    assert.equal(sites[1]?.advice, null);
    assert.deepEqual(json.accepted, []);
    assert.equal(sites[1]?.periodicallyVerifyClientInstallation, true);
  });
});

/*
 * Horizon from 2001-06-01T00:00Z: the resend window is [earliest presentTime, 06-01). The earliest presentTime
 * is CEN20007's 2001-03-01T00:00 London = 00:00Z (LAB20001's is 00:00 New York = 05:00Z).
 * In that window LAB20001 was interrupted on 05-13 at 04:30Z and CEN20007 on 04-09 at 11:00Z (see above).
 */
describe('resend list', () => {
  const doc = model(LAB_TEXT);
  const config = configOf(doc, { from: utc(2001, 6, 1) });

  it('lists advertisements interrupted before the horizon, per site', () => {
    assert.equal(config.resendWindowFrom, utc(2001, 3, 1));
    const [cen, lab] = config.sites;
    assert.deepEqual(lab?.resend, [
      {
        advertisement: 'LAB20001',
        name: 'Office 2000 SR-1 to NT workstations',
        collection: 'LAB00015',
        interruptedRuns: 1,
        lastInterruptedRun: utc(2001, 5, 13, 4, 30),
      },
    ]);
    assert.deepEqual(cen?.resend, [
      {
        advertisement: 'CEN20007',
        name: 'Weekly virus definitions',
        collection: 'CEN00020',
        interruptedRuns: 1,
        lastInterruptedRun: utc(2001, 4, 9, 11),
      },
    ]);
    // LAB20001 expires 07-01; the only later LAB pass in its life (06-12T21:00Z) misses the 04:30Z run.
    assert.deepEqual(lab?.interruptions, { count: 0, clientsAtRisk: 0 });
  });

  it('shows them as checklist items in the Markdown and JSON', () => {
    const md = renderCliverifyMarkdown(config, 'lab.sms.yaml');
    assert.ok(
      md.includes(
        '- [ ] Resend LAB20001 Office 2000 SR-1 to NT workstations (collection LAB00015): 1 interrupted run, last starting 2001-05-13T04:30:00Z.',
      ),
    );
    assert.ok(md.includes('runs from 2001-03-01T00:00:00Z to 2001-06-01T00:00:00Z'));
    const json = cliverifyJson(config) as { sites: { resend: { lastInterruptedRun: string }[] }[] };
    assert.equal(json.sites[1]?.resend[0]?.lastInterruptedRun, '2001-05-13T04:30:00Z');
  });
});

describe('hierarchies and disabled cycles', () => {
  const base = model(LAB_TEXT);
  const labSite = base.sites[1];
  assert.ok(labSite);
  const doc: SmsDocument = {
    ...base,
    sites: [
      ...base.sites,
      { ...labSite, index: 2, code: 'IND', server: 'INDSRV', smsVersion: '2.0 SP3', parent: undefined },
      { ...labSite, index: 3, code: 'ORP', server: 'ORPSRV', smsVersion: '2.0', parent: 'ZZZ' },
      {
        ...labSite,
        index: 4,
        code: 'KID',
        server: 'KIDSRV',
        smsVersion: '2.0',
        parent: 'ORP',
        verifyCycle: { ...labSite.verifyCycle, enabled: false },
      },
    ],
  };
  const config = configOf(doc);

  it('groups sites by parent links; a parent outside the file starts its own hierarchy', () => {
    assert.deepEqual(
      config.hierarchies.map((h) => [h.sites, h.mixedServicePacks]),
      [
        [['CEN', 'LAB'], true],
        [['IND'], false],
        [['ORP', 'KID'], false],
      ],
    );
  });

  it('tells to clear the checkbox of a disabled cycle', () => {
    const md = renderCliverifyMarkdown(config, 'x.sms.yaml');
    assert.ok(md.includes('- [ ] 3. Set **Periodically Verify Client Installation** to: cleared (off).'));
    assert.ok(md.includes('- [ ] 4. Set **Verify Interval** to: 30 days (no effect while the checkbox is cleared).'));
    assert.ok(md.includes('**Cliverify for SMS 2.0**'));
  });
});

describe('cliverifyFileName', () => {
  it('puts NAME.cliverify.md beside the document', () => {
    assert.equal(cliverifyFileName('/work/x/lab.sms.yaml'), '/work/x/lab.cliverify.md');
    assert.equal(cliverifyFileName('/work/x/lab.sms.yml'), '/work/x/lab.cliverify.md');
    assert.equal(cliverifyFileName('LAB.SMS.YAML'), 'LAB.cliverify.md');
    assert.equal(cliverifyFileName('plain.yaml'), 'plain.cliverify.md');
  });

  it('changes only the last segment (no traversal)', () => {
    assert.equal(cliverifyFileName('/a/b/../c.sms.yaml'), '/a/b/../c.cliverify.md');
    assert.equal(cliverifyFileName('..sms.yaml'), '..cliverify.md');
    assert.throws(() => cliverifyFileName('/a/b/'));
    assert.throws(() => cliverifyFileName('/a/..'));
  });

  it('recognises only its own generated files', () => {
    assert.ok(isGeneratedCliverifyFile(`${GENERATED_MARKER}\r\n# x`));
    assert.ok(!isGeneratedCliverifyFile('# my notes\n' + GENERATED_MARKER));
  });
});

/** The lines of one site's section (from its heading to the next heading). */
function siteSectionOf(md: string, code: string): string[] {
  const lines = md.split('\n');
  const start = lines.findIndex((l) => l.startsWith(`## Site ${code} `));
  assert.ok(start >= 0, `no section for ${code}`);
  const end = lines.findIndex((l, i) => i > start && l.startsWith('## '));
  return lines.slice(start, end);
}

describe('SP3/SP4 scope (SPEC §6 v1.1) in the Cliverify configuration', () => {
  const base = model(LAB_TEXT);
  const doc: SmsDocument = {
    ...base,
    sites: base.sites.map((s) =>
      s.code === 'LAB' ? { ...s, smsVersion: '2.0 SP3' } : { ...s, smsVersion: '2.0 SP4' },
    ),
  };
  const config = configOf(doc);
  const md = renderCliverifyMarkdown(config, 'lab.sms.yaml');

  it('notes each SP3/SP4 site with the sentence of the diagnostic, and still counts its interruptions', () => {
    const [cen, lab] = config.sites;
    assert.equal(cen?.versionNote, unconfirmedVersionNote('2.0 SP4'));
    assert.equal(lab?.versionNote, unconfirmedVersionNote('2.0 SP3'));
    assert.deepEqual(lab?.interruptions, configOf(base).sites[1]?.interruptions);
    assert.ok(siteSectionOf(md, 'LAB').includes(`- Note: ${unconfirmedVersionNote('2.0 SP3') ?? ''}`));
    assert.ok(siteSectionOf(md, 'CEN').includes(`- Note: ${unconfirmedVersionNote('2.0 SP4') ?? ''}`));
    const json = cliverifyJson(config) as { sites: { versionNote: string | null }[] };
    assert.match(json.sites[0]?.versionNote ?? '', /^SMS 2\.0 SP4: Q283130/);
  });

  it('has no note for the levels Q283130 lists', () => {
    const plain = configOf(base);
    assert.deepEqual(
      plain.sites.map((s) => s.versionNote),
      [undefined, undefined],
    );
    assert.ok(!renderCliverifyMarkdown(plain, 'lab.sms.yaml').includes('- Note: '));
    const json = cliverifyJson(plain) as { sites: { versionNote: string | null }[] };
    assert.deepEqual(
      json.sites.map((s) => s.versionNote),
      [null, null],
    );
  });
});

describe('resend guidance (Q226922)', () => {
  it('says what Microsoft documents and labels our reading', () => {
    const text = resendGuidance();
    assert.match(
      text,
      /^How to resend \(Q226922, SMS 2\.0\): a program the client has recorded as completed is not run again/,
    );
    assert.match(text, /a new program, or a recurring assignment scheduled forward in time/);
    assert.match(text, /"as soon as possible" assignment does not re-run it/);
    assert.match(text, /applying Q226922 to\s+interrupted runs is our reading/);
    assert.match(text, /Q283130 itself only says "you must resend/);
  });

  it('follows the resend list of a site with interruptions or runs to resend, and only there', () => {
    const doc = model(LAB_TEXT);
    // Horizon 2001-03-01: CEN has 3 interruptions, LAB 1; nothing to resend yet.
    const md = renderCliverifyMarkdown(configOf(doc), 'lab.sms.yaml');
    assert.ok(siteSectionOf(md, 'CEN').includes(`> ${resendGuidance()}`));
    assert.ok(siteSectionOf(md, 'LAB').includes(`> ${resendGuidance()}`));
    // Horizon 2001-06-01: LAB has a run to resend and no interruption left in the horizon.
    const later = renderCliverifyMarkdown(configOf(doc, { from: utc(2001, 6, 1) }), 'lab.sms.yaml');
    assert.ok(siteSectionOf(later, 'LAB').includes(`> ${resendGuidance()}`));
    // With the cycle off everywhere there is nothing to resend and no guidance.
    const off: SmsDocument = {
      ...doc,
      sites: doc.sites.map((s) => ({ ...s, verifyCycle: { ...s.verifyCycle, enabled: false } })),
    };
    const quiet = renderCliverifyMarkdown(configOf(off), 'lab.sms.yaml');
    assert.ok(!quiet.includes(resendGuidance()));
    assert.ok(quiet.includes('- Q226922 (SMS 2.0): a program recorded as completed is not run again'));
    assert.ok(quiet.includes('is our reading.'));
  });
});
