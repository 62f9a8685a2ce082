#!/usr/bin/env node
// Bundles the three entry points with esbuild: the CLI, the language server and the extension.
// `--production` minifies (used for the VSIX); the default keeps names readable for stack traces.
import { build } from 'esbuild';
import { chmodSync, existsSync } from 'node:fs';

const production = process.argv.includes('--production');
const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: production ? false : 'linked',
  minify: production,
  logLevel: 'warning',
};

const entries = [
  { entryPoints: ['server/src/cli/main.ts'], outfile: 'dist/cli.js', banner: { js: '#!/usr/bin/env node' } },
  {
    entryPoints: ['server/src/languageserver/main.ts'],
    outfile: 'dist/server.js',
    banner: { js: '#!/usr/bin/env node' },
  },
  { entryPoints: ['client/src/extension.ts'], outfile: 'dist/extension.js', external: ['vscode'] },
  {
    entryPoints: ['client/src/webview/timeline.ts'],
    outfile: 'dist/webview/timeline.js',
    platform: 'browser',
    format: 'iife',
  },
];

await Promise.all(
  entries.filter((entry) => existsSync(entry.entryPoints[0])).map((entry) => build({ ...common, ...entry })),
);
for (const bin of ['dist/cli.js', 'dist/server.js']) if (existsSync(bin)) chmodSync(bin, 0o755);
