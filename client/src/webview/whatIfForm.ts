/**
 * The what-if form of the timeline panel: per site, the verify-cycle values to try. Pure functions
 * (markup, reading the fields, the what-if to send), so they run under unit tests without a DOM.
 * The server checks the what-if again; the form only keeps obviously bad input from being sent.
 */
import type { Timeline, TimelineSite, VerifyCycleOverride, WhatIf } from '../../../server/src/shared/protocol';
import { escapeXml } from './renderTimeline';

/** What the form holds for one site (every value, as the user sees it). */
export interface SiteDraft {
  readonly enabled: boolean;
  readonly intervalDays: number;
  readonly durationMinutes: number;
}

export type WhatIfDraft = Readonly<Record<string, SiteDraft>>;

/** The ranges of SPEC §3 (the schema's), also the inputs' min/max. */
export const INTERVAL_RANGE = { min: 1, max: 365 } as const;
export const DURATION_RANGE = { min: 1, max: 1440 } as const;

/** The draft that equals the document. */
export function draftOf(sites: readonly TimelineSite[]): WhatIfDraft {
  return Object.fromEntries(
    sites.map((s) => [
      s.code,
      { enabled: s.enabled, intervalDays: s.intervalDays, durationMinutes: s.durationMinutes },
    ]),
  );
}

/** Only what differs from the document, per site; `{}` when the draft is the document. */
export function whatIfOf(sites: readonly TimelineSite[], draft: WhatIfDraft): WhatIf {
  const whatIf: Record<string, VerifyCycleOverride> = {};
  for (const site of sites) {
    const value = draft[site.code];
    if (value === undefined) continue;
    const override: { enabled?: boolean; intervalDays?: number; durationMinutes?: number } = {};
    if (value.enabled !== site.enabled) override.enabled = value.enabled;
    if (value.intervalDays !== site.intervalDays) override.intervalDays = value.intervalDays;
    if (value.durationMinutes !== site.durationMinutes) override.durationMinutes = value.durationMinutes;
    if (Object.keys(override).length > 0) whatIf[site.code] = override;
  }
  return whatIf;
}

export function isEmptyWhatIf(whatIf: WhatIf): boolean {
  return Object.keys(whatIf).length === 0;
}

/** A whole number in `range` from a field's text, else undefined (the field is then marked invalid). */
export function parseWhole(text: string, range: { readonly min: number; readonly max: number }): number | undefined {
  if (!/^\s*\d+\s*$/.test(text)) return undefined;
  const value = Number(text);
  return value >= range.min && value <= range.max ? value : undefined;
}

/** "LAB: interval 45 d, pass 10 min; CEN: verify cycle off" — what the what-if changes. */
export function describeWhatIf(whatIf: WhatIf): string {
  return Object.entries(whatIf)
    .map(([code, o]) => {
      const parts: string[] = [];
      if (o.enabled !== undefined) parts.push(o.enabled ? 'verify cycle on' : 'verify cycle off');
      if (o.intervalDays !== undefined) parts.push(`interval ${o.intervalDays} d`);
      if (o.durationMinutes !== undefined) parts.push(`pass ${o.durationMinutes} min`);
      return `${code}: ${parts.join(', ')}`;
    })
    .join('; ');
}

/** "4 → 3 interruptions · 815 → 15 clients at risk · 3 → 3 delays" (document → what-if). */
export function compareText(document: Timeline, whatIf: Timeline): string {
  const a = document.summary;
  const b = whatIf.summary;
  return `${a.interruptions} → ${b.interruptions} interruptions · ${a.clientsAtRisk} → ${b.clientsAtRisk} clients at risk · ${a.delays} → ${b.delays} delays`;
}

/**
 * The form: one fieldset per site with "Periodically Verify Client Installation", "Verify Interval"
 * (days) and the pass duration (our model), each field tagged with its site and key.
 */
export function whatIfFormHtml(sites: readonly TimelineSite[], draft: WhatIfDraft): string {
  if (sites.length === 0) return '';
  const rows = sites.map((site) => {
    const value = draft[site.code] ?? site;
    const code = escapeXml(site.code);
    const id = (key: string): string => `whatif-${code}-${key}`;
    return (
      `<fieldset class="whatif-site" data-site="${code}"><legend>Site ${code} <span class="muted">${escapeXml(site.server)}, SMS ${escapeXml(site.smsVersion)}</span></legend>` +
      `<label for="${id('enabled')}"><input type="checkbox" id="${id('enabled')}" data-site="${code}" data-key="enabled"${value.enabled ? ' checked' : ''}> Periodically verify</label>` +
      `<label for="${id('intervalDays')}">Interval <input type="number" id="${id('intervalDays')}" data-site="${code}" data-key="intervalDays" min="${INTERVAL_RANGE.min}" max="${INTERVAL_RANGE.max}" step="1" value="${value.intervalDays}"> days</label>` +
      `<label for="${id('durationMinutes')}">Pass <input type="number" id="${id('durationMinutes')}" data-site="${code}" data-key="durationMinutes" min="${DURATION_RANGE.min}" max="${DURATION_RANGE.max}" step="1" value="${value.durationMinutes}"> min</label>` +
      `</fieldset>`
    );
  });
  return rows.join('');
}
