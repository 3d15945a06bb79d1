import { describe, expect, it } from "vitest";
import { chooseJoinStrategy, DEFAULT_JOIN_POLICY, type JoinMeasurements } from "../../src/jobs/join/choose-join-strategy";
import { hotKeySampleFraction, hotKeyThreshold } from "../../src/jobs/join/hot-key-threshold";
import { parseOptimizedSizeInBytes } from "../../src/domain/data/tuning/plan-size";

const MIB = 2 ** 20;
const large: JoinMeasurements = { metadataBytes: 10_000 * MIB, hotKeys: 0, expectedJoins: 1, aqeSkewJoinAvailable: true };

describe("chooseJoinStrategy", () => {
  it("broadcasts metadata up to the threshold, whatever the skew", () => {
    const atThreshold = { ...large, metadataBytes: DEFAULT_JOIN_POLICY.broadcastThresholdBytes, hotKeys: 5 };
    expect(chooseJoinStrategy(atThreshold).strategy).toBe("broadcast");
    expect(chooseJoinStrategy({ ...atThreshold, metadataBytes: atThreshold.metadataBytes + 1 }).strategy).not.toBe("broadcast");
  });

  it("buckets for repeated joins only without hot keys", () => {
    expect(chooseJoinStrategy({ ...large, expectedJoins: 3 }).strategy).toBe("bucketed");
    expect(chooseJoinStrategy({ ...large, expectedJoins: 2 }).strategy).toBe("sort-merge-aqe");
    expect(chooseJoinStrategy({ ...large, expectedJoins: 3, hotKeys: 1 }).strategy).toBe("sort-merge-aqe");
  });

  it("leaves hot keys to AQE when available, salts them otherwise", () => {
    expect(chooseJoinStrategy({ ...large, hotKeys: 4 }).strategy).toBe("sort-merge-aqe");
    const salted = chooseJoinStrategy({ ...large, hotKeys: 4, aqeSkewJoinAvailable: false });
    expect(salted.strategy).toBe("salted");
    expect(salted.reason).toContain("4 hot user_id(s)");
  });

  it("honours a custom threshold and states the sizes in its reason", () => {
    const choice = chooseJoinStrategy({ ...large, metadataBytes: 3 * MIB }, { broadcastThresholdBytes: 2 * MIB, minJoinsForBucketing: 3 });
    expect(choice.strategy).toBe("sort-merge-aqe");
    expect(choice.reason).toContain("3.0 MiB");
  });
});

describe("hotKeyThreshold", () => {
  it("is the factor times the average rows per key, never below the minimum", () => {
    expect(hotKeyThreshold(1_000_000, 1_000, { factorOverAverage: 20, minRows: 100, sampledRowsAtThreshold: 400 })).toBe(20_000);
    expect(hotKeyThreshold(1_000, 1_000, { factorOverAverage: 20, minRows: 100, sampledRowsAtThreshold: 400 })).toBe(100);
    expect(hotKeyThreshold(0, 0, { factorOverAverage: 20, minRows: 100, sampledRowsAtThreshold: 400 })).toBe(100);
  });
});

describe("hotKeySampleFraction", () => {
  const criteria = { factorOverAverage: 20, minRows: 100, sampledRowsAtThreshold: 400 };
  it("samples so that a key at the threshold expects the target sampled rows, at most everything", () => {
    expect(hotKeySampleFraction(10_000, criteria)).toBe(0.04);
    expect(hotKeySampleFraction(2_000_000, criteria)).toBe(0.0002);
    expect(hotKeySampleFraction(400, criteria)).toBe(1);
    expect(hotKeySampleFraction(50, criteria)).toBe(1);
  });
});

describe("parseOptimizedSizeInBytes", () => {
  it("reads the optimized plan root's size in any unit", () => {
    const explain = [
      "== Optimized Logical Plan ==",
      "Project [id#42L, abc AS x#45], Statistics(sizeInBytes=17.6 KiB)",
      "+- Range (0, 1000, step=1, splits=Some(2)), Statistics(sizeInBytes=7.8 KiB, rowCount=1.00E+3)",
      "",
      "== Physical Plan ==",
    ].join("\n");
    expect(parseOptimizedSizeInBytes(explain)).toBeCloseTo(17.6 * 1024);
    expect(parseOptimizedSizeInBytes("== Optimized Logical Plan ==\nX, Statistics(sizeInBytes=2.0 GiB)")).toBe(2 * 2 ** 30);
    expect(parseOptimizedSizeInBytes("== Physical Plan ==\nno statistics")).toBeUndefined();
  });
});
