/**
 * The core's one entry point: the language server and the CLI import nothing else from the core
 * (a lint rule keeps it so). Everything here is plain data in and out: no LSP types, no file system.
 */

// The analysis of a document in editor terms (ide/).
export {
  DocumentAnalysis,
  Snapshot,
  StaleSnapshotError,
  analyzeDocumentText,
  errorTimeline,
  type DiagnosticsPage,
} from './ide/documentAnalysis';
export type { CodeActionOptions } from './ide/codeActions';
export type { CliverifyOutput } from './ide/cliverifyFile';
export { cliverifyUri, documentFileName, siblingCliverifyUri } from './ide/cliverifyFile';
export { COMPLETION_TRIGGER_CHARACTERS } from './ide/completion';
export { decodeToken, type TokenDecoding } from './ide/tokenDecode';
export { TIMELINE_MAX_RUNS_PER_ROW } from './ide/timeline';
export type * from './ide/timelineTypes';
export type * from './ide/types';
export { isGeneratedCliverifyFile } from './cliverify/config';
export type { DiagnosticData } from './diagnosticData';
export type { CoreDiagnostic, DiagnosticCode, Severity, Span, RelatedInformation } from './diagnostics';

// Tokens, SMS version scope, resend guidance (SPEC §5 v1.1, §6 v1.1; Q271181, Q283130, Q226922)
export { decodeTokens, encodeSchedules } from './tokens/codec';
export type { TokenDecodeResult } from './tokens/codec';
export { schedulesFromJson, schedulesToJson } from './tokens/json';
export type { TokenJson } from './tokens/json';
export { formatUnusedBits, unusedBitsNote } from './tokens/unusedBits';
export { describeSchedule } from './model/describe';
export type { Schedule } from './model/types';
export { isUnconfirmedSmsVersion, unconfirmedVersionNote } from './semantics/smsVersionScope';
export { resendGuidance } from './cliverify/resendGuidance';

// Navigation over ids (issue 12): definition, references, highlights, rename, id symbols (Snapshot.navigation)
export type { Navigation, RangeHighlight, IdSymbolEntry, RenameOutcome } from './ide/navigationRanges';
export type { IdKind } from './ide/idIndex';

// cli: sms-schedule check / cliverify / token
export { analyzeText } from './analyze';
export type { Analysis } from './analyze';
export { locate } from './document/parse';
export { formatInstant } from './engine/time';
export type { Delay, Interruption } from './engine/types';
export { formatWhen } from './findings/when';
export { modelLookup } from './model/lookup';
export type { Assignment } from './model/types';
export { parseLocalDateTime } from './model/localDateTime';
export { buildCliverifyConfig, cliverifyFileName, cliverifyJson, renderCliverifyMarkdown } from './cliverify/config';

// Accepted risks (SPEC §6.1) and the Cliverify advice (SPEC §7 v1.1)
export { adviseCliverify } from './cliverify/advice';
export type { AcceptedDelay, AcceptedFindings, AcceptedInterruption } from './accept/acceptance';
// import: sms-schedule import, SPEC §9
export { importSiteExport, readSmsVersionOption } from './import';
export type {
  ImportOptions,
  ImportRefusal,
  ImportResult,
  ImportSuccess,
  ImportWarning,
  SmsVersionOptionResult,
} from './import';

// What-if on the verify cycle (the timeline panel)
export type { WhatIfFix } from './ide/whatIfFeature';
