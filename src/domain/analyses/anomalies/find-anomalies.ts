import type { DataFrame } from "../../../connect";
import { detectAnomalies, type DetectorOptions } from "./detector";
import { GRANULARITIES, type Anomaly, type Granularity } from "./model";
import { collectSeries } from "./series";

export interface FindAnomaliesOptions {
  readonly granularities: readonly Granularity[];
  /** Overrides of the detector's defaults, per granularity (the period follows the granularity). */
  readonly detector: Partial<Readonly<Record<Granularity, Partial<DetectorOptions>>>>;
}

export const DEFAULT_FIND_ANOMALIES: FindAnomaliesOptions = { granularities: GRANULARITIES, detector: {} };

/**
 * The anomalies table: the series are built in Spark (one job per granularity), the detector runs
 * on the driver over each collected series. Sorted by granularity, series and time.
 */
export async function findAnomalies(enriched: DataFrame, options: FindAnomaliesOptions = DEFAULT_FIND_ANOMALIES): Promise<Anomaly[]> {
  const anomalies: Anomaly[] = [];
  for (const granularity of options.granularities) {
    for (const series of await collectSeries(enriched, granularity)) anomalies.push(...detectAnomalies(series, options.detector[granularity]));
  }
  return anomalies.sort((a, b) => compare(a.granularity, b.granularity) || compare(a.series, b.series) || compare(a.ts, b.ts));
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
