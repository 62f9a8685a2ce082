/**
 * The human report of `check --format text`: problems as `file:line:col`, aligned tables of
 * interruptions and delays, and one summary line. Colour only when asked (a TTY without NO_COLOR).
 */
import type { CoreDiagnostic, Severity } from '../core/diagnostics';
import { acceptedSection } from './acceptedSection';
import type { CheckedFile } from './checkJson';

export interface TextStyle {
  readonly color: boolean;
}

const ANSI = { red: 31, yellow: 33, cyan: 36, dim: 2, bold: 1, green: 32 } as const;

export function textReport(files: readonly CheckedFile[], style: TextStyle): string {
  const paint = (code: keyof typeof ANSI, text: string) =>
    style.color ? `\u001b[${ANSI[code]}m${text}\u001b[0m` : text;
  const out: string[] = [];
  let interruptions = 0;
  let delays = 0;
  let clients = 0;
  let errors = 0;
  let warnings = 0;

  for (const { file, analysis } of files) {
    const sim = analysis.simulation;
    const horizon = sim
      ? `horizon ${utc(sim.horizon.from)} → ${utc(sim.horizon.to)} UTC`
      : 'not simulated (fix the errors first)';
    out.push(`${paint('bold', file)}  ${paint('dim', horizon)}`);

    // Findings are shown in the tables below; list every other diagnostic here.
    const listed = analysis.allDiagnostics.filter(
      (d) => d.code !== 'verify-interrupts-run' && d.code !== 'verify-delays-run',
    );
    for (const d of listed) {
      const where = `${file}:${d.range.start.line + 1}:${d.range.start.character + 1}`;
      out.push(`  ${where}  ${paint(severityColor(d.severity), d.severity)}  ${paint('dim', d.code)}  ${d.message}`);
    }
    errors += count(analysis.allDiagnostics, 'error');
    warnings += analysis.allDiagnostics.filter(
      (d) => d.severity === 'warning' && d.code !== 'verify-interrupts-run',
    ).length;

    if (sim && sim.interruptions.length > 0) {
      out.push('', `  ${paint('red', `Interruptions (${sim.interruptions.length})`)}`);
      out.push(
        ...table(
          [
            'Run start (UTC)',
            'Run end',
            'Advertisement',
            'Asg',
            'Collection',
            'Verify pass starts (UTC)',
            'Likelihood',
            'Clients',
          ],
          sim.interruptions.map((f) => [
            utc(f.runStart),
            utc(f.runEnd).slice(11),
            f.advertisement,
            String(f.assignment),
            f.collection,
            passBand(f),
            percent(f.likelihood),
            String(f.clientsAtRisk),
          ]),
        ).map((line) => `  ${line}`),
      );
      interruptions += sim.interruptions.length;
      clients += sim.interruptions.toArray().reduce((sum, f) => sum + f.clientsAtRisk, 0);
    }
    if (sim && sim.delays.length > 0) {
      out.push('', `  ${paint('cyan', `Delays (${sim.delays.length})`)}`);
      out.push(
        ...table(
          ['Run start (UTC)', 'Advertisement', 'Asg', 'Collection', 'Verify pass started (UTC)'],
          sim.delays.map((f) => [utc(f.runStart), f.advertisement, String(f.assignment), f.collection, passBand(f)]),
        ).map((line) => `  ${line}`),
      );
      delays += sim.delays.length;
    }
    out.push('');
  }

  out.push(...acceptedSection(files));
  const summary =
    `${files.length} file${files.length === 1 ? '' : 's'}: ` +
    `${interruptions} interruption${interruptions === 1 ? '' : 's'} (${clients} client runs at risk), ` +
    `${delays} delay${delays === 1 ? '' : 's'}, ${errors} error${errors === 1 ? '' : 's'}, ${warnings} other warning${warnings === 1 ? '' : 's'}`;
  const mark = errors > 0 ? paint('red', '✖') : interruptions > 0 ? paint('yellow', '⚠') : paint('green', '✔');
  out.push(`${mark} ${summary}`);
  return out.join('\n') + '\n';
}

/** Left-aligned columns separated by two spaces. */
export function table(header: readonly string[], rows: readonly (readonly string[])[]): string[] {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]) =>
    cells
      .map((c, i) => c.padEnd(widths[i] ?? 0))
      .join('  ')
      .trimEnd();
  return [line(header), ...rows.map(line)];
}

/** A pass start, or the band of starts of a rollout window. */
function passBand(f: { readonly verifyEarliest: number; readonly verifyLatest: number }): string {
  return f.verifyEarliest === f.verifyLatest
    ? utc(f.verifyEarliest)
    : `${utc(f.verifyEarliest)} – ${utc(f.verifyLatest)}`;
}

function utc(ms: number): string {
  return new Date(ms).toISOString().slice(0, 16).replace('T', ' ');
}

function percent(likelihood: number): string {
  const p = likelihood * 100;
  return `${Number.isInteger(p) ? p : p.toFixed(1)}%`;
}

function count(diagnostics: readonly CoreDiagnostic[], severity: Severity): number {
  return diagnostics.filter((d) => d.severity === severity).length;
}

function severityColor(severity: Severity): keyof typeof ANSI {
  return severity === 'error' ? 'red' : severity === 'warning' ? 'yellow' : 'cyan';
}
