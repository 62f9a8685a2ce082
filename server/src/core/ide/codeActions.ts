/**
 * Code actions, computed from each diagnostic's `data` (diagnosticData.ts) and the snapshot's own
 * text, never from message text:
 * - `schema` unknown key → the allowed key it most likely meant; a bad enum value → each allowed value;
 * - `unresolved-reference` → the closest defined name;
 * - `verify-interrupts-run` → move that assignment's start by the smallest 15-minute step that
 *   clears it (listed first); disable the site's verify cycle, or set its interval to the nearest
 *   safe value (SPEC §7), each with the Cliverify configuration of the FIXED document;
 * - refactorings of the selected assignments: token ↔ readable schedule, where exact.
 * A diagnostic the snapshot does not have (same code, range and data) is from another version of
 * the text and gets no action: its range may point at other bytes now.
 */
import { analyzeValidation, validateText, type Analysis, type Validation } from '../analyze';
import { cliverifyBuildName } from '../cliverify/config';
import { nearestSafeInterval } from '../cliverify/fixes';
import { readDiagnosticData, type DiagnosticData, type FindingData } from '../diagnosticData';
import type { CoreDiagnostic, Range } from '../diagnostics';
import { locate, type ParsedDocument } from '../document/parse';
import { acceptDiagnosticEdit } from '../accept/acceptEdit';
import { ACCEPTABLE_CODES } from '../accept/acceptance';
import { assignmentConversions } from '../edits/convertAssignment';
import { applyEdits, setVerifyCycleValue, type TextEdit as SpanEdit } from '../edits/yamlEdits';
import { retimeFix } from '../fixes/retime';
import { modelLookup } from '../model/lookup';
import type { Site } from '../model/types';
import { closestMatch } from '../schema/closestMatch';
import { allowedKeysAt, enumValuesAt } from '../schema/validate';
import { cliverifyOutput } from './cliverifyFile';
import { analyzeOptions, type FeatureContext } from './context';
import type { AnalysisSettings, ClientDiagnostic, CodeActionEntry, TextEdit } from './types';

export interface CodeActionOptions {
  readonly settings: AnalysisSettings;
  /** The document's uri (names the Cliverify file in its heading). */
  readonly uri: string;
}

/** The actions for the diagnostics the editor sent, then the refactorings of the selected `range`. */
export function codeActions(
  context: FeatureContext,
  range: Range,
  diagnostics: readonly ClientDiagnostic[],
  options: CodeActionOptions,
): CodeActionEntry[] {
  const { validation } = context;
  const actions: CodeActionEntry[] = [];
  const findings = new Map<string, { data: FindingData; diagnostics: unknown[] }>();
  const assignments = new Map<string, { data: FindingData; diagnostics: unknown[] }>();
  for (const diagnostic of diagnostics) {
    const data = readDiagnosticData(diagnostic.data);
    if (data === undefined) continue;
    if (data.kind === 'finding') {
      // Engine findings are checked against this snapshot's own engine run (see computeVerifyCycleFixes),
      // so a warning carried over from an earlier version still gets fixes computed on the current text.
      if (diagnostic.code !== 'verify-interrupts-run') continue;
      addTo(findings, data.site, data, diagnostic.original);
      addTo(assignments, `${data.advertisement}\u0000${data.assignment}`, data, diagnostic.original);
      continue;
    }
    if (!hasDiagnostic(validation.diagnostics, diagnostic, data)) continue;
    actions.push(...validationFixes(validation.parsed, data, diagnostic.original));
  }
  if (findings.size > 0) {
    const analysis = context.analysis(options.settings);
    // Moving the one run comes first: it changes nothing else (SPEC §7 v1.1).
    for (const { data, diagnostics: fixed } of assignments.values()) {
      const retime = retimeAction(analysis, data, options);
      if (retime !== undefined) actions.push({ ...retime, diagnostics: fixed });
    }
    for (const { data, diagnostics: fixed } of findings.values()) {
      actions.push(...verifyCycleFixes(analysis, data, options).map((fix) => ({ ...fix, diagnostics: fixed })));
    }
  }
  // Accepting the risk comes after every fix that removes it.
  actions.push(...acceptFixes(validation.parsed, diagnostics));
  actions.push(...conversions(validation, range));
  return actions;
}

/**
 * "Accept this risk…" (SPEC §6.1): writes `# sms-schedule-accept CODE -- ` above the item the
 * diagnostic is on; the reason is left for the user to type. One action per item and code.
 */
function acceptFixes(parsed: ParsedDocument, diagnostics: readonly ClientDiagnostic[]): CodeActionEntry[] {
  const byEdit = new Map<string, CodeActionEntry>();
  for (const diagnostic of diagnostics) {
    if (typeof diagnostic.code !== 'string' || !ACCEPTABLE_CODES.has(diagnostic.code)) continue;
    const edits = acceptDiagnosticEdit(parsed, { code: diagnostic.code, range: diagnostic.range });
    if (edits.length === 0) continue;
    const key = JSON.stringify(edits);
    const existing = byEdit.get(key);
    if (existing !== undefined) {
      (existing.diagnostics as unknown[]).push(diagnostic.original);
      continue;
    }
    byEdit.set(key, {
      title: `Accept this risk… (${diagnostic.code})`,
      kind: 'quickfix',
      diagnostics: [diagnostic.original],
      edits: edits.map((edit) => ({ range: parsed.lines.rangeOf(edit), newText: edit.newText })),
    });
  }
  return [...byEdit.values()];
}

function addTo(
  groups: Map<string, { data: FindingData; diagnostics: unknown[] }>,
  key: string,
  data: FindingData,
  original: unknown,
): void {
  const group = groups.get(key) ?? { data, diagnostics: [] };
  group.diagnostics.push(original);
  groups.set(key, group);
}

/** The re-time fix of one assignment (fixes/retime.ts): only its start value changes. */
function retimeAction(
  analysis: Analysis,
  data: FindingData,
  options: CodeActionOptions,
): Omit<CodeActionEntry, 'diagnostics'> | undefined {
  const fix = retimeFix(analysis, data.advertisement, data.assignment, analyzeOptions(options.settings), (i) =>
    analysis.accepted.isInterruptionAccepted(i.advertisement, i.assignment),
  );
  if (fix === undefined) return undefined;
  const lines = analysis.parsed.lines;
  return {
    title: fix.title,
    kind: 'quickfix',
    isPreferred: true,
    edits: [{ range: lines.rangeOf(fix.edit), newText: fix.edit.newText }],
  };
}

/** "Convert to readable schedule" / "Convert to SMS token" on the assignments the range touches (exact only). */
function conversions(validation: Validation, range: Range): CodeActionEntry[] {
  const lines = validation.parsed.lines;
  const span = { start: lines.offsetAt(range.start), end: lines.offsetAt(range.end) };
  return assignmentConversions(validation, span).map((conversion) => ({
    title: conversion.title,
    kind: 'refactor.rewrite',
    diagnostics: [],
    edits: [{ range: lines.rangeOf(conversion.edit), newText: conversion.edit.newText }],
  }));
}

/** Whether the snapshot itself reports this diagnostic (same code, range and data). */
function hasDiagnostic(current: readonly CoreDiagnostic[], sent: ClientDiagnostic, data: DiagnosticData): boolean {
  const key = JSON.stringify(data);
  return current.some(
    (d) =>
      d.code === sent.code &&
      rangesEqual(d.range, sent.range) &&
      d.data !== undefined &&
      JSON.stringify(d.data) === key,
  );
}

function rangesEqual(a: Range, b: Range): boolean {
  return (
    a.start.line === b.start.line &&
    a.start.character === b.start.character &&
    a.end.line === b.end.line &&
    a.end.character === b.end.character
  );
}

function validationFixes(parsed: ParsedDocument, data: DiagnosticData, original: unknown): CodeActionEntry[] {
  switch (data.kind) {
    case 'unknown-key': {
      const suggestion = data.suggestion ?? closestMatch(data.key, allowedKeysAt(data.path.slice(0, -1)));
      if (suggestion === undefined) return [];
      const span = locate(parsed, data.path, 'key');
      return [replacement(parsed, span, suggestion, `Replace '${data.key}' with '${suggestion}'`, original, true)];
    }
    case 'unresolved-reference': {
      if (data.suggestion === undefined) return [];
      const span = locate(parsed, data.path, 'value');
      const quote = quoteAt(parsed, span.start);
      const newText = quote === '' ? yamlScalar(data.suggestion, false) : `${quote}${data.suggestion}${quote}`;
      return [replacement(parsed, span, newText, `Replace with '${data.suggestion}'`, original, true)];
    }
    case 'enum-value': {
      const span = locate(parsed, data.path, 'value');
      const current: unknown = parsed.yaml.getIn(data.path as (string | number)[]);
      const quoted = quoteAt(parsed, span.start) !== '';
      return enumValuesAt(data.path)
        .filter((value) => value !== current)
        .map((value) =>
          replacement(parsed, span, yamlScalar(value, quoted), `Change to ${JSON.stringify(value)}`, original, false),
        );
    }
    case 'finding':
      return [];
  }
}

function replacement(
  parsed: ParsedDocument,
  span: { start: number; end: number },
  newText: string,
  title: string,
  original: unknown,
  isPreferred: boolean,
): CodeActionEntry {
  return {
    title,
    kind: 'quickfix',
    diagnostics: [original],
    ...(isPreferred ? { isPreferred } : {}),
    edits: [{ range: parsed.lines.rangeOf(span), newText }],
  };
}

function quoteAt(parsed: ParsedDocument, offset: number): string {
  const char = parsed.text.charAt(offset);
  return char === '"' || char === "'" ? char : '';
}

/** A YAML scalar for an allowed value; strings are quoted when plain style would change their type. */
function yamlScalar(value: unknown, keepQuotes: boolean): string {
  if (typeof value !== 'string') return JSON.stringify(value);
  const plainIsString = /^[A-Za-z_][\w-]*$/.test(value) && !/^(true|false|null|~)$/i.test(value);
  return keepQuotes || !plainIsString ? JSON.stringify(value) : value;
}

/** Expensive (a safe interval may take hundreds of simulations): computed once per analysis and site. */
const fixCache = new WeakMap<Analysis, Map<string, readonly Omit<CodeActionEntry, 'diagnostics'>[]>>();

function verifyCycleFixes(
  analysis: Analysis,
  data: FindingData,
  options: CodeActionOptions,
): readonly Omit<CodeActionEntry, 'diagnostics'>[] {
  let perSite = fixCache.get(analysis);
  if (perSite === undefined) fixCache.set(analysis, (perSite = new Map()));
  let fixes = perSite.get(data.site);
  if (fixes === undefined) {
    fixes = computeVerifyCycleFixes(analysis, data, options);
    perSite.set(data.site, fixes);
  }
  return fixes;
}

function computeVerifyCycleFixes(
  analysis: Analysis,
  data: FindingData,
  options: CodeActionOptions,
): Omit<CodeActionEntry, 'diagnostics'>[] {
  const model = analysis.model;
  const site: Site | undefined = model ? modelLookup(model).site(data.site) : undefined;
  // The finding must still be there: its advertisement still has an interruption on that assignment.
  const stillInterrupted = analysis.simulation?.interruptions.ofAdvertisement(data.advertisement, data.assignment);
  if (model === undefined || site === undefined || stillInterrupted === undefined || stillInterrupted.length === 0) {
    return [];
  }
  const engineOptions = analyzeOptions(options.settings);
  const fixes: Omit<CodeActionEntry, 'diagnostics'>[] = [];
  const disable = setVerifyCycleValue(analysis.parsed, site.index, 'enabled', false);
  if (disable.length > 0) {
    fixes.push({
      title: `Disable the verify cycle on site ${site.code} (${cliverifyBuildName(site.smsVersion)})`,
      kind: 'quickfix',
      ...fixEdits(analysis.parsed, disable, options),
    });
  }
  const interval = nearestSafeInterval(model, site.code, engineOptions, (ad, assignment) =>
    analysis.accepted.isInterruptionAccepted(ad, assignment),
  );
  if (interval !== undefined && site.verifyCycle.enabled && interval !== site.verifyCycle.intervalDays) {
    const edits = setVerifyCycleValue(analysis.parsed, site.index, 'intervalDays', interval);
    if (edits.length > 0) {
      fixes.push({
        title: `Set site ${site.code}'s verify interval to ${interval} days (no interruptions in the horizon)`,
        kind: 'quickfix',
        ...fixEdits(analysis.parsed, edits, options),
      });
    }
  }
  if (fixes.length === 1 && disable.length > 0) fixes[0] = { ...fixes[0]!, isPreferred: true };
  return fixes;
}

/** The YAML edits, and the Cliverify configuration of the text they produce (also the timeline's what-if). */
export function fixEdits(
  parsed: ParsedDocument,
  spanEdits: readonly SpanEdit[],
  options: Pick<CodeActionOptions, 'settings' | 'uri'>,
): Pick<CodeActionEntry, 'edits' | 'cliverifyFile'> {
  const edits: TextEdit[] = spanEdits.map((edit) => ({ range: parsed.lines.rangeOf(edit), newText: edit.newText }));
  const engineOptions = analyzeOptions(options.settings);
  const fixed = analyzeValidation(validateText(applyEdits(parsed.text, spanEdits)), engineOptions);
  const output = cliverifyOutput(options.uri, fixed, engineOptions);
  return { edits, ...(output !== undefined ? { cliverifyFile: { markdown: output.markdown } } : {}) };
}
