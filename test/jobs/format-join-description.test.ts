import { describe, expect, it } from "vitest";
import type { JoinDescription } from "../../src/jobs/join/describe-join";
import { formatJoinDescription } from "../../src/jobs/join/format-join-description";

const description: JoinDescription = {
  strategy: "salted",
  reason: "2 hot user_id(s) without AQE's skew split",
  metadataBytes: 3 * 2 ** 20,
  hotKeys: {
    count: 12,
    threshold: 10_000,
    hottestRows: 250_000,
    totalRows: 1_000_000,
    distinctKeys: 4_000,
    sampleFraction: 0.04,
    hottest: ["u000007", "u`evil"],
  },
  physicalPlan: "== Physical Plan ==\n* Filter user_id IN (```)\n",
};

describe("formatJoinDescription", () => {
  const text = formatJoinDescription(description);

  it("states the choice, its reason and the measurements", () => {
    expect(text).toContain("**Strategy: salted.** 2 hot user_id(s) without AQE's skew split.");
    expect(text).toContain("| deduplicated metadata (optimizer estimate) | 3.0 MiB |");
    // 1,000,000 rows over 4,000 keys: 250 on average.
    expect(text).toContain("| distinct user_ids (HyperLogLog) | 4,000 (250.0 rows each on average) |");
    expect(text).toContain("| rows sampled to find candidates | 4.00% (candidates then counted exactly) |");
    expect(text).toContain("| hot user_ids | 12 (the hottest has 250,000 rows) |");
  });

  it("names the hottest keys, says more exist, and cannot be broken by data", () => {
    expect(text).toContain("Hottest user_ids: `u000007`, ``u`evil``, ….");
    // The plan quotes three backticks: its fence must be longer.
    expect(text).toContain("````text\n== Physical Plan ==\n* Filter user_id IN (```)\n````");
  });
});

describe("formatJoinDescription of a broadcast", () => {
  it("says why hot keys were not searched", () => {
    const text = formatJoinDescription({ ...description, strategy: "broadcast", hotKeys: null });
    expect(text).toContain("Hot keys were not searched: a broadcast join shuffles no interactions");
    expect(text).not.toContain("hot-key threshold");
  });
});
