// Neovim (Debian's 0.7) as a second real LSP client: it starts `node dist/server.js --stdio`, opens a
// copy of examples/lab.sms.yaml and must receive the engine's verify-interrupts-run warnings.
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import test from 'node:test';
import { REPO_ROOT, SERVER_BUNDLE } from '../harness/paths';
import { HANG_LIMIT_MS } from '../../helpers/hangLimit';
import { groupAlive, waitFor } from '../harness/processes';
import { proceedOrSkip, type Availability } from '../harness/skip';

const LUA_SCRIPT = join(REPO_ROOT, 'test/e2e/nvim/diagnostics.lua');

interface NvimLine {
  kind: 'diagnostic' | 'done' | 'error' | 'server-exit';
  code?: string;
  severity?: string;
  source?: string;
  message?: string;
  timedOut?: boolean;
}

function nvimAvailable(): Availability {
  if (spawnSync('nvim', ['--version']).status !== 0) {
    return { ok: false, reason: 'nvim not installed: run scripts/install-editors.sh' };
  }
  if (!existsSync(SERVER_BUNDLE)) return { ok: false, reason: `${SERVER_BUNDLE} missing: run npm run build` };
  return { ok: true };
}

/** Runs the Lua client in its own process group (the server it spawns joins it) and parses its JSON lines. */
async function runNvim(file: string, waitForCode: string): Promise<{ status: number | null; lines: NvimLine[] }> {
  const child = spawn('nvim', ['--headless', '-u', 'NONE', '-i', 'NONE', '-n', '-c', `luafile ${LUA_SCRIPT}`], {
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, SMS_SERVER: SERVER_BUNDLE, SMS_FILE: file, SMS_WAIT_FOR_CODE: waitForCode },
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const status = await new Promise<number | null>((resolve) => child.once('close', resolve));
  const pgid = child.pid;
  // The language server must exit with its client, not linger.
  if (pgid !== undefined) await waitFor('nvim and the language server to exit', () => !groupAlive(pgid), HANG_LIMIT_MS);
  const lines = stdout
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as NvimLine);
  if (lines.length === 0) throw new Error(`nvim printed nothing (exit ${status}); stderr:\n${stderr}`);
  return { status, lines };
}

test('Neovim 0.7 receives verify-interrupts-run warnings from the language server', { timeout: 60_000 }, async (t) => {
  if (!proceedOrSkip(t, nvimAvailable())) return;
  const workspace = mkdtempSync(join(tmpdir(), 'sms-e2e-nvim-'));
  try {
    const file = join(workspace, 'lab.sms.yaml');
    copyFileSync(join(REPO_ROOT, 'examples/lab.sms.yaml'), file);
    const { status, lines } = await runNvim(file, 'verify-interrupts-run');
    assert.equal(status, 0, JSON.stringify(lines));
    assert.deepEqual(lines.at(-1), { kind: 'done', timedOut: false });
    const interruptions = lines.filter((line) => line.code === 'verify-interrupts-run');
    assert.ok(interruptions.length >= 1, `no verify-interrupts-run among ${JSON.stringify(lines)}`);
    for (const line of interruptions) {
      assert.equal(line.severity, 'WARN'); // LSP severity 2 (Warning) as Neovim names it
      assert.equal(line.source, 'sms-schedule');
    }
  } finally {
    rmSync(workspace, { recursive: true, force: true });
  }
});
