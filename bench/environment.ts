/** What the numbers were measured on, and the sizes of what we ship. */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { REPO_ROOT } from './servers';

export interface Environment {
  readonly date: string;
  readonly cpuModel: string;
  readonly cores: number;
  readonly node: string;
  readonly yamlLanguageServer: string;
  readonly yaml: string;
  readonly commit: string;
}

export function describeEnvironment(): Environment {
  return {
    date: new Date().toISOString(),
    cpuModel: cpuModel(),
    cores: cpus().length,
    node: process.version,
    yamlLanguageServer: packageVersion('yaml-language-server'),
    yaml: packageVersion('yaml'),
    commit: gitCommit(),
  };
}

export function loadAverage(): string {
  return loadavg()
    .map((value) => value.toFixed(2))
    .join(' / ');
}

function cpuModel(): string {
  try {
    const match = /^model name\s*:\s*(.+)$/m.exec(readFileSync('/proc/cpuinfo', 'utf8'));
    if (match?.[1]) return match[1].trim();
  } catch {
    // not Linux: fall through to what Node reports
  }
  return cpus()[0]?.model ?? 'unknown';
}

function packageVersion(name: string): string {
  try {
    const manifest = JSON.parse(readFileSync(join(REPO_ROOT, 'node_modules', name, 'package.json'), 'utf8')) as {
      version?: string;
    };
    return manifest.version ?? 'unknown';
  } catch {
    return 'not installed';
  }
}

function gitCommit(): string {
  try {
    const head = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: REPO_ROOT, encoding: 'utf8' }).trim();
    const dirty = execFileSync('git', ['status', '--porcelain', '--untracked-files=no'], {
      cwd: REPO_ROOT,
      encoding: 'utf8',
    }).trim();
    return dirty ? `${head} (with uncommitted changes)` : head;
  } catch {
    return 'unknown';
  }
}

export interface FileSize {
  readonly name: string;
  readonly bytes: number;
}

/** dist/*.js (the bundles; source maps are not shipped in the VSIX). */
export function bundleSizes(): FileSize[] {
  const dist = join(REPO_ROOT, 'dist');
  if (!existsSync(dist)) return [];
  return readdirSync(dist)
    .filter((name) => name.endsWith('.js'))
    .sort()
    .map((name) => ({ name: `dist/${name}`, bytes: statSync(join(dist, name)).size }));
}

/** The newest *.vsix in the repository root, if `npm run package` made one. */
export function vsixSize(): (FileSize & { readonly modified: string }) | undefined {
  const found = readdirSync(REPO_ROOT)
    .filter((name) => name.endsWith('.vsix'))
    .map((name) => ({ name, stat: statSync(join(REPO_ROOT, name)) }))
    .sort((a, b) => b.stat.mtimeMs - a.stat.mtimeMs)[0];
  return found && { name: found.name, bytes: found.stat.size, modified: found.stat.mtime.toISOString() };
}
