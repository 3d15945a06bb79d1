/**
 * The engagement and session metrics' parameters, their defaults (those of
 * notes/definitions.md) and each definition in plain words, for the report.
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

/** Each metric's definition in plain language, as the report states it. */
export const DEFINITION_TEXT = {
  activeUsers:
    "A user is active on a day (UTC) when they have at least one valid interaction of any type that day. " +
    "DAU is the number of distinct active users on the day, reported for every day of the past year (365 days ending at the " +
    "latest event date, as_of), with 0 on days without events. WAU and MAU are rolling: distinct users active in the 7 and " +
    "30 days ending on the day (activity before the reported range counts towards its first days). Calendar MAU is the number " +
    "of distinct users active in the calendar month (the as_of month counts up to as_of). DAU/MAU is the day's DAU divided by " +
    "its rolling MAU. Counts are exact; an approximate mode (HyperLogLog sketches) exists for very large data.",
  powerUsers:
    "Each interaction counts for its duration, capped at 30 minutes, so that a forgotten open page cannot dominate; we count " +
    "how many events hit the cap. A user's total is the sum over the past year. Power users are the top 1% of active users " +
    "by total (the ceil(1% × active users) largest totals, ties broken by user_id). Separately, users whose ln(total) has a " +
    "modified z-score 0.6745·(x − median)/MAD above 3.5 (Iglewicz–Hoaglin) are listed as suspected automation.",
  retention:
    "A user's cohort is the ISO week (Monday 00:00 UTC) of their first valid interaction (optionally: of their join_date). " +
    "We show the 26 weekly cohorts ending with the week of as_of. A user is retained in week k when they have at least one " +
    "valid interaction in the k-th week after their cohort week (week 0 is the cohort week itself). A cell whose week has not " +
    "fully elapsed by as_of is empty, not 0. The average curve weights each cohort by its size.",
  sessions:
    "A user's events, in time order, form one session until the user is inactive for more than 30 minutes, measured from the " +
    "end of the latest activity so far (an event lasts from its timestamp for its duration). Sessions longer than 24 hours are " +
    "cut into 24-hour pieces counted from their start. A session lasts from its first event to the end of its latest activity; " +
    "its actions are its events. Session frequency is sessions per user-week (and per user-day) in which the user started a session.",
} as const;
