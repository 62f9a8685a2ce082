/**
 * Analysis in steps (core/work/steps.ts): what the language server slices so that it can answer
 * requests in between. Stepping gives the same results as one go, abandoned work leaves the caches
 * usable, a snapshot that went stale refuses to finish, and the engine's cache is keyed by content,
 * so an advertisement inserted at the top is the only one simulated again.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { generateDocument } from '../../bench/generate';
import { DocumentAnalysis, analyzeDocumentText, StaleSnapshotError } from '../../server/src/core/index';
import type { Work, WorkProgress } from '../../server/src/core/work/steps';

const SETTINGS = { defaultRunMinutes: 30, horizonDays: null } as const;

function drain<T>(work: Work<T>): { value: T; steps: WorkProgress[] } {
  const steps: WorkProgress[] = [];
  for (;;) {
    const step = work.next();
    if (step.done === true) return { value: step.value, steps };
    steps.push(step.value);
  }
}

function messages(diagnostics: readonly { message: string; range: unknown }[]): string[] {
  return diagnostics.map((d) => `${JSON.stringify(d.range)} ${d.message}`);
}

/** `text` with a copy of its first advertisement, under a new id, inserted above the others. */
function insertAtTop(text: string): string {
  const start = text.indexOf('  - id: ', text.indexOf('\nadvertisements:'));
  const end = text.indexOf('\n  - id: ', start + 1) + 1;
  const copy = text.slice(start, end).replace(/^ {2}- id: \S+/, '  - id: ADVTOP01');
  return text.slice(0, start) + copy + text.slice(start);
}

test('an advertisement inserted at the top is the only one simulated again; findings equal a fresh analysis', () => {
  const { text } = generateDocument({ advertisements: 60, days: 120 });
  const analysis = new DocumentAnalysis();
  const first = drain(analysis.update(text, 1).analysisSteps(SETTINGS));
  assert.equal(first.steps.filter((s) => s.stage === 'simulating').length, 60);

  const inserted = insertAtTop(text);
  const snapshot = analysis.update(inserted, 2);
  const second = drain(snapshot.analysisSteps(SETTINGS));
  const simulated = second.steps.filter((s) => s.stage === 'simulating');
  assert.equal(simulated.length, 1, 'only the new advertisement goes through the engine');
  assert.equal(simulated[0]!.total, 1);

  const fresh = analyzeDocumentText(inserted).analysis(SETTINGS);
  assert.ok(fresh.simulation!.interruptions.length > 0, 'the generated document has interruptions to compare');
  assert.deepEqual(messages(second.value.allDiagnostics), messages(fresh.allDiagnostics));
});

test('validation in steps yields per piece and ends where one go ends', () => {
  const { text } = generateDocument({ advertisements: 40, days: 120 });
  const { value, steps } = drain(new DocumentAnalysis().updateSteps(text, 1));
  assert.ok(steps.filter((s) => s.stage === 'parsing').length > 40, 'a step per piece');
  assert.ok(steps.some((s) => s.stage === 'checking'));
  assert.deepEqual(messages(value.validation.diagnostics), messages(analyzeDocumentText(text).validation.diagnostics));
});

test('work abandoned part way leaves the analysis usable: the next version equals a fresh one', () => {
  const { text } = generateDocument({ advertisements: 40, days: 120 });
  const analysis = new DocumentAnalysis();
  analysis.update(text, 1).analysis(SETTINGS);
  const edited = text.replace('name: Deploy', 'name: Roll out');
  // Stop the parse half way, and an engine run half way.
  const parse = analysis.updateSteps(edited, 2);
  for (let i = 0; i < 20; i++) parse.next();
  parse.return(undefined as never);
  assert.equal(analysis.snapshot?.stale, true, 'no snapshot is current after abandoned work');
  const inserted = insertAtTop(edited);
  const engine = analysis.update(inserted, 3).analysisSteps(SETTINGS);
  engine.next();
  engine.return(undefined as never);

  const snapshot = analysis.update(inserted, 4);
  const expected = analyzeDocumentText(inserted);
  assert.deepEqual(messages(snapshot.validation.diagnostics), messages(expected.validation.diagnostics));
  assert.deepEqual(
    messages(snapshot.analysis(SETTINGS).allDiagnostics),
    messages(expected.analysis(SETTINGS).allDiagnostics),
  );
});

test('engine work on a snapshot that went stale does not finish', () => {
  const { text } = generateDocument({ advertisements: 10, days: 60 });
  const analysis = new DocumentAnalysis();
  const snapshot = analysis.update(text, 1);
  const work = snapshot.analysisSteps(SETTINGS);
  work.next();
  analysis.update(text.replace('name: Deploy', 'name: Roll out'), 2);
  assert.throws(() => drain(work), StaleSnapshotError);
});
