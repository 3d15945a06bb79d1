import { describe, expect, it } from "vitest";
import { DEFAULT_FILE_SIZING, planFileLayout } from "../../../src/domain/data/ingest/file-layout";
import { parseRangeSplits } from "../../../src/domain/data/tuning/apply-parallelism";
import { hashPartitionOf, keysForEachHashPartition } from "../../../src/domain/data/tuning/hash-partition-keys";
import { DEFAULT_PARALLELISM_POLICY, planParallelism, type ParallelismPlan } from "../../../src/domain/data/tuning/parallelism-plan";

const MIB = 2 ** 20;
const TIB = 2 ** 40;

function setting(plan: ParallelismPlan, key: string): string | undefined {
  return plan.settings.find((s) => s.key === key)?.value;
}

describe("planParallelism", () => {
  it("gives 1 TiB one shuffle partition per 128 MiB: 8192, already a multiple of 16 cores", () => {
    const plan = planParallelism(TIB, 16);
    expect(plan.shufflePartitions).toBe(8192);
    expect(plan.maxPartitionBytes).toBe(128 * MIB);
    expect(setting(plan, "spark.sql.shuffle.partitions")).toBe("8192");
    expect(setting(plan, "spark.sql.adaptive.coalescePartitions.initialPartitionNum")).toBe("8192");
    expect(setting(plan, "spark.sql.files.maxPartitionBytes")).toBe(String(128 * MIB));
  });

  it("rounds the partition count up to whole waves of the cores", () => {
    // 8192 / 48 = 170.67 waves → 171 × 48.
    expect(planParallelism(TIB, 48).shufflePartitions).toBe(171 * 48);
    // 300 MiB → 3 partitions by size, one wave of 8.
    expect(planParallelism(300 * MIB, 8).shufflePartitions).toBe(8);
  });

  it("caps the partitions at a whole number of waves, and says so", () => {
    const plan = planParallelism(10 * TIB, 48);
    expect(plan.shufflePartitions).toBe(Math.floor(16_384 / 48) * 48);
    expect(plan.settings[0]?.reason).toContain("capped");
    expect(planParallelism(10 * TIB, 16).shufflePartitions).toBe(16_384);
  });

  it("splits a small input evenly over the cores, never below the open cost", () => {
    // 100 MiB over 8 cores: 12.5 MiB splits.
    expect(planParallelism(100 * MIB, 8).maxPartitionBytes).toBe(Math.ceil((100 * MIB) / 8));
    // 10 KB: 4 MiB floor; one partition per core.
    const tiny = planParallelism(10_000, 2);
    expect(tiny.maxPartitionBytes).toBe(4 * MIB);
    expect(tiny.shufflePartitions).toBe(2);
    // An empty input still gets a partition per core.
    expect(planParallelism(0, 4).shufflePartitions).toBe(4);
  });

  it("turns AQE coalescing on with the skew join's advisory size and a 1 MiB floor", () => {
    const plan = planParallelism(TIB, 16);
    expect(setting(plan, "spark.sql.adaptive.enabled")).toBe("true");
    expect(setting(plan, "spark.sql.adaptive.coalescePartitions.enabled")).toBe("true");
    expect(setting(plan, "spark.sql.adaptive.advisoryPartitionSizeInBytes")).toBe(String(64 * MIB));
    expect(setting(plan, "spark.sql.adaptive.coalescePartitions.minPartitionSize")).toBe(String(MIB));
    expect(plan.settings.every((s) => s.reason.length > 0)).toBe(true);
  });

  it("follows a custom policy and rejects impossible inputs", () => {
    const plan = planParallelism(TIB, 16, { ...DEFAULT_PARALLELISM_POLICY, bytesPerPartition: 256 * MIB });
    expect(plan.shufflePartitions).toBe(4096);
    expect(() => planParallelism(-1, 4)).toThrow(RangeError);
    expect(() => planParallelism(100, 0)).toThrow(RangeError);
  });
});

describe("parseRangeSplits", () => {
  it("reads the split count of a logical or physical Range", () => {
    expect(parseRangeSplits("== Physical Plan ==\n*(1) Range (0, 1, step=1, splits=12)\n")).toBe(12);
    expect(parseRangeSplits("Range (0, 1, step=1, splits=Some(3))")).toBe(3);
    expect(parseRangeSplits("LocalTableScan [id#0L]")).toBeUndefined();
  });
});

describe("keysForEachHashPartition", () => {
  it("finds one key per partition: distinct, covering every partition, each the smallest that lands there", () => {
    for (const partitions of [1, 7, 64, 1000]) {
      const keys = keysForEachHashPartition(partitions);
      expect(keys.map((k) => hashPartitionOf(k, partitions))).toEqual(Array.from({ length: partitions }, (_, p) => p));
      const firstKeyOf = new Map<number, number>();
      for (let key = Math.max(...keys); key >= 0; key--) firstKeyOf.set(hashPartitionOf(key, partitions), key);
      expect(keys).toEqual(keys.map((_, p) => firstKeyOf.get(p)));
    }
  });
});

describe("planFileLayout", () => {
  it("gives each folder ceil(estimated bytes / target) files, in folder order", () => {
    // 1000 input bytes per row, halved by the Parquet ratio: 500 output bytes per row.
    const rows = new Map([
      ["2023-07-02", 2_000],
      ["2023-07-01", 1_000],
      ["2023-07-03", 1],
    ]);
    const plan = planFileLayout(rows, 3_001_000, { targetFileBytes: 300_000, outputBytesPerInputByte: 0.5 });
    expect(plan.folders).toEqual([
      { folder: "2023-07-01", rows: 1_000, files: 2, firstSlot: 0 }, // 500,000 / 300,000 → 2
      { folder: "2023-07-02", rows: 2_000, files: 4, firstSlot: 2 }, // 1,000,000 / 300,000 → 4
      { folder: "2023-07-03", rows: 1, files: 1, firstSlot: 6 },
    ]);
    expect(plan.slots).toBe(7);
  });

  it("never gives a folder more files than rows, nor none", () => {
    const plan = planFileLayout(new Map([["US", 3]]), 10 * TIB, DEFAULT_FILE_SIZING);
    expect(plan.folders[0]?.files).toBe(3);
    expect(planFileLayout(new Map([["US", 0]]), 0).folders[0]?.files).toBe(1);
  });
});
