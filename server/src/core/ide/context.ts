/**
 * What every feature of one snapshot works from: the validation of its text, and the engine's
 * analysis of it, run on first use and shared by all features of that snapshot.
 */
import type { Analysis, AnalyzeOptions, Validation } from '../analyze';
import type { AnalysisSettings } from './types';

export interface FeatureContext {
  readonly validation: Validation;
  /** The engine's analysis with these settings (computed once per snapshot and settings). */
  analysis(settings: AnalysisSettings): Analysis;
}

/** The engine options the editor settings stand for. */
export function analyzeOptions(settings: AnalysisSettings): AnalyzeOptions {
  return {
    defaultRunMinutes: settings.defaultRunMinutes,
    ...(settings.horizonDays !== null ? { days: settings.horizonDays } : {}),
  };
}
