// Process-group lifecycle for editors we spawn: they fork helpers (file watchers, extension hosts,
// renderers) that can outlive the process we started, so we kill and check whole groups.
import { readdirSync, readFileSync } from 'node:fs';
import { HANG_LIMIT_MS } from '../../helpers/hangLimit';

/** Polls `condition` until it holds or `timeoutMs` passes; no fixed sleeps. */
export async function waitFor(
  what: string,
  condition: () => boolean | Promise<boolean>,
  timeoutMs: number,
  intervalMs = 100,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await condition()) return;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((done) => setTimeout(done, intervalMs));
  }
}

interface ProcInfo {
  pid: number;
  pgid: number;
  cmdline: string;
}

/** Every live (non-zombie) process from /proc; zombies are left for init to reap and cannot run. */
function liveProcesses(): ProcInfo[] {
  const found: ProcInfo[] = [];
  for (const entry of readdirSync('/proc')) {
    const pid = Number(entry);
    if (!Number.isInteger(pid)) continue;
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      // "pid (comm) state ppid pgrp ...": comm may hold spaces and parentheses, so split after the last ')'.
      const [state = '', , pgid = ''] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (state === 'Z') continue;
      found.push({ pid, pgid: Number(pgid), cmdline: readFileSync(`/proc/${pid}/cmdline`, 'utf8') });
    } catch {
      // exited while we were looking
    }
  }
  return found;
}

/** True while any live process belongs to group `pgid`. */
export function groupAlive(pgid: number): boolean {
  return liveProcesses().some((proc) => proc.pgid === pgid);
}

/** SIGTERM the group, then SIGKILL whatever is left after `graceMs`; resolves when the group is gone. */
export async function killGroup(pgid: number, graceMs = HANG_LIMIT_MS): Promise<void> {
  const signal = (name: NodeJS.Signals): void => {
    try {
      process.kill(-pgid, name);
    } catch {
      // the group is already gone
    }
  };
  signal('SIGTERM');
  try {
    await waitFor(`process group ${pgid} to exit`, () => !groupAlive(pgid), graceMs);
  } catch {
    signal('SIGKILL');
    await waitFor(`process group ${pgid} to die after SIGKILL`, () => !groupAlive(pgid), graceMs);
  }
}

/** Pids of live processes whose command line contains `text` (e.g. a unique temp dir); for orphan checks. */
export function processesMentioning(text: string): number[] {
  return liveProcesses()
    .filter((proc) => proc.pid !== process.pid && proc.cmdline.includes(text))
    .map((proc) => proc.pid);
}
