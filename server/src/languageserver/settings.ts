/**
 * Per-document settings, pulled from the client with `workspace/configuration` (section
 * `smsSchedule`) and cached until the client says the configuration changed. Anything missing or
 * malformed falls back to the defaults of the protocol contract.
 */
import type { Connection } from 'vscode-languageserver';
import { DEFAULT_SETTINGS, type ServerSettings, type SimulateMode } from '../shared/protocol';

export const SETTINGS_SECTION = 'smsSchedule';

const SIMULATE_MODES: readonly SimulateMode[] = ['onSave', 'onType', 'off'];

function positiveInteger(value: unknown, min: number, max: number): number | undefined {
  return typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max ? value : undefined;
}

/** Turns whatever the client sent into complete, valid settings. */
export function normalizeSettings(raw: unknown): ServerSettings {
  const input = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
  const simulate = SIMULATE_MODES.find((mode) => mode === input['simulate']) ?? DEFAULT_SETTINGS.simulate;
  // Same bounds as the document's `simulation.days` (SPEC §3) and a program's run time.
  const horizonDays = positiveInteger(input['horizonDays'], 1, 3660) ?? DEFAULT_SETTINGS.horizonDays;
  const defaultRunMinutes = positiveInteger(input['defaultRunMinutes'], 1, 1440) ?? DEFAULT_SETTINGS.defaultRunMinutes;
  const maxProblems = positiveInteger(input['maxProblems'], 1, 100_000) ?? DEFAULT_SETTINGS.maxProblems;
  const inlayHints = typeof input['inlayHints'] === 'boolean' ? input['inlayHints'] : DEFAULT_SETTINGS.inlayHints;
  return { simulate, horizonDays, defaultRunMinutes, maxProblems, inlayHints };
}

export class SettingsStore {
  private readonly cache = new Map<string, Promise<ServerSettings>>();
  /** Settings pushed with `workspace/didChangeConfiguration`, for clients that cannot be pulled from. */
  private pushed: ServerSettings = DEFAULT_SETTINGS;

  constructor(
    private readonly connection: Connection,
    private readonly canPull: () => boolean,
  ) {}

  forDocument(uri: string): Promise<ServerSettings> {
    if (!this.canPull()) return Promise.resolve(this.pushed);
    let settings = this.cache.get(uri);
    if (settings === undefined) {
      settings = this.connection.workspace
        .getConfiguration({ scopeUri: uri, section: SETTINGS_SECTION })
        .then(normalizeSettings, (error: unknown) => {
          this.connection.console.error(`sms-schedule: reading settings failed: ${String(error)}`);
          return DEFAULT_SETTINGS;
        });
      this.cache.set(uri, settings);
    }
    return settings;
  }

  /** `workspace/didChangeConfiguration`: drop what was pulled; keep what was pushed. */
  changed(pushedSettings: unknown): void {
    this.cache.clear();
    const section = (pushedSettings as Record<string, unknown> | null | undefined)?.[SETTINGS_SECTION];
    if (section !== undefined) this.pushed = normalizeSettings(section);
  }

  forget(uri: string): void {
    this.cache.delete(uri);
  }
}
