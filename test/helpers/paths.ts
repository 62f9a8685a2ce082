import { join } from 'node:path';

/** Absolute paths of the repository, the built artefacts and the examples. */
export const ROOT = join(__dirname, '..', '..');
export const CLI = join(ROOT, 'dist', 'cli.js');
export const SERVER = join(ROOT, 'dist', 'server.js');
export const example = (name: string): string => join(ROOT, 'examples', name);
