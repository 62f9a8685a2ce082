import type { CoreDiagnostic } from '../diagnostics';
import type { ParsedDocument } from '../document/parse';
import { diagnostic, rangeAt } from '../schema/ranges';
import { asRecord, mapItems } from './read';

const INTERVAL_MEMBERS = ['days', 'hours', 'minutes'] as const;

/** `every` with all members 0 or missing would repeat forever at one instant (SPEC §3: sum > 0). */
export function checkIntervals(doc: ParsedDocument): CoreDiagnostic[] {
  const diagnostics: CoreDiagnostic[] = [];
  for (const advertisement of mapItems(doc.value, 'advertisements')) {
    for (const { item, path } of mapItems(advertisement.item, 'assignments', advertisement.path)) {
      const every = asRecord(item['every']);
      if (!every) continue;
      const members = INTERVAL_MEMBERS.map((member) => every[member] ?? 0);
      // Non-numbers are the schema's to report; only a readable all-zero interval is ours.
      if (!members.every((member) => member === 0)) continue;
      const message = 'An interval must be longer than 0: give days, hours or minutes (e.g. every: { days: 1 })';
      diagnostics.push(diagnostic('schema', 'error', message, rangeAt(doc, [...path, 'every'])));
    }
  }
  return diagnostics;
}
