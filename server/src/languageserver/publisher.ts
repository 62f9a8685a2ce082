/**
 * When diagnostics are computed and published (SPEC §6, source `sms-schedule`):
 * - validation (syntax, schema, references, tokens) after every change: at once after a pause in
 *   typing, debounced within a burst of changes;
 * - the interruption engine on open and save (`simulate: onSave`), on every change (`onType`),
 *   or never (`off`); between two runs the last findings of the advertisements a change did not
 *   touch stay published at their new ranges, and a change that applies a verify-cycle fix the
 *   server proposed runs the engine at once (its outcome is known).
 * Each document has at most one pending timer and one run in flight; a result computed for a
 * version that is no longer current is dropped instead of published.
 */
import type { Connection, Diagnostic } from 'vscode-languageserver';
import { DiagnosticSeverity } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Snapshot } from '../core/index';
import { FixOutcomes } from './fixOutcomes';
import { DIAGNOSTIC_SOURCE, type ServerSettings } from '../shared/protocol';
import { toLspDiagnostic } from './convert';
import { describeError, type Logger } from './safety';
import type { DocumentSessions } from './sessions';
import type { SettingsStore } from './settings';
import { oversizedBytes, tooLargeDiagnostic } from './sizeLimit';

/**
 * The validation after an edit waits for a pause in typing as long as the last validation of that
 * document took (so validating never takes more than about half the server's time while someone
 * types), within these bounds. Incremental validation of a one-item edit takes milliseconds, so
 * the wait is short; a whole-document re-parse of a huge file waits up to the maximum.
 */
export const VALIDATION_DEBOUNCE_MS = 150;
export const MIN_VALIDATION_DEBOUNCE_MS = 5;

export function validationDelay(lastCostMs: number | undefined): number {
  if (lastCostMs === undefined) return VALIDATION_DEBOUNCE_MS;
  return Math.min(VALIDATION_DEBOUNCE_MS, Math.max(MIN_VALIDATION_DEBOUNCE_MS, Math.ceil(lastCostMs)));
}

/**
 * How long a change waits before it is validated. The first change after a pause at least as long
 * as the debounce is validated at once (nothing is coalesced by waiting for it, and the user sees
 * the result soonest); a change that follows another within the debounce waits for the pause.
 */
export function changeDelay(lastCostMs: number | undefined, msSinceLastChange: number | undefined): number {
  const delay = validationDelay(lastCostMs);
  return msSinceLastChange === undefined || msSinceLastChange >= delay ? 0 : delay;
}

type Trigger = 'open' | 'change' | 'save' | 'settings';

/** Whether the engine runs for this trigger under this setting. */
export function engineRunsOn(trigger: Trigger, mode: ServerSettings['simulate']): boolean {
  if (mode === 'off') return false;
  if (mode === 'onType') return true;
  return trigger !== 'change';
}

/**
 * Keeps the first `maxProblems - 1` diagnostics and says how many more there were. `total` is the
 * full count when `diagnostics` holds only the first ones (the core formats no more than are shown).
 */
export function capDiagnostics(
  diagnostics: readonly Diagnostic[],
  maxProblems: number,
  total = diagnostics.length,
): Diagnostic[] {
  if (total <= maxProblems) return [...diagnostics];
  const kept = diagnostics.slice(0, Math.max(0, maxProblems - 1));
  const hidden = total - kept.length;
  kept.push({
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
    severity: DiagnosticSeverity.Information,
    code: 'too-many-findings',
    source: DIAGNOSTIC_SOURCE,
    message:
      `${hidden} more problem${hidden === 1 ? '' : 's'} not shown (setting smsSchedule.maxProblems = ${maxProblems}). ` +
      'Run the simulation timeline or `sms-schedule check` to see all findings.',
  });
  return kept;
}

export class DiagnosticsPublisher {
  private readonly timers = new Map<string, NodeJS.Timeout>();
  /** How long each document's last validation took (ms), for the adaptive debounce. */
  private readonly validationCosts = new Map<string, number>();
  /** When each document last changed (performance.now()), to tell a first change after a pause. */
  private readonly lastChanges = new Map<string, number>();
  /** The version each document's open event already handled (TextDocuments reports it as a change too). */
  private readonly openedVersions = new Map<string, number>();
  /** The texts the last proposed engine fixes would produce, per document. */
  readonly fixOutcomes = new FixOutcomes();

  constructor(
    private readonly connection: Connection,
    private readonly store: DocumentSessions,
    private readonly settings: SettingsStore,
    private readonly logger: Logger,
  ) {}

  opened(document: TextDocument): void {
    this.openedVersions.set(document.uri, document.version);
    this.cancelTimer(document.uri);
    void this.run(document.uri, 'open');
  }

  changed(document: TextDocument): void {
    if (this.openedVersions.get(document.uri) === document.version) return;
    this.cancelTimer(document.uri);
    const uri = document.uri;
    const now = performance.now();
    const last = this.lastChanges.get(uri);
    this.lastChanges.set(uri, now);
    const delay = changeDelay(this.validationCosts.get(uri), last === undefined ? undefined : now - last);
    this.timers.set(
      uri,
      setTimeout(() => {
        this.timers.delete(uri);
        void this.run(uri, 'change');
      }, delay),
    );
  }

  saved(document: TextDocument): void {
    this.cancelTimer(document.uri);
    void this.run(document.uri, 'save');
  }

  closed(uri: string): void {
    this.cancelTimer(uri);
    this.openedVersions.delete(uri);
    this.fixOutcomes.forget(uri);
    this.validationCosts.delete(uri);
    this.lastChanges.delete(uri);
    void this.connection.sendDiagnostics({ uri, diagnostics: [] });
  }

  /** After a configuration change: recompute every open document as if it had been saved. */
  refreshAll(): void {
    for (const document of this.store.documents.all()) {
      this.cancelTimer(document.uri);
      void this.run(document.uri, 'settings');
    }
  }

  private cancelTimer(uri: string): void {
    const timer = this.timers.get(uri);
    if (timer !== undefined) clearTimeout(timer);
    this.timers.delete(uri);
  }

  /** The document's snapshot (made once per version), remembering what validating it cost. */
  private timeValidation(document: TextDocument): Snapshot {
    const started = performance.now();
    const snapshot = this.store.snapshot(document);
    this.validationCosts.set(document.uri, performance.now() - started);
    return snapshot;
  }

  private async run(uri: string, trigger: Trigger): Promise<void> {
    try {
      const document = this.store.get(uri);
      if (document === undefined) return;
      const version = document.version;
      const settings = await this.settings.forDocument(uri);
      if (!this.store.isCurrent(uri, version)) return;
      const oversized = oversizedBytes(document.getText());
      if (oversized !== undefined) {
        await this.connection.sendDiagnostics({ uri, version, diagnostics: [tooLargeDiagnostic(oversized)] });
        return;
      }
      // A change that applies a fix the server proposed: its outcome is known, publish it at once.
      const withEngine =
        engineRunsOn(trigger, settings.simulate) ||
        (settings.simulate !== 'off' && this.fixOutcomes.take(uri, document.getText()));
      if (withEngine) {
        // Let queued edits arrive first: if one did, this version is stale and the engine is skipped.
        await new Promise<void>((resolve) => setImmediate(resolve));
        if (!this.store.isCurrent(uri, version)) return;
      }
      const snapshot = this.timeValidation(document);
      // Between engine runs the findings of untouched advertisements stay (at their new ranges).
      const engine = withEngine ? 'run' : settings.simulate === 'off' ? 'none' : 'carry';
      const { diagnostics: core, total } = snapshot.diagnostics(settings, engine, settings.maxProblems);
      if (!this.store.isCurrent(uri, version)) return;
      const diagnostics = capDiagnostics(
        core.map((diagnostic) => toLspDiagnostic(diagnostic, uri)),
        settings.maxProblems,
        total,
      );
      await this.connection.sendDiagnostics({ uri, version, diagnostics });
    } catch (error) {
      this.logger.error(`sms-schedule: diagnostics for ${uri} failed: ${describeError(error)}`);
    }
  }
}
