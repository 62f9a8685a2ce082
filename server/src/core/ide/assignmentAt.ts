/**
 * The assignment item under an offset (a diagnostic's start, the cursor): what an editor needs to
 * ask for the re-time fix or a conversion. Only advertisements of the model have one.
 */
import type { Validation } from '../analyze';
import { listItemAt, locate } from '../document/parse';
import type { Advertisement } from '../model/types';

export interface AssignmentAt {
  readonly advertisement: Advertisement;
  /** 0-based index in `assignments` (the `assignment` of findings). */
  readonly assignmentIndex: number;
}

export function assignmentAt(validation: Validation, offset: number): AssignmentAt | undefined {
  const { parsed, model } = validation;
  const index = listItemAt(parsed, 'advertisements', offset);
  const advertisement = model?.advertisements.find((a) => a.index === index);
  if (!advertisement) return undefined;
  for (let j = 0; j < advertisement.assignments.length; j++) {
    const item = locate(parsed, ['advertisements', advertisement.index, 'assignments', j]);
    if (item.start <= offset && offset <= item.end) return { advertisement, assignmentIndex: j };
  }
  return undefined;
}
