import { type Column, type DataFrame, functions as F, type SparkSession, TypedLiteral } from "../../../../connect";
import { ACTION_TYPES } from "../../schemas";
import { withRank } from "./activity";
import { PERIOD_START_SECONDS } from "./calendar";
import { actionDraw, actionName, actionOfDraw, durationMs, pageId } from "./durations";
import { KeyedDraws } from "./keyed-draws";
import { planRealistic, type RealisticPlan } from "./plan";
import type { RealisticOptions } from "./options";
import { withSessionTimes } from "./sessions";
import { deviceOfDraw, numberOfRank, UserAttributes, userIdOf } from "./users";
import { RELEASES, releaseIndexAt } from "./versions";

/** About 2M rows per partition, as in seed mode: big enough to amortise task overhead. */
const ROWS_PER_PARTITION = 2_000_000;
const STREAM = { spikeStart: 401, spikeOffset: 402, botDuration: 403 } as const;
/** Bots act fast: 50–250 ms per call. */
const BOT_DURATION_MS = { low: 50, high: 250 } as const;
const CREATE = ACTION_TYPES.indexOf("create");

/**
 * User interactions with realistic structure (see plan.ts for the layout and the ground truth for
 * what is planted): exactly `rows` rows in the brief's columns, computed inside Spark row by row
 * from the row id (no shuffle, no driver loop), the same on any partitioning for a given seed.
 */
export function realisticInteractions(spark: SparkSession, rows: number, seed: number, options: RealisticOptions = {}): DataFrame {
  return interactionsOfPlan(spark, planRealistic(rows, options), seed, options.partitions);
}

/** The interactions of an already computed plan (the job shares one plan with the ground truth). */
export function interactionsOfPlan(spark: SparkSession, plan: RealisticPlan, seed: number, partitions?: number): DataFrame {
  const draws = new KeyedDraws(seed);
  const attributes = new UserAttributes(draws, plan.options);
  const range = (first: number, count: number): DataFrame =>
    spark.range(first, first + count, 1, partitions ?? Math.max(1, Math.ceil(count / ROWS_PER_PARTITION)));
  const finish = (df: DataFrame, bots: boolean): DataFrame => finishRows(df, plan, draws, attributes, bots);

  let result = finish(regularEvents(range(0, plan.regularRows), plan, draws, attributes), false);
  if (plan.bots.rows > 0) result = result.union(finish(botEvents(range(plan.bots.firstRow, plan.bots.rows), plan), true));
  if (plan.spike.rows > 0) result = result.union(finish(spikeEvents(range(plan.spike.firstRow, plan.spike.rows), plan, draws), false));
  return result;
}

/** Regular users: rank from the row id, then the user's attributes and the event's session time. */
function regularEvents(ids: DataFrame, plan: RealisticPlan, draws: KeyedDraws, attributes: UserAttributes): DataFrame {
  const staged = withRank(ids, plan.activity)
    .withColumn("number", numberOfRank(plan.ranks, F.col("rank")))
    .withColumn("isNew", attributes.isNew(F.col("number"), F.col("rank").lt(plan.activity.hotUsers)))
    .withColumn("joinDay", attributes.regularJoinDay(F.col("number"), F.col("isNew")));
  return withSessionTimes(staged, plan.design, draws).select("id", "number", "seconds");
}

/**
 * Bots: row k of the cluster is event ⌊k / K⌋ of bot k mod K; bot b fires every period seconds
 * from its own phase, b/K of a period: perfectly regular, never two events in one second.
 */
function botEvents(ids: DataFrame, plan: RealisticPlan): DataFrame {
  const { firstRow, users, firstNumber, startSeconds, periodSeconds } = plan.bots;
  const k = F.col("id").minus(firstRow);
  const bot = F.pmod(k, F.lit(users));
  const phase = F.div(bot.multiply(periodSeconds), F.lit(users));
  return ids.select(
    F.col("id"),
    bot.plus(firstNumber).alias("number"),
    F.div(k, F.lit(users)).multiply(periodSeconds).plus(phase).plus(startSeconds).cast("long").alias("seconds"),
  );
}

/**
 * The spike's new users: row k is event ⌊k / P⌋ of spike user k mod P, whose one session starts
 * at a seasonal time of the spike day (a uniform business time before 23:00, so it ends that day).
 */
function spikeEvents(ids: DataFrame, plan: RealisticPlan, draws: KeyedDraws): DataFrame {
  const { firstRow, users, firstNumber, day } = plan.spike;
  const { clock } = plan;
  const k = F.col("id").minus(firstRow);
  const number = F.pmod(k, F.lit(users)).plus(firstNumber);
  const before23 = (clock.dayWeight[day] ?? 0) * (clock.hourStart[23] ?? 0);
  const business = F.lit(TypedLiteral.double(clock.dayStart[day] ?? 0)).plus(draws.uniform(STREAM.spikeStart, number).multiply(before23));
  const staged = ids.select(F.col("id"), number.alias("number"), F.div(k, F.lit(users)).alias("position"), business.alias("_business"));
  const step = plan.options.eventStepSeconds;
  const offset = F.col("position")
    .multiply(step)
    .plus(F.floor(draws.uniform(STREAM.spikeOffset, F.col("id")).multiply(step)));
  return clock
    .withRealSeconds(staged, "_business", "_real")
    .select(F.col("id"), F.col("number"), F.floor(F.col("_real")).plus(offset).cast("long").alias("seconds"));
}

/**
 * From (id, number, seconds) to the brief's columns: action, page, version, duration. Draws that
 * CASE chains read several times are materialised first, so that each is hashed once per row.
 */
function finishRows(df: DataFrame, plan: RealisticPlan, draws: KeyedDraws, attributes: UserAttributes, bots: boolean): DataFrame {
  const o = plan.options;
  const id = F.col("id");
  const number = F.col("number");
  const seconds = F.col("seconds");
  // Bots always run the newest release; people update after their lag.
  const installed = bots ? seconds : seconds.minus(attributes.lagSeconds(number));
  const drawn = df.select(
    id,
    number,
    seconds,
    actionDraw(draws, id).alias("_actionDraw"),
    attributes.deviceDraw(number).alias("_deviceDraw"),
    installed.alias("_installed"),
  );
  const staged = drawn.select(
    id,
    seconds,
    (bots ? F.lit(CREATE) : actionOfDraw(F.col("_actionDraw"))).alias("action"),
    deviceOfDraw(F.col("_deviceDraw")).alias("device"),
    releaseIndexAt(F.col("_installed")).alias("release"),
    userIdOf(number).alias("user_id"),
  );
  const release = F.col("release");
  const action = F.col("action");
  const pageLoadFactor = F.when(F.col("device").eq(plan.slowDeviceIndex), o.slowDevice.factor)
    .otherwise(1)
    .multiply(F.when(release.eq(plan.regressedRelease), o.regressedVersion.factor).otherwise(1));
  const burst = F.when(seconds.geq(plan.burst.startSeconds).and(seconds.lt(plan.burst.endSeconds)), o.durationBurst.factor).otherwise(1);
  const duration = bots
    ? draws
        .below(STREAM.botDuration, BOT_DURATION_MS.high - BOT_DURATION_MS.low + 1, id)
        .plus(BOT_DURATION_MS.low)
        .multiply(burst)
        .cast("long")
    : durationMs(draws, id, action, pageLoadFactor, burst);
  const columns: Column[] = [
    F.col("user_id"),
    F.timestampSeconds(seconds.plus(PERIOD_START_SECONDS)).alias("timestamp"),
    actionName(action).alias("action_type"),
    pageId(draws, id).alias("page_id"),
    duration.alias("duration_ms"),
    F.elementAt(F.lit(RELEASES.map((r) => r.version)), release.plus(1)).alias("app_version"),
  ];
  return staged.select(...columns, ...(o.keepRowId ? [id] : []));
}
