/** The core's one entry point for the CLI and the language server (they import nothing else from core). */

// Accepted risks (SPEC §6.1) and the Cliverify advice (SPEC §7 v1.1)
export { analyzeText } from './analyze';
export type { Analysis } from './analyze';
export type { CoreDiagnostic } from './diagnostics';
export { formatInstant } from './engine/time';
export type { Delay, Interruption } from './engine/types';
export {
  buildCliverifyConfig,
  cliverifyFileName,
  cliverifyJson,
  isGeneratedCliverifyFile,
  renderCliverifyMarkdown,
} from './cliverify/config';
export { adviseCliverify } from './cliverify/advice';
export { acceptComments, itemAt, type AcceptComment, type AcceptItem } from './accept/acceptComments';
export {
  ACCEPTABLE_CODES,
  type AcceptedDelay,
  type AcceptedFindings,
  type AcceptedInterruption,
} from './accept/acceptance';
export { acceptDiagnosticEdit, acceptEdit, acceptTargetOf } from './accept/acceptEdit';
export { acceptHover, type AcceptHoverInput } from './accept/acceptHover';
