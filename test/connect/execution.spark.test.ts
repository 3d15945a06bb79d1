import { afterAll, describe, expect, it } from "vitest";
import type { ReattachEvent } from "../../src/connect/client/spark-connect-client";

import { useSpark } from "../support/spark";

const spark = useSpark();
afterAll(() => {
  spark.stop();
});

// The test server cuts every result stream after 1 MiB
// (spark.connect.execute.reattachable.senderMaxStreamSize=1m): a result of several MiB only
// arrives whole if the client reattaches after each cut and resumes after the last response.
describe("reattachable execution", () => {
  const n = 400_000;
  const label = (id: number): string => `row-${String(id)}-${"x".repeat(24)}`;
  const bigResult = () => spark.range(0, n, 1, 4).selectExpr("id", `concat('row-', id, '-', repeat('x', 24)) AS s`);

  it("delivers a multi-MiB result exactly once across stream cuts", async () => {
    const reattaches: ReattachEvent[] = [];
    const table = await bigResult().toArrow({ onReattach: (event) => reattaches.push(event) });
    // About 400k × 40 bytes ≈ 16 MB: the server must have cut the stream several times.
    expect(reattaches.length).toBeGreaterThanOrEqual(2);
    expect(reattaches.every((e) => e.cause === "stream-ended" && e.lastResponseId !== undefined)).toBe(true);
    expect(new Set(reattaches.map((e) => e.operationId)).size).toBe(1);

    expect(table.numRows).toBe(n);
    const ids = table.getChild("id")?.toArray() as BigInt64Array;
    const strings = table.getChild("s");
    const seen = new Uint8Array(n);
    for (let i = 0; i < n; i++) {
      const id = Number(ids[i]);
      expect(id >= 0 && id < n && seen[id] === 0).toBe(true);
      seen[id] = 1;
      if (i % 997 === 0) expect(strings?.get(i)).toBe(label(id));
    }
    expect(seen.every((x) => x === 1)).toBe(true);
  });

  it("streams a multi-MiB result batch by batch across stream cuts", async () => {
    let reattaches = 0;
    let rows = 0;
    let idSum = 0n;
    for await (const batch of bigResult()
      .select("id")
      .batches({
        onReattach: () => {
          reattaches += 1;
        },
      })) {
      rows += batch.numRows;
      for (const id of batch.getChild("id")?.toArray() as BigInt64Array) idSum += id;
    }
    // 400k longs are 3.2 MB: at least two cuts of 1 MiB.
    expect(reattaches).toBeGreaterThanOrEqual(2);
    expect(rows).toBe(n);
    expect(idSum).toBe((BigInt(n) * BigInt(n - 1)) / 2n);
  });

  it("does not reattach a result smaller than the cut", async () => {
    let reattaches = 0;
    const rows = await spark.range(0, 100).collect({
      onReattach: () => {
        reattaches += 1;
      },
    });
    expect(rows.map((r) => r.id)).toEqual([...Array(100).keys()]);
    expect(reattaches).toBe(0);
  });
});
