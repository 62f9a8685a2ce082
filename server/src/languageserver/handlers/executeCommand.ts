/**
 * workspace/executeCommand: the simulation timeline, the Cliverify configuration and token
 * decoding (ServerCommands in protocol.ts). A document that is not open is read from disk.
 */
import { readFileSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { ExecuteCommandParams } from 'vscode-languageserver';
import { analyzeDocumentText, decodeToken, errorTimeline, importSiteExport, type Snapshot } from '../../core/index';
import {
  ServerCommands,
  type ApplyWhatIfResult,
  type ImportSiteExportResult,
  type ServerSettings,
} from '../../shared/protocol';
import type { ServerContext } from '../context';
import { workspaceEdit } from '../workspaceEdit';
import { MAX_DOCUMENT_BYTES, oversizedBytes, tooLargeMessage } from '../sizeLimit';

export async function onExecuteCommand(context: ServerContext, params: ExecuteCommandParams): Promise<unknown> {
  const [first, second, third] = params.arguments ?? [];
  switch (params.command) {
    case ServerCommands.simulate: {
      if (typeof first !== 'string') throw new Error('simulate expects a document uri');
      const oversized = oversizedDocument(context, first);
      if (oversized !== undefined) return errorTimeline(first, oversized.version, tooLargeMessage(oversized.bytes));
      const { snapshot, version, settings } = await snapshotFor(context, first);
      if (second === undefined || second === null) return snapshot.timeline(first, settings, version);
      return snapshot.whatIfTimeline(first, settings, second, version);
    }
    case ServerCommands.applyWhatIf:
      return applyWhatIf(context, first, second, third);
    case ServerCommands.cliverify: {
      if (typeof first !== 'string') throw new Error('cliverify expects a document uri');
      if (oversizedDocument(context, first) !== undefined) return null;
      const { snapshot, settings } = await snapshotFor(context, first);
      const output = snapshot.cliverify(first, settings);
      if (output === undefined) return null;
      return { markdown: output.markdown, json: output.json, fileUri: output.fileUri };
    }
    case ServerCommands.decodeToken:
      return decodeToken(first);
    case ServerCommands.importSiteExport:
      return importExport(first, second);
    default:
      throw new Error(`unknown command ${params.command}`);
  }
}

/** SPEC §9 on the export's text (the client reads the file); bad input is a refusal, never a throw. */
function importExport(text: unknown, options: unknown): ImportSiteExportResult {
  if (typeof text !== 'string') return { ok: false, pointer: '', message: 'expected the export file text' };
  const given = (typeof options === 'object' && options !== null ? options : {}) as Record<string, unknown>;
  const result = importSiteExport(text, {
    ...(given['readable'] === true ? { readable: true } : {}),
    ...(typeof given['timeZone'] === 'string' && given['timeZone'] !== '' ? { timeZone: given['timeZone'] } : {}),
  });
  return result.ok
    ? { ok: true, yaml: result.yaml, warnings: result.warnings }
    : { ok: false, pointer: result.pointer, message: result.message };
}

/** The what-if written into the open document, as the quick fixes write theirs; refused for another version. */
async function applyWhatIf(
  context: ServerContext,
  uri: unknown,
  version: unknown,
  whatIf: unknown,
): Promise<ApplyWhatIfResult> {
  if (typeof uri !== 'string') return { ok: false, reason: 'applyWhatIf expects a document uri' };
  const document = context.sessions.get(uri);
  if (document === undefined) return { ok: false, reason: `${uri} is not open` };
  if (version !== null && version !== document.version) {
    return { ok: false, reason: 'the document changed since the what-if was simulated; try it again' };
  }
  const settings = await context.settings.forDocument(uri);
  if (!context.sessions.isCurrent(uri, document.version)) {
    return { ok: false, reason: 'the document changed; try it again' };
  }
  const result = context.sessions.snapshot(document).whatIfFix(uri, settings, whatIf);
  if (!result.ok) return result;
  return { ok: true, edit: result.fix === null ? null : workspaceEdit(context, document, result.fix) };
}

/** The size of the open document or file at `uri` when it is over the limit (it is never parsed). */
function oversizedDocument(context: ServerContext, uri: string): { bytes: number; version: number | null } | undefined {
  const document = context.sessions.get(uri);
  if (document !== undefined) {
    const bytes = oversizedBytes(document.getText());
    return bytes === undefined ? undefined : { bytes, version: document.version };
  }
  if (!uri.startsWith('file:')) return undefined;
  let bytes: number;
  try {
    bytes = statSync(fileURLToPath(uri)).size;
  } catch {
    return undefined; // snapshotFor reports the missing file
  }
  return bytes > MAX_DOCUMENT_BYTES ? { bytes, version: null } : undefined;
}

async function snapshotFor(
  context: ServerContext,
  uri: string,
): Promise<{ snapshot: Snapshot; version: number | null; settings: ServerSettings }> {
  const settings = await context.settings.forDocument(uri);
  const document = context.sessions.get(uri);
  if (document !== undefined) {
    return { snapshot: context.sessions.snapshot(document), version: document.version, settings };
  }
  if (!uri.startsWith('file:')) throw new Error(`${uri} is not open and not a file`);
  return { snapshot: analyzeDocumentText(readFileSync(fileURLToPath(uri), 'utf8')), version: null, settings };
}
