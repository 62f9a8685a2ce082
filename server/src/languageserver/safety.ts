/**
 * The server must never crash on a document or a request: every handler runs through `guarded`,
 * which logs the failure on the client's output channel and answers with an empty result.
 */

export interface Logger {
  error(message: string): void;
  log(message: string): void;
}

export function describeError(error: unknown): string {
  return error instanceof Error ? (error.stack ?? error.message) : String(error);
}

/** Wraps a (sync or async) handler so that a throw or rejection becomes `fallback` plus a log line. */
export function guarded<P extends unknown[], R>(
  logger: Logger,
  name: string,
  fallback: R,
  handler: (...params: P) => R | Promise<R>,
): (...params: P) => Promise<R> {
  return async (...params: P): Promise<R> => {
    try {
      return await handler(...params);
    } catch (error) {
      logger.error(`sms-schedule: ${name} failed: ${describeError(error)}`);
      return fallback;
    }
  };
}
