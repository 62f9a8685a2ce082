// Authoring: re-time fix, assignment conversions, inlay hints (issue 12, parts 2 and 3).
export { retimeFix, retimeShift, retimeTitle } from './fixes/retime';
export type { IsAccepted, RetimeFix, RetimeShift } from './fixes/retime';
export {
  assignmentConversions,
  convertAssignment,
  CONVERSION_KIND,
  CONVERT_TO_READABLE_TITLE,
  CONVERT_TO_TOKEN_TITLE,
} from './edits/convertAssignment';
export type { AssignmentConversion } from './edits/convertAssignment';
export { readableEntries, readableSchedule, tokenOfReadable } from './edits/readableForm';
export { inlayHints } from './ide/inlayHints';
export type { InlayHint } from './ide/inlayHints';
export { assignmentAt } from './ide/assignmentAt';
export type { AssignmentAt } from './ide/assignmentAt';
