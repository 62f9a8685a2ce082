import { decodeTokens, describeSchedule, encodeSchedules, schedulesFromJson, schedulesToJson } from '../../core/index';
import { ExitCode, UsageError } from '../usageError';

/** `sms-schedule token decode TOKEN`: JSON (the same shape `token encode` reads) or plain words. */
export function runTokenDecode(token: string, format: 'json' | 'text', write: (text: string) => void): ExitCode {
  const decoded = decodeTokens(token);
  if (!decoded.ok) throw new UsageError(`invalid token: ${decoded.reason}`);
  if (format === 'text') {
    write(decoded.schedules.map((s) => describeSchedule(s)).join('\n') + '\n');
  } else {
    write(JSON.stringify(schedulesToJson(decoded.schedules), null, 2) + '\n');
  }
  return ExitCode.ok;
}

/** `sms-schedule token encode` with a JSON schedule (or a list of them) on stdin. */
export function runTokenEncode(input: string, write: (text: string) => void): ExitCode {
  let value: unknown;
  try {
    value = JSON.parse(input);
  } catch (error) {
    throw new UsageError(`stdin is not JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
  const parsed = schedulesFromJson(value);
  if (!parsed.ok) throw new UsageError(`cannot encode: ${parsed.reason}`);
  try {
    write(encodeSchedules(parsed.schedules) + '\n');
  } catch (error) {
    throw new UsageError(`cannot encode: ${error instanceof Error ? error.message : String(error)}`);
  }
  return ExitCode.ok;
}
