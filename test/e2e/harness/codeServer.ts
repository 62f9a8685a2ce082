// Starts a throw-away code-server (VS Code 1.100.3 served over HTTP) for one test.
// Each server gets its own port, XDG dirs, user data and extensions dirs under a fresh temp dir, runs
// in its own process group (so its watcher and extension-host children die with it), and loads our
// extension unpacked through the page URL's `payload` (the web equivalent of --extensionDevelopmentPath).
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync, closeSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CODE_SERVER_BIN } from './paths';
import { groupAlive, killGroup, waitFor } from './processes';

export { isEditorAvailable } from './paths';

export interface CodeServerOptions {
  /** Folder opened in the workbench. */
  workspace: string;
  /** Extension folder (with its package.json) loaded unpacked, like `--extensionDevelopmentPath`. */
  extensionDevelopmentPath?: string;
  /** A CommonJS file exporting `run()`, executed in the real extension host like `--extensionTestsPath`. */
  extensionTestsPath?: string;
  /** Extra environment for code-server and so for its extension host. */
  env?: Record<string, string>;
  /** Extra user settings, merged over the quiet defaults below. */
  settings?: Record<string, unknown>;
  /** Deadline for /healthz to answer. */
  startTimeoutMs?: number;
}

export interface CodeServer {
  /** The workbench page: folder plus payload; open it with `openWorkbench`. */
  url: string;
  /** `http://127.0.0.1:PORT`. */
  origin: string;
  port: number;
  /** Process group id of code-server and all its children. */
  pgid: number;
  /** The temp dir holding XDG dirs, profile, extensions dir and `code-server.log`. */
  dataDir: string;
  /** code-server's stdout and stderr so far (for failure messages). */
  log(): string;
  /** Kills the whole process group, waits until it is gone, removes the temp dir. Idempotent. */
  stop(): Promise<void>;
}

const QUIET_SETTINGS = {
  'workbench.startupEditor': 'none',
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'security.workspace.trust.enabled': false,
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'chat.commandCenter.enabled': false,
  // Workspaces live in temp dirs; never offer to open an enclosing repository.
  'git.openRepositoryInParentFolders': 'never',
};

// Groups still running when this test process exits (a failed assertion, a test timeout) are killed
// synchronously on the way out, so a failing run leaves no code-server behind either.
const liveGroups = new Set<number>();
process.once('exit', () => {
  for (const pgid of liveGroups) {
    try {
      process.kill(-pgid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
});

/** A port the OS just handed out; code-server binds it a moment later (a start retry covers the race). */
async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** A `vscode-remote://` URI naming a path on the code-server host, as the workbench payload expects. */
export function remoteUri(port: number, absolutePath: string): string {
  return `vscode-remote://127.0.0.1:${port}${absolutePath}`;
}

function workbenchUrl(port: number, options: CodeServerOptions): string {
  const payload: [string, string][] = [];
  if (options.extensionDevelopmentPath) {
    payload.push(['extensionDevelopmentPath', remoteUri(port, options.extensionDevelopmentPath)]);
  }
  if (options.extensionTestsPath) payload.push(['extensionTestsPath', remoteUri(port, options.extensionTestsPath)]);
  const query = new URLSearchParams({ folder: options.workspace });
  if (payload.length > 0) query.set('payload', JSON.stringify(payload));
  return `http://127.0.0.1:${port}/?${query.toString()}`;
}

async function healthy(origin: string): Promise<boolean> {
  try {
    const response = await fetch(`${origin}/healthz`, { signal: AbortSignal.timeout(1000) });
    return response.ok;
  } catch {
    return false;
  }
}

async function startOnce(options: CodeServerOptions): Promise<CodeServer> {
  const dataDir = mkdtempSync(join(tmpdir(), 'sms-e2e-code-server-'));
  const dirs = { config: join(dataDir, 'xdg-config'), data: join(dataDir, 'xdg-data'), ext: join(dataDir, 'ext') };
  const userData = join(dataDir, 'user');
  for (const dir of [...Object.values(dirs), join(userData, 'User')]) mkdirSync(dir, { recursive: true });
  writeFileSync(
    join(userData, 'User/settings.json'),
    JSON.stringify({ ...QUIET_SETTINGS, ...options.settings }, null, 2),
  );
  const port = await freePort();
  const configPath = join(dataDir, 'config.yaml');
  writeFileSync(configPath, `bind-addr: 127.0.0.1:${port}\nauth: none\ncert: false\n`);
  const logPath = join(dataDir, 'code-server.log');
  const logFd = openSync(logPath, 'a');
  const args = [
    '--auth',
    'none',
    '--bind-addr',
    `127.0.0.1:${port}`,
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--disable-getting-started-override',
    '--extensions-dir',
    dirs.ext,
    '--user-data-dir',
    userData,
    '--config',
    configPath,
    options.workspace,
  ];
  // detached => setsid(): code-server leads a new process group that stop() kills as a whole.
  const child = spawn(CODE_SERVER_BIN, args, {
    detached: true,
    stdio: ['ignore', logFd, logFd],
    env: { ...process.env, XDG_CONFIG_HOME: dirs.config, XDG_DATA_HOME: dirs.data, ...options.env },
  });
  closeSync(logFd);
  const pgid = child.pid;
  if (pgid === undefined) throw new Error(`could not spawn ${CODE_SERVER_BIN}`);
  liveGroups.add(pgid);
  let exited: string | undefined;
  child.once('exit', (code, signal) => (exited = `exited with ${signal ?? code}`));
  child.once('error', (error) => (exited = error.message));

  const origin = `http://127.0.0.1:${port}`;
  const log = (): string => readFileSync(logPath, 'utf8');
  let stopped = false;
  const stop = async (): Promise<void> => {
    if (stopped) return;
    stopped = true;
    if (groupAlive(pgid)) await killGroup(pgid);
    liveGroups.delete(pgid);
    rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    await waitFor(
      `code-server /healthz on ${origin}`,
      async () => {
        if (exited) throw new Error(`code-server ${exited} before it was healthy:\n${log()}`);
        return healthy(origin);
      },
      options.startTimeoutMs ?? 30_000,
    );
  } catch (error) {
    await stop();
    throw error;
  }
  return { url: workbenchUrl(port, options), origin, port, pgid, dataDir, log, stop };
}

/** Starts code-server and waits until it is healthy; retries once if the chosen port got taken. */
export async function startCodeServer(options: CodeServerOptions): Promise<CodeServer> {
  try {
    return await startOnce(options);
  } catch (error) {
    if (!String(error).includes('EADDRINUSE')) throw error;
    return startOnce(options);
  }
}

// The browser side lives in workbench.ts; re-exported so tests can import one module.
export {
  activeEditorText,
  goToLine,
  openFileFromExplorer,
  openProblemsPanel,
  openWorkbench,
  runCommand,
  screenshot,
  waitForSquiggle,
  waitForWorkbench,
  type Workbench,
} from './workbench';
