/**
 * The human report of `check --format text`: problems as `file:line:col`, aligned tables of
 * interruptions and delays (each row at its assignment's `file:line:col`, run starts in the
 * document's wall time and UTC), one summary line and the next step. Colour only when asked
 * (a TTY without NO_COLOR). Human text counts assignments from 1; the JSON keeps 0-based indexes.
 */
import { formatWhen, type CoreDiagnostic, type Delay, type Interruption, type Severity } from '../core/index';
import { assignmentContexts, type AssignmentContexts } from './assignmentContext';
import { acceptedSection } from './acceptedSection';
import type { CheckedFile } from './checkJson';

export interface TextStyle {
  readonly color: boolean;
  /** Files named on the command line that could not be read (each already reported on stderr). */
  readonly unreadable?: readonly string[];
}

const ANSI = { red: 31, yellow: 33, cyan: 36, dim: 2, bold: 1, green: 32 } as const;
type Paint = (code: keyof typeof ANSI, text: string) => string;

const INTERRUPTION_LEGEND = [
  'A verify pass can start while the run is in progress. Microsoft (Q283130): the verify cycle then stops',
  'the install abruptly, no 10006/10007 status is sent, and the advertisement must be resent by hand.',
  'Our model, not Microsoft data: when a pass starts (CCIM wake-ups counted from client install) and how long',
  "it lasts, a run's length when its program's run time is unknown (assumed), and Likelihood: the share of",
  "the collection's clients whose pass starts inside the run.",
];

const DELAY_LEGEND = [
  'A delay: the run is due while a verify pass may still be running, so it may start late, after the pass.',
  'It is not an interruption. Our model (pass times and durationMinutes), not documented by Microsoft.',
];

export function textReport(files: readonly CheckedFile[], style: TextStyle): string {
  const paint: Paint = (code, text) => (style.color ? `\u001b[${ANSI[code]}m${text}\u001b[0m` : text);
  const out: string[] = [];
  let interruptions = 0;
  let delays = 0;
  let clients = 0;
  let errors = 0;
  let warnings = 0;
  const interrupted: string[] = [];

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

    if (sim && (sim.interruptions.length > 0 || sim.delays.length > 0)) {
      const contexts = assignmentContexts(file, analysis);
      const found = sim.interruptions.toArray();
      if (found.length > 0) {
        out.push(...interruptionTable(found, contexts, paint));
        interruptions += found.length;
        clients += found.reduce((sum, f) => sum + f.clientsAtRisk, 0);
        interrupted.push(file);
      }
      if (sim.delays.length > 0) {
        out.push(...delayTable(sim.delays.toArray(), found, contexts, paint));
        delays += sim.delays.length;
      }
    }
    out.push('');
  }

  out.push(...acceptedSection(files));
  const unreadable = style.unreadable ?? [];
  const fileCount = files.length + unreadable.length;
  const summary =
    `${fileCount} file${fileCount === 1 ? '' : 's'}${unreadable.length > 0 ? ` (${unreadable.length} unreadable)` : ''}: ` +
    `${interruptions} interruption${interruptions === 1 ? '' : 's'} (${clients} client runs at risk), ` +
    `${delays} delay${delays === 1 ? '' : 's'}, ${errors} error${errors === 1 ? '' : 's'}, ${warnings} other warning${warnings === 1 ? '' : 's'}`;
  const mark =
    errors > 0 || unreadable.length > 0
      ? paint('red', '✖')
      : interruptions > 0
        ? paint('yellow', '⚠')
        : paint('green', '✔');
  out.push(`${mark} ${summary}`);
  out.push(...nextSteps({ errors, unreadable, interrupted, delays }));
  return out.join('\n') + '\n';
}

function interruptionTable(findings: readonly Interruption[], contexts: AssignmentContexts, paint: Paint): string[] {
  const rows = findings.map((f) => {
    const context = contexts(f.advertisement, f.assignment);
    return [
      context.where,
      f.advertisement,
      String(f.assignment + 1),
      f.collection,
      formatWhen(f.runStart, context.zone),
      `${Math.round((f.runEnd - f.runStart) / 60_000)} min${context.runTimeAssumed ? ' (assumed)' : ''}`,
      passBand(f),
      percent(f.likelihood),
      String(f.clientsAtRisk),
    ];
  });
  const header = [
    'Where',
    'Advertisement',
    'Assignment',
    'Collection',
    'Run start (local, UTC)',
    'Run',
    'Verify pass starts (UTC)',
    'Likelihood',
    'Clients',
  ];
  return [
    '',
    `  ${paint('red', `Interruptions (${findings.length})`)}`,
    ...INTERRUPTION_LEGEND.map((line) => `  ${paint('dim', line)}`),
    ...table(header, rows).map((line) => `  ${line}`),
  ];
}

function delayTable(
  findings: readonly Delay[],
  interruptions: readonly Interruption[],
  contexts: AssignmentContexts,
  paint: Paint,
): string[] {
  const interruptedRuns = new Set(interruptions.map(runKey));
  // Why one run can be in both tables: a band of pass starts, or two passes meeting one run.
  const reasons = new Set<'window' | 'passes'>();
  const rows = findings.map((f) => {
    const context = contexts(f.advertisement, f.assignment);
    const both = interruptedRuns.has(runKey(f));
    const reason = f.verifyEarliest !== f.verifyLatest ? 'window' : 'passes';
    if (both) reasons.add(reason);
    return [
      context.where,
      f.advertisement,
      String(f.assignment + 1),
      f.collection,
      formatWhen(f.runStart, context.zone),
      passBand(f),
      both ? (reason === 'window' ? 'also interrupted *' : 'also interrupted **') : '',
    ];
  });
  const header = [
    'Where',
    'Advertisement',
    'Assignment',
    'Collection',
    'Run start (local, UTC)',
    'Verify pass started (UTC)',
    '',
  ];
  const footnotes = [
    ...(reasons.has('window')
      ? [
          '  *  also under Interruptions: the clients of a rollout window verify at different times, so for some',
          '     a pass is already running when the run is due (delay), for others one starts during the run.',
        ]
      : []),
    ...(reasons.has('passes')
      ? [
          '  ** also under Interruptions: one verify pass is still running when the run is due, the next starts during it.',
        ]
      : []),
  ];
  return [
    '',
    `  ${paint('cyan', `Delays (${findings.length})`)}`,
    ...DELAY_LEGEND.map((line) => `  ${paint('dim', line)}`),
    ...table(header, rows).map((line) => `  ${line}`),
    ...footnotes,
  ];
}

/** What to do next, after the summary line. */
function nextSteps(state: {
  readonly errors: number;
  readonly unreadable: readonly string[];
  readonly interrupted: readonly string[];
  readonly delays: number;
}): string[] {
  const steps: string[] = [];
  if (state.unreadable.length > 0)
    steps.push(`Next: check the path of ${state.unreadable.join(', ')}: it could not be read.`);
  if (state.errors > 0) {
    steps.push('Next: fix the errors above (FILE:LINE:COLUMN), then run sms-schedule check again.');
  } else if (state.interrupted.length > 0) {
    steps.push(
      ...state.interrupted.map((file) => `Next: sms-schedule cliverify ${file}`),
      "  prints what to enter in Cliverify on each site server (Microsoft's workaround, Q246040) and the",
      "  advertisements to resend by hand; or move the interrupted assignments' start times off the passes above.",
    );
  } else if (state.delays > 0 && state.unreadable.length === 0) {
    steps.push('No interruptions: delays only make runs start late (our model); nothing needs to change.');
  }
  return steps;
}

/** One run of one assignment: a delay row and an interruption row of the same run share it. */
function runKey(f: { readonly advertisement: string; readonly assignment: number; readonly runStart: number }): string {
  return `${f.advertisement}\u0000${f.assignment}\u0000${f.runStart}`;
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
