/**
 * The value ranges of the brief's Python generator (`seed` mode), in the units the Spark generator
 * draws in. Every bound is inclusive, as Python's `random.randint` is.
 */

/** Integer draws `randint(low, high)`. */
export interface IntRange {
  readonly low: number;
  readonly high: number;
}

const DAY_SECONDS = 86_400;
const epochSeconds = (year: number, monthIndex: number, day: number): number => Date.UTC(year, monthIndex, day) / 1000;

/** `u%06d` / `p%06d` of `randint(1, 1000000)`. */
export const ID_NUMBER_RANGE: IntRange = { low: 1, high: 1_000_000 };

/** Interaction timestamps, as epoch seconds: 2023-01-01 00:00:00 + randint(0, seconds to 2023-12-31 00:00:00). */
export const TIMESTAMP_SECONDS_RANGE: IntRange = { low: epochSeconds(2023, 0, 1), high: epochSeconds(2023, 11, 31) };

/** `join_date`, as days since 1970-01-01: 2020-01-01 + randint(0, days to 2023-12-31). */
export const JOIN_DAY_RANGE: IntRange = { low: epochSeconds(2020, 0, 1) / DAY_SECONDS, high: epochSeconds(2023, 11, 31) / DAY_SECONDS };

/**
 * The day after the last event either generator can make (both draw within calendar 2023): the
 * plausible-time bound for generated data, so that a report on it does not depend on the day it
 * was run.
 */
export const GENERATED_EVENTS_END = "2024-01-01";

export const DURATION_MS_RANGE: IntRange = { low: 100, high: 300_000 };

/** `app_version` is `major.minor.patch` with each part drawn on its own. */
export const APP_VERSION_RANGES = {
  major: { low: 5, high: 7 },
  minor: { low: 0, high: 9 },
  patch: { low: 0, high: 9 },
} as const satisfies Record<string, IntRange>;
