import type { DataFrame } from "../../../connect";
import { defaultDetectorOptions, scoreSeries } from "./detector";
import type { Granularity } from "./model";
import { collectSeries } from "./series";

/** One bucket of a series as the detector scored it. */
export interface ScoredPoint {
  readonly ts: string;
  readonly observed: number;
  readonly expected: number;
  readonly anomaly: boolean;
}

/**
 * One series (`all/events`, `device_type=iPad/active_users`…) with the detector's expected value
 * and flag at every bucket: the same scoring the anomalies table came from, kept for every point
 * instead of the flagged ones only (what a chart of observed against expected needs).
 */
export async function scoredSeries(enriched: DataFrame, name: string, granularity: Granularity = "daily"): Promise<ScoredPoint[]> {
  const series = (await collectSeries(enriched, granularity)).find((s) => s.name === name);
  if (series === undefined) return [];
  // The series' own spread factor, as the detector that wrote the anomalies table used it.
  const points = scoreSeries(series.values, {
    ...defaultDetectorOptions(granularity),
    ...(series.dispersion !== undefined && { dispersion: series.dispersion }),
  });
  return points.map((point, i) => ({ ts: series.timestamps[i] ?? "", observed: point.observed, expected: Math.round(point.expected), anomaly: point.flagged }));
}
