import { functions as F, type DataFrame } from "../../../connect";
import { pageLoads } from "./page-loads";
import { DEFAULT_PERCENTILES, type PercentileOptions } from "./p95-options";

/**
 * device_performance: device_type, events, p50_ms, p95_ms, low_confidence, slowest median first.
 * The `unknown` group (users without metadata) is a row like the others here; only the effect
 * sizes leave it out. Both percentiles come from one sketch per device (one aggregation).
 */
export function devicePerformance(enriched: DataFrame, options: PercentileOptions = DEFAULT_PERCENTILES): DataFrame {
  return pageLoads(enriched)
    .groupBy("device_type")
    .agg(F.count("*").alias("events"), F.percentileApprox("load_ms", [0.5, 0.95], options.accuracy).alias("percentiles"))
    .select(
      F.col("device_type"),
      F.col("events"),
      F.col("percentiles").getItem(0).alias("p50_ms"),
      F.col("percentiles").getItem(1).alias("p95_ms"),
      F.col("events").lt(options.minEvents).alias("low_confidence"),
    )
    .orderBy(F.desc("p50_ms"), F.asc("device_type"));
}
