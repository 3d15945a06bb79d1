import { functions as F, Window, type DataFrame } from "../../../connect";

/**
 * Per group of `df`: n, the sum of its values' mid-ranks in the pooled sample (rank_sum), the
 * mean and the within-group sum of squares of ln(max(value, 1)) (mean_log, ss_log), and, the same
 * on every row, Σ(t³ − t) over the pooled sample's tie blocks (tie_cube_sum): everything
 * Kruskal–Wallis H and η² of the log need, exactly, as one small Spark job.
 *
 * Ranks at scale without sorting N rows through one partition: the values (page load times, whole
 * milliseconds) take few distinct values compared with N. So:
 * 1. counts per (group, value): an aggregation, its shuffle bounded by groups × distinct values;
 * 2. counts per distinct value t and their running total over the sorted values: cum(v) = #{x ≤ v};
 *    the tie block of v holds ranks cum − t + 1 … cum, so its mid-rank is cum − (t − 1)/2. This
 *    is the only unpartitioned window, and it sees one row per distinct value, not per event;
 * 3. rank sums per group: Σ n(g, v) · midrank(v), a join of (1) and (2) and an aggregation.
 * The tie term comes from the same per-value counts. The log moments are centred per group by a
 * window partitioned by group (two passes over the (group, value) counts, no Σx² cancellation).
 * A value column of near-unique doubles would make step 2 as large as N: this is for discrete values.
 */
export function rankStatisticsByGroup(df: DataFrame, groupColumn: string, valueColumn: string): DataFrame {
  // Null values have no rank. Filtering them here, explicitly, also keeps the two uses of the
  // per-(group, value) counts below identical plans, so Spark computes them once (exchange reuse)
  // instead of reading the input twice.
  const perGroupValue = df
    .where(F.col(valueColumn).isNotNull())
    .groupBy(F.col(groupColumn).alias("group"), F.col(valueColumn).alias("value"))
    .agg(F.count("*").alias("count"));

  const byValue = Window.orderBy("value");
  const perValue = perGroupValue
    .groupBy("value")
    .agg(F.sum("count").alias("ties"))
    .withColumn("at_or_below", F.sum("ties").over(byValue.rowsBetween(Window.unboundedPreceding, Window.currentRow)))
    // t³ as a double: a long overflows once a value repeats more than 2 million times.
    .withColumn(
      "tie_cube_sum",
      F.sum(F.col("ties").cast("double").multiply(F.col("ties")).multiply(F.col("ties")).minus(F.col("ties"))).over(
        byValue.rowsBetween(Window.unboundedPreceding, Window.unboundedFollowing),
      ),
    )
    .select(F.col("value"), F.col("at_or_below").minus(F.col("ties").minus(1).divide(2)).alias("mid_rank"), F.col("tie_cube_sum"));

  const byGroup = Window.partitionBy("group");
  const logValue = F.log(F.greatest(F.col("value").cast("double"), F.lit(1)));
  return perGroupValue
    .join(perValue, "value")
    .withColumn("log_value", logValue)
    .withColumn(
      "mean_log",
      F.sum(F.col("count").multiply(F.col("log_value")))
        .over(byGroup)
        .divide(F.sum("count").over(byGroup)),
    )
    .groupBy(F.col("group").alias(groupColumn))
    .agg(
      F.sum("count").alias("n"),
      F.sum(F.col("count").multiply(F.col("mid_rank"))).alias("rank_sum"),
      F.first("mean_log").alias("mean_log"),
      F.sum(
        F.col("count").multiply(
          F.col("log_value")
            .minus(F.col("mean_log"))
            .multiply(F.col("log_value").minus(F.col("mean_log"))),
        ),
      ).alias("ss_log"),
      F.first("tie_cube_sum").alias("tie_cube_sum"),
    );
}
