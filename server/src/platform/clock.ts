/**
 * Where the server reads "now". Every business rule that depends on the time
 * (due dates, overdue, health windows, renewal days, the company's "today")
 * asks this one clock, so tests can pin it at the hours where days turn over
 * (23:30 and 00:30 company time, the daylight-saving switches) and prove the
 * product counts days the same way at any hour.
 *
 * Session tokens are the exception on purpose: their lifetime is a security
 * limit on real elapsed time, so `auth` signs and verifies with the system time.
 */
export interface Clock {
  now(): Date;
}

/** The machine's clock. */
export const systemClock: Clock = { now: () => new Date() };
