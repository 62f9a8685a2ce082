// Drives the code-server workbench in Debian's Chromium through playwright-core, plus the UI steps
// tests share. Selectors and pitfalls are the measured ones from notes/real-editor-testing.md.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import type { CodeServer } from './codeServer';
import { CHROMIUM_BIN, SCREENSHOTS_DIR } from './paths';
import { HANG_LIMIT_MS } from '../../helpers/hangLimit';
import { processesMentioning, waitFor } from './processes';

export interface Workbench {
  page: Page;
  context: BrowserContext;
  /** Chromium's profile dir (unique per workbench; orphan checks can search for it). */
  profileDir: string;
  /** Closes Chromium and removes its profile. Idempotent. */
  close(): Promise<void>;
}

const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Opens the server's workbench URL (folder + extension payload) and waits for the workbench. */
export async function openWorkbench(
  server: CodeServer,
  options: { timeoutMs?: number; viewport?: { width: number; height: number } } = {},
): Promise<Workbench> {
  const profileDir = mkdtempSync(join(tmpdir(), 'sms-e2e-chromium-'));
  const context = await chromium.launchPersistentContext(profileDir, {
    executablePath: CHROMIUM_BIN,
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: options.viewport ?? { width: 1400, height: 900 },
    // Chromium's crash handler otherwise keeps its database in ~/.config and outlives the browser for a
    // moment; inside the profile it is ours and the orphan check below can see it.
    env: {
      ...process.env,
      XDG_CONFIG_HOME: join(profileDir, 'xdg-config'),
      XDG_CACHE_HOME: join(profileDir, 'xdg-cache'),
    },
  });
  let closed = false;
  const close = async (): Promise<void> => {
    if (closed) return;
    closed = true;
    await context.close();
    await waitForExit(profileDir);
    rmSync(profileDir, { recursive: true, force: true });
  };
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    await page.goto(server.url);
    await waitForWorkbench(page, options.timeoutMs);
    return { page, context, profileDir, close };
  } catch (error) {
    await close();
    throw error;
  }
}

/** Waits for every process naming `profileDir` to exit; kills stragglers by pid after a bounded wait. */
async function waitForExit(profileDir: string): Promise<void> {
  try {
    await waitFor('Chromium processes to exit', () => processesMentioning(profileDir).length === 0, HANG_LIMIT_MS);
  } catch {
    for (const pid of processesMentioning(profileDir)) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // exited meanwhile
      }
    }
  }
}

export async function waitForWorkbench(page: Page, timeoutMs = 60_000): Promise<void> {
  await page.locator('.monaco-workbench').waitFor({ state: 'visible', timeout: timeoutMs });
  // The Explorer's tree exists once the workspace folder is resolved (it has no rows if the folder is empty).
  await page.locator('.explorer-folders-view').first().waitFor({ state: 'attached', timeout: timeoutMs });
}

/** Opens `fileName` by double-clicking its Explorer row (Ctrl+P proved flaky) and waits for its tab. */
export async function openFileFromExplorer(page: Page, fileName: string, timeoutMs = 30_000): Promise<void> {
  const row = page.locator('.explorer-folders-view .monaco-list-row', { hasText: fileName }).first();
  await row.waitFor({ timeout: timeoutMs });
  await row.dblclick();
  await page.locator('.tabs-container .tab', { hasText: fileName }).first().waitFor({ timeout: timeoutMs });
  await page.locator('.editor-instance .monaco-editor .view-lines').first().waitFor({ timeout: timeoutMs });
}

/** The visible text of the active editor, non-breaking spaces (Monaco's rendering) made plain. */
export async function activeEditorText(page: Page): Promise<string> {
  const text = await page.locator('.editor-instance .monaco-editor .view-lines').first().innerText();
  return text.replace(/\u00a0/g, ' ');
}

/**
 * Runs a command from the palette by its title. Right after load the palette may not list
 * contributed commands yet, so opening and searching are retried (each attempt bounded by
 * `attemptTimeoutMs`). Choosing is not retried: a command must never run twice.
 */
export async function runCommand(
  page: Page,
  title: string,
  { attempts = 5, attemptTimeoutMs = HANG_LIMIT_MS }: { attempts?: number; attemptTimeoutMs?: number } = {},
): Promise<void> {
  const input = page.locator('.quick-input-widget input');
  const row = page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first();
  for (let attempt = 1; ; attempt++) {
    try {
      await page.keyboard.press('F1');
      await input.waitFor({ state: 'visible', timeout: attemptTimeoutMs });
      await input.fill(`>${title}`);
      await row.waitFor({ state: 'visible', timeout: attemptTimeoutMs });
      break;
    } catch (error) {
      await page.keyboard.press('Escape');
      if (attempt >= attempts) {
        throw new Error(`command "${title}" not found in the palette after ${attempts} attempts`, { cause: error });
      }
    }
  }
  // Click the matching row: Enter would run whichever row is focused (recently used ones sort first).
  await row.click();
  await input.waitFor({ state: 'hidden', timeout: Math.max(attemptTimeoutMs, 30_000) });
}

/** Opens the Problems panel (Ctrl+Shift+M) and waits for it. */
export async function openProblemsPanel(page: Page, timeoutMs = 10_000): Promise<void> {
  await page.keyboard.press('Control+Shift+M');
  await page.locator('.markers-panel').first().waitFor({ state: 'visible', timeout: timeoutMs });
}

/** Moves the active editor's cursor to 1-based `line` (Ctrl+G), scrolling it into view. */
export async function goToLine(page: Page, line: number, timeoutMs = 10_000): Promise<void> {
  await page.locator('.editor-instance .monaco-editor .view-lines').first().click();
  await page.keyboard.press('Control+G');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible', timeout: timeoutMs });
  await input.fill(`:${line}`);
  await page.keyboard.press('Enter');
  await input.waitFor({ state: 'hidden', timeout: timeoutMs });
}

/**
 * Waits for a squiggle of the given severity in an editor. Monaco renders only the visible lines,
 * so bring the diagnostic's line into view first (`goToLine`).
 */
export async function waitForSquiggle(
  page: Page,
  severity: 'error' | 'warning' | 'info' = 'warning',
  timeoutMs = 30_000,
): Promise<void> {
  await page.locator(`.monaco-editor .squiggly-${severity}`).first().waitFor({ state: 'attached', timeout: timeoutMs });
}

/** Saves a full-page screenshot as SCREENSHOTS_DIR/NAME.png (the proof a person can look at). */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOTS_DIR, { recursive: true });
  const path = join(SCREENSHOTS_DIR, `${name}.png`);
  await page.screenshot({ path });
  return path;
}
