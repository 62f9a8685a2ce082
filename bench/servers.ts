/**
 * The two language servers compared side by side, started the same way (node + stdio), and
 * what each one's publishes mean.
 */
import { join } from 'node:path';
import type { ServerCommand } from './lspClient';

export const REPO_ROOT = join(__dirname, '..');
export const DATA_DIR = join(REPO_ROOT, 'bench', '.data');
export const OUR_SERVER_JS = join(REPO_ROOT, 'dist', 'server.js');
export const YAML_LS_BIN = join(REPO_ROOT, 'node_modules', 'yaml-language-server', 'bin', 'yaml-language-server');
export const SCHEMA_PATH = join(REPO_ROOT, 'schemas', 'sms-schedule.schema.json');

/** First line of every generated document: yaml-language-server reads the schema from it; ours ignores it. */
export const SCHEMA_MODELINE = `# yaml-language-server: $schema=${SCHEMA_PATH}`;

export interface BenchServer extends ServerCommand {
  /** Publishes carry the document version (so an edit's diagnostics can be told apart). */
  readonly versionedPublishes: boolean;
  /** Publishes diagnostics on didSave (ours: the engine's). */
  readonly publishesOnSave: boolean;
  /** Fixed delay the server waits before validating, per trigger (part of what a user sees). */
  readonly debounceMs: { readonly open: number; readonly change: number };
}

/** Our server with its default settings (`simulate: onSave`, `maxProblems: 200`). */
export const OUR_SERVER: BenchServer = {
  label: 'sms-schedule',
  args: [OUR_SERVER_JS, '--stdio'],
  languageId: 'sms-schedule',
  configuration: { smsSchedule: {} },
  versionedPublishes: true,
  publishesOnSave: true,
  // server/src/languageserver/features/diagnostics.ts: a change after a pause is validated at once,
  // and one within a burst waits as long as the last validation took (changeDelay); neither is a
  // fixed amount to subtract, so "work" = as seen.
  debounceMs: { open: 0, change: 0 },
};

const YAML_SETTINGS = {
  validate: true,
  hover: true,
  completion: true,
  format: { enable: false },
  // No network in the bench (and no other schema than the modeline's).
  schemaStore: { enable: false },
  kubernetesCRDStore: { enable: false },
  schemas: {},
};

export const YAML_LANGUAGE_SERVER: BenchServer = {
  label: 'yaml-language-server',
  args: [YAML_LS_BIN, '--stdio'],
  languageId: 'yaml',
  configuration: { yaml: YAML_SETTINGS, '[yaml]': {}, http: {}, editor: {}, files: {} },
  pushedSettings: { yaml: YAML_SETTINGS },
  versionedPublishes: false,
  publishesOnSave: false,
  // out/server/src/yamlSettings.js: validationDelayMs = 200, applied to open and change alike.
  debounceMs: { open: 200, change: 200 },
};
