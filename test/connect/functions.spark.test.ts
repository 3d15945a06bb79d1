import { afterAll, describe, expect, it } from "vitest";
import {
  approxCountDistinct,
  avg,
  coalesce,
  col,
  concat,
  count,
  countDistinct,
  dateAdd,
  datediff,
  dateSub,
  dateTrunc,
  dayofweek,
  explode,
  expr,
  greatest,
  least,
  lit,
  max,
  min,
  month,
  percentileApprox,
  rand,
  regexpExtract,
  sequence,
  split,
  stddev,
  sum,
  toDate,
  toTimestamp,
  unixTimestamp,
  weekofyear,
  window,
  xxhash64,
  year,
} from "../../src/connect/sql/functions";

import { generator } from "../support/random";
import { useSpark } from "../support/spark";

const spark = useSpark();
afterAll(() => {
  spark.stop();
});

const DAY = 86_400_000;
const isoDay = (millis: number): string => new Date(millis).toISOString().slice(0, 10);

describe("aggregate functions", () => {
  // Groups with nulls, duplicates and a group of only nulls.
  const next = generator(7);
  const ROWS = Array.from({ length: 120 }, (_, i) => ({
    id: i,
    g: ["a", "b", "c", "d"][i % 4] as string,
    v: i % 4 === 3 ? null : next() < 0.15 ? null : Math.floor(next() * 20) - 5,
    w: Math.floor(next() * 3),
  }));

  it("count, countDistinct, sum, avg, min, max and stddev per group equal a JS computation", async () => {
    const df = spark.createDataFrame(ROWS, "id int, g string, v int, w int");
    const rows = await df
      .groupBy("g")
      .agg(
        count("*").alias("rows"),
        count("v").alias("nonNull"),
        countDistinct("v").alias("distinctV"),
        countDistinct("v", "w").alias("distinctVW"),
        sum("v").alias("sum"),
        avg("v").alias("avg"),
        min("v").alias("min"),
        max("v").alias("max"),
        stddev("v").alias("stddev"),
      )
      .orderBy("g")
      .collect();

    const groups = [...new Set(ROWS.map((r) => r.g))].sort();
    expect(rows).toHaveLength(groups.length);
    groups.forEach((g, index) => {
      const inGroup = ROWS.filter((r) => r.g === g);
      const values = inGroup.map((r) => r.v).filter((v): v is number => v !== null);
      const n = values.length;
      const mean = values.reduce((s, v) => s + v, 0) / n;
      const variance = values.reduce((s, v) => s + (v - mean) ** 2, 0) / (n - 1);
      const row = rows[index] as Record<string, unknown>;
      expect(row).toMatchObject({
        g,
        rows: inGroup.length,
        nonNull: n,
        distinctV: new Set(values).size,
        // A row with any null argument is not counted.
        distinctVW: new Set(inGroup.filter((r) => r.v !== null).map((r) => `${String(r.v)}/${r.w}`)).size,
        sum: n === 0 ? null : values.reduce((s, v) => s + v, 0),
        min: n === 0 ? null : Math.min(...values),
        max: n === 0 ? null : Math.max(...values),
      });
      if (n === 0) {
        expect(row.avg).toBeNull();
        expect(row.stddev).toBeNull();
      } else {
        expect(row.avg).toBeCloseTo(mean, 12);
        expect(row.stddev).toBeCloseTo(Math.sqrt(variance), 10);
      }
    });
  });

  it("approxCountDistinct lies within its error bound of the exact distinct count", async () => {
    const n = 50_000;
    const modulus = 20_011;
    // The same values in Spark and in JS: (id * id) mod 20011, a quadratic residue, ~10k distinct.
    const exact = new Set(Array.from({ length: n }, (_, i) => (i * i) % modulus)).size;
    const df = spark.range(n).select(col("id").multiply(col("id")).mod(modulus).alias("x"));
    const [row] = await df.agg(approxCountDistinct("x").alias("d5"), approxCountDistinct("x", 0.01).alias("d1")).collect();
    // rsd is the relative standard deviation: allow three of them.
    expect(Math.abs(Number(row?.d5) - exact)).toBeLessThanOrEqual(3 * 0.05 * exact);
    expect(Math.abs(Number(row?.d1) - exact)).toBeLessThanOrEqual(3 * 0.01 * exact);
  });

  it("percentileApprox returns values whose rank is within the stated accuracy of the exact rank", async () => {
    const next = generator(11);
    const values = Array.from({ length: 5000 }, () => Math.floor(next() * 1000));
    const sorted = [...values].sort((a, b) => a - b);
    const df = spark.createDataFrame(
      values.map((v) => ({ v })),
      "v int",
    );
    const percentages = [0.05, 0.25, 0.5, 0.9, 0.99];
    const accuracy = 100;
    const [row] = await df.agg(percentileApprox("v", percentages, accuracy).alias("ps"), percentileApprox("v", 0.5).alias("median")).collect();
    const ps = row?.ps as number[];
    expect(ps).toHaveLength(percentages.length);
    const n = sorted.length;
    const checkRank = (value: number, p: number, maxError: number): void => {
      // The value's ranks span [below + 1, atOrBelow]; the target rank is ceil(p * n).
      const below = sorted.filter((x) => x < value).length;
      const atOrBelow = sorted.filter((x) => x <= value).length;
      const target = Math.ceil(p * n);
      expect(values).toContain(value);
      expect(below + 1).toBeLessThanOrEqual(target + maxError);
      expect(atOrBelow).toBeGreaterThanOrEqual(target - maxError);
    };
    percentages.forEach((p, i) => {
      checkRank(ps[i] as number, p, n / accuracy);
    });
    // Whole-number percentages first in the list once made an int array on the wire, zeroing 0.5.
    const [ends] = await df.agg(percentileApprox("v", [0, 0.5, 1]).alias("ps")).collect();
    const [lowest, middle, highest] = ends?.ps as number[];
    expect([lowest, highest]).toEqual([sorted[0], sorted[n - 1]]);
    checkRank(middle as number, 0.5, Math.max(1, n / 10_000));
    checkRank(row?.median as number, 0.5, Math.max(1, n / 10_000));
  });
});

describe("date and time functions (session time zone UTC)", () => {
  // Instants spread over years, including ISO-week edge days around New Year.
  const edges = ["2018-12-31", "2019-12-30", "2020-12-31", "2021-01-03", "2021-01-04", "2024-02-29", "2024-12-30", "2026-01-01", "2027-01-03"];
  const next = generator(3);
  const instants = [
    ...edges.map((d) => Date.parse(`${d}T00:00:00Z`) + Math.floor(next() * DAY)),
    ...Array.from({ length: 60 }, () => Date.UTC(2017, 0, 1) + Math.floor((next() * 10 * 365 * DAY) / 1000) * 1000),
  ];
  const ROWS = instants.map((ms, id) => ({ id, ts: new Date(ms), text: new Date(ms).toISOString().slice(0, 19).replace("T", " ") }));
  const df = () => spark.createDataFrame(ROWS, "id int, ts timestamp, text string");

  /** ISO-8601 week number: the week (Monday first) holding this day's Thursday, counted in its year. */
  function isoWeek(millis: number): number {
    const day = Math.floor(millis / DAY) * DAY;
    const weekday = (new Date(day).getUTCDay() + 6) % 7; // Monday = 0
    const thursday = day + (3 - weekday) * DAY;
    const jan1 = Date.UTC(new Date(thursday).getUTCFullYear(), 0, 1);
    return Math.floor((thursday - jan1) / DAY / 7) + 1;
  }

  it("year, month, dayofweek and weekofyear equal a JS calendar computation", async () => {
    const rows = await df()
      .select(col("id"), year("ts").alias("y"), month("ts").alias("m"), dayofweek("ts").alias("dow"), weekofyear("ts").alias("week"))
      .orderBy("id")
      .collect();
    expect(rows).toEqual(
      instants.map((ms, id) => {
        const d = new Date(ms);
        return { id, y: d.getUTCFullYear(), m: d.getUTCMonth() + 1, dow: d.getUTCDay() + 1, week: isoWeek(ms) };
      }),
    );
    // The hand-checked edges: 2020-12-31 and 2021-01-03 are in 2020's week 53, 2024-12-30 in 2025's week 1.
    expect(rows.slice(0, edges.length).map((r) => r.week)).toEqual([1, 1, 53, 53, 1, 9, 1, 1, 53]);
  });

  it("dateTrunc truncates to year, quarter, month, week (Monday), day and hour", async () => {
    const units = ["year", "quarter", "month", "week", "day", "hour"] as const;
    const rows = await df()
      .select(col("id"), ...units.map((u) => dateTrunc(u, "ts").alias(u)))
      .orderBy("id")
      .collect();
    const truncate = (ms: number, unit: (typeof units)[number]): Date => {
      const d = new Date(ms);
      const y = d.getUTCFullYear();
      const m = d.getUTCMonth();
      switch (unit) {
        case "year":
          return new Date(Date.UTC(y, 0, 1));
        case "quarter":
          return new Date(Date.UTC(y, m - (m % 3), 1));
        case "month":
          return new Date(Date.UTC(y, m, 1));
        case "week":
          return new Date(Math.floor(ms / DAY) * DAY - ((d.getUTCDay() + 6) % 7) * DAY);
        case "day":
          return new Date(Math.floor(ms / DAY) * DAY);
        case "hour":
          return new Date(Math.floor(ms / 3_600_000) * 3_600_000);
      }
    };
    expect(rows).toEqual(instants.map((ms, id) => ({ id, ...Object.fromEntries(units.map((u) => [u, truncate(ms, u)])) })));
  });

  it("toDate, toTimestamp, dateAdd, dateSub, datediff and unixTimestamp", async () => {
    const base = Date.UTC(2024, 0, 15);
    const rows = await df()
      .select(
        col("id"),
        toDate("text").alias("date"),
        toDate(expr("date_format(ts, 'dd/MM/yyyy')"), "dd/MM/yyyy").alias("dateFmt"),
        toTimestamp("text").alias("tsParsed"),
        toTimestamp(expr("date_format(ts, 'yyyyMMddHHmmss')"), "yyyyMMddHHmmss").alias("tsFmt"),
        dateAdd(toDate("text"), 40).alias("plus40"),
        dateSub(toDate("text"), 40).alias("minus40"),
        datediff(lit("2024-01-15"), toDate("text")).alias("diff"),
        unixTimestamp("text").alias("unix"),
        unixTimestamp(expr("date_format(ts, 'MM/dd/yyyy HH:mm')"), "MM/dd/yyyy HH:mm").alias("unixFmt"),
      )
      .orderBy("id")
      .collect();
    expect(rows).toEqual(
      instants.map((ms, id) => {
        const seconds = Math.floor(ms / 1000);
        const day = Math.floor(ms / DAY) * DAY;
        return {
          id,
          date: isoDay(ms),
          dateFmt: isoDay(ms),
          tsParsed: new Date(seconds * 1000),
          tsFmt: new Date(seconds * 1000),
          plus40: isoDay(day + 40 * DAY),
          minus40: isoDay(day - 40 * DAY),
          diff: Math.round((base - day) / DAY),
          unix: seconds,
          unixFmt: Math.floor(seconds / 60) * 60,
        };
      }),
    );
  });

  it("window() groups timestamps into tumbling windows with struct start and end", async () => {
    const tenMinutes = 600_000;
    const nextMinute = generator(5);
    const start = Date.UTC(2024, 4, 1, 12, 0, 0);
    const events = Array.from({ length: 80 }, (_, i) => ({ i, ts: new Date(start + Math.floor(nextMinute() * 95 * 60_000)) }));
    const rows = await spark
      .createDataFrame(events, "i int, ts timestamp")
      .groupBy(window("ts", "10 minutes").alias("w"))
      .agg(count("*").alias("n"))
      .select(col("w").getField("start").alias("start"), col("w").getField("end").alias("end"), col("n"))
      .orderBy("start")
      .collect();
    const buckets = new Map<number, number>();
    for (const e of events) {
      const b = Math.floor(e.ts.getTime() / tenMinutes) * tenMinutes;
      buckets.set(b, (buckets.get(b) ?? 0) + 1);
    }
    expect(rows).toEqual([...buckets.keys()].sort((a, b) => a - b).map((b) => ({ start: new Date(b), end: new Date(b + tenMinutes), n: buckets.get(b) })));
  });
});

describe("string, array and conditional functions", () => {
  interface Row {
    id: number;
    s: string | null;
    t: string | null;
    x: number | null;
    y: number | null;
    z: number | null;
  }
  const ROWS: Row[] = [
    { id: 1, s: "ann@example.com", t: "a,b,,c", x: 3, y: null, z: 9 },
    { id: 2, s: "bob@test.com", t: "one", x: null, y: null, z: null },
    { id: 3, s: "no email here", t: "", x: -1, y: 4, z: 2 },
    { id: 4, s: null, t: null, x: 7, y: 7, z: null },
    { id: 5, s: "x@y.com and z@w.com", t: ",,lead", x: null, y: -3, z: 0 },
  ];
  const df = () => spark.createDataFrame(ROWS, "id int, s string, t string, x int, y int, z int");

  /** Java's String.split(literal, limit): limit > 0 caps the parts; 0 drops trailing empties; < 0 keeps them. */
  function javaSplit(text: string, sep: string, limit: number): string[] {
    const parts = text.split(sep);
    if (limit > 0 && parts.length > limit) return [...parts.slice(0, limit - 1), parts.slice(limit - 1).join(sep)];
    return parts;
  }

  it("regexpExtract, split and concat", async () => {
    const rows = await df()
      .select(
        col("id"),
        regexpExtract("s", "(\\w+)@(\\w+)\\.com", 2).alias("domain"),
        regexpExtract("s", "(\\w+)@", 1).alias("user"),
        split("t", ",").alias("parts"),
        split("t", ",", 2).alias("parts2"),
        concat("s", lit("|"), "t").alias("joined"),
      )
      .orderBy("id")
      .collect();
    expect(rows).toEqual(
      ROWS.map((r) => ({
        id: r.id,
        domain: r.s === null ? null : (/(\w+)@(\w+)\.com/.exec(r.s)?.[2] ?? ""),
        user: r.s === null ? null : (/(\w+)@/.exec(r.s)?.[1] ?? ""),
        parts: r.t === null ? null : javaSplit(r.t, ",", -1),
        parts2: r.t === null ? null : javaSplit(r.t, ",", 2),
        joined: r.s === null || r.t === null ? null : `${r.s}|${r.t}`,
      })),
    );
  });

  it("coalesce, greatest and least skip nulls", async () => {
    const rows = await df()
      .select(
        col("id"),
        coalesce("x", "y", "z").alias("co"),
        coalesce("y", lit(-100)).alias("coLit"),
        greatest("x", "y", "z").alias("g"),
        least("x", "y", "z").alias("l"),
      )
      .orderBy("id")
      .collect();
    expect(rows).toEqual(
      ROWS.map((r) => {
        const present = [r.x, r.y, r.z].filter((v): v is number => v !== null);
        return {
          id: r.id,
          co: r.x ?? r.y ?? r.z,
          coLit: r.y ?? -100,
          g: present.length === 0 ? null : Math.max(...present),
          l: present.length === 0 ? null : Math.min(...present),
        };
      }),
    );
  });

  it("sequence builds inclusive ranges and explode makes a row per element", async () => {
    const specs = [
      { id: 1, a: 1, b: 5, step: 1 },
      { id: 2, a: 10, b: 1, step: -3 },
      { id: 3, a: 4, b: 4, step: 2 },
      { id: 4, a: 0, b: 9, step: 4 },
    ];
    const base = spark.createDataFrame(specs, "id int, a int, b int, step int");
    const seqRows = await base
      .select(col("id"), sequence("a", "b", "step").alias("seq"), sequence("a", "b").alias("unit"))
      .orderBy("id")
      .collect();
    const range = (a: number, b: number, step: number): number[] => {
      const out: number[] = [];
      for (let v = a; step > 0 ? v <= b : v >= b; v += step) out.push(v);
      return out;
    };
    expect(seqRows).toEqual(specs.map((s) => ({ id: s.id, seq: range(s.a, s.b, s.step), unit: range(s.a, s.b, s.a <= s.b ? 1 : -1) })));

    const exploded = await base
      .select(col("id"), explode(sequence("a", "b", "step")).alias("v"))
      .orderBy("id", "v")
      .collect();
    const expected = specs.flatMap((s) =>
      range(s.a, s.b, s.step)
        .sort((x, y) => x - y)
        .map((v) => ({ id: s.id, v })),
    );
    expect(exploded).toEqual(expected);

    // Null and empty arrays produce no rows; a map yields key and value columns.
    const mixed = await spark
      .range(3)
      .select(col("id"), expr("CASE id WHEN 0 THEN array(1, 2) WHEN 1 THEN array() ELSE NULL END").alias("arr"))
      .select(col("id"), explode("arr").alias("v"))
      .orderBy("v")
      .collect();
    expect(mixed).toEqual([
      { id: 0, v: 1 },
      { id: 0, v: 2 },
    ]);
    const entries = await spark
      .range(1)
      .select(
        explode(
          lit(
            new Map([
              ["k1", 1],
              ["k2", 2],
            ]),
          ),
        ),
      )
      .orderBy("key")
      .collect();
    expect(entries).toEqual([
      { key: "k1", value: 1 },
      { key: "k2", value: 2 },
    ]);
  });
});

describe("rand and xxhash64", () => {
  it("rand(seed) gives the same values for the same seed, in [0, 1), and other values for another seed", async () => {
    const draw = (seed: number) => spark.range(0, 200, 1, 2).select(col("id"), rand(seed).alias("r")).orderBy("id").collect();
    const [a, b, c] = await Promise.all([draw(42), draw(42), draw(43)]);
    const values = (rows: Record<string, unknown>[]): number[] => rows.map((r) => r.r as number);
    expect(values(a)).toEqual(values(b));
    expect(values(a)).not.toEqual(values(c));
    for (const v of [...values(a), ...values(c)]) {
      expect(v).toBeGreaterThanOrEqual(0);
      expect(v).toBeLessThan(1);
    }
    // 200 uniform draws: the mean is 0.5 give or take a few standard errors (1/sqrt(12 * 200) ≈ 0.02).
    const mean = values(a).reduce((s, v) => s + v, 0) / 200;
    expect(Math.abs(mean - 0.5)).toBeLessThan(0.1);
    // A seed beyond 32 bits is sent as a long, not truncated.
    const [big] = await spark
      .range(1)
      .select(rand(2 ** 40).alias("r"))
      .collect();
    expect(big?.r).toBeGreaterThanOrEqual(0);
  });

  // XXH64 of one 8-byte little-endian value, as Spark's XXH64.hashLong, in 64-bit BigInt arithmetic.
  const P1 = 0x9e3779b185ebca87n;
  const P2 = 0xc2b2ae3d27d4eb4fn;
  const P3 = 0x165667b19e3779f9n;
  const P4 = 0x85ebca77c2b2ae63n;
  const P5 = 0x27d4eb2f165667c5n;
  const MASK = (1n << 64n) - 1n;
  const rotl = (x: bigint, r: bigint): bigint => ((x << r) | (x >> (64n - r))) & MASK;
  function xxh64Long(input: bigint, seed: bigint): bigint {
    let h = (seed + P5 + 8n) & MASK;
    h ^= (rotl((BigInt.asUintN(64, input) * P2) & MASK, 31n) * P1) & MASK;
    h = (rotl(h, 27n) * P1 + P4) & MASK;
    h ^= h >> 33n;
    h = (h * P2) & MASK;
    h ^= h >> 29n;
    h = (h * P3) & MASK;
    h ^= h >> 32n;
    return BigInt.asIntN(64, h);
  }

  it("xxhash64 equals an independent XXH64 (seed 42, chained over columns), and is deterministic", async () => {
    const df = spark.range(-50, 50).select(col("id"), col("id").multiply(7919).alias("k"));
    const hashed = () =>
      df
        .select(col("id"), xxhash64("id").alias("h1"), xxhash64("id", "k").alias("h2"), expr("xxhash64(id, k)").alias("sql"))
        .orderBy("id")
        .collect({ longs: "bigint" });
    const [first, second] = await Promise.all([hashed(), hashed()]);
    expect(first).toEqual(second);
    expect(first).toEqual(
      Array.from({ length: 100 }, (_, i) => {
        const id = BigInt(i - 50);
        const h1 = xxh64Long(id, 42n);
        // Each further column is hashed with the previous hash as its seed.
        const h2 = xxh64Long(id * 7919n, BigInt.asUintN(64, xxh64Long(id, 42n)));
        return { id, h1, h2, sql: h2 };
      }),
    );
    expect(new Set(first.map((r) => r.h1)).size).toBe(100);
  });
});
