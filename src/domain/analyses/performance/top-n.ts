import { functions as F, Window, type DataFrame } from "../../../connect";

/** The label of everything outside the top N. */
export const OTHER = "other";

/**
 * `df` with a column `${column}_group`: the row's `column` value when that value is among the `n`
 * most frequent (ties by value ascending), `other` otherwise. Charts then show n + 1 groups however
 * many distinct values there are (hundreds of app versions).
 *
 * The counts are one aggregation down to one row per distinct value; ranking those few rows needs
 * no partitioning (a single-partition window over hundreds of rows), and the top n go back to the
 * rows through a broadcast join, so the rows themselves are never shuffled for it.
 */
export function groupTopN(df: DataFrame, column: string, n: number): DataFrame {
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`The top N needs a positive whole N, not ${n}`);
  const top = df
    .groupBy(column)
    .agg(F.count("*").alias("top_n_count"))
    .withColumn("top_n_rank", F.rowNumber().over(Window.orderBy(F.desc("top_n_count"), F.asc(column))))
    .where(F.col("top_n_rank").leq(n))
    .select(F.col(column), F.lit(true).alias("in_top_n"));
  return df
    .join(top.hint("broadcast"), column, "left")
    .withColumn(`${column}_group`, F.when(F.col("in_top_n"), F.col(column)).otherwise(OTHER))
    .drop("in_top_n");
}
