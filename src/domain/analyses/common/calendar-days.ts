/**
 * Calendar arithmetic on `YYYY-MM-DD` days, in UTC (no local zone can shift a day), for the few
 * dates the analyses fix on the client: report ranges and cohort weeks.
 */

const DAY_MS = 86_400_000;

function toEpochDay(day: string): number {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) throw new RangeError(`'${day}' is not a YYYY-MM-DD date`);
  const ms = Date.parse(`${day}T00:00:00Z`);
  if (Number.isNaN(ms) || new Date(ms).toISOString().slice(0, 10) !== day) throw new RangeError(`'${day}' is not a calendar date`);
  return ms / DAY_MS;
}

function fromEpochDay(epochDay: number): string {
  return new Date(epochDay * DAY_MS).toISOString().slice(0, 10);
}

/** `day` + `days` (negative: earlier). */
export function addDays(day: string, days: number): string {
  return fromEpochDay(toEpochDay(day) + days);
}

/** Whole days from `start` to `end` (end − start). */
export function daysBetween(start: string, end: string): number {
  return toEpochDay(end) - toEpochDay(start);
}

/** The Monday that starts the ISO week containing `day`. */
export function isoWeekStart(day: string): string {
  const epochDay = toEpochDay(day);
  // 1970-01-01 was a Thursday: (epochDay + 3) mod 7 is 0 on Mondays.
  return fromEpochDay(epochDay - ((((epochDay + 3) % 7) + 7) % 7));
}

/** The first day of the month containing `day`. */
export function monthStart(day: string): string {
  toEpochDay(day);
  return `${day.slice(0, 7)}-01`;
}

/** The later of two days (ISO strings order as dates). */
export function laterDay(a: string, b: string): string {
  return a > b ? a : b;
}

/** The earlier of two days. */
export function earlierDay(a: string, b: string): string {
  return a < b ? a : b;
}
