/** An error the user can fix (bad flag, unreadable file): printed as one line, exit code 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** The one line on stderr for an error the user can fix: `sms-schedule: …`. */
export function errorLine(message: string): string {
  return `sms-schedule: ${message}\n`;
}

/** Exit codes of SPEC §8. */
export const ExitCode = { ok: 0, interruptions: 1, invalid: 2 } as const;
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];
