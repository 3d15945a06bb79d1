import { functions as F, type DataFrame } from "../../../connect";
import { DEFAULT_SESSIONS, type SessionParams } from "../definitions";
import { sessionSummary, SESSION_DIMENSIONS } from "./session-summary";

/**
 * Sessions per duration bin of `binMs` (bin = ⌊duration / binMs⌋), the last of `bins` bins
 * open-ended: millions of sessions reduce to a few dozen rows in Spark before anything travels.
 * Columns: bin, sessions; bins without sessions are absent.
 */
export function sessionDurationBins(sessions: DataFrame, binMs: number, bins: number): DataFrame {
  const bin = F.least(F.floor(F.col("duration_ms").divide(binMs)), F.lit(bins - 1));
  return sessions.groupBy(bin.alias("bin")).agg(F.count("*").alias("sessions")).orderBy("bin");
}

/** Sessions per number of actions, 1 … `maxShown`, and every longer session pooled as `maxShown + 1`. Columns: actions, sessions. */
export function actionsPerSession(sessions: DataFrame, maxShown: number): DataFrame {
  const capped = F.least(F.col("actions"), F.lit(maxShown + 1));
  return sessions.groupBy(capped.alias("actions")).agg(F.count("*").alias("sessions")).orderBy("actions");
}

/** The session summary per value of each breakdown dimension, stacked: dimension, value, then sessionSummary's columns. */
export function sessionSummaryByDimension(sessions: DataFrame, params: Pick<SessionParams, "percentileAccuracy"> = DEFAULT_SESSIONS): DataFrame {
  return SESSION_DIMENSIONS.map((dimension) =>
    sessionSummary(sessions, params, dimension).withColumn("dimension", F.lit(dimension)).withColumnRenamed(dimension, "value"),
  )
    .reduce((stacked, next) => stacked.unionByName(next))
    .orderBy("dimension", "value");
}
