/** One lens per advertisement: "N interruptions in the horizon · Simulate" (its command opens the timeline). */
import { locate } from '../document/parse';
import type { FeatureContext } from './context';
import type { AnalysisSettings, Lens } from './types';

/** With `simulate: false` the engine is not run for the lenses; they only offer the timeline. */
export function codeLenses(context: FeatureContext, settings: AnalysisSettings, simulate: boolean): Lens[] {
  const { validation } = context;
  const root = validation.parsed.value as { advertisements?: unknown } | undefined;
  const advertisements = Array.isArray(root?.advertisements) ? (root.advertisements as unknown[]) : [];
  if (advertisements.length === 0) return [];
  const simulation = simulate ? context.analysis(settings).simulation : undefined;
  // One pass each over the model and the findings: a document can hold thousands of advertisements.
  const models = new Map(validation.model?.advertisements.map((a) => [a.index, a]));
  const counts = simulation?.interruptions.countsByAdvertisement() ?? new Map<string, number>();
  return advertisements.map((_item, index): Lens => {
    const span = locate(validation.parsed, ['advertisements', index], 'value');
    const position = validation.parsed.lines.positionAt(span.start);
    const model = models.get(index);
    let title = 'Simulate';
    if (simulation !== undefined && model !== undefined) {
      const count = counts.get(model.id) ?? 0;
      title = `${count} interruption${count === 1 ? '' : 's'} in the horizon · Simulate`;
    } else if (simulation !== undefined) {
      title = 'Not simulated (fix the errors) · Simulate';
    }
    return { position, title };
  });
}
