/**
 * A simulation result with its findings as plain arrays, for comparing two results by what they
 * say (their column layout is the engine's business).
 */
import type { Delay, Interruption, SimulationResult } from '../../server/src/core/engine/types';

export interface PlainSimulation extends Omit<SimulationResult, 'interruptions' | 'delays'> {
  readonly interruptions: Interruption[];
  readonly delays: Delay[];
}

export function plainSimulation(result: SimulationResult | undefined): PlainSimulation | undefined {
  if (result === undefined) return undefined;
  return { ...result, interruptions: result.interruptions.toArray(), delays: result.delays.toArray() };
}
