import { addDays, isoWeekStart, monthStart } from "../../src/domain/analyses/common/calendar-days";
import { trailingRange, type DayRange, type EventDateBounds } from "../../src/domain/analyses/common/event-date-bounds";
import { DEFAULT_ACTIVE_USERS, DEFAULT_POWER_USERS, DEFAULT_RETENTION, DEFAULT_SESSIONS } from "../../src/domain/analyses/definitions";

/**
 * The parameters and day ranges every analysis runs with, fixed once from the data's event dates
 * (as `insights analyze` fixes them) and handed to both engines: the defaults of the definitions.
 */
export interface AnalysisPlan {
  readonly bounds: EventDateBounds;
  readonly asOf: string;
  /** DAU/WAU/MAU and calendar MAU: the past year. */
  readonly activeRange: DayRange;
  readonly wauDays: number;
  readonly mauDays: number;
  /** Power users' window, cap and X of "top X%". */
  readonly powerRange: DayRange;
  readonly capMs: number;
  readonly percent: number;
  /** Retention: `cohorts` weekly cohorts, Mondays firstCohort … lastCohort (the week of asOf). */
  readonly cohorts: number;
  readonly firstCohort: string;
  readonly lastCohort: string;
  readonly inactivityGapMs: number;
  readonly maxSessionMs: number;
  /** Spark's percentile_approx accuracy for session durations. */
  readonly percentileAccuracy: number;
}

/** The plan for data whose event dates are `bounds`, as of its last day. */
export function analysisPlan(bounds: EventDateBounds): AnalysisPlan {
  const asOf = bounds.last;
  const lastCohort = isoWeekStart(asOf);
  // DuckDB's top count is integer arithmetic, ceil(users × percent / 100), exact for a whole percent.
  if (!Number.isInteger(DEFAULT_POWER_USERS.percent)) throw new RangeError("The benchmark's power-user percent must be a whole number");
  return {
    bounds,
    asOf,
    activeRange: trailingRange(bounds, DEFAULT_ACTIVE_USERS.days, asOf),
    wauDays: DEFAULT_ACTIVE_USERS.wauDays,
    mauDays: DEFAULT_ACTIVE_USERS.mauDays,
    powerRange: trailingRange(bounds, DEFAULT_POWER_USERS.days, asOf),
    capMs: DEFAULT_POWER_USERS.capMs,
    percent: DEFAULT_POWER_USERS.percent,
    cohorts: DEFAULT_RETENTION.cohorts,
    firstCohort: addDays(lastCohort, -7 * (DEFAULT_RETENTION.cohorts - 1)),
    lastCohort,
    inactivityGapMs: DEFAULT_SESSIONS.inactivityGapMs,
    maxSessionMs: DEFAULT_SESSIONS.maxSessionMs,
    percentileAccuracy: DEFAULT_SESSIONS.percentileAccuracy,
  };
}

/** The first day of the first calendar month the active-users range touches. */
export function firstMonth(plan: AnalysisPlan): string {
  return monthStart(plan.activeRange.from);
}
