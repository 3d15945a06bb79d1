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
import {
  anomalyRows,
  METRIC_DOCUMENTS,
  METRIC_TABLES,
  writeMetricRows,
  writeMetricTable,
  type MetricDocumentName,
  type MetricTableName,
} from "./metric-tables";

/** What every analysis is given. */
export interface AnalysisContext {
  /** The enriched interactions up to as_of, cached. */
  readonly enriched: DataFrame;
  readonly bounds: EventDateBounds;
  readonly asOf: string;
  /** Where the metric files go. */
  readonly metricsDir: string;
}

/** One analysis: the metric tables and documents it writes, exactly these. */
export interface MetricAnalysis {
  readonly name: string;
  readonly tables: readonly MetricTableName[];
  readonly documents: readonly MetricDocumentName[];
  run(context: AnalysisContext): Promise<void>;
}

/** The files an analysis writes, as run.json and the CLI list them. */
export function analysisFiles(analysis: MetricAnalysis): string[] {
  return [...analysis.tables.map((name) => METRIC_TABLES[name].file), ...analysis.documents.map((name) => METRIC_DOCUMENTS[name])];
}

async function writeTable(context: AnalysisContext, name: MetricTableName, table: DataFrame): Promise<void> {
  await writeMetricTable(context.metricsDir, name, table);
}

function writeDocument(context: AnalysisContext, name: MetricDocumentName, text: string): void {
  writeFileSync(join(context.metricsDir, METRIC_DOCUMENTS[name]), text);
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
    tables: ["dau"],
    documents: [],
    run: (c) => writeTable(c, "dau", activeUsers(c.enriched, trailingRange(c.bounds, DEFAULT_ACTIVE_USERS.days, c.asOf))),
  },
  {
    name: "mau_monthly",
    tables: ["mau_monthly"],
    documents: [],
    run: (c) => writeTable(c, "mau_monthly", calendarMonthlyActiveUsers(c.enriched, trailingRange(c.bounds, DEFAULT_ACTIVE_USERS.days, c.asOf))),
  },
  {
    name: "power_users",
    tables: ["power_users"],
    documents: [],
    run: (c) => {
      const totals = userInteractionTotals(c.enriched, trailingRange(c.bounds, DEFAULT_POWER_USERS.days, c.asOf), DEFAULT_POWER_USERS.capMs);
      return withPersisted(totals, USER_TOTALS_CACHE, async (cached) => {
        const { top } = await findPowerUsers(cached, DEFAULT_POWER_USERS);
        await writeTable(c, "power_users", top.orderBy("rank"));
      });
    },
  },
  {
    name: "retention",
    tables: ["retention"],
    documents: [],
    run: (c) => writeTable(c, "retention", retentionCells(c.enriched, c.asOf)),
  },
  {
    name: "sessions",
    tables: ["session_summary"],
    documents: [],
    run: (c) =>
      withPersisted(sessionize(c.enriched, DEFAULT_SESSIONS), SESSIONS_CACHE, (sessions) =>
        writeTable(c, "session_summary", sessionSummary(sessions, DEFAULT_SESSIONS)),
      ),
  },
  {
    name: "p95",
    tables: ["p95_by_version"],
    documents: [],
    run: (c) => writeTable(c, "p95_by_version", p95ByVersion(c.enriched)),
  },
  {
    name: "devices",
    tables: ["device_performance"],
    documents: ["device_correlation"],
    run: async (c) => {
      await writeTable(c, "device_performance", devicePerformance(c.enriched));
      writeDocument(c, "device_correlation", `${JSON.stringify(await deviceEffect(c.enriched), null, 2)}\n`);
    },
  },
  {
    name: "anomalies",
    tables: ["anomalies"],
    documents: ["anomaly_alerts"],
    run: async (c) => {
      // The detector runs on the driver: the anomalies are already here, and written from here.
      const anomalies = await findAnomalies(c.enriched);
      writeMetricRows(c.metricsDir, "anomalies", anomalyRows(anomalies));
      writeDocument(c, "anomaly_alerts", toJsonLines(anomalies));
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
