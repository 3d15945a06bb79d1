import { DEVICE_TYPES } from "../../schemas";

/** A day-level anomaly: on `date` (YYYY-MM-DD) the overall volume is `factor` × its expected value. */
export interface DayAnomalyOptions {
  readonly date: string;
  readonly factor: number;
}

/** Automated accounts: `users` bots share `eventShare` of all rows, evenly spaced over `days` days from `start`. */
export interface BotClusterOptions {
  readonly start: string;
  readonly days: number;
  readonly users: number;
  readonly eventShare: number;
}

/** Every duration in [start, start + hours) is multiplied by `factor` (a logging bug, say). */
export interface DurationBurstOptions {
  /** `YYYY-MM-DD HH:mm:ss`, UTC, on a whole hour. */
  readonly start: string;
  readonly hours: number;
  readonly factor: number;
}

/** `page_view` durations (page load times) of one device type or app version are `factor` × the others'. */
export interface SlowdownOptions<K extends string> {
  readonly key: K;
  readonly factor: number;
}

/** Everything the realistic generator lets one change. Every field is optional: see REALISTIC_DEFAULTS. */
export interface RealisticOptions {
  /** Partitions of the generating ranges: parallelism only, the rows do not depend on it. */
  readonly partitions?: number;
  /** Keep the long `id` row column as a last extra column (the corruption step picks rows by it). */
  readonly keepRowId?: boolean;
  /** Regular users (bots and the spike's new users come on top). Default: see defaultUsers. */
  readonly users?: number;
  readonly hotUserShare?: number;
  readonly hotEventShare?: number;
  readonly newUserShare?: number;
  readonly retentionDecline?: number;
  readonly minActiveDays?: number;
  readonly meanSessionEvents?: number;
  readonly maxSessionsPerDay?: number;
  readonly eventStepSeconds?: number;
  readonly updateLagDays?: number;
  readonly orphanInteractionUserShare?: number;
  readonly orphanMetadataUserShare?: number;
  readonly duplicateMetadataUserShare?: number;
  readonly slowDevice?: SlowdownOptions<(typeof DEVICE_TYPES)[number]>;
  readonly regressedVersion?: SlowdownOptions<string>;
  readonly outage?: DayAnomalyOptions;
  readonly spike?: DayAnomalyOptions;
  readonly bots?: BotClusterOptions;
  readonly durationBurst?: DurationBurstOptions;
}

/** The options with every default filled in (the ground truth records them). */
export type ResolvedRealisticOptions = Required<Omit<RealisticOptions, "partitions" | "users">> & { readonly users: number };

/**
 * The defaults, each with its reason.
 */
export const REALISTIC_DEFAULTS = {
  keepRowId: false,
  /** 0.1% of the users are "hot"… */
  hotUserShare: 0.001,
  /** …and make 20% of all events: a few keys far above the rest, the join skew the brief warns of. */
  hotEventShare: 0.2,
  /**
   * Users who sign up during 2023 (the others joined 2020–2022 and are steady). About a third:
   * enough new weekly cohorts for the retention analysis without the year being all newcomers.
   */
  newUserShare: 0.35,
  /**
   * A new user's activity density falls linearly from signup to year end, to (1 − 0.8) = 1/5 of its
   * start: a clearly decaying retention curve whose density still has a floor, so that sessions of
   * even the busiest user stay well apart (see sessions.ts).
   */
  retentionDecline: 0.8,
  /** New users sign up at least two weeks before year end: room for a few sessions. */
  minActiveDays: 14,
  /** Sessions of note-taking apps are short: about 6 actions (mobile-analytics norms, 4–8). */
  meanSessionEvents: 6,
  /**
   * At most 3 sessions per day on average for the busiest users: with the seasonal peak this
   * keeps consecutive sessions over 90 minutes apart, far from the 30-minute session cut.
   */
  maxSessionsPerDay: 3,
  /** Events of a session are 1 s … 2·40 s apart: "a few seconds to minutes". */
  eventStepSeconds: 40,
  /** A user installs a release on average a week after it ships (mobile update lag). */
  updateLagDays: 7,
  /** 2% of the users with interactions have no metadata row (late-arriving or lost signups). */
  orphanInteractionUserShare: 0.02,
  /** Metadata-only users, 5% as many as users with interactions (signed up, never active in 2023). */
  orphanMetadataUserShare: 0.05,
  /** 5% of the users with metadata have a second row with a later join_date (the brief's seed has ~4.8%). */
  duplicateMetadataUserShare: 0.05,
  /** Tablets running Android load pages 1.6× slower: a device effect a rank statistic clearly finds. */
  slowDevice: { key: "Android Tablet", factor: 1.6 },
  /** One release regresses page loads by 1.8× until the next patch, a week later, fixes it. */
  regressedVersion: { key: "6.2.0", factor: 1.8 },
  /**
   * The anomalies sit well inside the year (each has ≥ 56 days of history before it, the
   * detector's trailing window) and on different weeks, so that one never hides another.
   */
  outage: { date: "2023-04-12", factor: 0.15 },
  spike: { date: "2023-06-21", factor: 3 },
  bots: { start: "2023-08-14", days: 3, users: 12, eventShare: 0.01 },
  durationBurst: { start: "2023-10-18 13:00:00", hours: 3, factor: 100 },
} as const satisfies Omit<ResolvedRealisticOptions, "users">;

/**
 * One regular user per 100 rows (the brief's samples have 10 interactions per metadata row; a
 * year of activity is more), at least 10, and at most 10 million so that ids stay short and every
 * user keeps several events even at 10^9 rows.
 */
export function defaultUsers(rows: number): number {
  return Math.min(10_000_000, Math.max(10, Math.round(rows / 100)));
}

/** Fills in the defaults (validation of the combination happens in planRealistic). */
export function resolveOptions(rows: number, options: RealisticOptions): ResolvedRealisticOptions {
  const defined = Object.fromEntries(Object.entries(options).filter(([key, value]) => value !== undefined && key !== "partitions"));
  return { ...REALISTIC_DEFAULTS, users: defaultUsers(rows), ...defined };
}
