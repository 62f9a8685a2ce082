/** The import fixtures (test/fixtures/import): each export with its flags and its expected document. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ImportOptions } from '../../server/src/core/index';
import { ROOT } from './paths';

export const IMPORT_FIXTURES = join(ROOT, 'test', 'fixtures', 'import');

export interface ImportCase {
  readonly exportName: string;
  readonly expectedName: string;
  /** The CLI flags and the same options as the core takes them. */
  readonly args: readonly string[];
  readonly options: ImportOptions;
}

export const IMPORT_CASES: readonly ImportCase[] = [
  { exportName: 'hierarchy', expectedName: 'hierarchy', args: [], options: {} },
  {
    exportName: 'hierarchy',
    expectedName: 'hierarchy.options',
    args: [
      '--readable',
      '--time-zone',
      'Europe/London',
      '--sms-version',
      'CEN=2.0 SP3',
      '--sms-version',
      'BR1=2.0 SP4',
    ],
    options: { readable: true, timeZone: 'Europe/London', smsVersions: { CEN: '2.0 SP3', BR1: '2.0 SP4' } },
  },
  { exportName: 'schedule-objects', expectedName: 'schedule-objects', args: [], options: {} },
  {
    exportName: 'schedule-objects',
    expectedName: 'schedule-objects.readable',
    args: ['--readable'],
    options: { readable: true },
  },
  { exportName: 'many-schedules', expectedName: 'many-schedules', args: [], options: {} },
  { exportName: 'no-exported-at', expectedName: 'no-exported-at', args: [], options: {} },
];

export const exportPath = (name: string): string => join(IMPORT_FIXTURES, `${name}.export.json`);
export const expectedPath = (name: string): string => join(IMPORT_FIXTURES, `${name}.sms.yaml`);
export const readFixture = (path: string): string => readFileSync(path, 'utf8');
