import { afterAll, describe, expect, it } from "vitest";
import type { Column } from "../../src/connect/sql/column";
import type { DataFrame } from "../../src/connect/sql/dataframe";
import { col, expr, lit, when } from "../../src/connect/sql/functions";
import { toLiteral, TypedLiteral } from "../../src/connect/sql/literal";

import { DoubleType, LongType } from "../../src/connect/sql/types";
import { useSpark } from "../support/spark";

const spark = useSpark();
afterAll(() => {
  spark.stop();
});

/** Evaluates columns over one row and returns that row (the session time zone is UTC). */
async function one(...cols: Column[]): Promise<Record<string, unknown>> {
  const rows = await spark
    .range(1)
    .select(...cols)
    .collect({ longs: "bigint", timestamps: "micros" });
  expect(rows).toHaveLength(1);
  return rows[0] as Record<string, unknown>;
}

// Small rows with nulls; each test computes its expectation from these in plain TS.
interface Pair {
  id: number;
  a: number | null;
  b: number | null;
  s: string | null;
}
const PAIRS: Pair[] = [
  { id: 1, a: 7, b: 2, s: "apple" },
  { id: 2, a: -9, b: 4, s: "banana" },
  { id: 3, a: null, b: 3, s: "cherry" },
  { id: 4, a: 5, b: null, s: null },
  { id: 5, a: 12, b: 12, s: "Apricot" },
  { id: 6, a: null, b: null, s: "date" },
];
const pairs = (): DataFrame => spark.createDataFrame(PAIRS, "id int, a int, b int, s string");

describe("lit", () => {
  it("sends every JS value type and reads it back as the same value", async () => {
    const bytes = new Uint8Array([0, 1, 254, 255]);
    const when_ = new Date(Date.UTC(2024, 1, 29, 13, 45, 6, 789));
    const row = await one(
      lit(null).alias("n"),
      lit(true).alias("t"),
      lit(false).alias("f"),
      lit(42).alias("i"),
      lit(-(2 ** 31)).alias("imin"),
      lit(2 ** 31).alias("l"),
      lit(9_007_199_254_740_993n).alias("big"),
      lit(2.5).alias("d"),
      lit("héllo ✓").alias("s"),
      lit(when_).alias("ts"),
      lit([1, 2, null, 4]).alias("arr"),
      lit(
        new Map([
          ["x", 1],
          ["y", 2],
        ]),
      ).alias("m"),
      lit(bytes).alias("bin"),
      lit([[1, null], [], [3]]).alias("nested"),
      lit(
        new Map([
          ["c", null],
          ["a", "x"],
          ["b", "y"],
        ]),
      ).alias("mnull"),
      lit([TypedLiteral.nullOf(new LongType()), null]).alias("typedNulls"),
      lit([TypedLiteral.nullOf(new LongType()), 5n]).alias("typedNull"),
    );
    expect(row).toEqual({
      n: null,
      t: true,
      f: false,
      i: 42, // IntegerType stays a number even with longs: "bigint"
      imin: -(2 ** 31),
      l: 2n ** 31n,
      big: 9_007_199_254_740_993n,
      d: 2.5,
      s: "héllo ✓",
      ts: BigInt(when_.getTime()) * 1000n,
      arr: [1, 2, null, 4],
      m: new Map([
        ["x", 1],
        ["y", 2],
      ]),
      bin: bytes,
      nested: [[1, null], [], [3]],
      mnull: new Map([
        ["c", null],
        ["a", "x"],
        ["b", "y"],
      ]),
      typedNulls: [null, null],
      typedNull: [null, 5n],
    });
    // A Map keeps its insertion order (toEqual alone would not notice a reordering).
    expect([...(row.m as Map<string, number>).keys()]).toEqual(["x", "y"]);
    expect([...(row.mnull as Map<string, string | null>).keys()]).toEqual(["c", "a", "b"]);
  });

  it("infers Spark types as PySpark does", async () => {
    const df = spark.range(1).select(
      lit(null).alias("n"),
      lit(true).alias("b"),
      lit(1).alias("i"),
      lit(2 ** 40).alias("l"),
      lit(5n).alias("big"),
      lit(0.5).alias("d"),
      lit("x").alias("s"),
      lit(new Date(0)).alias("ts"),
      lit(["a"]).alias("arr"),
      lit(new Map([[1, 2.5]])).alias("m"),
      lit(new Uint8Array([1])).alias("bin"),
      lit([]).alias("empty"),
      lit([1, null]).alias("withNull"),
      lit([[], [2n]]).alias("nested"),
      lit(
        new Map([
          ["k", null],
          ["j", 1.5],
        ]),
      ).alias("mnull"),
    );
    expect(await df.dtypes()).toEqual([
      ["n", "void"],
      ["b", "boolean"],
      ["i", "int"],
      ["l", "bigint"],
      ["big", "bigint"],
      ["d", "double"],
      ["s", "string"],
      ["ts", "timestamp"],
      ["arr", "array<string>"],
      ["m", "map<int,double>"],
      ["bin", "binary"],
      ["empty", "array<void>"],
      ["withNull", "array<int>"],
      ["nested", "array<array<bigint>>"],
      ["mnull", "map<string,double>"],
    ]);
  });

  it("sends TypedLiterals with their stated types and values", async () => {
    const ntz = new Date(Date.UTC(2023, 11, 31, 23, 59, 58, 500));
    const df = spark
      .range(1)
      .select(
        lit(TypedLiteral.date("2024-02-29")).alias("date"),
        lit(TypedLiteral.decimal("12345.678", 10, 3)).alias("dec"),
        lit(TypedLiteral.byte(-128)).alias("byte"),
        lit(TypedLiteral.short(32_767)).alias("short"),
        lit(TypedLiteral.int(-7)).alias("int"),
        lit(TypedLiteral.long(3)).alias("long"),
        lit(TypedLiteral.float(1.5)).alias("float"),
        lit(TypedLiteral.double(3)).alias("double"),
        lit(TypedLiteral.timestampNtz(ntz)).alias("ntz"),
        lit(TypedLiteral.timestampMicros(1_000_001n)).alias("tsmicros"),
        lit(TypedLiteral.dayTimeInterval(90_061_000_001n)).alias("dti"),
        lit(TypedLiteral.yearMonthInterval(-14)).alias("ymi"),
        lit([TypedLiteral.date("1970-01-02"), null]).alias("dates"),
      );
    expect(await df.dtypes()).toEqual([
      ["date", "date"],
      ["dec", "decimal(10,3)"],
      ["byte", "tinyint"],
      ["short", "smallint"],
      ["int", "int"],
      ["long", "bigint"],
      ["float", "float"],
      ["double", "double"],
      ["ntz", "timestamp_ntz"],
      ["tsmicros", "timestamp"],
      ["dti", "interval day to second"],
      ["ymi", "interval year to month"],
      ["dates", "array<date>"],
    ]);
    const [row] = await df.collect({ longs: "bigint", timestamps: "micros" });
    expect(row).toEqual({
      date: "2024-02-29",
      dec: "12345.678",
      byte: -128,
      short: 32_767,
      int: -7,
      long: 3n,
      float: 1.5,
      double: 3,
      ntz: BigInt(ntz.getTime()) * 1000n,
      tsmicros: 1_000_001n,
      dti: 90_061_000_001n,
      ymi: -14,
      dates: ["1970-01-02", null],
    });
    // The same values, checked through SQL functions on the server side.
    const [parts] = await df
      .select(
        expr("extract(DAY FROM dti)").alias("days"),
        expr("extract(HOUR FROM dti)").alias("hours"),
        expr("extract(YEAR FROM ymi)").alias("years"),
        expr("extract(MONTH FROM ymi)").alias("months"),
        expr("cast(ntz AS string)").alias("ntzText"),
        expr("dayofmonth(date)").alias("dom"),
        expr("dec * 1000").alias("scaled"),
      )
      .collect();
    expect(parts).toEqual({ days: 1, hours: 1, years: -1, months: -2, ntzText: "2023-12-31 23:59:58.5", dom: 29, scaled: "12345678.000" });
  });

  it("brings mixed numbers and decimals in a collection to one type, as Spark widens them", async () => {
    const df = spark.range(1).select(
      lit([1, 2.5, null]).alias("intDouble"),
      lit([1, 2 ** 40]).alias("intLong"),
      lit([1, 5n]).alias("intBigint"),
      lit([TypedLiteral.decimal("1.25"), TypedLiteral.decimal("-100.5"), TypedLiteral.decimal("3e2")]).alias("decimals"),
      lit([[1], [2.5]]).alias("nested"),
      lit(
        new Map([
          ["a", 1],
          ["b", 2.5],
        ]),
      ).alias("mapValues"),
    );
    expect(await df.dtypes()).toEqual([
      ["intDouble", "array<double>"],
      ["intLong", "array<bigint>"],
      ["intBigint", "array<bigint>"],
      ["decimals", "array<decimal(5,2)>"],
      ["nested", "array<array<double>>"],
      ["mapValues", "map<string,double>"],
    ]);
    expect(await df.collect({ longs: "bigint" })).toEqual([
      {
        intDouble: [1, 2.5, null],
        intLong: [1n, 2n ** 40n],
        intBigint: [1n, 5n],
        decimals: ["1.25", "-100.50", "300.00"],
        nested: [[1], [2.5]],
        mapValues: new Map([
          ["a", 1],
          ["b", 2.5],
        ]),
      },
    ]);
    // The bare literal proto (used for SQL arguments) widens numbers too, and refuses other mixes.
    expect(toLiteral([1, 2.5]).literalType).toMatchObject({
      case: "array",
      value: { elements: [{ literalType: { case: "double", value: 1 } }, { literalType: { case: "double", value: 2.5 } }] },
    });
    expect(() => toLiteral([1, "x"])).toThrow(/different types/);
    expect(() => toLiteral([[1], [2.5]])).toThrow(/different types/);
  });

  it("adds interval literals to timestamps as calendar arithmetic", async () => {
    const start = Date.UTC(2024, 0, 31, 10, 0, 0);
    const [row] = await spark
      .range(1)
      .select(
        lit(new Date(start))
          .plus(lit(TypedLiteral.calendarInterval(1, 2, 3_000_000n)))
          .alias("cal"),
        lit(new Date(start))
          .plus(lit(TypedLiteral.dayTimeInterval(36n * 3_600_000_000n)))
          .alias("dti"),
        lit(TypedLiteral.date("2024-01-31"))
          .plus(lit(TypedLiteral.yearMonthInterval(13)))
          .alias("ymi"),
      )
      .collect();
    // One month after Jan 31 2024 is Feb 29 (the day is clamped to the month's end), then two days and three seconds.
    expect(row).toEqual({
      cal: new Date(Date.UTC(2024, 1, 29, 10, 0, 3) + 2 * 86_400_000),
      dti: new Date(start + 36 * 3_600_000),
      ymi: "2025-02-28",
    });
  });

  it("rejects literals it cannot type", () => {
    expect(() => lit([null])).toThrow(/no non-null element/);
    // The bare literal proto cannot carry nulls inside collections on a 3.5 server.
    expect(() => toLiteral([1, null])).toThrow(/null inside/);
    expect(() => toLiteral(new Map([[1, null]]))).toThrow(/null inside/);
    expect(() => toLiteral([[TypedLiteral.nullOf(new LongType())]])).toThrow(/null inside/);
    expect(() => TypedLiteral.byte(128)).toThrow(RangeError);
    expect(() => TypedLiteral.date("2023-02-29")).toThrow(/YYYY-MM-DD/);
    expect(() => TypedLiteral.decimal("1e")).toThrow(/decimal/);
  });
});

describe("Column operators", () => {
  it("computes arithmetic as JS does, with SQL null propagation", async () => {
    const rows = await pairs()
      .select(
        col("id"),
        col("a").plus(col("b")).alias("plus"),
        col("a").minus(col("b")).alias("minus"),
        col("a").multiply(col("b")).alias("times"),
        col("a").divide(col("b")).alias("div"),
        col("a").mod(col("b")).alias("mod"),
        col("a").negate().alias("neg"),
        col("a").plus(1).multiply(2).alias("lits"),
      )
      .orderBy("id")
      .collect();
    const nn =
      (f: (a: number, b: number) => number) =>
      (p: Pair): number | null =>
        p.a === null || p.b === null ? null : f(p.a, p.b);
    expect(rows).toEqual(
      PAIRS.map((p) => ({
        id: p.id,
        plus: nn((a, b) => a + b)(p),
        minus: nn((a, b) => a - b)(p),
        times: nn((a, b) => a * b)(p),
        div: nn((a, b) => a / b)(p),
        mod: nn((a, b) => a % b)(p), // Java's % and JS's % both keep the dividend's sign
        neg: p.a === null ? null : -p.a,
        lits: p.a === null ? null : (p.a + 1) * 2,
      })),
    );
  });

  it("compares with three-valued logic, and eqNullSafe treats null as a value", async () => {
    const rows = await pairs()
      .select(
        col("id"),
        col("a").eq(col("b")).alias("eq"),
        col("a").neq(col("b")).alias("neq"),
        col("a").lt(col("b")).alias("lt"),
        col("a").leq(col("b")).alias("leq"),
        col("a").gt(col("b")).alias("gt"),
        col("a").geq(col("b")).alias("geq"),
        col("a").eqNullSafe(col("b")).alias("eqns"),
        col("a").eq(5).alias("eq5"),
      )
      .orderBy("id")
      .collect();
    const cmp =
      (f: (a: number, b: number) => boolean) =>
      (p: Pair): boolean | null =>
        p.a === null || p.b === null ? null : f(p.a, p.b);
    expect(rows).toEqual(
      PAIRS.map((p) => ({
        id: p.id,
        eq: cmp((a, b) => a === b)(p),
        neq: cmp((a, b) => a !== b)(p),
        lt: cmp((a, b) => a < b)(p),
        leq: cmp((a, b) => a <= b)(p),
        gt: cmp((a, b) => a > b)(p),
        geq: cmp((a, b) => a >= b)(p),
        eqns: p.a === p.b,
        eq5: p.a === null ? null : p.a === 5,
      })),
    );
  });

  it("combines booleans by Kleene logic (and, or, not)", async () => {
    const values = [true, false, null];
    const grid = values.flatMap((x) => values.map((y) => ({ x, y })));
    const df = spark.createDataFrame(
      grid.map((g, i) => ({ i, ...g })),
      "i int, x boolean, y boolean",
    );
    const rows = await df
      .select(col("i"), col("x").and(col("y")).alias("and"), col("x").or(col("y")).alias("or"), col("x").not().alias("not"), col("x").and(true).alias("andLit"))
      .orderBy("i")
      .collect();
    const and = (x: boolean | null, y: boolean | null): boolean | null => (x === false || y === false ? false : x === null || y === null ? null : true);
    const or = (x: boolean | null, y: boolean | null): boolean | null => (x === true || y === true ? true : x === null || y === null ? null : false);
    expect(rows).toEqual(grid.map((g, i) => ({ i, and: and(g.x, g.y), or: or(g.x, g.y), not: g.x === null ? null : !g.x, andLit: and(g.x, true) })));
  });

  it("tests nulls, set membership and inclusive ranges", async () => {
    const rows = await pairs()
      .select(
        col("id"),
        col("a").isNull().alias("isNull"),
        col("a").isNotNull().alias("isNotNull"),
        col("a").isin(5, 7, 100).alias("isin"),
        col("b").isin(col("a"), 3).alias("isinCol"),
        col("a").between(-9, 7).alias("between"),
        col("a").between(col("b"), 12).alias("betweenCol"),
      )
      .orderBy("id")
      .collect();
    // SQL IN: true on a match, else null if the value or any candidate is null, else false.
    const isin = (v: number | null, candidates: (number | null)[]): boolean | null =>
      v === null ? null : candidates.includes(v) ? true : candidates.includes(null) ? null : false;
    const between = (v: number | null, lo: number | null, hi: number | null): boolean | null => {
      const ge = v === null || lo === null ? null : v >= lo;
      const le = v === null || hi === null ? null : v <= hi;
      return ge === false || le === false ? false : ge === null || le === null ? null : true;
    };
    expect(rows).toEqual(
      PAIRS.map((p) => ({
        id: p.id,
        isNull: p.a === null,
        isNotNull: p.a !== null,
        isin: isin(p.a, [5, 7, 100]),
        isinCol: isin(p.b, [p.a, 3]),
        between: between(p.a, -9, 7),
        betweenCol: between(p.a, p.b, 12),
      })),
    );
  });

  it("evaluates chained when/otherwise in order, with null when nothing matches and no otherwise", async () => {
    const rows = await pairs()
      .select(
        col("id"),
        when(col("a").lt(0), "neg").when(col("a").lt(10), "small").otherwise("big").alias("bucket"),
        when(col("a").gt(6), col("a").multiply(10)).alias("noElse"),
        when(col("b").isNull(), lit(-1)).otherwise(col("b")).alias("filled"),
      )
      .orderBy("id")
      .collect();
    expect(rows).toEqual(
      PAIRS.map((p) => ({
        id: p.id,
        // A null a makes every condition null (not true), so the otherwise branch is taken.
        bucket: p.a !== null && p.a < 0 ? "neg" : p.a !== null && p.a < 10 ? "small" : "big",
        noElse: p.a !== null && p.a > 6 ? p.a * 10 : null,
        filled: p.b ?? -1,
      })),
    );
    expect(() => when(col("a").lt(0), 1).otherwise(2).otherwise(3)).toThrow(/already/);
    expect(() => when(col("a").lt(0), 1).otherwise(2).when(col("a").gt(0), 3)).toThrow(/otherwise/);
    expect(() => col("a").when(col("a").gt(0), 3)).toThrow(/functions\.when/);
  });

  it("matches strings with like, rlike, contains and startsWith", async () => {
    const rows = await pairs()
      .select(
        col("id"),
        col("s").like("%an%").alias("like"),
        col("s").like("_pple").alias("like1"),
        col("s").rlike("^[Aa]p").alias("rlike"),
        col("s").contains("err").alias("contains"),
        col("s").startsWith("ap").alias("startsWith"),
        col("s").endsWith("e").alias("endsWith"),
      )
      .orderBy("id")
      .collect();
    const test =
      (f: (s: string) => boolean) =>
      (p: Pair): boolean | null =>
        p.s === null ? null : f(p.s);
    expect(rows).toEqual(
      PAIRS.map((p) => ({
        id: p.id,
        like: test((s) => s.includes("an"))(p),
        like1: test((s) => s.length === 5 && s.endsWith("pple"))(p),
        rlike: test((s) => /^[Aa]p/.test(s))(p),
        contains: test((s) => s.includes("err"))(p),
        startsWith: test((s) => s.startsWith("ap"))(p),
        endsWith: test((s) => s.endsWith("e"))(p),
      })),
    );
  });

  it("aliases (one name and several), casts by DataType and by DDL string", async () => {
    const df = spark
      .range(3)
      .select(
        col("id").alias("x"),
        col("id").cast(new DoubleType()).divide(2).alias("half"),
        col("id").cast("string").alias("text"),
        lit("12.345").cast("decimal(5,2)").alias("dec"),
        lit("7").cast(new LongType()).alias("seven"),
        lit("not a number").cast("int").alias("bad"),
        expr("stack(1, id, id * 2)").alias("p", "q"),
      );
    expect(await df.dtypes()).toEqual([
      ["x", "bigint"],
      ["half", "double"],
      ["text", "string"],
      ["dec", "decimal(5,2)"],
      ["seven", "bigint"],
      ["bad", "int"],
      ["p", "bigint"],
      ["q", "bigint"],
    ]);
    expect(await df.orderBy("x").collect()).toEqual(
      [0, 1, 2].map((x) => ({
        x,
        half: x / 2,
        text: String(x),
        dec: "12.35",
        seven: 7,
        bad: null,
        p: x,
        q: x * 2,
      })),
    );
  });

  it("reads array elements and map values with getItem and struct fields with getField", async () => {
    const rows = await spark
      .range(4)
      .select(
        col("id"),
        expr("array(id, id * 10, id * 100)").alias("arr"),
        expr("map('k', id, 'k2', -id)").alias("m"),
        expr("named_struct('x', id + 1, 'inner', named_struct('y', id * 3))").alias("st"),
      )
      .select(
        col("id"),
        col("arr").getItem(1).alias("second"),
        col("arr").getItem(col("id")).alias("byId"),
        col("m").getItem("k2").alias("k2"),
        col("m").getItem("missing").alias("missing"),
        col("st").getField("x").alias("x"),
        col("st").getField("inner").getField("y").alias("y"),
        col("st.inner.y").alias("dotted"),
      )
      .orderBy("id")
      .collect();
    expect(rows).toEqual(
      [0, 1, 2, 3].map((id) => {
        const arr = [id, id * 10, id * 100];
        return { id, second: arr[1], byId: arr[id] ?? null, k2: 0 - id, missing: null, x: id + 1, y: id * 3, dotted: id * 3 };
      }),
    );
  });
});

describe("sort orders", () => {
  // Compares two nullable numbers in a given direction with nulls placed first or last.
  function sorter(dir: 1 | -1, nulls: "first" | "last") {
    return (x: Pair, y: Pair): number => {
      if (x.a === y.a) return x.id - y.id;
      if (x.a === null) return nulls === "first" ? -1 : 1;
      if (y.a === null) return nulls === "first" ? 1 : -1;
      return dir * (x.a - y.a);
    };
  }
  const cases = [
    ["asc", (): Column => col("a").asc(), sorter(1, "first")],
    ["desc", (): Column => col("a").desc(), sorter(-1, "last")],
    ["ascNullsFirst", (): Column => col("a").ascNullsFirst(), sorter(1, "first")],
    ["ascNullsLast", (): Column => col("a").ascNullsLast(), sorter(1, "last")],
    ["descNullsFirst", (): Column => col("a").descNullsFirst(), sorter(-1, "first")],
    ["descNullsLast", (): Column => col("a").descNullsLast(), sorter(-1, "last")],
  ] as const;
  for (const [name, order, compare] of cases) {
    it(`orders by ${name} with Spark's null placement`, async () => {
      const rows = await pairs().orderBy(order(), col("id")).select("id").collect();
      expect(rows.map((r) => r.id)).toEqual([...PAIRS].sort(compare).map((p) => p.id));
    });
  }

  it("re-sorting a sort order replaces its direction instead of nesting it", async () => {
    const rows = await pairs().orderBy(col("a").asc().descNullsFirst(), col("id")).select("id").collect();
    expect(rows.map((r) => r.id)).toEqual([...PAIRS].sort(sorter(-1, "first")).map((p) => p.id));
  });
});
