import { functions as F, TypedLiteral, type Column, type DataFrame } from "../../../connect";

/** Iglewicz and Hoaglin's constant: 0.6745 · MAD estimates the standard deviation of normal data. */
const MAD_SCALE = 0.6745;

export interface InteractionTimeOutliers {
  /** user_id, total_ms, events, log_total, modified_z; largest z first. */
  readonly outliers: DataFrame;
  /** Median of ln(total_ms) over users with a positive total (null when none). */
  readonly median: number | null;
  /** Median absolute deviation of ln(total_ms) from that median. */
  readonly mad: number | null;
}

/**
 * Users whose ln(total_ms) has a modified z-score 0.6745 · (x − median) / MAD above `threshold`
 * (Iglewicz–Hoaglin; 3.5 by default): suspected automation, reported beside the power users.
 * The log makes the heavy right tail of totals roughly symmetric; median and MAD are not moved
 * by the outliers themselves, unlike mean and standard deviation. One-sided: only unusually
 * large totals are suspicious. Users with a total of 0 have no logarithm and are left out.
 *
 * Median and MAD are exact (Spark's `percentile`, two small jobs over the users-sized totals):
 * its buffer holds every distinct value, fine for millions of users; beyond, percentile_approx
 * would do. When MAD is 0 (at least half the users share one total) no z-score is defined and
 * nobody is flagged.
 */
export async function interactionTimeOutliers(totals: DataFrame, threshold: number): Promise<InteractionTimeOutliers> {
  const logged = totals.where(F.col("total_ms").gt(0)).withColumn("log_total", F.log(F.col("total_ms")));
  const median = await exactMedian(logged, F.col("log_total"));
  const mad = median === null ? null : await exactMedian(logged, F.abs(F.col("log_total").minus(double(median))));
  const usable = median !== null && mad !== null && mad > 0;
  const z = usable
    ? F.lit(TypedLiteral.double(MAD_SCALE))
        .multiply(F.col("log_total").minus(double(median)))
        .divide(double(mad))
    : F.lit(null).cast("double");
  const outliers = logged
    .withColumn("modified_z", z)
    .where(F.col("modified_z").gt(double(threshold)))
    .select("user_id", "total_ms", "events", "log_total", "modified_z")
    .orderBy(F.col("modified_z").desc(), F.col("user_id").asc());
  return { outliers, median, mad };
}

async function exactMedian(df: DataFrame, value: Column): Promise<number | null> {
  const [row] = await df.agg(F.percentile(value, F.lit(TypedLiteral.double(0.5))).alias("median")).collect();
  return row?.median == null ? null : Number(row.median);
}

function double(value: number): Column {
  return F.lit(TypedLiteral.double(value));
}
