import type { Column } from "../../../connect/sql/column";
import type { DataFrame } from "../../../connect/sql/dataframe";
import { col, concat, dateAdd, formatString, lit, timestampSeconds } from "../../../connect/sql/functions";
import type { SparkSession } from "../../../connect/sql/session";
import { ACTION_TYPES, COUNTRIES, DEVICE_TYPES, SUBSCRIPTION_TYPES } from "../schemas";
import { HashedDraws } from "./hashed-draws";
import { APP_VERSION_RANGES, DURATION_MS_RANGE, ID_NUMBER_RANGE, JOIN_DAY_RANGE, TIMESTAMP_SECONDS_RANGE } from "./seed-spec";

export interface SeedOptions {
  /** Partitions of the generating `range`: parallelism only, the rows do not depend on it. */
  readonly partitions?: number;
  /** Keep the long `id` row column as a last extra column (the corruption step picks rows by it). */
  readonly keepRowId?: boolean;
}

/**
 * Stream numbers of the columns. They are part of the output's identity: changing one changes
 * the data for every seed. Metadata uses its own streams so that its user ids are drawn
 * independently of the interactions' for the same row number.
 */
const STREAM = {
  interactions: { userId: 1, timestamp: 2, actionType: 3, pageId: 4, duration: 5, major: 6, minor: 7, patch: 8 },
  metadata: { userId: 11, joinDate: 12, country: 13, deviceType: 14, subscription: 15 },
} as const;

/** About 2M rows per partition: big enough to amortise task overhead, small enough to spread. */
const ROWS_PER_PARTITION = 2_000_000;

function rowIds(spark: SparkSession, rows: number, options: SeedOptions): DataFrame {
  if (!Number.isSafeInteger(rows) || rows < 0) throw new RangeError(`The row count must be a non-negative integer, not ${rows}`);
  const partitions = options.partitions ?? Math.max(1, Math.ceil(rows / ROWS_PER_PARTITION));
  return spark.range(0, rows, 1, partitions);
}

/** The row id, last, when the options ask for it. */
const rowIdColumn = (options: SeedOptions): Column[] => (options.keepRowId ? [col("id")] : []);

const paddedId = (prefix: string, draw: Column): Column => formatString(`${prefix}%06d`, draw.cast("int"));

/**
 * User interactions with the brief's `seed` distributions: user and page ids uniform over
 * 1..1,000,000, timestamps uniform to the second over 2023-01-01 00:00:00..2023-12-31 00:00:00,
 * action types uniform, durations uniform in [100, 300000] ms, versions 5-7 . 0-9 . 0-9.
 */
export function seedInteractions(spark: SparkSession, rows: number, seed: number, options: SeedOptions = {}): DataFrame {
  const draw = new HashedDraws(seed);
  const s = STREAM.interactions;
  return rowIds(spark, rows, options).select(
    paddedId("u", draw.int(s.userId, ID_NUMBER_RANGE)).alias("user_id"),
    timestampSeconds(draw.int(s.timestamp, TIMESTAMP_SECONDS_RANGE)).alias("timestamp"),
    draw.choice(s.actionType, ACTION_TYPES).alias("action_type"),
    paddedId("p", draw.int(s.pageId, ID_NUMBER_RANGE)).alias("page_id"),
    draw.int(s.duration, DURATION_MS_RANGE).alias("duration_ms"),
    concat(
      draw.int(s.major, APP_VERSION_RANGES.major).cast("string"),
      lit("."),
      draw.int(s.minor, APP_VERSION_RANGES.minor).cast("string"),
      lit("."),
      draw.int(s.patch, APP_VERSION_RANGES.patch).cast("string"),
    ).alias("app_version"),
    ...rowIdColumn(options),
  );
}

/**
 * User metadata with the brief's `seed` distributions: user ids uniform over 1..1,000,000 (so
 * some repeat: the brief draws them independently), join dates uniform over
 * 2020-01-01..2023-12-31, country, device and subscription uniform over the brief's lists.
 */
export function seedMetadata(spark: SparkSession, rows: number, seed: number, options: SeedOptions = {}): DataFrame {
  const draw = new HashedDraws(seed);
  const s = STREAM.metadata;
  return rowIds(spark, rows, options).select(
    paddedId("u", draw.int(s.userId, ID_NUMBER_RANGE)).alias("user_id"),
    // Days since the epoch, offset from 1970-01-01: the date needs no time zone.
    dateAdd(lit("1970-01-01").cast("date"), draw.int(s.joinDate, JOIN_DAY_RANGE).cast("int")).alias("join_date"),
    draw.choice(s.country, COUNTRIES).alias("country"),
    draw.choice(s.deviceType, DEVICE_TYPES).alias("device_type"),
    draw.choice(s.subscription, SUBSCRIPTION_TYPES).alias("subscription_type"),
    ...rowIdColumn(options),
  );
}
