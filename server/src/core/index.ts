/**
 * The one entry point of the core library for its callers (`cli/`, `languageserver/`): they import
 * nothing from core but this file. Each area adds its own group of re-exports.
 */

// cli: sms-schedule check / cliverify / token
export { analyzeText } from './analyze';
export type { Analysis } from './analyze';
export type { CoreDiagnostic, Severity } from './diagnostics';
export { locate } from './document/parse';
export { formatInstant } from './engine/time';
export type { Delay, Interruption } from './engine/types';
export { formatWhen } from './findings/when';
export { modelLookup } from './model/lookup';
export type { Assignment } from './model/types';
export { parseLocalDateTime } from './model/localDateTime';
export { describeSchedule } from './model/describe';
export { decodeTokens, encodeSchedules } from './tokens/codec';
export { schedulesFromJson, schedulesToJson } from './tokens/json';
export {
  buildCliverifyConfig,
  cliverifyFileName,
  cliverifyJson,
  isGeneratedCliverifyFile,
  renderCliverifyMarkdown,
} from './cliverify/config';
