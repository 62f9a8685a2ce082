/**
 * The only time limit a test may assert: a reply or a run slower than this is a hang, not a slow
 * machine. Latency budgets (1 s per reply, 300 ms under load) belong to `npm run bench` and the fuzz
 * report, never to a test: `test/meta/timedAssertions.test.ts` fails when a test asserts a shorter time.
 */
export const HANG_LIMIT_MS = 10_000;
