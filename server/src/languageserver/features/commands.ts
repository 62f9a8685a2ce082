/**
 * workspace/executeCommand: the simulation timeline, the Cliverify configuration and token
 * decoding (ServerCommands in protocol.ts). A document that is not open is read from disk.
 */
import { readFileSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import {
  CreateFile,
  TextDocumentEdit,
  TextEdit,
  type ExecuteCommandParams,
  type WorkspaceEdit,
} from 'vscode-languageserver';
import { analyzeValidation, validateText, type Analysis } from '../../core/analyze';
import { applyEdits } from '../../core/edits/yamlEdits';
import { checkWhatIf, siteVerifyCycles, whatIfEdits, withVerifyCycles } from '../../core/index';
import { locate } from '../../core/document/parse';
import { collectionPasses, runsOf, type Run } from '../../core/engine/runs';
import { formatInstant } from '../../core/engine/time';
import { describeSchedule } from '../../core/model/describe';
import { decodeTokens } from '../../core/tokens/codec';
import { schedulesToJson } from '../../core/tokens/json';
import {
  ServerCommands,
  type ApplyWhatIfResult,
  type ServerSettings,
  type Timeline,
  type TimelineFinding,
  type TimelineRow,
} from '../../shared/protocol';
import { cliverifyOutput, mayOverwrite, siblingCliverifyUri } from '../cliverifyFile';
import { toLspTextEdit } from '../convert';
import { analyzeOptions } from '../documents';
import type { ServerContext } from '../server';
import { MAX_DOCUMENT_BYTES, oversizedBytes, tooLargeMessage } from '../sizeLimit';
import { modelLookup } from '../../core/model/lookup';

/** Runs per timeline row; dense schedules (every minute for a year) are cut here. */
export const TIMELINE_MAX_RUNS_PER_ROW = 2000;

export async function executeCommand(context: ServerContext, params: ExecuteCommandParams): Promise<unknown> {
  const [first, second, third] = params.arguments ?? [];
  switch (params.command) {
    case ServerCommands.simulate: {
      if (typeof first !== 'string') throw new Error('simulate expects a document uri');
      const oversized = oversizedDocument(context, first);
      if (oversized !== undefined) return errorTimeline(first, oversized.version, tooLargeMessage(oversized.bytes));
      const { analysis, version, settings } = await analysisFor(context, first);
      if (second === undefined || second === null || analysis.model === undefined) {
        return timeline(first, version, analysis, settings);
      }
      const checked = checkWhatIf(second, analysis.model);
      if (!checked.ok) return errorTimeline(first, version, checked.reason);
      const whatIf = analyzeValidation(
        {
          parsed: analysis.parsed,
          diagnostics: analysis.diagnostics,
          hasErrors: analysis.hasErrors,
          model: withVerifyCycles(analysis.model, checked.overrides),
        },
        analyzeOptions(settings),
      );
      return { ...timeline(first, version, whatIf, settings), whatIf: checked.overrides };
    }
    case ServerCommands.applyWhatIf:
      return applyWhatIf(context, first, second, third);
    case ServerCommands.cliverify: {
      if (typeof first !== 'string') throw new Error('cliverify expects a document uri');
      if (oversizedDocument(context, first) !== undefined) return null;
      const { analysis, settings } = await analysisFor(context, first);
      const output = cliverifyOutput(first, analysis, analyzeOptions(settings));
      if (output === undefined) return null;
      return { markdown: output.markdown, json: output.json, fileUri: output.fileUri };
    }
    case ServerCommands.decodeToken:
      return decodeTokenCommand(first);
    default:
      throw new Error(`unknown command ${params.command}`);
  }
}

/** The size of the open document or file at `uri` when it is over the limit (it is never parsed). */
function oversizedDocument(context: ServerContext, uri: string): { bytes: number; version: number | null } | undefined {
  const document = context.store.get(uri);
  if (document !== undefined) {
    const bytes = oversizedBytes(document.getText());
    return bytes === undefined ? undefined : { bytes, version: document.version };
  }
  if (!uri.startsWith('file:')) return undefined;
  let bytes: number;
  try {
    bytes = statSync(fileURLToPath(uri)).size;
  } catch {
    return undefined; // analysisFor reports the missing file
  }
  return bytes > MAX_DOCUMENT_BYTES ? { bytes, version: null } : undefined;
}

async function analysisFor(
  context: ServerContext,
  uri: string,
): Promise<{ analysis: Analysis; version: number | null; settings: ServerSettings }> {
  const settings = await context.settings.forDocument(uri);
  const document = context.store.get(uri);
  if (document !== undefined) {
    return { analysis: context.store.analysis(document, settings), version: document.version, settings };
  }
  if (!uri.startsWith('file:')) throw new Error(`${uri} is not open and not a file`);
  const text = readFileSync(fileURLToPath(uri), 'utf8');
  return { analysis: analyzeValidation(validateText(text), analyzeOptions(settings)), version: null, settings };
}

/**
 * The what-if written into the open document: the YAML edits (pinned to `version`) and, as the
 * quick fixes do, NAME.cliverify.md regenerated for the edited text. `edit` is null when nothing changes.
 */
async function applyWhatIf(
  context: ServerContext,
  uri: unknown,
  version: unknown,
  value: unknown,
): Promise<ApplyWhatIfResult> {
  if (typeof uri !== 'string') return { ok: false, reason: 'applyWhatIf expects a document uri' };
  const document = context.store.get(uri);
  if (document === undefined) return { ok: false, reason: `${uri} is not open` };
  if (version !== null && version !== document.version) {
    return { ok: false, reason: `the document changed since the what-if was simulated; try it again` };
  }
  const settings = await context.settings.forDocument(uri);
  const analysis = context.store.analysis(document, settings);
  const model = analysis.model;
  if (model === undefined) return { ok: false, reason: 'the document has errors; fix them first' };
  const checked = checkWhatIf(value, model);
  if (!checked.ok) return checked;
  const coreEdits = whatIfEdits(analysis.parsed, model, checked.overrides);
  if (coreEdits.length === 0) return { ok: true, edit: null };
  const lines = analysis.parsed.lines;
  const yamlEdits = coreEdits.map((edit) => toLspTextEdit(lines, edit, edit.newText));
  // Same shape as the quick fixes' edit (codeActions.ts fixEdit); to be one function when both move to the core.
  if (!context.client.documentChanges) return { ok: true, edit: { changes: { [uri]: yamlEdits } } };
  const documentChanges: WorkspaceEdit['documentChanges'] = [
    TextDocumentEdit.create({ uri, version: document.version }, yamlEdits),
  ];
  if (context.client.createFiles) {
    const options = analyzeOptions(settings);
    const fixed = analyzeValidation(validateText(applyEdits(analysis.parsed.text, coreEdits)), options);
    const output = cliverifyOutput(uri, fixed, options);
    const sibling = siblingCliverifyUri(uri);
    if (output !== undefined && sibling === output.fileUri && mayOverwrite(sibling, context.store)) {
      documentChanges.push(
        CreateFile.create(output.fileUri, { overwrite: true }),
        TextDocumentEdit.create({ uri: output.fileUri, version: null }, [
          TextEdit.insert({ line: 0, character: 0 }, output.markdown),
        ]),
      );
    }
  }
  return { ok: true, edit: { documentChanges } };
}

export function decodeTokenCommand(token: unknown): unknown {
  if (typeof token !== 'string') return { ok: false, reason: 'expected a token string' };
  const decoded = decodeTokens(token.trim());
  if (!decoded.ok) return { ok: false, reason: decoded.reason };
  return {
    ok: true,
    description: decoded.schedules.map((s) => describeSchedule(s)).join('; '),
    json: schedulesToJson(decoded.schedules),
  };
}

/** An empty timeline that says why there is nothing to show. */
function errorTimeline(uri: string, version: number | null, error: string): Timeline {
  return {
    uri,
    version,
    horizon: { from: '', to: '' },
    rows: [],
    summary: { interruptions: 0, delays: 0, clientsAtRisk: 0 },
    error,
  };
}

export function timeline(uri: string, version: number | null, analysis: Analysis, settings: ServerSettings): Timeline {
  const { model, simulation, parsed } = analysis;
  if (model === undefined || simulation === undefined) {
    return errorTimeline(uri, version, 'The document has errors; fix them to simulate it.');
  }
  const options = analyzeOptions(settings);
  const horizon = simulation.horizon;
  const passCache = new Map<string, TimelineRow['passes']>();
  const rows = model.advertisements.map((ad): TimelineRow => {
    const collection = modelLookup(model).collection(ad.collection);
    const runs: Run[] = [];
    let truncated = false;
    for (let j = 0; j < ad.assignments.length; j++) {
      const list = runsOf(model, ad, j, horizon, options, TIMELINE_MAX_RUNS_PER_ROW);
      runs.push(...list.runs);
      truncated ||= list.truncated;
    }
    runs.sort((a, b) => a.start - b.start);
    if (runs.length > TIMELINE_MAX_RUNS_PER_ROW) truncated = true;
    let passes = passCache.get(ad.collection);
    if (passes === undefined) {
      passes = collectionPasses(model, ad.collection, horizon, options).map((p) => ({
        earliest: formatInstant(p.earliest),
        latest: formatInstant(p.latest),
        durationMinutes: p.durationMinutes,
      }));
      passCache.set(ad.collection, passes);
    }
    const findings: TimelineFinding[] = [
      ...simulation.interruptions
        .filter((i) => i.advertisement === ad.id)
        .map((i): TimelineFinding => ({
          kind: 'interruption',
          runStart: formatInstant(i.runStart),
          runEnd: formatInstant(i.runEnd),
          verifyEarliest: formatInstant(i.verifyEarliest),
          verifyLatest: formatInstant(i.verifyLatest),
          likelihood: i.likelihood,
          clientsAtRisk: i.clientsAtRisk,
          assignment: i.assignment,
        })),
      ...simulation.delays
        .filter((d) => d.advertisement === ad.id)
        .map((d): TimelineFinding => ({
          kind: 'delay',
          runStart: formatInstant(d.runStart),
          verifyEarliest: formatInstant(d.verifyEarliest),
          verifyLatest: formatInstant(d.verifyLatest),
          assignment: d.assignment,
        })),
    ];
    const target =
      ad.assignments.length > 0 ? ['advertisements', ad.index, 'assignments', 0] : ['advertisements', ad.index];
    return {
      advertisement: ad.id,
      advertisementName: ad.name,
      collection: ad.collection,
      collectionName: collection?.name ?? ad.collection,
      site: collection?.site ?? '',
      location: parsed.lines.positionAt(locate(parsed, target).start),
      runs: runs
        .slice(0, TIMELINE_MAX_RUNS_PER_ROW)
        .map((r) => ({ start: formatInstant(r.start), end: formatInstant(r.end) })),
      runsTruncated: truncated,
      passes,
      findings,
    };
  });
  return {
    uri,
    version,
    horizon: { from: formatInstant(horizon.from), to: formatInstant(horizon.to) },
    rows,
    sites: siteVerifyCycles(model),
    summary: {
      interruptions: simulation.interruptions.length,
      delays: simulation.delays.length,
      clientsAtRisk: simulation.interruptions.toArray().reduce((sum, i) => sum + i.clientsAtRisk, 0),
    },
  };
}
