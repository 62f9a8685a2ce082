/**
 * What-if on the verify cycle (the timeline panel): simulate the document as if some sites had other
 * "Periodically Verify Client Installation" / "Verify Interval" values (and our model's pass
 * duration), without editing it; then, on request, the YAML edits that set those values, the same
 * minimal edits the quick fixes make (`../edits/yamlEdits.ts`).
 */
import { MAX_INTERVAL_DAYS, MIN_INTERVAL_DAYS } from '../cliverify/fixes';
import { parseText, type ParsedDocument } from '../document/parse';
import {
  applyEdits,
  differenceEdit,
  setVerifyCycleValues,
  type TextEdit,
  type VerifyCycleKey,
} from '../edits/yamlEdits';
import { modelLookup } from '../model/lookup';
import type { SmsDocument, VerifyCycle } from '../model/types';
import type { TimelineSite, VerifyCycleOverride, WhatIf } from './timelineTypes';

export type { VerifyCycleOverride };

/** Overrides by site code (the protocol's `WhatIf`). */
export type VerifyCycleOverrides = WhatIf;

export type WhatIfCheck =
  { readonly ok: true; readonly overrides: VerifyCycleOverrides } | { readonly ok: false; readonly reason: string };

const MIN_DURATION_MINUTES = 1;
const MAX_DURATION_MINUTES = 1440;
const OVERRIDE_KEY_ORDER = ['enabled', 'intervalDays', 'durationMinutes'] as const;
const OVERRIDE_KEYS: ReadonlySet<string> = new Set(OVERRIDE_KEY_ORDER);

/**
 * Checks an untrusted what-if (from the protocol) against the document: every site code must be a
 * site of `model`, every value in the range the schema allows. The first problem is the reason.
 */
export function checkWhatIf(value: unknown, model: SmsDocument): WhatIfCheck {
  if (!isRecord(value)) return fail('a what-if is an object of verify-cycle values by site code');
  const lookup = modelLookup(model);
  const overrides: Record<string, VerifyCycleOverride> = {};
  for (const [code, raw] of Object.entries(value)) {
    if (lookup.site(code) === undefined) return fail(`the document has no site ${JSON.stringify(code)}`);
    if (!isRecord(raw)) return fail(`site ${code}: expected an object of verify-cycle values`);
    const unknown = Object.keys(raw).find((key) => !OVERRIDE_KEYS.has(key));
    if (unknown !== undefined) return fail(`site ${code}: unknown verify-cycle key ${JSON.stringify(unknown)}`);
    const { enabled, intervalDays, durationMinutes } = raw;
    if (enabled !== undefined && typeof enabled !== 'boolean')
      return fail(`site ${code}: enabled must be true or false`);
    if (intervalDays !== undefined && !isIntegerIn(intervalDays, MIN_INTERVAL_DAYS, MAX_INTERVAL_DAYS)) {
      return fail(
        `site ${code}: intervalDays must be a whole number of days, ${MIN_INTERVAL_DAYS}..${MAX_INTERVAL_DAYS}`,
      );
    }
    if (durationMinutes !== undefined && !isIntegerIn(durationMinutes, MIN_DURATION_MINUTES, MAX_DURATION_MINUTES)) {
      return fail(
        `site ${code}: durationMinutes must be a whole number of minutes, ${MIN_DURATION_MINUTES}..${MAX_DURATION_MINUTES}`,
      );
    }
    overrides[code] = {
      ...(enabled === undefined ? {} : { enabled }),
      ...(intervalDays === undefined ? {} : { intervalDays }),
      ...(durationMinutes === undefined ? {} : { durationMinutes }),
    };
  }
  return { ok: true, overrides };
}

/**
 * A new model whose sites take the overrides (sites without one, and everything else, are the same
 * objects). The input model is never changed. Codes that name no site are ignored (see checkWhatIf).
 */
export function withVerifyCycles(model: SmsDocument, overrides: VerifyCycleOverrides): SmsDocument {
  // The engine reads a site through the lookup, which takes the first site of a code; so does this.
  const lookup = modelLookup(model);
  const targets = new Map<object, VerifyCycleOverride>();
  for (const [code, override] of Object.entries(overrides)) {
    const site = lookup.site(code);
    if (site !== undefined) targets.set(site, override);
  }
  if (targets.size === 0) return model;
  return {
    ...model,
    sites: model.sites.map((site) => {
      const override = targets.get(site);
      return override === undefined ? site : { ...site, verifyCycle: overridden(site.verifyCycle, override) };
    }),
  };
}

function overridden(cycle: VerifyCycle, override: VerifyCycleOverride): VerifyCycle {
  return {
    ...cycle,
    ...(override.enabled === undefined ? {} : { enabled: override.enabled }),
    ...(override.intervalDays === undefined ? {} : { intervalDays: override.intervalDays }),
    ...(override.durationMinutes === undefined ? {} : { durationMinutes: override.durationMinutes }),
  };
}

/**
 * The text edits that write the overrides into the document, as the quick fixes do: per site only
 * the values that differ from what the document already means (a default is not written out), with
 * `setVerifyCycleValues`. Applying them and asking again gives no edit (idempotent).
 */
export function whatIfEdits(parsed: ParsedDocument, model: SmsDocument, overrides: VerifyCycleOverrides): TextEdit[] {
  const lookup = modelLookup(model);
  const changes: { readonly siteIndex: number; readonly values: Partial<Record<VerifyCycleKey, boolean | number>> }[] =
    [];
  for (const [code, override] of Object.entries(overrides)) {
    const site = lookup.site(code);
    if (site === undefined) continue;
    const values: Partial<Record<VerifyCycleKey, boolean | number>> = {};
    for (const key of OVERRIDE_KEY_ORDER) {
      const value = override[key];
      if (value !== undefined && value !== site.verifyCycle[key]) values[key] = value;
    }
    if (Object.keys(values).length > 0) changes.push({ siteIndex: site.index, values });
  }
  const edits = changes.flatMap((change) => setVerifyCycleValues(parsed, change.siteIndex, change.values));
  if (!overlapping(edits)) return edits;
  // Sites are separate list items, so their edits should never meet; if they do, one site after the
  // other on the edited text, as one edit.
  let text = parsed.text;
  for (const change of changes)
    text = applyEdits(text, setVerifyCycleValues(parseText(text), change.siteIndex, change.values));
  return differenceEdit(parsed.text, text);
}

function overlapping(edits: readonly TextEdit[]): boolean {
  const sorted = [...edits].sort((a, b) => a.start - b.start || a.end - b.end);
  return sorted.some((edit, i) => i > 0 && edit.start < (sorted[i - 1] as TextEdit).end);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isIntegerIn(value: unknown, min: number, max: number): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max;
}

function fail(reason: string): WhatIfCheck {
  return { ok: false, reason: `what-if: ${reason}` };
}

/** A site's verify-cycle values (the timeline's `TimelineSite`). */
export type SiteVerifyCycle = TimelineSite;

/** One entry per site code (the first site of a code, as the engine reads it), in document order. */
export function siteVerifyCycles(model: SmsDocument): SiteVerifyCycle[] {
  const lookup = modelLookup(model);
  return model.sites
    .filter((site) => lookup.site(site.code) === site)
    .map((site) => ({
      code: site.code,
      server: site.server,
      smsVersion: site.smsVersion,
      enabled: site.verifyCycle.enabled,
      intervalDays: site.verifyCycle.intervalDays,
      durationMinutes: site.verifyCycle.durationMinutes,
    }));
}
