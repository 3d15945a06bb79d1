import { createHash } from "node:crypto";
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { functions as F } from "../../../src/connect";
import { measureFolderRows, planFileLayout, sizedForWrite } from "../../../src/domain/data/ingest/file-layout";
import { ingestInteractions } from "../../../src/domain/data/ingest/ingest-interactions";
import { ingestMetadata } from "../../../src/domain/data/ingest/ingest-metadata";
import { applyParallelismFromInput, defaultParallelism } from "../../../src/domain/data/tuning/apply-parallelism";
import { hashPartitionOf, keysForEachHashPartition, sparkHashInt } from "../../../src/domain/data/tuning/hash-partition-keys";
import { generator } from "../../support/random";
import { useSpark, useTempDir } from "../../support/spark";

const spark = useSpark();
const root = useTempDir("insights-file-layout-");

/** Parquet files per folder (`column=value`), each with its content's hash: names differ per run, content must not. */
function parquetFiles(dir: string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const folder of readdirSync(dir)
    .filter((d) => d.includes("="))
    .sort()) {
    const files = readdirSync(join(dir, folder)).filter((f) => f.endsWith(".parquet"));
    out.set(
      folder,
      files
        .map((f) =>
          createHash("sha256")
            .update(readFileSync(join(dir, folder, f)))
            .digest("hex"),
        )
        .sort(),
    );
  }
  return out;
}

function fileSizes(dir: string, folder: string): number[] {
  return readdirSync(join(dir, folder))
    .filter((f) => f.endsWith(".parquet"))
    .map((f) => statSync(join(dir, folder, f)).size);
}

describe("Spark's hash partitioning, as hash-partition-keys models it", () => {
  it("hashes ints as SQL hash() does", async () => {
    const rows = await spark
      .range(-1000, 1000)
      .select(F.col("id").cast("int").alias("k"), F.hash(F.col("id").cast("int")).alias("h"))
      .collect();
    expect(rows).toHaveLength(2000);
    for (const r of rows) expect(sparkHashInt(Number(r.k))).toBe(Number(r.h));
  });

  it("sends keys[p] to partition p when repartitioning by it", async () => {
    const partitions = 37;
    const keys = keysForEachHashPartition(partitions);
    const rows = await spark
      .createDataFrame(
        keys.map((key) => ({ key })),
        "key int",
      )
      .repartition(partitions, F.col("key"))
      .select(F.col("key"), F.sparkPartitionId().alias("p"))
      .collect();
    expect(rows.map((r) => [Number(r.key), Number(r.p)]).sort((a, b) => (a[1] ?? 0) - (b[1] ?? 0))).toEqual(keys.map((key, p) => [key, p]));
    // Without the lookup, slot numbers collide: some partitions get several slots, some none.
    const direct = new Set(Array.from({ length: partitions }, (_, slot) => hashPartitionOf(slot, partitions)));
    expect(direct.size).toBeLessThan(partitions);
  });
});

describe("sizedForWrite", () => {
  const next = generator(7);
  const ROWS_PER_DAY: Readonly<Record<string, number>> = { "2023-07-01": 3000, "2023-07-02": 1500, "2023-07-03": 200 };
  const data = Object.entries(ROWS_PER_DAY).flatMap(([day, n]) =>
    Array.from({ length: n }, (_, i) => ({
      user_id: `u${String(1 + Math.floor(next() * 500)).padStart(6, "0")}`,
      timestamp: new Date(`${day}T00:00:00Z`).getTime() / 1000 + i,
      action_type: ["page_view", "edit", "share"][Math.floor(next() * 3)],
      duration_ms: Math.floor(next() * 300_000),
      event_date: day,
    })),
  );
  const ddl = "user_id string, timestamp bigint, action_type string, duration_ms bigint, event_date string";
  // 100 "input bytes" per row and a 25,000-byte target: ceil(rows × 100 / 25,000) files per day.
  const sizing = { targetFileBytes: 25_000, outputBytesPerInputByte: 1 };
  const expectedFiles = (rows: number): number => Math.ceil((rows * 100) / 25_000);

  async function write(path: string): Promise<void> {
    const df = spark.createDataFrame(data, ddl).withColumn("event_date", F.toDate(F.col("event_date")));
    const plan = planFileLayout(await measureFolderRows(df, "event_date"), data.length * 100, sizing);
    await (await sizedForWrite(df, "event_date", plan)).write.mode("overwrite").partitionBy("event_date").parquet(path);
  }

  it("measures the rows of each folder", async () => {
    const df = spark.createDataFrame(data, ddl).withColumn("event_date", F.toDate(F.col("event_date")));
    expect(Object.fromEntries(await measureFolderRows(df, "event_date"))).toEqual(ROWS_PER_DAY);
  });

  it("writes ceil(bytes / target) evenly filled files per folder, rows unchanged, with AQE on", async () => {
    await applyParallelismFromInput(spark, spark.createDataFrame(data, ddl));
    expect(await spark.conf.get("spark.sql.adaptive.enabled")).toBe("true");
    const path = join(root, "sized-a");
    await write(path);

    const files = parquetFiles(path);
    expect(Object.fromEntries([...files].map(([folder, hashes]) => [folder, hashes.length]))).toEqual(
      Object.fromEntries(Object.entries(ROWS_PER_DAY).map(([day, n]) => [`event_date=${day}`, expectedFiles(n)])),
    );
    // Rows per file: a hash spreads a folder's rows evenly, so no file is far below the folder's mean.
    const perFile = await spark.read.parquet(path).groupBy(F.col("event_date").cast("string").alias("day"), F.inputFileName().alias("file")).count().collect();
    for (const [day, n] of Object.entries(ROWS_PER_DAY)) {
      const counts = perFile.filter((r) => r.day === day).map((r) => Number(r.count));
      expect(counts.reduce((a, b) => a + b, 0)).toBe(n);
      expect(Math.min(...counts)).toBeGreaterThanOrEqual(0.5 * (n / expectedFiles(n)));
    }
    const sizes = fileSizes(path, "event_date=2023-07-01");
    expect(Math.min(...sizes)).toBeGreaterThanOrEqual(0.5 * Math.max(...sizes));
  });

  it("leaves an empty input as it is", async () => {
    const empty = spark.createDataFrame(data, ddl).limit(0);
    const plan = planFileLayout(await measureFolderRows(empty, "event_date"), 0, sizing);
    expect(plan.slots).toBe(0);
    expect(await (await sizedForWrite(empty, "event_date", plan)).count()).toBe(0);
  });

  it("writes byte-identical files when the same rows are written again", async () => {
    const first = parquetFiles(join(root, "sized-a"));
    await write(join(root, "sized-a"));
    await write(join(root, "sized-b"));
    expect(parquetFiles(join(root, "sized-a"))).toEqual(first);
    expect(parquetFiles(join(root, "sized-b"))).toEqual(first);
  });
});

describe("ingestion writes sized files and sizes the session from its input", () => {
  const RULES = { earliest: "2000-01-01", latest: "2030-01-01" };
  const next = generator(11);
  const uid = (): string => `u${String(1 + Math.floor(next() * 300)).padStart(6, "0")}`;

  /** `files` CSV files of `rows` lines each, so that the read, and the write without sizing, runs several tasks. */
  function csvInput(name: string, header: string, files: number, rows: number, line: (i: number) => string): string {
    const dir = join(root, name);
    mkdirSync(dir, { recursive: true });
    for (let f = 0; f < files; f++) {
      writeFileSync(join(dir, `part-${String(f)}.csv`), `${[header, ...Array.from({ length: rows }, (_, i) => line(f * rows + i))].join("\n")}\n`);
    }
    return dir;
  }

  it("interactions: one file per date folder for a small input, identical on re-ingestion", async () => {
    const days = ["2023-07-01", "2023-07-02", "2023-07-03"];
    const input = csvInput(
      "raw-interactions",
      "user_id,timestamp,action_type,page_id,duration_ms,app_version",
      4,
      150,
      (i) =>
        `${uid()},${days[i % 3] ?? ""} 10:${String(Math.floor(i / 60) % 60).padStart(2, "0")}:${String(i % 60).padStart(2, "0")},edit,p000001,${String(100 + i)},5.7.3`,
    );
    const paths = { ...RULES, input, validPath: join(root, "interactions"), quarantinePath: join(root, "quarantine-interactions") };
    const counts = await ingestInteractions(spark, paths);
    expect(counts.valid).toBe(600);

    const files = parquetFiles(paths.validPath);
    expect([...files.keys()]).toEqual(days.map((d) => `event_date=${d}`));
    for (const hashes of files.values()) expect(hashes).toHaveLength(1);
    const perDay = await spark.read.parquet(paths.validPath).groupBy(F.col("event_date").cast("string").alias("day")).count().collect();
    expect(Object.fromEntries(perDay.map((r) => [r.day, Number(r.count)]))).toEqual(Object.fromEntries(days.map((d) => [d, 200])));

    // The session was sized from the input: a few KB, so one shuffle partition per core and the
    // smallest split. The cores are counted here by running a job over a default-parallelism range.
    const cores = (await spark.range(0, 1000).select(F.sparkPartitionId().alias("p")).distinct().collect()).length;
    expect(await defaultParallelism(spark)).toBe(cores);
    expect(await spark.conf.get("spark.sql.shuffle.partitions")).toBe(String(cores));
    expect(await spark.conf.get("spark.sql.files.maxPartitionBytes")).toBe(String(4 * 2 ** 20));

    await ingestInteractions(spark, paths);
    expect(parquetFiles(paths.validPath)).toEqual(files);
  }, 300_000); // two ingestions, about ten jobs each: slow on a shared two-core machine

  it("metadata: one file per country folder", async () => {
    const countries = ["US", "DE", "JP", "BR"];
    const input = csvInput(
      "raw-metadata",
      "user_id,join_date,country,device_type,subscription_type",
      3,
      100,
      (i) => `u${String(i + 1).padStart(6, "0")},2022-01-15,${countries[i % 4] ?? ""},iPad,premium`,
    );
    const paths = { ...RULES, input, validPath: join(root, "metadata"), quarantinePath: join(root, "quarantine-metadata") };
    expect((await ingestMetadata(spark, paths)).valid).toBe(300);
    const files = parquetFiles(paths.validPath);
    expect([...files.keys()]).toEqual(countries.map((c) => `country=${c}`).sort());
    for (const hashes of files.values()) expect(hashes).toHaveLength(1);
  });
});
