import { writeFileSync } from "node:fs";
import { join } from "node:path";
import type { DataFrame } from "../../connect";
import { toJsonLines } from "../../domain/analyses/anomalies/alerts";
import { findAnomalies } from "../../domain/analyses/anomalies/find-anomalies";
import { trailingRange, type EventDateBounds } from "../../domain/analyses/common/event-date-bounds";
import { DEFAULT_ACTIVE_USERS, DEFAULT_POWER_USERS, DEFAULT_SESSIONS } from "../../domain/analyses/definitions";
import { activeUsers, calendarMonthlyActiveUsers } from "../../domain/analyses/engagement/active-users";
import { findPowerUsers, userInteractionTotals } from "../../domain/analyses/engagement/power-users";
import { retentionCells } from "../../domain/analyses/engagement/retention";
import { deviceEffect } from "../../domain/analyses/performance/device-effect";
import { devicePerformance } from "../../domain/analyses/performance/device-performance";
import { p95ByVersion } from "../../domain/analyses/performance/p95-by-version";
import { sessionSummary } from "../../domain/analyses/sessions/session-summary";
import { sessionize } from "../../domain/analyses/sessions/sessionize";
import { StorageLevel } from "../../connect";
import { withPersisted } from "../with-persisted";
import { toCsv, writeCsvTable } from "./metrics-csv";

/** What every analysis is given. */
export interface AnalysisContext {
  /** The enriched interactions up to as_of, cached. */
  readonly enriched: DataFrame;
  readonly bounds: EventDateBounds;
  readonly asOf: string;
  /** Where the metric files go. */
  readonly metricsDir: string;
}

/** One analysis: the files it writes, exactly these names and columns. */
export interface MetricAnalysis {
  readonly name: string;
  readonly files: readonly string[];
  run(context: AnalysisContext): Promise<void>;
}

export const DAU_COLUMNS = ["date", "dau", "wau", "mau", "dau_mau_ratio"] as const;
export const MAU_MONTHLY_COLUMNS = ["month", "mau"] as const;
export const POWER_USERS_COLUMNS = ["rank", "user_id", "total_ms", "events"] as const;
export const RETENTION_COLUMNS = ["cohort_week", "cohort_size", "week_offset", "retained", "rate"] as const;
export const SESSION_SUMMARY_COLUMNS = [
  "sessions",
  "users",
  "mean_duration_ms",
  "p50_duration_ms",
  "p90_duration_ms",
  "p99_duration_ms",
  "mean_actions",
  "sessions_per_user_week",
] as const;
export const P95_BY_VERSION_COLUMNS = ["app_version", "events", "p95_ms", "low_confidence"] as const;
export const DEVICE_PERFORMANCE_COLUMNS = ["device_type", "events", "p50_ms", "p95_ms"] as const;
export const ANOMALIES_COLUMNS = ["series", "granularity", "ts", "observed", "expected", "score", "direction"] as const;

async function writeTable(context: AnalysisContext, file: string, table: DataFrame, columns: readonly string[]): Promise<void> {
  await writeCsvTable(table, columns, join(context.metricsDir, file));
}

function writeJson(context: AnalysisContext, file: string, value: unknown): void {
  writeFileSync(join(context.metricsDir, file), `${JSON.stringify(value, null, 2)}\n`);
}

/** The totals are users-sized and read by three jobs (stats, candidate count, ranking): cached while they run. */
const USER_TOTALS_CACHE = { level: StorageLevel.MEMORY_AND_DISK, materializeTag: "materialize-user-totals" };

/**
 * The summary reads the sessions twice (the duration distribution and the frequency chain, then
 * cross-joined): without a cache Spark reuses the shuffle below sessionize but runs its sort and
 * windows once per reader (the analyses benchmark measured both passes). Sessions are one row
 * per session, a fraction of the events.
 */
const SESSIONS_CACHE = { level: StorageLevel.MEMORY_AND_DISK, materializeTag: "materialize-sessions" };

/** Every analysis `insights analyze` runs, in the order it runs them; `--only` picks by name. */
export const METRIC_ANALYSES: readonly MetricAnalysis[] = [
  {
    name: "dau",
    files: ["dau.csv"],
    run: (c) => writeTable(c, "dau.csv", activeUsers(c.enriched, trailingRange(c.bounds, DEFAULT_ACTIVE_USERS.days, c.asOf)), DAU_COLUMNS),
  },
  {
    name: "mau_monthly",
    files: ["mau_monthly.csv"],
    run: (c) =>
      writeTable(c, "mau_monthly.csv", calendarMonthlyActiveUsers(c.enriched, trailingRange(c.bounds, DEFAULT_ACTIVE_USERS.days, c.asOf)), MAU_MONTHLY_COLUMNS),
  },
  {
    name: "power_users",
    files: ["power_users.csv"],
    run: (c) => {
      const totals = userInteractionTotals(c.enriched, trailingRange(c.bounds, DEFAULT_POWER_USERS.days, c.asOf), DEFAULT_POWER_USERS.capMs);
      return withPersisted(totals, USER_TOTALS_CACHE, async (cached) => {
        const { top } = await findPowerUsers(cached, DEFAULT_POWER_USERS);
        await writeTable(c, "power_users.csv", top.orderBy("rank"), POWER_USERS_COLUMNS);
      });
    },
  },
  {
    name: "retention",
    files: ["retention.csv"],
    run: (c) => writeTable(c, "retention.csv", retentionCells(c.enriched, c.asOf), RETENTION_COLUMNS),
  },
  {
    name: "sessions",
    files: ["session_summary.csv"],
    run: (c) =>
      withPersisted(sessionize(c.enriched, DEFAULT_SESSIONS), SESSIONS_CACHE, (sessions) =>
        writeTable(c, "session_summary.csv", sessionSummary(sessions, DEFAULT_SESSIONS), SESSION_SUMMARY_COLUMNS),
      ),
  },
  {
    name: "p95",
    files: ["p95_by_version.csv"],
    run: (c) => writeTable(c, "p95_by_version.csv", p95ByVersion(c.enriched), P95_BY_VERSION_COLUMNS),
  },
  {
    name: "devices",
    files: ["device_performance.csv", "device_correlation.json"],
    run: async (c) => {
      await writeTable(c, "device_performance.csv", devicePerformance(c.enriched), DEVICE_PERFORMANCE_COLUMNS);
      writeJson(c, "device_correlation.json", await deviceEffect(c.enriched));
    },
  },
  {
    name: "anomalies",
    files: ["anomalies.csv", "anomalies.jsonl"],
    run: async (c) => {
      // The detector runs on the driver: the anomalies are already here, and written from here.
      const anomalies = await findAnomalies(c.enriched);
      writeFileSync(join(c.metricsDir, "anomalies.csv"), toCsv(ANOMALIES_COLUMNS, anomalies.map((a) => ({ ...a }))));
      writeFileSync(join(c.metricsDir, "anomalies.jsonl"), toJsonLines(anomalies));
    },
  },
];

/** The analyses' names, for `--only`. */
export const ANALYSIS_NAMES: readonly string[] = METRIC_ANALYSES.map((a) => a.name);

/** The analyses named in `only` (all when absent), in run order; throws a RangeError for an unknown name. */
export function selectAnalyses(only?: readonly string[]): readonly MetricAnalysis[] {
  if (only === undefined) return METRIC_ANALYSES;
  const unknown = only.filter((name) => !ANALYSIS_NAMES.includes(name));
  if (unknown.length > 0) throw new RangeError(`Unknown analyses: ${unknown.join(", ")} (known: ${ANALYSIS_NAMES.join(", ")})`);
  if (only.length === 0) throw new RangeError(`No analysis selected (known: ${ANALYSIS_NAMES.join(", ")})`);
  return METRIC_ANALYSES.filter((a) => only.includes(a.name));
}
