/**
 * The "Accepted" section of the `check` text report (SPEC §6.1): every accepted interruption and
 * delay with the reason its accept comment gives. They are not counted in the summary line or the
 * exit code; listing them keeps the accepted risk visible.
 */
import { formatInstant } from '../core/index';
import type { CheckedFile } from './checkJson';
import { table } from './textReport';

/** The section's lines (none when nothing is accepted in any file). */
export function acceptedSection(files: readonly CheckedFile[]): string[] {
  const accepted = files.filter(
    ({ analysis }) => analysis.accepted.interruptions.length + analysis.accepted.delays.length > 0,
  );
  if (accepted.length === 0) return [];
  const out: string[] = [];
  for (const { file, analysis } of accepted) {
    const { interruptions, delays } = analysis.accepted;
    out.push(
      `Accepted in ${file}: ${count(interruptions.length, 'interruption')}, ${count(delays.length, 'delay')} ` +
        '(sms-schedule-accept comments; not counted below, and SMS can still interrupt these runs)',
    );
    const rows = [
      ...interruptions.map((f) => ({
        start: f.runStart,
        cells: [
          formatInstant(f.runStart),
          f.advertisement,
          String(f.assignment),
          f.collection,
          'interruption',
          percent(f.likelihood),
          String(f.clientsAtRisk),
          f.reason,
        ],
      })),
      ...delays.map((f) => ({
        start: f.runStart,
        cells: [
          formatInstant(f.runStart),
          f.advertisement,
          String(f.assignment),
          f.collection,
          'delay',
          '',
          '',
          f.reason,
        ],
      })),
    ].sort((a, b) => a.start - b.start);
    out.push(
      ...table(
        ['Run start', 'Advertisement', 'Asg', 'Collection', 'Finding', 'Likelihood', 'Clients', 'Reason'],
        rows.map((r) => r.cells),
      ).map((line) => `  ${line}`),
      '',
    );
  }
  return out;
}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

function percent(likelihood: number): string {
  const p = likelihood * 100;
  return `${Number.isInteger(p) ? p : p.toFixed(1)}%`;
}
