/**
 * The switch for tests that take real minutes (the fault drills' short form, the minute-long
 * Telegram outage): they run only with LONG_TESTS=1, which CI's .ci/run sets. A plain `npm test`
 * stays quick for a developer.
 */
export const longTests = process.env.LONG_TESTS === '1';
