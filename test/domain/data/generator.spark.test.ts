import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import type { Row } from "../../../src/connect/arrow/decode";
import type { DataFrame } from "../../../src/connect/sql/dataframe";
import { col, countDistinct, datediff, lit } from "../../../src/connect/sql/functions";
import { seedInteractions, seedMetadata } from "../../../src/domain/data/generate/seed-datasets";
import {
  APP_VERSION_RANGES,
  DURATION_MS_RANGE,
  ID_NUMBER_RANGE,
  JOIN_DAY_RANGE,
  TIMESTAMP_SECONDS_RANGE,
  type IntRange,
} from "../../../src/domain/data/generate/seed-spec";
import { readBriefCsv, writeDataset } from "../../../src/domain/data/generate/write-dataset";
import { ACTION_TYPES, COUNTRIES, DEVICE_TYPES, INTERACTIONS, METADATA, SUBSCRIPTION_TYPES } from "../../../src/domain/data/schemas";
import { chiSquareTest } from "../../../src/lib/stats/chi-square";
import { distinctDrawsMoments } from "../../../src/lib/stats/distinct-draws";
import { discreteUniform, ksCriticalValue, ksStatistic } from "../../../src/lib/stats/kolmogorov-smirnov";
import { useSpark, useTempDir } from "../../support/spark";

/** Strict: a correct generator fails a test one time in a thousand per check. */
const ALPHA = 0.001;
const INTERACTION_ROWS = 40_000;
const METADATA_ROWS = 50_000;
const SEED = 20_240_601;

const spark = useSpark();
const dir = useTempDir("insights-generator-");
let interactions: Row[];
let metadata: Row[];

beforeAll(async () => {
  // Small data: a few shuffle partitions, even on a SPARK_REMOTE server tuned for big jobs.
  await spark.conf.set("spark.sql.shuffle.partitions", 4);
  // Numeric views of the time columns: epoch seconds and days since 1970-01-01, zone-free.
  interactions = await seedInteractions(spark, INTERACTION_ROWS, SEED).withColumn("seconds", col("timestamp").cast("long")).collect();
  metadata = await seedMetadata(spark, METADATA_ROWS, SEED)
    .withColumn("days", datediff(col("join_date"), lit("1970-01-01").cast("date")))
    .collect();
});

const strings = (rows: readonly Row[], column: string): string[] => rows.map((row) => String(row[column]));
const numbers = (rows: readonly Row[], column: string): number[] => rows.map((row) => Number(row[column]));

/** Counts of each category, in the given order (values outside the list fail the test). */
function countsOf(values: readonly string[], categories: readonly string[]): number[] {
  const counts = new Map(categories.map((c) => [c, 0]));
  for (const value of values) {
    const current = counts.get(value);
    if (current === undefined) throw new Error(`Unexpected category '${value}'`);
    counts.set(value, current + 1);
  }
  return categories.map((c) => counts.get(c) ?? 0);
}

function expectUniformCategories(values: readonly string[], categories: readonly string[]): void {
  const result = chiSquareTest(
    countsOf(values, categories),
    categories.map(() => 1 / categories.length),
    ALPHA,
  );
  expect(result.statistic).toBeLessThan(result.criticalValue);
}

const digits = (range: IntRange): string[] => Array.from({ length: range.high - range.low + 1 }, (_, i) => String(range.low + i));

/**
 * The first digit of `%06d` of randint(1, 1e6): "0" for 1..99,999, "1" for 100,000..199,999 and
 * 1,000,000, any other d for its 100,000 numbers.
 */
function expectUniformIdDigits(ids: readonly string[]): void {
  const categories = digits({ low: 0, high: 9 });
  const size = ID_NUMBER_RANGE.high;
  const probabilities = categories.map((d) => (d === "0" ? 99_999 : d === "1" ? 100_001 : 100_000) / size);
  const result = chiSquareTest(
    countsOf(
      ids.map((id) => id.charAt(1)),
      categories,
    ),
    probabilities,
    ALPHA,
  );
  expect(result.statistic).toBeLessThan(result.criticalValue);
}

function expectUniformIntegers(values: readonly number[], range: IntRange): void {
  expect(values.reduce((a, b) => Math.min(a, b))).toBeGreaterThanOrEqual(range.low);
  expect(values.reduce((a, b) => Math.max(a, b))).toBeLessThanOrEqual(range.high);
  expect(values.every(Number.isInteger)).toBe(true);
  expect(ksStatistic(values, discreteUniform(range.low, range.high))).toBeLessThan(ksCriticalValue(values.length, ALPHA));
}

/** Multiset equality, computed by Spark. */
async function expectSameRows(actual: DataFrame, expected: DataFrame): Promise<void> {
  expect(await actual.count()).toBe(await expected.count());
  expect(await actual.exceptAll(expected).count()).toBe(0);
  expect(await expected.exceptAll(actual).count()).toBe(0);
}

describe("determinism", () => {
  it("gives the same rows in the same order for the same seed, whatever the partitioning", async () => {
    const rows = 5_000;
    for (const generate of [seedInteractions, seedMetadata]) {
      const onePartition = await generate(spark, rows, SEED, { partitions: 1 }).collect();
      expect(await generate(spark, rows, SEED, { partitions: 7 }).collect()).toEqual(onePartition);
      expect(await generate(spark, rows, SEED, { partitions: 1 }).collect()).toEqual(onePartition);
    }
  });

  it("gives other rows for another seed", async () => {
    const rows = 5_000;
    for (const generate of [seedInteractions, seedMetadata]) {
      const first = await generate(spark, rows, SEED).collect();
      const second = await generate(spark, rows, SEED + 1).collect();
      const identical = first.filter((row, i) => JSON.stringify(row) === JSON.stringify(second[i])).length;
      expect(identical).toBe(0);
    }
  });
});

describe("interaction marginals match the brief", () => {
  it("draws categories and id digits uniformly", () => {
    expectUniformCategories(strings(interactions, "action_type"), ACTION_TYPES);
    const versions = strings(interactions, "app_version").map((v) => v.split("."));
    expectUniformCategories(
      versions.map((v) => v[0] ?? ""),
      digits(APP_VERSION_RANGES.major),
    );
    expectUniformCategories(
      versions.map((v) => v[1] ?? ""),
      digits(APP_VERSION_RANGES.minor),
    );
    expectUniformCategories(
      versions.map((v) => v[2] ?? ""),
      digits(APP_VERSION_RANGES.patch),
    );
    expectUniformIdDigits(strings(interactions, "user_id"));
    expectUniformIdDigits(strings(interactions, "page_id"));
  });

  it("draws durations and timestamps uniformly over the brief's inclusive ranges", () => {
    expectUniformIntegers(numbers(interactions, "duration_ms"), DURATION_MS_RANGE);
    expectUniformIntegers(numbers(interactions, "seconds"), TIMESTAMP_SECONDS_RANGE);
  });
});

describe("metadata marginals match the brief", () => {
  it("draws categories and id digits uniformly", () => {
    expectUniformCategories(strings(metadata, "country"), COUNTRIES);
    expectUniformCategories(strings(metadata, "device_type"), DEVICE_TYPES);
    expectUniformCategories(strings(metadata, "subscription_type"), SUBSCRIPTION_TYPES);
    expectUniformIdDigits(strings(metadata, "user_id"));
  });

  it("draws join dates uniformly over 2020-01-01..2023-12-31", () => {
    expectUniformIntegers(numbers(metadata, "days"), JOIN_DAY_RANGE);
  });

  it("repeats user ids as often as independent draws from a million ids do", async () => {
    // Distinct ids among k uniform draws from N: mean N(1 − (1 − 1/N)^k), variance from the
    // occupancy indicators (src/lib/stats/distinct-draws.ts), about 1,200 repeats ± 35 here. The
    // count is a sum of many weakly dependent indicators, close to normal: 5 standard deviations
    // bound a false alarm far below ALPHA.
    const [row] = await seedMetadata(spark, METADATA_ROWS, SEED).agg(countDistinct("user_id").alias("distinct")).collect();
    const { mean, variance } = distinctDrawsMoments(METADATA_ROWS, ID_NUMBER_RANGE.high);
    expect(Math.abs(Number(row?.distinct) - mean)).toBeLessThan(5 * Math.sqrt(variance));
  });
});

describe("CSV in the brief's layout", () => {
  const FORMATS = {
    interactions: /^u\d{6,},\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2},(page_view|edit|create|delete|share),p\d{6,},\d+,[5-7]\.\d\.\d$/,
    metadata:
      /^u\d{6,},\d{4}-\d{2}-\d{2},(US|UK|CA|AU|DE|FR|JP|IN|BR|MX),(iPhone|iPad|Android Phone|Android Tablet|Windows|Mac),(free|basic|premium|enterprise)$/,
  };

  function singlePartFile(folder: string): string[] {
    const parts = readdirSync(folder).filter((f) => f.startsWith("part-"));
    expect(parts).toHaveLength(1);
    // Python's csv.writer ends every line, the last included, with \r\n.
    const text = readFileSync(join(folder, parts[0] ?? ""), "utf8");
    expect(text.endsWith("\r\n")).toBe(true);
    expect(text.replaceAll("\r\n", "").includes("\n")).toBe(false);
    return text.split("\r\n");
  }

  it("writes interactions with the brief's header, formats and values, and reads them back", async () => {
    const df = seedInteractions(spark, 20_000, SEED);
    const path = join(dir, "interactions");
    await writeDataset(df, path, { format: "csv", singleFile: true });
    const lines = singlePartFile(path);
    expect(lines[0]).toBe(INTERACTIONS.csvHeader);
    expect(lines.at(-1)).toBe("");
    const body = lines.slice(1, -1);
    expect(body).toHaveLength(20_000);
    expect(body.filter((line) => !FORMATS.interactions.test(line))).toEqual([]);
    // The first row, rendered as the brief's csv.writer would (UTC, no quotes, no fraction).
    const [first] = await df.take(1);
    if (!(first?.timestamp instanceof Date)) throw new Error("Expected a timestamp in the first row");
    const stamp = first.timestamp.toISOString().slice(0, 19).replace("T", " ");
    expect(body[0]).toBe([first.user_id, stamp, first.action_type, first.page_id, first.duration_ms, first.app_version].map(String).join(","));
    await expectSameRows(readBriefCsv(spark.read, INTERACTIONS.ddl, path), df);
  });

  it("writes metadata with the brief's header, formats and values, and reads them back", async () => {
    const df = seedMetadata(spark, 20_000, SEED);
    const path = join(dir, "metadata");
    await writeDataset(df, path, { format: "csv", singleFile: true });
    const lines = singlePartFile(path);
    expect(lines[0]).toBe(METADATA.csvHeader);
    const body = lines.slice(1, -1);
    expect(body).toHaveLength(20_000);
    expect(body.filter((line) => !FORMATS.metadata.test(line))).toEqual([]);
    await expectSameRows(readBriefCsv(spark.read, METADATA.ddl, path), df);
  });

  it("writes Parquet in many parts that read back to the same rows", async () => {
    const df = seedInteractions(spark, 20_000, SEED, { partitions: 4 });
    const path = join(dir, "interactions-parquet");
    await writeDataset(df, path, { format: "parquet" });
    expect(readdirSync(path).filter((f) => f.startsWith("part-")).length).toBe(4);
    await expectSameRows(spark.read.parquet(path), df);
  });
});
