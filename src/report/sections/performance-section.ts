import { compareVersions } from "../../domain/analyses/performance/version-order";
import type { DeviceEffect } from "../../domain/analyses/performance/device-effect";
import type { DevicePerformanceRow, P95ByVersionRow } from "../../jobs/analyze/metric-tables";
import { formatCount } from "../../lib/text/format";

/** How many versions the bar chart names; the trend chart shows every version. */
export const TOP_VERSIONS = 15;

/** p95_by_version.csv in release order with each version's position, for the trend chart. */
export function versionTrend(rows: readonly P95ByVersionRow[]): { release: number; app_version: string; p95_ms: number; events: number; confidence: string }[] {
  return [...rows]
    .sort((a, b) => compareVersions(a.app_version, b.app_version))
    .map((row, index) => ({
      release: index + 1,
      app_version: row.app_version,
      p95_ms: row.p95_ms,
      events: row.events,
      confidence: row.low_confidence ? "low (under 100 page loads)" : "ok",
    }));
}

/**
 * The slowest versions by p95 among those with enough page loads; all versions when none has
 * enough (small data), which the chart's title then says.
 */
export function slowestVersions(rows: readonly P95ByVersionRow[], n = TOP_VERSIONS): { rows: P95ByVersionRow[]; wellMeasuredOnly: boolean } {
  const wellMeasured = rows.filter((row) => !row.low_confidence);
  const pool = wellMeasured.length > 0 ? wellMeasured : rows;
  const slowest = [...pool]
    .sort((a, b) => b.p95_ms - a.p95_ms || compareVersions(a.app_version, b.app_version))
    .slice(0, n);
  return { rows: slowest, wellMeasuredOnly: wellMeasured.length > 0 };
}

/** The verdict, with a warning when the sample is too small for the effect to be told from chance. */
export function deviceVerdict(effect: DeviceEffect): string {
  if (effect.p_value <= 0.05) return effect.verdict;
  return `${effect.verdict} With only ${formatCount(effect.n)} page loads from users with metadata, this is not distinguishable from chance (p = ${effect.p_value.toPrecision(2)}): read it as no evidence either way.`;
}

/** device_performance.csv in long form (one row per device and percentile) for grouped bars, in seconds. */
export function devicePercentiles(rows: readonly DevicePerformanceRow[]): { device_type: string; percentile: string; seconds: number }[] {
  return rows.flatMap((row) => [
    { device_type: row.device_type, percentile: "median (p50)", seconds: row.p50_ms / 1000 },
    { device_type: row.device_type, percentile: "slow loads (p95)", seconds: row.p95_ms / 1000 },
  ]);
}

/** The statistics of device_correlation.json as a one-row table. */
export function deviceStatistics(effect: DeviceEffect): Record<string, number | string>[] {
  return [
    {
      page_loads: effect.n,
      devices: effect.groups,
      kruskal_h: Math.round(effect.kruskal_h * 100) / 100,
      epsilon_squared: Number(effect.epsilon_squared.toPrecision(3)),
      eta_squared_log: Number(effect.eta_squared_log.toPrecision(3)),
      p_value: Number(effect.p_value.toPrecision(3)),
      band: effect.band,
    },
  ];
}
