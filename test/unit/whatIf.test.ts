import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { validateText } from '../../server/src/core/analyze';
import { applyEdits } from '../../server/src/core/edits/yamlEdits';
import { simulate } from '../../server/src/core/engine/simulate';
import {
  checkWhatIf,
  siteVerifyCycles,
  whatIfEdits,
  withVerifyCycles,
  type VerifyCycleOverrides,
} from '../../server/src/core/ide/whatIf';
import type { SmsDocument } from '../../server/src/core/model/types';

const LAB_TEXT = readFileSync(join(import.meta.dirname, '../../examples/lab.sms.yaml'), 'utf8');

function modelOf(text: string): SmsDocument {
  const validation = validateText(text);
  assert.equal(validation.hasErrors, false, JSON.stringify(validation.diagnostics.map((d) => d.message)));
  assert.ok(validation.model);
  return validation.model;
}

/** Interruptions and delays as plain objects, for comparing two simulations. */
function findings(model: SmsDocument) {
  const result = simulate(model);
  return { interruptions: result.interruptions.toArray(), delays: result.delays.toArray() };
}

function edited(text: string, overrides: VerifyCycleOverrides): string {
  const validation = validateText(text);
  assert.ok(validation.model);
  return applyEdits(text, whatIfEdits(validation.parsed, validation.model, overrides));
}

describe('withVerifyCycles', () => {
  it('returns a new model with the overrides and leaves the input untouched', () => {
    const model = modelOf(LAB_TEXT);
    const before = structuredClone(model);
    const result = withVerifyCycles(model, { LAB: { enabled: false, durationMinutes: 5 } });
    assert.deepEqual(model, before);
    assert.notEqual(result, model);
    const lab = result.sites.find((s) => s.code === 'LAB');
    // The document's own interval (30) and the default CCIM cadence stay.
    assert.deepEqual(lab?.verifyCycle, { enabled: false, intervalDays: 30, durationMinutes: 5, ccimCycleHours: 23 });
    // Sites without an override, and everything but the sites, are shared, not copied.
    assert.equal(
      result.sites.find((s) => s.code === 'CEN'),
      model.sites.find((s) => s.code === 'CEN'),
    );
    assert.equal(result.advertisements, model.advertisements);
  });

  it('changes what the engine finds: LAB disabled leaves only CEN20007 interrupted', () => {
    const model = modelOf(LAB_TEXT);
    const ids = (m: SmsDocument) => [...new Set(findings(m).interruptions.map((i) => i.advertisement))].sort();
    assert.deepEqual(ids(model), ['CEN20007', 'LAB20001']);
    assert.deepEqual(ids(withVerifyCycles(model, { LAB: { enabled: false } })), ['CEN20007']);
  });

  it('without any known site it returns the same model', () => {
    const model = modelOf(LAB_TEXT);
    assert.equal(withVerifyCycles(model, {}), model);
    assert.equal(withVerifyCycles(model, { XYZ: { enabled: false } }), model);
  });
});

describe('whatIfEdits', () => {
  it('writes only the values that change, next to the existing ones', () => {
    const text = edited(LAB_TEXT, { LAB: { enabled: true, intervalDays: 31, durationMinutes: 40 } });
    // enabled and durationMinutes already hold those values: only the interval changes.
    const expected = LAB_TEXT.replace('      intervalDays: 30\n', '      intervalDays: 31\n');
    assert.notEqual(expected, LAB_TEXT);
    assert.equal(text, expected);
  });

  it('adds a verifyCycle block to a site without one, and leaves defaults unwritten', () => {
    // CEN has no verifyCycle: 30 days is the default, so only `enabled: false` is written.
    const text = edited(LAB_TEXT, { CEN: { enabled: false, intervalDays: 30 } });
    assert.equal(
      text,
      LAB_TEXT.replace(
        '    smsVersion: "2.0 SP2"\n',
        '    smsVersion: "2.0 SP2"\n    verifyCycle:\n      enabled: false\n',
      ),
    );
  });

  it('edits several sites at once and is idempotent', () => {
    const overrides = { LAB: { intervalDays: 45, durationMinutes: 10 }, CEN: { intervalDays: 20 } };
    const once = edited(LAB_TEXT, overrides);
    assert.match(once, /code: CEN\n[^-]*verifyCycle:\n {6}intervalDays: 20\n/);
    assert.match(once, /code: LAB\n[^-]*intervalDays: 45\n {6}durationMinutes: 10\n/);
    const validation = validateText(once);
    assert.ok(validation.model);
    assert.deepEqual(whatIfEdits(validation.parsed, validation.model, overrides), []);
  });

  it('gives no edit when the what-if equals the document', () => {
    const validation = validateText(LAB_TEXT);
    assert.ok(validation.model);
    const same = Object.fromEntries(
      siteVerifyCycles(validation.model).map((s) => [
        s.code,
        { enabled: s.enabled, intervalDays: s.intervalDays, durationMinutes: s.durationMinutes },
      ]),
    );
    assert.deepEqual(whatIfEdits(validation.parsed, validation.model, same), []);
  });

  it('property: the edited document simulates exactly like the what-if model', () => {
    const override = fc.record(
      {
        enabled: fc.boolean(),
        intervalDays: fc.integer({ min: 1, max: 365 }),
        durationMinutes: fc.integer({ min: 1, max: 1440 }),
      },
      { requiredKeys: [] },
    );
    const model = modelOf(LAB_TEXT);
    fc.assert(
      fc.property(fc.record({ LAB: override, CEN: override }, { requiredKeys: [] }), (overrides) => {
        const text = edited(LAB_TEXT, overrides);
        const fromText = modelOf(text);
        assert.deepEqual(siteVerifyCycles(fromText), siteVerifyCycles(withVerifyCycles(model, overrides)));
        assert.deepEqual(findings(fromText), findings(withVerifyCycles(model, overrides)));
      }),
      { numRuns: 30, seed: 20010306 },
    );
  });
});

describe('checkWhatIf', () => {
  const model = modelOf(LAB_TEXT);

  it('accepts values in the schema ranges and keeps only the given members', () => {
    const result = checkWhatIf({ LAB: { enabled: false }, CEN: { intervalDays: 365, durationMinutes: 1 } }, model);
    assert.deepEqual(result, {
      ok: true,
      overrides: { LAB: { enabled: false }, CEN: { intervalDays: 365, durationMinutes: 1 } },
    });
  });

  const refused: [string, unknown, RegExp][] = [
    ['not an object', [1], /an object of verify-cycle values by site code/],
    ['an unknown site', { XYZ: { enabled: false } }, /no site "XYZ"/],
    ['a site value that is not an object', { LAB: 30 }, /site LAB: expected an object/],
    ['an unknown key', { LAB: { ccimCycleHours: 24 } }, /unknown verify-cycle key "ccimCycleHours"/],
    ['a string boolean', { LAB: { enabled: 'no' } }, /enabled must be true or false/],
    ['interval 0', { LAB: { intervalDays: 0 } }, /intervalDays must be a whole number of days, 1\.\.365/],
    ['interval 366', { LAB: { intervalDays: 366 } }, /intervalDays/],
    ['a fractional interval', { LAB: { intervalDays: 30.5 } }, /intervalDays/],
    ['duration 1441', { CEN: { durationMinutes: 1441 } }, /site CEN: durationMinutes .* 1\.\.1440/],
  ];
  for (const [what, value, reason] of refused) {
    it(`refuses ${what}`, () => {
      const result = checkWhatIf(value, model);
      assert.equal(result.ok, false);
      if (!result.ok) assert.match(result.reason, reason);
    });
  }
});

describe('siteVerifyCycles', () => {
  it('lists each site with its effective values (defaults filled in)', () => {
    assert.deepEqual(siteVerifyCycles(modelOf(LAB_TEXT)), [
      { code: 'CEN', server: 'CENSRV01', smsVersion: '2.0 SP2', enabled: true, intervalDays: 30, durationMinutes: 30 },
      { code: 'LAB', server: 'LABSRV01', smsVersion: '2.0 SP1', enabled: true, intervalDays: 30, durationMinutes: 40 },
    ]);
  });
});
