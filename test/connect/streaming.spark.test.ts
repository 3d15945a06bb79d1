import { mkdirSync, renameSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { functions as F, SparkError, type StreamingQuery } from "../../src/connect";
import { useSpark, useTempDir } from "../support/spark";

const spark = useSpark();
const dir = useTempDir("insights-streaming-");

beforeAll(async () => {
  await spark.conf.set("spark.sql.shuffle.partitions", 2);
});
afterAll(async () => {
  for (const query of await spark.streams.active()) await query.stop();
});

interface Pair {
  readonly k: string;
  readonly v: number;
}

/** `n` rows with keys a..d and values from a small LCG: deterministic, uneven per key. */
function pairs(seed: number, n: number): Pair[] {
  let state = seed;
  return Array.from({ length: n }, () => {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    const high = Math.floor(state / 2 ** 12); // the LCG's low bits cycle quickly: use the high ones
    return { k: "abcd"[high % 4] ?? "a", v: Math.floor(high / 4) % 1000 };
  });
}

/** Writes a CSV file under a dot name (which the file source skips) and renames it in: readers never see half a file. */
function land(folder: string, name: string, rows: readonly Pair[]): void {
  const hidden = join(folder, `.${name}`);
  writeFileSync(hidden, `k,v\n${rows.map((r) => `${r.k},${r.v}`).join("\n")}\n`);
  renameSync(hidden, join(folder, name));
}

/** Count and sum of v per key, computed here from the rows written. */
function expectedTotals(rows: readonly Pair[]): Map<string, { n: number; sum: number }> {
  const totals = new Map<string, { n: number; sum: number }>();
  for (const { k, v } of rows) {
    const t = totals.get(k) ?? { n: 0, sum: 0 };
    totals.set(k, { n: t.n + 1, sum: t.sum + v });
  }
  return totals;
}

async function memoryTotals(table: string): Promise<Map<string, { n: number; sum: number }>> {
  const rows = await spark.table(table).collect({ longs: "number" });
  return new Map(rows.map((r) => [String(r.k), { n: Number(r.n), sum: Number(r.total) }]));
}

/**
 * Polls `check` until it holds or `timeoutMs` passes (the caller's assertion then fails on the
 * last value). Generous: a first micro-batch on a cold, shared two-core server can take 30 s.
 */
async function eventually<T>(read: () => Promise<T>, check: (value: T) => boolean, timeoutMs = 90_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (check(value) || Date.now() > deadline) return value;
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
}

describe("Structured Streaming through Spark Connect", () => {
  it("runs a streaming aggregation over files landing in a folder into a memory sink, with status, progress and stop", { timeout: 240_000 }, async () => {
    const folder = join(dir, "source-agg");
    mkdirSync(folder);
    const first = pairs(7, 500);
    land(folder, "part-1.csv", first);

    const stream = spark.readStream.schema("k string, v int").option("header", true).csv(folder);
    expect(await stream.isStreaming()).toBe(true);
    const query = await stream
      .groupBy("k")
      .agg(F.count("*").alias("n"), F.sum("v").alias("total"))
      .writeStream.format("memory")
      .outputMode("complete")
      .queryName("pair_totals")
      .option("checkpointLocation", join(dir, "checkpoint-agg"))
      .trigger({ processingTime: "1 second" })
      .start();
    expect(query.name).toBe("pair_totals");
    expect(query.id).toMatch(/^[0-9a-f-]{36}$/);

    const afterFirst = await eventually(
      () => memoryTotals("pair_totals"),
      (t) => t.size > 0,
    );
    expect(afterFirst).toEqual(expectedTotals(first));

    const second = pairs(11, 700);
    land(folder, "part-2.csv", second);
    const afterSecond = await eventually(
      () => memoryTotals("pair_totals"),
      (t) => [...t.values()].reduce((a, b) => a + b.n, 0) === 1200,
    );
    expect(afterSecond).toEqual(expectedTotals([...first, ...second]));

    const status = await query.status();
    expect(status.isActive).toBe(true);
    // The sink holds the second batch's rows a moment before the query reports its progress.
    const last = await eventually(
      () => query.lastProgress(),
      (p) => (p?.batchId ?? 0) >= 1,
    );
    expect(last?.id).toBe(query.id);
    expect(last?.runId).toBe(query.runId);
    expect(last?.batchId).toBeGreaterThanOrEqual(1);
    const recent = await query.recentProgress();
    expect(recent.map((p) => p.batchId)).toContain(0);
    expect(recent.at(-1)?.batchId).toBe(last?.batchId);
    expect(recent.some((p) => p.stateOperators.length === 1)).toBe(true);
    expect((await spark.streams.active()).map((q) => q.id)).toContain(query.id);
    expect((await spark.streams.get(query.id))?.runId).toBe(query.runId);

    await query.stop();
    expect(await query.isActive()).toBe(false);
    expect(await query.awaitTermination(1000)).toBe(true);
    expect(await query.exception()).toBeUndefined();
    expect((await spark.streams.active()).map((q) => q.id)).not.toContain(query.id);
  });

  it("processes everything available with an availableNow trigger, then terminates", async () => {
    const folder = join(dir, "source-rows");
    mkdirSync(folder);
    const rows = [...pairs(3, 200), ...pairs(5, 300)];
    land(folder, "a.csv", rows.slice(0, 200));
    land(folder, "b.csv", rows.slice(200));
    const query = await spark.readStream
      .schema("k string, v int")
      .option("header", true)
      .option("maxFilesPerTrigger", 1)
      .csv(folder)
      .where(F.col("v").geq(500))
      .writeStream.format("memory")
      .queryName("big_values")
      .trigger({ availableNow: true })
      .start();
    expect(await query.awaitTermination(60_000)).toBe(true);
    const written = (await spark.table("big_values").collect()).map((r) => `${String(r.k)}:${String(r.v)}`).sort();
    expect(written).toEqual(
      rows
        .filter((r) => r.v >= 500)
        .map((r) => `${r.k}:${r.v}`)
        .sort(),
    );
    // maxFilesPerTrigger 1: one micro-batch per file.
    expect((await query.recentProgress()).filter((p) => p.numInputRows > 0 || p.sources.some((s) => s.endOffset !== null)).length).toBeGreaterThanOrEqual(2);
  });

  it("appends a windowed count once the watermark (latest event time − delay) has passed the window's end", { timeout: 240_000 }, async () => {
    const folder = join(dir, "source-events");
    mkdirSync(folder);
    const minute = 60_000;
    const start = Date.UTC(2024, 0, 1);
    const events = [70_000, 125_000, 160_000, 600_000].map((offset) => start + offset);
    writeFileSync(join(folder, ".events.csv"), `ts\n${events.map((t) => new Date(t).toISOString()).join("\n")}\n`);
    renameSync(join(folder, ".events.csv"), join(folder, "events.csv"));
    // Expected: one-minute windows whose end is at or before the watermark, with their counts.
    const watermark = Math.max(...events) - 5 * minute;
    const counts = new Map<number, number>();
    for (const t of events) counts.set(t - (t % minute), (counts.get(t - (t % minute)) ?? 0) + 1);
    const closed = [...counts].filter(([windowStart]) => windowStart + minute <= watermark).sort(([a], [b]) => a - b);

    const query = await spark.readStream
      .schema("ts timestamp")
      .option("header", true)
      .csv(folder)
      .withWatermark("ts", "5 minutes")
      .groupBy(F.window("ts", "1 minute"))
      .count()
      .writeStream.format("memory")
      .outputMode("append")
      .queryName("closed_windows")
      .trigger({ processingTime: "1 second" })
      .start();
    const read = async (): Promise<[number, number][]> =>
      (
        await spark.table("closed_windows").select(F.col("window.start").alias("start"), "count").orderBy("start").collect<{ start: Date; count: number }>()
      ).map((r) => [r.start.getTime(), r.count]);
    const written = await eventually(read, (rows) => rows.length >= closed.length);
    await query.stop();
    expect(written).toEqual(closed);
  });

  it("rejects an invalid query with Spark's reason, and reports a failed query's exception", async () => {
    const folder = join(dir, "source-bad");
    mkdirSync(folder);
    land(folder, "a.csv", pairs(13, 50));
    const stream = spark.readStream.schema("k string, v int").option("header", true).csv(folder);
    // A running aggregation cannot be appended without a watermark: Spark refuses at start.
    const start = stream.groupBy("k").count().writeStream.format("memory").queryName("not_appendable").outputMode("append").start();
    await expect(start).rejects.toThrow(SparkError);
    await expect(start).rejects.toThrow(/append output mode not supported/i);

    // A query that fails at run time: awaitTermination throws and exception() tells why.
    const failing: StreamingQuery = await stream
      .select(F.raiseError("value out of range").alias("x"))
      .writeStream.format("memory")
      .queryName("failing")
      .trigger({ availableNow: true })
      .start();
    await expect(failing.awaitTermination(60_000)).rejects.toThrow(/value out of range/);
    const failure = await failing.exception();
    expect(failure?.message).toMatch(/value out of range/);
    expect(await failing.isActive()).toBe(false);
  });
});
