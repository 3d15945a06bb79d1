/**
 * The period the realistic data covers: the brief's year 2023, in UTC. Everything inside the
 * generator counts days from its first day and seconds from its first instant, so that no time
 * zone or calendar arithmetic happens on the server.
 */

export const DAY_SECONDS = 86_400;

/** 2023-01-01T00:00:00Z, in seconds since the epoch. */
export const PERIOD_START_SECONDS = Date.UTC(2023, 0, 1) / 1000;

/** 2023-01-01 as days since 1970-01-01. */
export const PERIOD_START_DAY = PERIOD_START_SECONDS / DAY_SECONDS;

/** 2023 has 365 days: day 0 is 2023-01-01, day 364 is 2023-12-31. */
export const PERIOD_DAYS = 365;

/** Sunday = 0 … Saturday = 6 of a period day (2023-01-01 was a Sunday), as `Date.getUTCDay`. */
export function weekdayOf(day: number): number {
  return new Date((PERIOD_START_SECONDS + day * DAY_SECONDS) * 1000).getUTCDay();
}

/** The period day of a `YYYY-MM-DD` date (negative before 2023). */
export function periodDayOf(date: string): number {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) throw new RangeError(`'${date}' is not a YYYY-MM-DD date`);
  const millis = Date.parse(`${date}T00:00:00Z`);
  if (Number.isNaN(millis)) throw new RangeError(`'${date}' is not a valid date`);
  return millis / 1000 / DAY_SECONDS - PERIOD_START_DAY;
}

/** `YYYY-MM-DD` of a period day. */
export function dateOfPeriodDay(day: number): string {
  return isoSeconds(PERIOD_START_SECONDS + day * DAY_SECONDS).slice(0, 10);
}

/** `YYYY-MM-DD HH:mm:ss` (UTC) of epoch seconds, the brief's timestamp layout. */
export function isoSeconds(seconds: number): string {
  return new Date(seconds * 1000).toISOString().slice(0, 19).replace("T", " ");
}
