// Where the e2e tooling lives, computed from this file so a clone at any path works.
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Availability } from './skip';

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
/** Installed by scripts/install-editors.sh; `CODE_SERVER_BIN` points elsewhere if needed. */
export const CODE_SERVER_BIN =
  process.env.CODE_SERVER_BIN ?? join(REPO_ROOT, '.tools/code-server/node_modules/.bin/code-server');
/** Debian's Chromium: playwright-core drives it and never downloads a browser of its own. */
export const CHROMIUM_BIN = process.env.CHROMIUM_BIN ?? '/usr/bin/chromium';
/**
 * Where screenshots go: the committed proof images (test/e2e/screenshots, shown in the README)
 * only when `SMS_UPDATE_SCREENSHOTS=1`; otherwise a gitignored folder, so a test run leaves the
 * checkout clean.
 */
export const SCREENSHOTS_DIR =
  process.env.SMS_UPDATE_SCREENSHOTS === '1'
    ? join(REPO_ROOT, 'test/e2e/screenshots')
    : join(REPO_ROOT, 'test/e2e/.work/screenshots');
/** Scratch space for workspaces, profiles and bundles (gitignored). */
export const WORK_DIR = join(REPO_ROOT, 'test/e2e/.work');
export const EXTENSION_BUNDLE = join(REPO_ROOT, 'dist/extension.js');
export const SERVER_BUNDLE = join(REPO_ROOT, 'dist/server.js');

/** Whether code-server and Chromium are installed; tests skip loudly with `reason` otherwise. */
export function isEditorAvailable(): Availability {
  if (!existsSync(CODE_SERVER_BIN)) {
    return { ok: false, reason: `code-server not installed (${CODE_SERVER_BIN}): run scripts/install-editors.sh` };
  }
  if (!existsSync(CHROMIUM_BIN)) {
    return { ok: false, reason: `chromium not installed (${CHROMIUM_BIN}): run scripts/install-editors.sh` };
  }
  return { ok: true };
}
