/**
 * The engagement and session metrics' parameters and their defaults. What each metric means, in
 * the words the report prints, is docs/definitions.md: a change here is a change there.
 *
 * Dates are `YYYY-MM-DD` strings, UTC calendar days. `asOf` left out means the latest event date
 * of the input (see readEventDateBounds). Time zone: the engagement metrics use the input's
 * event_date, the UTC day of the timestamp (ingestion derives it); sessions derive their start
 * day from the timestamp's epoch value (utcDate), so neither depends on the session time zone.
 */

/** Daily, rolling weekly/monthly and calendar-monthly active users. */
export interface ActiveUsersParams {
  /** Last reported day; default the latest event date. */
  readonly asOf?: string;
  /** Days reported, ending at asOf ("the past year"); never before the first event date. */
  readonly days: number;
  /** Rolling WAU window, in days ending at the reported day. */
  readonly wauDays: number;
  /** Rolling MAU window, in days ending at the reported day. */
  readonly mauDays: number;
  /** `exact` distinct counts, or `approximate` ones from HyperLogLog sketches (very large data). */
  readonly mode: "exact" | "approximate";
  /** log2 of the sketches' bucket count (4…21): relative standard error ≈ 1.04 / √(2^lgConfigK). */
  readonly lgConfigK: number;
}

export const DEFAULT_ACTIVE_USERS: ActiveUsersParams = { days: 365, wauDays: 7, mauDays: 30, mode: "exact", lgConfigK: 12 };

/** Top X% of users by capped total interaction time, and statistical outliers. */
export interface PowerUsersParams {
  readonly asOf?: string;
  /** The window of events summed, in days ending at asOf. */
  readonly days: number;
  /** X of "top X%". */
  readonly percent: number;
  /** Each event counts for at most this many milliseconds. */
  readonly capMs: number;
  /** Modified z-score of ln(total) above which a user is a suspected automation. */
  readonly outlierZ: number;
  /** Accuracy of the approximate threshold that pre-selects candidates (the ranking is exact). */
  readonly thresholdAccuracy: number;
}

export const DEFAULT_POWER_USERS: PowerUsersParams = { days: 365, percent: 1, capMs: 1_800_000, outlierZ: 3.5, thresholdAccuracy: 10_000 };

/** Weekly cohort retention. */
export interface RetentionParams {
  readonly asOf?: string;
  /** Number of weekly cohorts, ending with the ISO week that contains asOf. */
  readonly cohorts: number;
  /** The week of the user's first valid interaction, or of metadata's join_date (signup cohort). */
  readonly cohortBy: "first_activity" | "join_date";
}

export const DEFAULT_RETENTION: RetentionParams = { cohorts: 26, cohortBy: "first_activity" };

/** Sessionisation and session metrics. */
export interface SessionParams {
  /** A new session starts after more than this much inactivity (from the end of the latest activity). */
  readonly inactivityGapMs: number;
  /** Sessions longer than this are cut into pieces of this length, counted from their start. */
  readonly maxSessionMs: number;
  /** Accuracy of the duration percentiles (rank error ≤ sessions / accuracy). */
  readonly percentileAccuracy: number;
}

export const DEFAULT_SESSIONS: SessionParams = { inactivityGapMs: 1_800_000, maxSessionMs: 86_400_000, percentileAccuracy: 10_000 };
