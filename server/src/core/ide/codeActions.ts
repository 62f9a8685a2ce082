/**
 * Code actions, computed from each diagnostic's `data` (diagnosticData.ts) and the snapshot's own
 * text, never from message text:
 * - `schema` unknown key → the allowed key it most likely meant; a bad enum value → each allowed value;
 * - `unresolved-reference` → the closest defined name;
 * - `verify-interrupts-run` → disable the site's verify cycle, or set its interval to the nearest
 *   safe value (SPEC §7); each also carries the Cliverify configuration of the FIXED document.
 * A diagnostic the snapshot does not have (same code, range and data) is from another version of
 * the text and gets no action: its range may point at other bytes now.
 */
import { analyzeValidation, validateText, type Analysis } from '../analyze';
import { cliverifyBuildName } from '../cliverify/config';
import { nearestSafeInterval } from '../cliverify/fixes';
import { readDiagnosticData, type DiagnosticData, type FindingData } from '../diagnosticData';
import type { CoreDiagnostic, Range } from '../diagnostics';
import { locate, type ParsedDocument } from '../document/parse';
import { applyEdits, setVerifyCycleValue, type TextEdit as SpanEdit } from '../edits/yamlEdits';
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

export function codeActions(
  context: FeatureContext,
  diagnostics: readonly ClientDiagnostic[],
  options: CodeActionOptions,
): CodeActionEntry[] {
  const { validation } = context;
  const actions: CodeActionEntry[] = [];
  const findings = new Map<string, { data: FindingData; diagnostics: unknown[] }>();
  for (const diagnostic of diagnostics) {
    const data = readDiagnosticData(diagnostic.data);
    if (data === undefined) continue;
    if (data.kind === 'finding') {
      // Engine findings are checked against this snapshot's own engine run (see computeVerifyCycleFixes),
      // so a warning carried over from an earlier version still gets fixes computed on the current text.
      if (diagnostic.code !== 'verify-interrupts-run') continue;
      const entry = findings.get(data.site) ?? { data, diagnostics: [] };
      entry.diagnostics.push(diagnostic.original);
      findings.set(data.site, entry);
      continue;
    }
    if (!hasDiagnostic(validation.diagnostics, diagnostic, data)) continue;
    actions.push(...validationFixes(validation.parsed, data, diagnostic.original));
  }
  if (findings.size > 0) {
    const analysis = context.analysis(options.settings);
    for (const { data, diagnostics: fixed } of findings.values()) {
      actions.push(...verifyCycleFixes(analysis, data, options).map((fix) => ({ ...fix, diagnostics: fixed })));
    }
  }
  return actions;
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
  const interval = nearestSafeInterval(model, site.code, engineOptions);
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

/** The YAML edits, and the Cliverify configuration of the text they produce. */
function fixEdits(
  parsed: ParsedDocument,
  spanEdits: readonly SpanEdit[],
  options: CodeActionOptions,
): Pick<CodeActionEntry, 'edits' | 'cliverifyFile'> {
  const edits: TextEdit[] = spanEdits.map((edit) => ({ range: parsed.lines.rangeOf(edit), newText: edit.newText }));
  const engineOptions = analyzeOptions(options.settings);
  const fixed = analyzeValidation(validateText(applyEdits(parsed.text, spanEdits)), engineOptions);
  const output = cliverifyOutput(options.uri, fixed, engineOptions);
  return { edits, ...(output !== undefined ? { cliverifyFile: { markdown: output.markdown } } : {}) };
}
