/** The `check --format json` contract (SPEC §8): one object per run, times UTC with `Z`. */
import { formatInstant, type Analysis, type CoreDiagnostic } from '../core/index';

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
    interruptions: (simulation?.interruptions ?? []).map((f) => ({
      advertisement: f.advertisement,
      collection: f.collection,
      assignment: f.assignment,
      runStart: formatInstant(f.runStart),
      runEnd: formatInstant(f.runEnd),
      verifyEarliest: formatInstant(f.verifyEarliest),
      verifyLatest: formatInstant(f.verifyLatest),
      likelihood: f.likelihood,
      clientsAtRisk: f.clientsAtRisk,
    })),
    delays: (simulation?.delays ?? []).map((f) => ({
      advertisement: f.advertisement,
      collection: f.collection,
      assignment: f.assignment,
      runStart: formatInstant(f.runStart),
      verifyEarliest: formatInstant(f.verifyEarliest),
      verifyLatest: formatInstant(f.verifyLatest),
    })),
  };
}

function diagnosticJson(d: CoreDiagnostic): unknown {
  return { code: d.code, severity: d.severity, message: d.message, range: d.range };
}
