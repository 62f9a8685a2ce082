// Authoring: re-time fix, assignment conversions, inlay hints (issue 12, parts 2 and 3).
export { retimeFix, retimeShift, retimeTitle } from './fixes/retime';
export type { IsAccepted, RetimeFix, RetimeShift } from './fixes/retime';
