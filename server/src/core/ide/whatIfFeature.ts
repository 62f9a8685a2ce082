/**
 * The timeline panel's what-if (whatIf.ts) for one snapshot: the timeline as if other verify-cycle
 * values were set, and the edits that write them, made as the quick fixes make theirs.
 */
import { analyzeValidation, type Analysis } from '../analyze';
import { fixEdits } from './codeActions';
import { analyzeOptions } from './context';
import { errorTimeline, timeline } from './timeline';
import type { Timeline } from './timelineTypes';
import type { AnalysisSettings, CodeActionEntry } from './types';
import { checkWhatIf, whatIfEdits, withVerifyCycles } from './whatIf';

export function whatIfTimeline(
  uri: string,
  version: number | null,
  analysis: Analysis,
  settings: AnalysisSettings,
  value: unknown,
): Timeline {
  if (analysis.model === undefined) return timeline(uri, version, analysis, settings);
  const checked = checkWhatIf(value, analysis.model);
  if (!checked.ok) return errorTimeline(uri, version, checked.reason);
  const tried = analyzeValidation(
    { ...analysis, model: withVerifyCycles(analysis.model, checked.overrides) },
    analyzeOptions(settings),
  );
  return { ...timeline(uri, version, tried, settings), whatIf: checked.overrides };
}

export type WhatIfFix =
  | { readonly ok: true; readonly fix: Pick<CodeActionEntry, 'edits' | 'cliverifyFile'> | null }
  | { readonly ok: false; readonly reason: string };

/** `fix` is null when the document already has those values. */
export function whatIfFix(analysis: Analysis, uri: string, settings: AnalysisSettings, value: unknown): WhatIfFix {
  const model = analysis.model;
  if (model === undefined) return { ok: false, reason: 'the document has errors; fix them first' };
  const checked = checkWhatIf(value, model);
  if (!checked.ok) return checked;
  const edits = whatIfEdits(analysis.parsed, model, checked.overrides);
  return { ok: true, fix: edits.length === 0 ? null : fixEdits(analysis.parsed, edits, { settings, uri }) };
}
