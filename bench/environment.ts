/** What the numbers were measured on, and the sizes of what we ship. */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { DATA_DIR, REPO_ROOT } from './servers';

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
/**
 * Packs the VSIX as `npm run package` does (production bundles, vsce) into bench/.data and reports
 * its size. It leaves the production bundles in dist/ (for `bundleSizes`); `rebuildBundles`
 * restores the development ones the rest of the bench runs (same code, readable names).
 */
export function buildVsix(): (FileSize & { readonly modified: string }) | undefined {
  const name = 'sms-schedule-author.vsix';
  const out = join(DATA_DIR, name);
  try {
    execFileSync(process.execPath, [join(REPO_ROOT, 'scripts', 'package-vsix.mjs'), '--out', out], {
      cwd: REPO_ROOT,
      stdio: 'pipe',
    });
  } catch (error) {
    const output = (error as { stderr?: Buffer; stdout?: Buffer }).stderr?.toString() ?? '';
    console.error(`bench: packing the VSIX failed:\n${output.slice(-2000)}`);
    return undefined;
  }
  const stat = statSync(out);
  return { name, bytes: stat.size, modified: stat.mtime.toISOString() };
}

export function rebuildBundles(): void {
  execFileSync(process.execPath, [join(REPO_ROOT, 'scripts', 'build.mjs')], { cwd: REPO_ROOT, stdio: 'ignore' });
}
