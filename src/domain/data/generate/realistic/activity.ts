import { type Column, type DataFrame, functions as F, TypedLiteral } from "../../../../connect";

/**
 * How many events each regular user makes, as a closed-form cumulative count over user ranks
 * (rank 0 the busiest): `firstEvent(r)` is the row id of rank r's first event, so rank r owns the
 * contiguous rows [firstEvent(r), firstEvent(r + 1)). Being closed-form, it is computed per row in
 * Spark (rank from row id, then the user's event count and the event's index) and on the client
 * (exact counts for the ground truth) without any global cumulative sum.
 *
 * - Hot ranks [0, hotUsers) share `hotRows` evenly: the join-skew keys.
 * - The tail shares the rest by a saturated power law: the cumulative share of the first x of the
 *   tail (x in [0, 1]) is g(x) = ((x + c)^¼ − c^¼) / ((1 + c)^¼ − c^¼), a Zipf-like density
 *   ∝ (x + c)^−¾: the top 1% of the tail make about 18% of its events, the last user about a third
 *   of the average, and c caps the head so that no tail user outdoes a hot one.
 *
 * Only IEEE-exact operations (+, −, ×, ÷, sqrt, floor, ceil) appear, in the same order on both
 * sides: JS and the JVM then get bit-identical results, so client counts match the data exactly.
 */
const TAIL_OFFSET = 0.001;
const OFFSET_ROOT = Math.sqrt(Math.sqrt(TAIL_OFFSET));
const TAIL_SPAN = Math.sqrt(Math.sqrt(1 + TAIL_OFFSET)) - OFFSET_ROOT;

export interface ActivityLayout {
  readonly users: number;
  readonly hotUsers: number;
  readonly hotRows: number;
  readonly tailRows: number;
}

/** Row id of rank r's first event, r in [0, users] (client side). */
export function firstEvent(layout: ActivityLayout, r: number): number {
  const { hotUsers, hotRows, tailRows } = layout;
  // BigInt: the product can pass 2^53 at 10^9 rows, where a double quotient may round up.
  if (r <= hotUsers) return Number((BigInt(hotRows) * BigInt(r)) / BigInt(hotUsers));
  return hotRows + Math.ceil(tailRows * tailShare(layout, r));
}

/** g: the tail's unrounded cumulative share before tail rank r (r in [hotUsers, users]). */
export function tailShare(layout: ActivityLayout, r: number): number {
  const x = (r - layout.hotUsers) / (layout.users - layout.hotUsers);
  return (Math.sqrt(Math.sqrt(x + TAIL_OFFSET)) - OFFSET_ROOT) / TAIL_SPAN;
}

/** Events of rank r (client side). */
export function eventsOfRank(layout: ActivityLayout, r: number): number {
  return firstEvent(layout, r + 1) - firstEvent(layout, r);
}

/** The same as firstEvent, as a column of a long rank column. */
export function firstEventColumn(layout: ActivityLayout, rank: Column): Column {
  const { users, hotUsers, hotRows, tailRows } = layout;
  const hot = F.div(rank.multiply(long(hotRows)), long(hotUsers));
  const x = rank.minus(hotUsers).divide(F.lit(TypedLiteral.double(users - hotUsers)));
  const share = F.sqrt(F.sqrt(x.plus(F.lit(TypedLiteral.double(TAIL_OFFSET)))))
    .minus(F.lit(TypedLiteral.double(OFFSET_ROOT)))
    .divide(F.lit(TypedLiteral.double(TAIL_SPAN)));
  const tail = F.ceil(F.lit(TypedLiteral.double(tailRows)).multiply(share)).plus(long(hotRows));
  return F.when(rank.leq(hotUsers), hot).otherwise(tail);
}

/**
 * Adds `rank` (long), `userEvents` and `eventIndex` to a frame of row ids in [0, hotRows + tailRows).
 * A hot row's rank is exact integer arithmetic; a tail row's comes from inverting g in floating
 * point, which can be one off near a boundary, so it is checked against the exact firstEvent and
 * moved by one if needed (each step its own projection, so the long expressions are computed once).
 */
export function withRank(df: DataFrame, layout: ActivityLayout): DataFrame {
  const { users, hotUsers, hotRows, tailRows } = layout;
  const id = F.col("id");
  // Largest r with floor(hotRows·r / hotUsers) ≤ id: r = ⌈(id + 1)·hotUsers / hotRows⌉ − 1.
  const hotRank = F.div(id.plus(1).multiply(long(hotUsers)).minus(1), long(hotRows));
  const y = id.minus(hotRows).divide(F.lit(TypedLiteral.double(tailRows)));
  const root = y.multiply(F.lit(TypedLiteral.double(TAIL_SPAN))).plus(F.lit(TypedLiteral.double(OFFSET_ROOT)));
  const x = root
    .multiply(root)
    .multiply(root.multiply(root))
    .minus(F.lit(TypedLiteral.double(TAIL_OFFSET)));
  const tailGuess = F.floor(x.multiply(users - hotUsers)).plus(hotUsers);
  const clamp = (c: Column): Column => F.least(F.greatest(c, long(hotUsers)), long(users - 1));
  return df
    .withColumn("_guess", F.when(id.lt(hotRows), hotRank).otherwise(clamp(tailGuess)))
    .withColumn("_low", firstEventColumn(layout, F.col("_guess")))
    .withColumn("_high", firstEventColumn(layout, F.col("_guess").plus(1)))
    .withColumn(
      "rank",
      F.col("_guess")
        .plus(F.when(F.col("_high").leq(id), 1).otherwise(0))
        .minus(F.when(F.col("_low").gt(id), 1).otherwise(0))
        .cast("long"),
    )
    .withColumn("_first", firstEventColumn(layout, F.col("rank")))
    .withColumn("userEvents", firstEventColumn(layout, F.col("rank").plus(1)).minus(F.col("_first")))
    .withColumn("eventIndex", id.minus(F.col("_first")))
    .drop("_guess", "_low", "_high", "_first");
}

const long = (value: number): Column => F.lit(TypedLiteral.long(value));
