import { addDays } from "../../src/domain/analyses/common/calendar-days";
import { firstMonth, type AnalysisPlan } from "./plan";
import type { AnalysisName } from "./tables";

/**
 * The benchmark's analyses as DuckDB SQL on the same Parquet files, written from the definitions
 * (docs/definitions.md), not translated from the Spark code: where a formulation choice exists,
 * this side takes another one (rolling counts from per-user coverage runs joined to the days,
 * not a running sum of ±1 changes; session pieces from a per-session window minimum, not a
 * running maximum of session starts), so that agreement says more than "the same plan twice".
 */

/** One statement of an analysis; a `table` names the result its rows are. */
export interface DuckStatement {
  readonly sql: string;
  readonly table?: string;
}

const date = (day: string): string => `DATE '${day}'`;

/** A SQL string literal. */
export function sqlText(text: string): string {
  return `'${text.replaceAll("'", "''")}'`;
}

/** The ingested interactions' files (hive-partitioned by event_date, typed by ingestion) as a table expression. */
export function parquetSource(interactionsDir: string): string {
  const files = sqlText(`${interactionsDir.replace(/\/+$/, "")}/**/*.parquet`);
  return `read_parquet(${files}, hive_partitioning = true, hive_types = {'event_date': DATE})`;
}

/** The view every query reads: the ingested interactions, nothing after as_of, as `insights analyze` reads them. */
export function interactionsView(interactionsDir: string, plan: AnalysisPlan): string {
  return (
    `CREATE OR REPLACE VIEW interactions AS SELECT user_id, "timestamp", action_type, page_id, duration_ms, app_version, event_date ` +
    `FROM ${parquetSource(interactionsDir)} WHERE event_date <= ${date(plan.asOf)}`
  );
}

/** DAU, rolling WAU/MAU and DAU/MAU for every day of the range, zeros included. */
function dau(plan: AnalysisPlan): DuckStatement[] {
  const { from, to } = plan.activeRange;
  const lookback = addDays(from, 1 - Math.max(plan.wauDays, plan.mauDays));
  // A user active on `day` is counted on [day, day + W − 1] by a W-day window; their next active
  // day takes over from there, so a user's runs never overlap and a count(*) per covered day is
  // a distinct-user count.
  const covered = (w: number, name: string): string =>
    `${name} AS (SELECT days.date, count(*) AS ${name} FROM days JOIN runs ON days.date >= runs.day ` +
    `AND days.date < least(coalesce(runs.next_day, runs.day + ${w}), runs.day + ${w}) GROUP BY days.date)`;
  return [
    {
      table: "dau",
      sql: `WITH user_days AS (SELECT DISTINCT user_id, event_date AS day FROM interactions WHERE event_date BETWEEN ${date(lookback)} AND ${date(to)}),
runs AS (SELECT day, lead(day) OVER (PARTITION BY user_id ORDER BY day) AS next_day FROM user_days),
days AS (SELECT CAST(d AS DATE) AS date FROM generate_series(${date(from)}, ${date(to)}, INTERVAL 1 DAY) t(d)),
dau AS (SELECT day AS date, count(*) AS dau FROM user_days GROUP BY day),
${covered(plan.wauDays, "wau")},
${covered(plan.mauDays, "mau")}
SELECT strftime(days.date, '%Y-%m-%d') AS date, coalesce(dau, 0) AS dau, coalesce(wau, 0) AS wau, coalesce(mau, 0) AS mau,
  CASE WHEN coalesce(mau, 0) > 0 THEN coalesce(dau, 0) / mau END AS dau_mau_ratio
FROM days LEFT JOIN dau USING (date) LEFT JOIN wau USING (date) LEFT JOIN mau USING (date) ORDER BY days.date`,
    },
  ];
}

/** Distinct users per calendar month the range touches (the first month whole, the last to date). */
function mauMonthly(plan: AnalysisPlan): DuckStatement[] {
  const first = firstMonth(plan);
  const { to } = plan.activeRange;
  return [
    {
      table: "mau_monthly",
      sql: `WITH months AS (SELECT strftime(m, '%Y-%m') AS month FROM generate_series(${date(first)}, ${date(to)}, INTERVAL 1 MONTH) t(m)),
counts AS (SELECT strftime(event_date, '%Y-%m') AS month, count(DISTINCT user_id) AS mau FROM interactions WHERE event_date BETWEEN ${date(first)} AND ${date(to)} GROUP BY 1)
SELECT month, coalesce(mau, 0) AS mau FROM months LEFT JOIN counts USING (month) ORDER BY month`,
    },
  ];
}

/** Top percent% of users by capped total time (ties by user_id), and the counts beside them. */
function powerUsers(plan: AnalysisPlan): DuckStatement[] {
  const { from, to } = plan.powerRange;
  const cap = plan.capMs;
  const topCount = `(count(*) * ${plan.percent} + 99) // 100`;
  return [
    {
      sql: `CREATE OR REPLACE TEMP TABLE power_totals AS SELECT user_id, CAST(sum(least(duration_ms, ${cap})) AS BIGINT) AS total_ms, count(*) AS events,
  count(*) FILTER (WHERE duration_ms > ${cap}) AS capped_events
FROM interactions WHERE event_date BETWEEN ${date(from)} AND ${date(to)} GROUP BY user_id`,
    },
    {
      table: "power_user_counts",
      sql: `SELECT count(*) AS active_users, ${topCount} AS top_count, coalesce(sum(events), 0) AS events, coalesce(sum(capped_events), 0) AS capped_events FROM power_totals`,
    },
    {
      table: "power_users",
      sql: `SELECT rank, user_id, total_ms, events FROM (SELECT user_id, total_ms, events, row_number() OVER (ORDER BY total_ms DESC, user_id ASC) AS rank FROM power_totals)
WHERE rank <= (SELECT ${topCount} FROM power_totals) ORDER BY rank`,
    },
    { sql: "DROP TABLE power_totals" },
  ];
}

/** First-activity weekly cohorts × week offsets; cells whose week has not ended by as_of are null. */
function retention(plan: AnalysisPlan): DuckStatement[] {
  const week = (day: string): string => `CAST(date_trunc('week', ${day}) AS DATE)`;
  return [
    {
      table: "retention",
      sql: `WITH cohorts AS (
  SELECT user_id, ${week("min(event_date)")} AS cohort_week FROM interactions GROUP BY user_id
  HAVING ${week("min(event_date)")} BETWEEN ${date(plan.firstCohort)} AND ${date(plan.lastCohort)}
),
active_weeks AS (SELECT DISTINCT user_id, ${week("event_date")} AS active_week FROM interactions WHERE event_date >= ${date(plan.firstCohort)}),
sizes AS (SELECT cohort_week, count(*) AS cohort_size FROM cohorts GROUP BY cohort_week),
retained AS (
  SELECT cohort_week, (active_week - cohort_week) // 7 AS week_offset, count(*) AS retained
  FROM cohorts JOIN active_weeks USING (user_id) WHERE active_week >= cohort_week GROUP BY ALL
),
grid AS (SELECT CAST(w AS DATE) AS cohort_week, CAST(k AS INTEGER) AS week_offset FROM generate_series(${date(plan.firstCohort)}, ${date(plan.lastCohort)}, INTERVAL 7 DAY) t(w), range(0, ${plan.cohorts}) r(k)),
cells AS (
  SELECT grid.cohort_week, coalesce(cohort_size, 0) AS cohort_size, grid.week_offset,
    CASE WHEN grid.cohort_week + 7 * grid.week_offset + 6 <= ${date(plan.asOf)} THEN coalesce(retained, 0) END AS retained
  FROM grid LEFT JOIN sizes USING (cohort_week) LEFT JOIN retained USING (cohort_week, week_offset)
)
SELECT strftime(cohort_week, '%Y-%m-%d') AS cohort_week, cohort_size, week_offset, retained,
  CASE WHEN cohort_size > 0 THEN retained / cohort_size END AS rate
FROM cells ORDER BY cells.cohort_week, week_offset`,
    },
  ];
}

/** The sessions table kept for the percentile check (sessionsPercentileRanks), dropped after it. */
export const SESSIONS_TABLE = "bench_sessions";

const PERCENTILES = [0.5, 0.9, 0.99] as const;

/** Sessions by the 30-minute inactivity rule (from the end of the latest activity) with the 24-h cut; the summary. */
function sessions(plan: AnalysisPlan): DuckStatement[] {
  const order = "PARTITION BY user_id ORDER BY start_ms, end_ms";
  const dayOf = "start_ms // 86400000";
  // Epoch day 0 (1970-01-01) was a Thursday: weeks starting on Monday are (day + 3) // 7.
  const weekOf = `(${dayOf} + 3) // 7`;
  return [
    {
      sql: `CREATE OR REPLACE TEMP TABLE ${SESSIONS_TABLE} AS
WITH events AS (SELECT user_id, epoch_ms("timestamp") AS start_ms, epoch_ms("timestamp") + duration_ms AS end_ms FROM interactions),
marked AS (SELECT *, max(end_ms) OVER (${order} ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS busy_until FROM events),
numbered AS (
  SELECT user_id, start_ms, end_ms,
    sum(CASE WHEN busy_until IS NULL OR start_ms - busy_until > ${plan.inactivityGapMs} THEN 1 ELSE 0 END) OVER (${order} ROWS UNBOUNDED PRECEDING) AS visit
  FROM marked
),
cut AS (SELECT *, (start_ms - min(start_ms) OVER (PARTITION BY user_id, visit)) // ${plan.maxSessionMs} AS piece FROM numbered)
SELECT user_id, min(start_ms) AS start_ms, max(end_ms) - min(start_ms) AS duration_ms, count(*) AS actions FROM cut GROUP BY user_id, visit, piece`,
    },
    {
      table: "session_summary",
      sql: `SELECT count(*) AS sessions, count(DISTINCT user_id) AS users, avg(duration_ms) AS mean_duration_ms,
  ${PERCENTILES.map((p) => `quantile_disc(duration_ms, ${p}) AS p${Math.round(p * 100)}_duration_ms`).join(", ")},
  avg(actions) AS mean_actions,
  count(*) / (SELECT count(*) FROM (SELECT DISTINCT user_id, ${weekOf} FROM ${SESSIONS_TABLE})) AS sessions_per_user_week,
  count(*) / (SELECT count(*) FROM (SELECT DISTINCT user_id, ${dayOf} FROM ${SESSIONS_TABLE})) AS sessions_per_user_day
FROM ${SESSIONS_TABLE}`,
    },
  ];
}

/**
 * Untimed check: where each of Spark's duration percentiles falls in DuckDB's exact sessions
 * (values below it, at or below it, and the session count), from the table sessions() kept.
 */
export function sessionsPercentileRanks(sparkValues: Readonly<Record<string, number>>): string {
  const columns = Object.entries(sparkValues).flatMap(([column, value]) => [
    `count(*) FILTER (WHERE duration_ms < ${value}) AS "${column}_below"`,
    `count(*) FILTER (WHERE duration_ms <= ${value}) AS "${column}_at_or_below"`,
  ]);
  return `SELECT count(*) AS n, ${columns.join(", ")} FROM ${SESSIONS_TABLE}`;
}

/** Each analysis's statements, run in order within its timed step. */
export function duckdbAnalyses(plan: AnalysisPlan): Readonly<Record<AnalysisName, DuckStatement[]>> {
  return { dau: dau(plan), mau_monthly: mauMonthly(plan), power_users: powerUsers(plan), retention: retention(plan), sessions: sessions(plan) };
}
