/**
 * How to resend an interrupted advertisement (issue 13 part 6), for the Cliverify file and the
 * hover of an interruption. Q283130 only says "you must resend"; Q226922 (SMS 2.0) says why
 * advertising a completed program again does not re-run it. That Q226922 applies to a run the verify
 * cycle interrupted is our reading: whether such a run is recorded as completed is not documented.
 */

/** Microsoft-documented (Q226922): what does and does not run a completed program again. */
const Q226922 =
  'How to resend (Q226922, SMS 2.0): a program the client has recorded as completed is not run again by ' +
  'advertising it again; it needs a new program, or a recurring assignment scheduled forward in time, and an ' +
  '"as soon as possible" assignment does not re-run it.';

/** Our reading, labelled as such: Microsoft does not say how an interrupted run is recorded. */
const OUR_READING =
  'Whether a run interrupted by the verify cycle is recorded as completed is not documented: applying Q226922 to ' +
  'interrupted runs is our reading (Q283130 itself only says "you must resend the advertisement that did not work").';

/** The guidance as two sentences: Microsoft's rule, then our reading of it. */
export function resendGuidance(): string {
  return `${Q226922} ${OUR_READING}`;
}
