/**
 * The contract between the extension (client) and the language server: command ids, settings and
 * the simulation timeline. Types and constants only, so the thin client can import it.
 */

export const LANGUAGE_ID = 'sms-schedule';
export const DIAGNOSTIC_SOURCE = 'sms-schedule';

/** Server-side commands (workspace/executeCommand). */
export const ServerCommands = {
  /**
   * args: [uri: string, whatIf?: WhatIf] → Timeline. With a what-if, the timeline of the document as
   * if those verify-cycle values were set (nothing is edited).
   */
  simulate: 'smsSchedule.server.simulate',
  /**
   * args: [uri: string, version: number | null, whatIf: WhatIf] → ApplyWhatIfResult: the edit that
   * sets the what-if's values in the YAML (and regenerates NAME.cliverify.md), as the quick fixes do.
   * Refused when `version` is not the open document's.
   */
  applyWhatIf: 'smsSchedule.server.applyWhatIf',
  /** args: [uri: string] → { markdown: string; json: unknown; fileUri: string } */
  cliverify: 'smsSchedule.server.cliverify',
  /** args: [exportText: string, options?: { readable?: boolean; timeZone?: string }] → ImportSiteExportResult (SPEC §9) */
  importSiteExport: 'smsSchedule.server.importSiteExport',
  /** args: [token: string] → { ok: true; description: string; json: unknown } | { ok: false; reason: string } */
  decodeToken: 'smsSchedule.server.decodeToken',
} as const;

/** Client-side commands (contributed to the command palette). */
export const ClientCommands = {
  simulate: 'smsSchedule.simulate',
  generateCliverify: 'smsSchedule.generateCliverify',
  decodeToken: 'smsSchedule.decodeToken',
  importSiteExport: 'smsSchedule.importSiteExport',
  /** args: [uri: string, line: number, character: number] — reveal a position (timeline clicks, CodeLens). */
  reveal: 'smsSchedule.reveal',
} as const;

/** The document an SMS site export becomes, with the importer's warnings, or why the export was refused. */
export type ImportSiteExportResult =
  | {
      readonly ok: true;
      readonly yaml: string;
      readonly warnings: readonly { readonly pointer: string; readonly message: string }[];
    }
  | { readonly ok: false; readonly pointer: string; readonly message: string };

export type SimulateMode = 'onSave' | 'onType' | 'off';

export interface ServerSettings {
  readonly simulate: SimulateMode;
  /** Overrides the document's `simulation.days` when set. */
  readonly horizonDays: number | null;
  readonly defaultRunMinutes: number;
  readonly maxProblems: number;
  /** Inlay hints: tokens in words, the UTC instant of local wall times. */
  readonly inlayHints: boolean;
}

export const DEFAULT_SETTINGS: ServerSettings = {
  simulate: 'onSave',
  horizonDays: null,
  defaultRunMinutes: 120,
  maxProblems: 200,
  inlayHints: true,
};

// The timeline payload and the what-if are the core's plain data (type-only: nothing of the core is bundled into the client).
export type {
  ApplyWhatIfResult,
  Timeline,
  TimelineBand,
  TimelineFinding,
  TimelineRow,
  TimelineRun,
  TimelineSite,
  VerifyCycleOverride,
  WhatIf,
} from '../core/ide/timelineTypes';
