/** The `check --format json` contract (SPEC §8, §6.1): one object per run, times UTC with `Z`. */
import { formatInstant, type Analysis, type CoreDiagnostic, type Delay, type Interruption } from '../core/index';

export interface CheckedFile {
  readonly file: string;
  readonly analysis: Analysis;
}

export function checkJson(files: readonly CheckedFile[]): unknown {
  return { files: files.map(fileJson) };
}

function fileJson({ file, analysis }: CheckedFile): unknown {
  const simulation = analysis.simulation;
  return {
    file,
    horizon: simulation
      ? { from: formatInstant(simulation.horizon.from), to: formatInstant(simulation.horizon.to) }
      : null,
    diagnostics: analysis.allDiagnostics.map(diagnosticJson),
    // `simulation` holds what is not accepted; accepted findings follow with their reason (SPEC §6.1).
    interruptions: (simulation?.interruptions ?? []).map(interruptionJson),
    delays: (simulation?.delays ?? []).map(delayJson),
    acceptedInterruptions: analysis.accepted.interruptions.map((f) => ({ ...interruptionJson(f), reason: f.reason })),
    acceptedDelays: analysis.accepted.delays.map((f) => ({ ...delayJson(f), reason: f.reason })),
  };
}

function interruptionJson(f: Interruption): object {
  return {
    advertisement: f.advertisement,
    collection: f.collection,
    assignment: f.assignment,
    runStart: formatInstant(f.runStart),
    runEnd: formatInstant(f.runEnd),
    verifyEarliest: formatInstant(f.verifyEarliest),
    verifyLatest: formatInstant(f.verifyLatest),
    likelihood: f.likelihood,
    clientsAtRisk: f.clientsAtRisk,
  };
}

function delayJson(f: Delay): object {
  return {
    advertisement: f.advertisement,
    collection: f.collection,
    assignment: f.assignment,
    runStart: formatInstant(f.runStart),
    verifyEarliest: formatInstant(f.verifyEarliest),
    verifyLatest: formatInstant(f.verifyLatest),
  };
}

function diagnosticJson(d: CoreDiagnostic): unknown {
  return { code: d.code, severity: d.severity, message: d.message, range: d.range };
}
