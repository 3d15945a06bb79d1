import { afterAll, describe, expect, it } from "vitest";
import type { DataFrame } from "../../src/connect/sql/dataframe";
import { avg, col, count, denseRank, first, lag, last, lead, lit, max, ntile, percentRank, rank, rowNumber, sum } from "../../src/connect/sql/functions";
import { TypedLiteral } from "../../src/connect/sql/literal";

import { Window } from "../../src/connect/sql/window";
import { generator } from "../support/random";
import { useSpark } from "../support/spark";

const spark = useSpark();
afterAll(() => {
  spark.stop();
});

// Partitions of different sizes (one of a single row), ordering keys with ties and gaps, nulls in v.
interface Event {
  id: number;
  g: string;
  k: number;
  v: number | null;
}
const next = generator(17);
const sizes: Record<string, number> = { a: 11, b: 7, c: 1, d: 16 };
const EVENTS: Event[] = Object.entries(sizes).flatMap(([g, n], gi) =>
  Array.from({ length: n }, (_, i) => ({
    id: gi * 100 + i,
    g,
    k: Math.floor(next() * 8),
    v: next() < 0.2 ? null : Math.floor(next() * 50) - 10,
  })),
);
const events = (): DataFrame => spark.createDataFrame(EVENTS, "id int, g string, k int, v int");

/** Each partition's rows sorted by (k, id): a total order, so every function is deterministic. */
function partitions(): Event[][] {
  return Object.keys(sizes).map((g) => EVENTS.filter((e) => e.g === g).sort((x, y) => x.k - y.k || x.id - y.id));
}

/** Rows collected with an id, as a map from id to row. */
async function byId(df: DataFrame): Promise<Map<number, Record<string, unknown>>> {
  const rows = await df.collect();
  return new Map(rows.map((r) => [r.id as number, r]));
}

describe("ranking window functions", () => {
  it("rowNumber, rank, denseRank, percentRank and ntile equal a JS computation", async () => {
    const byK = Window.partitionBy("g").orderBy("k");
    const total = Window.partitionBy("g").orderBy(col("k"), col("id"));
    const rows = await byId(
      events().select(
        col("id"),
        rowNumber().over(total).alias("rn"),
        rank().over(byK).alias("rank"),
        denseRank().over(byK).alias("dense"),
        percentRank().over(byK).alias("pr"),
        ntile(3).over(total).alias("tile3"),
        ntile(5).over(total).alias("tile5"),
      ),
    );
    for (const part of partitions()) {
      const n = part.length;
      const distinctKs = [...new Set(part.map((e) => e.k))];
      // NTILE: sizes differ by at most one, the larger buckets first.
      const tile = (index: number, buckets: number): number => {
        const small = Math.floor(n / buckets);
        const larger = n % buckets;
        return index < larger * (small + 1) ? Math.floor(index / (small + 1)) + 1 : larger + Math.floor((index - larger * (small + 1)) / small) + 1;
      };
      part.forEach((e, index) => {
        const rankValue = part.filter((o) => o.k < e.k).length + 1;
        expect(rows.get(e.id)).toEqual({
          id: e.id,
          rn: index + 1,
          rank: rankValue,
          dense: distinctKs.indexOf(e.k) + 1,
          pr: n === 1 ? 0 : (rankValue - 1) / (n - 1),
          tile3: tile(index, 3),
          tile5: tile(index, 5),
        });
      });
    }
  });

  it("orders a window by a descending key", async () => {
    const rows = await byId(
      events().select(
        col("id"),
        rank()
          .over(Window.partitionBy("g").orderBy(col("k").desc()))
          .alias("r"),
      ),
    );
    for (const e of EVENTS) expect(rows.get(e.id)?.r).toBe(EVENTS.filter((o) => o.g === e.g && o.k > e.k).length + 1);
  });
});

describe("offset and value window functions", () => {
  const ordered = Window.partitionBy("g").orderBy("k", "id");

  it("lag and lead, with offsets and defaults", async () => {
    const rows = await byId(
      events().select(
        col("id"),
        lag("v").over(ordered).alias("lag1"),
        lag("v", 2, -1).over(ordered).alias("lag2"),
        lead("v").over(ordered).alias("lead1"),
        lead("v", 3, 999).over(ordered).alias("lead3"),
      ),
    );
    for (const part of partitions()) {
      part.forEach((e, i) => {
        // A default replaces only a missing row; a null value in a present row stays null.
        expect(rows.get(e.id)).toEqual({
          id: e.id,
          lag1: i >= 1 ? part[i - 1]?.v : null,
          lag2: i >= 2 ? part[i - 2]?.v : -1,
          lead1: i + 1 < part.length ? part[i + 1]?.v : null,
          lead3: i + 3 < part.length ? part[i + 3]?.v : 999,
        });
      });
    }
  });

  it("first and last, with and without ignoreNulls, over growing and whole-partition frames", async () => {
    const whole = ordered.rowsBetween(Window.unboundedPreceding, Window.unboundedFollowing);
    const rows = await byId(
      events().select(
        col("id"),
        first("v").over(ordered).alias("first"),
        first("v", true).over(ordered).alias("firstNonNull"),
        last("v").over(ordered).alias("lastSoFar"),
        last("v", true).over(ordered).alias("lastNonNullSoFar"),
        last("v").over(whole).alias("last"),
        last("v", true).over(whole).alias("lastNonNull"),
      ),
    );
    for (const part of partitions()) {
      part.forEach((e, i) => {
        // An ordered window's default frame runs from the start to the current row (ids break ties).
        const soFar = part.slice(0, i + 1).map((x) => x.v);
        const all = part.map((x) => x.v);
        const nonNull = (vs: (number | null)[]): number[] => vs.filter((v): v is number => v !== null);
        expect(rows.get(e.id)).toEqual({
          id: e.id,
          first: soFar[0],
          firstNonNull: nonNull(soFar)[0] ?? null,
          lastSoFar: soFar[soFar.length - 1],
          lastNonNullSoFar: nonNull(soFar).at(-1) ?? null,
          last: all[all.length - 1],
          lastNonNull: nonNull(all).at(-1) ?? null,
        });
      });
    }
  });
});

describe("aggregates over frames", () => {
  const sumOf = (vs: (number | null)[]): number | null => {
    const present = vs.filter((v): v is number => v !== null);
    return present.length === 0 ? null : present.reduce((s, v) => s + v, 0);
  };

  it("running and moving sums over rowsBetween", async () => {
    const ordered = Window.partitionBy("g").orderBy("k", "id");
    const rows = await byId(
      events().select(
        col("id"),
        sum("v").over(ordered.rowsBetween(Window.unboundedPreceding, Window.currentRow)).alias("running"),
        sum("v").over(ordered.rowsBetween(-1, 1)).alias("moving3"),
        count("v").over(ordered.rowsBetween(-2, -1)).alias("prev2Count"),
        sum("v").over(ordered.rowsBetween(1, Window.unboundedFollowing)).alias("rest"),
        max("v").over(Window.partitionBy("g")).alias("groupMax"),
      ),
    );
    for (const part of partitions()) {
      const values = part.map((e) => e.v);
      part.forEach((e, i) => {
        const present = values.filter((v): v is number => v !== null);
        expect(rows.get(e.id)).toEqual({
          id: e.id,
          running: sumOf(values.slice(0, i + 1)),
          moving3: sumOf(values.slice(Math.max(0, i - 1), i + 2)),
          prev2Count: values.slice(Math.max(0, i - 2), i).filter((v) => v !== null).length,
          rest: sumOf(values.slice(i + 1)),
          groupMax: present.length === 0 ? null : Math.max(...present),
        });
      });
    }
  });

  it("range frames by ordering value (ties share a frame) with rangeBetween", async () => {
    const byK = Window.partitionBy("g").orderBy("k");
    const rows = await byId(
      events().select(
        col("id"),
        sum("v").over(byK).alias("defaultFrame"),
        sum("v").over(byK.rangeBetween(-2, 0)).alias("last3Keys"),
        count(lit(1)).over(byK.rangeBetween(Window.currentRow, 1)).alias("nextKeyCount"),
        avg("v").over(byK.rangeBetween(-1, 1)).alias("avgNear"),
      ),
    );
    for (const e of EVENTS) {
      const inGroup = EVENTS.filter((o) => o.g === e.g);
      const within = (lo: number, hi: number): (number | null)[] => inGroup.filter((o) => o.k >= e.k + lo && o.k <= e.k + hi).map((o) => o.v);
      const near = within(-1, 1).filter((v): v is number => v !== null);
      const row = rows.get(e.id);
      expect(row).toMatchObject({
        id: e.id,
        // With an ORDER BY and no frame, the frame is RANGE UNBOUNDED PRECEDING to CURRENT ROW: peers included.
        defaultFrame: sumOf(within(-Infinity, 0)),
        last3Keys: sumOf(within(-2, 0)),
        nextKeyCount: within(0, 1).length,
      });
      if (near.length === 0) expect(row?.avgNear).toBeNull();
      else expect(row?.avgNear).toBeCloseTo(near.reduce((s, v) => s + v, 0) / near.length, 12);
    }
  });

  it("range frames over a bigint key and over timestamps with an interval bound", async () => {
    const next2 = generator(23);
    const points = Array.from({ length: 40 }, (_, i) => ({ id: i, t: Math.floor(next2() * 30), v: Math.floor(next2() * 100) }));
    const hour = 3_600_000;
    const df = spark.createDataFrame(
      points.map((p) => ({ ...p, ts: new Date(Date.UTC(2024, 0, 1) + p.t * hour) })),
      "id int, t bigint, v int, ts timestamp",
    );
    const rows = await byId(
      df.select(
        col("id"),
        sum("v").over(Window.orderBy("t").rangeBetween(-3, 2)).alias("near"),
        // The last 5 hours, this instant included: the bound is a day-time interval literal.
        sum("v")
          .over(Window.orderBy("ts").rangeBetween(lit(TypedLiteral.dayTimeInterval(-5n * 3_600_000_000n)), Window.currentRow))
          .alias("last5h"),
      ),
    );
    for (const p of points) {
      const within = (lo: number, hi: number): (number | null)[] => points.filter((o) => o.t >= p.t + lo && o.t <= p.t + hi).map((o) => o.v);
      expect(rows.get(p.id)).toEqual({ id: p.id, near: sumOf(within(-3, 2)), last5h: sumOf(within(-5, 0)) });
    }
  });

  it("a window with only an ORDER BY spans all rows; one with neither is the whole DataFrame", async () => {
    const rows = await byId(
      events().select(
        col("id"),
        sum("v").over(Window.orderBy("id").rowsBetween(Window.unboundedPreceding, Window.currentRow)).alias("running"),
        count(lit(1)).over(Window.partitionBy()).alias("all"),
      ),
    );
    const sortedIds = EVENTS.map((e) => e.id).sort((a, b) => a - b);
    sortedIds.forEach((id, i) => {
      expect(rows.get(id)).toEqual({
        id,
        running: sumOf(sortedIds.slice(0, i + 1).map((x) => EVENTS.find((e) => e.id === x)?.v ?? null)),
        all: EVENTS.length,
      });
    });
  });
});
