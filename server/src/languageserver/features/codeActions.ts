/**
 * Quick fixes (kind quickfix):
 * - on `verify-interrupts-run`: disable the site's verify cycle, or set its interval to the nearest
 *   safe value (SPEC §7). Each edits only the needed YAML (pinned to the document version) and
 *   (re)writes `NAME.cliverify.md` with the Cliverify configuration of the FIXED document.
 * - on `schema`: an unknown key → the nearest allowed key; a bad enum value → each allowed value.
 */
import {
  CodeActionKind,
  CreateFile,
  TextDocumentEdit,
  TextEdit,
  type CodeAction,
  type CodeActionParams,
  type Diagnostic,
  type WorkspaceEdit,
} from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { analyzeValidation, validateText, type Analysis, type Validation } from '../../core/analyze';
import { cliverifyBuildName } from '../../core/cliverify/config';
import { nearestSafeInterval } from '../../core/cliverify/fixes';
import { listItemAt, locate, type Path } from '../../core/document/parse';
import { applyEdits, setVerifyCycleValue, type TextEdit as CoreTextEdit } from '../../core/edits/yamlEdits';
import { modelLookup } from '../../core/model/lookup';
import type { Site } from '../../core/model/types';
import { closestMatch } from '../../core/schema/closestMatch';
import { allowedKeysAt, enumValuesAt } from '../../core/schema/validate';
import { DIAGNOSTIC_SOURCE, type ServerSettings } from '../../shared/protocol';
import { cliverifyOutput, mayOverwrite, siblingCliverifyUri } from '../cliverifyFile';
import { rangeContains, rangesEqual, toLspTextEdit } from '../convert';
import { analyzeOptions } from '../documents';
import type { ServerContext } from '../server';
import { nodeAt } from '../yamlCursor';

export async function codeActions(context: ServerContext, params: CodeActionParams): Promise<CodeAction[]> {
  const uri = params.textDocument.uri;
  const document = context.store.get(uri);
  if (document === undefined) return [];
  const validation = context.store.validation(document);
  const ours = params.context.diagnostics.filter((d) => d.source === DIAGNOSTIC_SOURCE);
  const actions: CodeAction[] = [];
  // A schema diagnostic from an older version may point at other text now: fix only the ones the
  // current version still has (same message at the same range).
  const current = validation.diagnostics.filter((d) => d.code === 'schema');
  const stillThere = (d: Diagnostic): boolean =>
    current.some((c) => c.message === diagnosticMessage(d) && rangesEqual(c.range, d.range));
  for (const diagnostic of ours.filter((d) => d.code === 'schema' && stillThere(d))) {
    actions.push(...schemaFixes(context, document, validation, diagnostic));
  }

  const interruptions = ours.filter((d) => d.code === 'verify-interrupts-run');
  // Engine findings are only trusted for the version the engine ran on: a fix for an older text
  // would edit the wrong bytes.
  if (interruptions.length > 0 && context.diagnostics.engineRanOn(uri, document.version)) {
    const settings = await context.settings.forDocument(uri);
    if (!context.store.isCurrent(uri, document.version)) return actions;
    const analysis = context.store.analysis(document, settings);
    const bySite = new Map<string, { site: Site; diagnostics: Diagnostic[] }>();
    for (const diagnostic of interruptions) {
      const site = siteOfAssignment(analysis, diagnostic);
      if (site === undefined) continue;
      const entry = bySite.get(site.code) ?? { site, diagnostics: [] };
      entry.diagnostics.push(diagnostic);
      bySite.set(site.code, entry);
    }
    for (const { site, diagnostics } of bySite.values()) {
      actions.push(...verifyFixes(context, document, analysis, settings, site, diagnostics));
    }
  }
  return actions;
}

/** The site whose verify cycle the interruption at this assignment range comes from. */
function siteOfAssignment(analysis: Analysis, diagnostic: Diagnostic): Site | undefined {
  const { model, parsed } = analysis;
  if (model === undefined) return undefined;
  // Only the advertisement the diagnostic starts in can hold it (list items do not overlap).
  const index = listItemAt(parsed, 'advertisements', parsed.lines.offsetAt(diagnostic.range.start));
  const ad = model.advertisements.find((a) => a.index === index);
  if (ad === undefined) return undefined;
  for (let j = 0; j < ad.assignments.length; j++) {
    const range = parsed.lines.rangeOf(locate(parsed, ['advertisements', ad.index, 'assignments', j]));
    if (!rangeContains(range, diagnostic.range)) continue;
    const lookup = modelLookup(model);
    const collection = lookup.collection(ad.collection);
    return collection ? lookup.site(collection.site) : undefined;
  }
  return undefined;
}

/** Expensive (a safe interval may take hundreds of simulations): computed once per analysis and site. */
const fixCache = new WeakMap<Analysis, Map<string, readonly CodeAction[]>>();

function verifyFixes(
  context: ServerContext,
  document: TextDocument,
  analysis: Analysis,
  settings: ServerSettings,
  site: Site,
  diagnostics: Diagnostic[],
): CodeAction[] {
  let perSite = fixCache.get(analysis);
  if (perSite === undefined) fixCache.set(analysis, (perSite = new Map()));
  let fixes = perSite.get(site.code);
  if (fixes === undefined) {
    fixes = computeVerifyFixes(context, document, analysis, settings, site);
    perSite.set(site.code, fixes);
  }
  return fixes.map((fix) => ({ ...fix, diagnostics }));
}

function computeVerifyFixes(
  context: ServerContext,
  document: TextDocument,
  analysis: Analysis,
  settings: ServerSettings,
  site: Site,
): CodeAction[] {
  const model = analysis.model;
  if (model === undefined) return [];
  const options = analyzeOptions(settings);
  const fixes: CodeAction[] = [];
  const disable = fixEdit(
    context,
    document,
    analysis,
    settings,
    setVerifyCycleValue(analysis.parsed, site.index, 'enabled', false),
  );
  if (disable !== undefined) {
    fixes.push({
      title: `Disable the verify cycle on site ${site.code} (${cliverifyBuildName(site.smsVersion)})`,
      kind: CodeActionKind.QuickFix,
      edit: disable,
    });
  }
  const interval = nearestSafeInterval(model, site.code, options);
  if (interval !== undefined && site.verifyCycle.enabled && interval !== site.verifyCycle.intervalDays) {
    const edit = fixEdit(
      context,
      document,
      analysis,
      settings,
      setVerifyCycleValue(analysis.parsed, site.index, 'intervalDays', interval),
    );
    if (edit !== undefined) {
      fixes.push({
        title: `Set site ${site.code}'s verify interval to ${interval} days (no interruptions in the horizon)`,
        kind: CodeActionKind.QuickFix,
        edit,
      });
    }
  }
  if (fixes.length === 1 && disable !== undefined) (fixes[0] as CodeAction).isPreferred = true;
  return fixes;
}

/**
 * The YAML edits (pinned to the document's version) plus, when the client can create files and
 * the file is ours to overwrite, `NAME.cliverify.md` with the configuration of the fixed text.
 */
function fixEdit(
  context: ServerContext,
  document: TextDocument,
  analysis: Analysis,
  settings: ServerSettings,
  coreEdits: readonly CoreTextEdit[],
): WorkspaceEdit | undefined {
  if (coreEdits.length === 0) return undefined;
  const lines = analysis.parsed.lines;
  const yamlEdits = coreEdits.map((edit) => toLspTextEdit(lines, edit, edit.newText));
  const { uri, version } = document;
  if (!context.client.documentChanges) return { changes: { [uri]: yamlEdits } };
  const documentChanges: WorkspaceEdit['documentChanges'] = [TextDocumentEdit.create({ uri, version }, yamlEdits)];
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
  return { documentChanges };
}

const UNKNOWN_KEY = /^Unknown key '([^']*)'/;
const DID_YOU_MEAN = /Did you mean '([^']*)'\?/;

function diagnosticMessage(diagnostic: Diagnostic): string {
  return typeof diagnostic.message === 'string' ? diagnostic.message : diagnostic.message.value;
}

/** One text edit of the document, pinned to its version when the client can check versions. */
function documentEdit(context: ServerContext, document: TextDocument, edit: TextEdit): WorkspaceEdit {
  const { uri, version } = document;
  if (!context.client.documentChanges) return { changes: { [uri]: [edit] } };
  return { documentChanges: [TextDocumentEdit.create({ uri, version }, [edit])] };
}

function schemaFixes(
  context: ServerContext,
  document: TextDocument,
  validation: Validation,
  diagnostic: Diagnostic,
): CodeAction[] {
  const parsed = validation.parsed;
  const at = nodeAt(parsed.yaml.contents, parsed.lines.offsetAt(diagnostic.range.start));
  if (at === undefined) return [];
  const message = diagnosticMessage(diagnostic);
  const unknown = UNKNOWN_KEY.exec(message);
  if (unknown !== null && at.onKey) {
    const key = unknown[1] ?? '';
    const parent: Path = at.path.slice(0, -1);
    const suggestion = DID_YOU_MEAN.exec(message)?.[1] ?? closestMatch(key, allowedKeysAt(parent));
    if (suggestion === undefined || at.span === undefined) return [];
    return [
      {
        title: `Replace '${key}' with '${suggestion}'`,
        kind: CodeActionKind.QuickFix,
        diagnostics: [diagnostic],
        isPreferred: true,
        edit: documentEdit(context, document, toLspTextEdit(parsed.lines, at.span, suggestion)),
      },
    ];
  }
  if (at.onKey || at.span === undefined) return [];
  const allowed = enumValuesAt(at.path).filter((value) => value !== at.scalar);
  const span = at.span;
  const quoted = /^["']/.test(parsed.text.charAt(span.start));
  return allowed.map((value) => ({
    title: `Change to ${JSON.stringify(value)}`,
    kind: CodeActionKind.QuickFix,
    diagnostics: [diagnostic],
    edit: documentEdit(context, document, toLspTextEdit(parsed.lines, span, yamlScalar(value, quoted))),
  }));
}

/** A YAML scalar for an allowed value; strings are quoted when plain style would change their type. */
function yamlScalar(value: unknown, keepQuotes: boolean): string {
  if (typeof value !== 'string') return JSON.stringify(value);
  const plainIsString = /^[A-Za-z_][\w-]*$/.test(value) && !/^(true|false|null|~)$/i.test(value);
  return keepQuotes || !plainIsString ? JSON.stringify(value) : value;
}
