import { type Column, type DataFrame, functions as F, type SparkSession, TypedLiteral } from "../../../../connect";
import { PERIOD_DAYS, PERIOD_START_DAY } from "./calendar";
import { KeyedDraws } from "./keyed-draws";
import type { RealisticOptions } from "./options";
import { planRealistic, type RealisticPlan } from "./plan";
import { isHotNumber, UserAttributes, userIdOf } from "./users";

const ROWS_PER_PARTITION = 2_000_000;
const STREAM = { duplicateJoin: 501 } as const;
/** The variant key of a duplicate row's own draws. */
const DUPLICATE_VARIANT = 1;

/**
 * User metadata agreeing with realisticInteractions for the same seed and options: one row per
 * user with interactions, except the planned orphans (no row); the planned duplicated users get a
 * second row with a later join_date and their own country, device and subscription (the
 * definitions' dedupe keeps the earliest, i.e. the true one); then metadata-only users. `rows` is
 * the interaction row count: the users follow from it.
 */
export function realisticMetadata(spark: SparkSession, rows: number, seed: number, options: RealisticOptions = {}): DataFrame {
  return metadataOfPlan(spark, planRealistic(rows, options), seed, options.partitions);
}

export function metadataOfPlan(spark: SparkSession, plan: RealisticPlan, seed: number, partitions?: number): DataFrame {
  const draws = new KeyedDraws(seed);
  const attributes = new UserAttributes(draws, plan.options);
  const baseRows = plan.interactionUsers + plan.metadataOnlyUsers;
  const range = (first: number, count: number): DataFrame =>
    spark.range(first, first + count, 1, partitions ?? Math.max(1, Math.ceil(count / ROWS_PER_PARTITION)));
  const selection = plan.metadataSelection;
  const position = (number: Column): Column =>
    F.pmod(number.minus(1).multiply(F.lit(TypedLiteral.long(selection.multiplier))), F.lit(TypedLiteral.long(selection.n)));

  const base = range(0, baseRows)
    .withColumn("number", F.col("id").plus(1))
    .where(
      F.col("number")
        .gt(plan.interactionUsers)
        .or(position(F.col("number")).geq(plan.orphanUsers)),
    )
    .withColumn("joinDay", joinDayOf(F.col("number"), plan, attributes));
  const output = (df: DataFrame, variants: Column[]): DataFrame =>
    df.select(
      userIdOf(F.col("number")).alias("user_id"),
      F.dateAdd(F.lit("1970-01-01").cast("date"), F.col("joinDay").plus(PERIOD_START_DAY).cast("int")).alias("join_date"),
      attributes.country(F.col("number"), ...variants).alias("country"),
      attributes.device(F.col("number"), ...variants).alias("device_type"),
      attributes.subscription(F.col("number"), ...variants).alias("subscription_type"),
      ...(plan.options.keepRowId ? [F.col("id")] : []),
    );
  if (plan.duplicateUsers === 0) return output(base, []);

  // Duplicate j belongs to the user at selection position orphanUsers + j (inverse scatter).
  const duplicatePosition = F.col("id").minus(baseRows).plus(plan.orphanUsers);
  const duplicates = range(baseRows, plan.duplicateUsers)
    .withColumn("number", F.pmod(duplicatePosition.multiply(F.lit(TypedLiteral.long(selection.inverse))), F.lit(TypedLiteral.long(selection.n))).plus(1))
    .withColumn("_trueJoin", joinDayOf(F.col("number"), plan, attributes))
    // A later signup, still in 2023: true join + 1 … the last day (interaction users join by day 351).
    .withColumn("joinDay", F.col("_trueJoin").plus(1).plus(laterDays(draws)));
  return output(base, []).union(output(duplicates, [F.lit(DUPLICATE_VARIANT)]));
}

/** Days after the day after the true join for a duplicate row: uniform in [0, last day − true join − 1]. */
function laterDays(draws: KeyedDraws): Column {
  return F.pmod(draws.bits(STREAM.duplicateJoin, F.col("number")), F.lit(PERIOD_DAYS - 1).minus(F.col("_trueJoin")));
}

/** Every kind of user's join day (period days), by the user-number ranges of the plan. */
function joinDayOf(number: Column, plan: RealisticPlan, attributes: UserAttributes): Column {
  const users = plan.activity.users;
  const regular = attributes.regularJoinDay(number, attributes.isNew(number, isHotNumber(plan.ranks, plan.activity.hotUsers, number)));
  return F.when(number.leq(users), regular)
    .when(number.lt(plan.bots.firstNumber + plan.bots.users), plan.bots.joinDay)
    .when(number.leq(plan.interactionUsers), plan.spike.day)
    .otherwise(attributes.metadataOnlyJoinDay(number))
    .cast("int");
}
