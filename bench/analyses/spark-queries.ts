import { functions as F, StorageLevel, type DataFrame, type Row, type SparkSession } from "../../src/connect";
import { dateLit } from "../../src/domain/analyses/common/utc-columns";
import { DEFAULT_POWER_USERS } from "../../src/domain/analyses/definitions";
import { activeUsers, calendarMonthlyActiveUsers } from "../../src/domain/analyses/engagement/active-users";
import { findPowerUsers, userInteractionTotals } from "../../src/domain/analyses/engagement/power-users";
import { retentionCells } from "../../src/domain/analyses/engagement/retention";
import { sessionSummary } from "../../src/domain/analyses/sessions/session-summary";
import { sessionize } from "../../src/domain/analyses/sessions/sessionize";
import { enrichInteractions } from "../../src/jobs/enriched-interactions";
import { DEFAULT_SKEW_AWARE_JOIN } from "../../src/jobs/join/skew-aware-join";
import { withPersisted } from "../../src/jobs/with-persisted";
import type { AnalysisPlan } from "./plan";
import type { AnalysisName } from "./tables";

/** The ingested Parquet, read as `insights analyze` reads it. */
export interface SparkInputs {
  readonly interactions: DataFrame;
  readonly metadata: DataFrame;
}

/** One analysis's collected result tables (table name → rows). */
export type SparkTables = Readonly<Record<string, readonly Row[]>>;

/** As metric-analyses caches the power-user totals: read by the stats, candidate-count and ranking jobs. */
const USER_TOTALS_CACHE = { level: StorageLevel.MEMORY_AND_DISK, materializeTag: "materialize-user-totals" };
/** As metric-analyses caches the sessions: the summary's two branches would each redo sessionize's sort and windows. */
const SESSIONS_CACHE = { level: StorageLevel.MEMORY_AND_DISK, materializeTag: "materialize-sessions" };

/**
 * Each analysis through the library functions `insights analyze` runs, from the Parquet to the
 * collected (small) result table: nothing after as_of (a folder filter, as analyze applies);
 * the metadata join (enrichInteractions, skew-aware) only where the analysis reads a user
 * attribute — sessionize carries them onto the sessions. Unlike `analyze`, no analysis reads a
 * shared cache of the enriched interactions: each is timed from the files, as DuckDB's is.
 */
export function sparkAnalyses(spark: SparkSession, inputs: SparkInputs, plan: AnalysisPlan): Readonly<Record<AnalysisName, () => Promise<SparkTables>>> {
  const upToAsOf = inputs.interactions.where(F.col("event_date").leq(dateLit(plan.asOf)));
  return {
    dau: async () => ({ dau: await activeUsers(upToAsOf, plan.activeRange).collect() }),
    mau_monthly: async () => ({ mau_monthly: await calendarMonthlyActiveUsers(upToAsOf, plan.activeRange).collect() }),
    power_users: () =>
      withPersisted(userInteractionTotals(upToAsOf, plan.powerRange, plan.capMs), USER_TOTALS_CACHE, async (totals) => {
        const found = await findPowerUsers(totals, { ...DEFAULT_POWER_USERS, percent: plan.percent });
        const counts = { active_users: found.activeUsers, top_count: found.topCount, events: found.events, capped_events: found.cappedEvents };
        return { power_users: await found.top.orderBy("rank").collect(), power_user_counts: [counts] };
      }),
    retention: async () => ({ retention: await retentionCells(upToAsOf, plan.asOf).collect() }),
    sessions: async () => {
      const { enriched } = await enrichInteractions(spark, upToAsOf, inputs.metadata, DEFAULT_SKEW_AWARE_JOIN);
      const params = { inactivityGapMs: plan.inactivityGapMs, maxSessionMs: plan.maxSessionMs, percentileAccuracy: plan.percentileAccuracy };
      return withPersisted(sessionize(enriched, params), SESSIONS_CACHE, async (sessions) => ({
        session_summary: await sessionSummary(sessions, params).collect(),
      }));
    },
  };
}
