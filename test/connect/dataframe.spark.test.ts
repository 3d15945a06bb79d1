import { Table } from "apache-arrow";
import { afterAll, describe, expect, it, vi } from "vitest";
import type { Row } from "../../src/connect/arrow/decode";
import type { DataFrame, JoinHow } from "../../src/connect/sql/dataframe";
import { avg, col, count, lit, max, min, sparkPartitionId, sum } from "../../src/connect/sql/functions";
import { Observation } from "../../src/connect/sql/observation";

import { StorageLevel } from "../../src/connect/sql/storage-level";
import { IntegerType, LongType, StringType, StructType } from "../../src/connect/sql/types";
import { useSpark } from "../support/spark";

const spark = useSpark();
afterAll(() => {
  spark.stop();
});

// ---- Inputs, and plain-TS helpers that compute every expectation from them ----

interface Person {
  id: number;
  name: string;
  dept: string | null;
  salary: number;
}
const PEOPLE: Person[] = [
  { id: 1, name: "ann", dept: "eng", salary: 100 },
  { id: 2, name: "bob", dept: "eng", salary: 80 },
  { id: 3, name: "cid", dept: "ops", salary: 70 },
  { id: 4, name: "dee", dept: null, salary: 60 },
  { id: 5, name: "eve", dept: "ops", salary: 90 },
  { id: 6, name: "fay", dept: "mkt", salary: 50 },
];
const PEOPLE_DDL = "id int, name string, dept string, salary int";
const people = (): DataFrame => spark.createDataFrame(PEOPLE, PEOPLE_DDL);

interface Sale {
  y: number;
  q: string;
  amt: number;
}
const SALES: Sale[] = [
  { y: 2023, q: "Q1", amt: 10 },
  { y: 2023, q: "Q2", amt: 20 },
  { y: 2023, q: "Q1", amt: 5 },
  { y: 2024, q: "Q1", amt: 7 },
  { y: 2024, q: "Q3", amt: 1 },
];
const sales = (): DataFrame => spark.createDataFrame(SALES, "y int, q string, amt int");

/** Rows compared as multisets: order by a canonical text (key order does not matter). */
function canon(row: Row): string {
  return JSON.stringify(
    Object.keys(row)
      .sort()
      .map((k) => [k, row[k]]),
  );
}
function sorted(rows: readonly Row[]): Row[] {
  return [...rows].sort((a, b) => (canon(a) < canon(b) ? -1 : canon(a) > canon(b) ? 1 : 0));
}
async function expectRows(df: DataFrame, expected: readonly Row[]): Promise<void> {
  expect(sorted(await df.collect())).toEqual(sorted(expected));
}
function groupBy<T>(rows: readonly T[], key: (row: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const row of rows) groups.set(key(row), [...(groups.get(key(row)) ?? []), row]);
  return groups;
}
const total = (xs: readonly number[]): number => xs.reduce((a, b) => a + b, 0);

describe("projections and filters", () => {
  it("selects columns and expressions", async () => {
    await expectRows(
      people().select("name", col("salary").multiply(2).alias("double")),
      PEOPLE.map((p) => ({ name: p.name, double: p.salary * 2 })),
    );
    await expectRows(
      people().selectExpr("upper(name) AS n", "salary + id AS s"),
      PEOPLE.map((p) => ({ n: p.name.toUpperCase(), s: p.salary + p.id })),
    );
  });

  it("filters by Column and by SQL string", async () => {
    const expected = PEOPLE.filter((p) => p.salary >= 70 && p.dept !== "eng").map((p) => ({ ...p }));
    await expectRows(
      people().filter(
        col("salary")
          .geq(70)
          .and(col("dept").neq("eng").or(col("dept").isNull())),
      ),
      expected,
    );
    await expectRows(people().where("salary >= 70 AND (dept <> 'eng' OR dept IS NULL)"), expected);
  });

  it("adds, renames, replaces and drops columns", async () => {
    const df = people()
      .withColumn("bonus", col("salary").divide(10))
      .withColumns({ salary: col("salary").plus(1), one: lit(1) })
      .withColumnRenamed("name", "who")
      .withColumnsRenamed({ dept: "team", id: "pid" })
      .drop("one", col("team"));
    expect(await df.columns()).toEqual(["pid", "who", "salary", "bonus"]);
    await expectRows(
      df,
      PEOPLE.map((p) => ({ pid: p.id, who: p.name, salary: p.salary + 1, bonus: p.salary / 10 })),
    );
  });

  it("renames all columns with toDF", async () => {
    await expectRows(
      sales().toDF("year", "quarter", "amount"),
      SALES.map((s) => ({ year: s.y, quarter: s.q, amount: s.amt })),
    );
  });
});

describe("aggregation", () => {
  it("aggregates per group with agg and the GroupedData shortcuts", async () => {
    const groups = groupBy(PEOPLE, (p) => String(p.dept));
    const expected = [...groups.values()].map((ps) => {
      const salaries = ps.map((p) => p.salary);
      return {
        dept: ps[0]?.dept ?? null,
        n: ps.length,
        total: total(salaries),
        mean: total(salaries) / ps.length,
        lo: Math.min(...salaries),
        hi: Math.max(...salaries),
      };
    });
    await expectRows(
      people()
        .groupBy("dept")
        .agg(count("*").alias("n"), sum("salary").alias("total"), avg("salary").alias("mean"), min("salary").alias("lo"), max("salary").alias("hi")),
      expected,
    );
    await expectRows(
      people().groupBy("dept").count(),
      expected.map((e) => ({ dept: e.dept, count: e.n })),
    );
    await expectRows(
      people().groupBy(col("dept")).sum("salary"),
      expected.map((e) => ({ dept: e.dept, "sum(salary)": e.total })),
    );
    await expectRows(
      people().groupBy("dept").avg("salary"),
      expected.map((e) => ({ dept: e.dept, "avg(salary)": e.mean })),
    );
    await expectRows(
      people().groupBy("dept").min("salary", "id"),
      [...groups.values()].map((ps) => ({
        dept: ps[0]?.dept ?? null,
        "min(salary)": Math.min(...ps.map((p) => p.salary)),
        "min(id)": Math.min(...ps.map((p) => p.id)),
      })),
    );
    await expectRows(
      people().groupBy("dept").max("salary"),
      expected.map((e) => ({ dept: e.dept, "max(salary)": e.hi })),
    );
  });

  it("aggregates the whole DataFrame", async () => {
    const salaries = PEOPLE.map((p) => p.salary);
    await expectRows(people().agg(sum("salary").alias("s"), max("id").alias("m")), [{ s: total(salaries), m: PEOPLE.length }]);
  });

  it("pivots with listed values and with values Spark finds", async () => {
    const quarters = [...new Set(SALES.map((s) => s.q))].sort();
    const expected = [...groupBy(SALES, (s) => String(s.y)).values()].map((rows) => {
      const row: Row = { y: rows[0]?.y };
      for (const q of quarters) {
        const amounts = rows.filter((r) => r.q === q).map((r) => r.amt);
        row[q] = amounts.length === 0 ? null : total(amounts);
      }
      return row;
    });
    await expectRows(sales().groupBy("y").pivot(col("q"), quarters).agg(sum("amt")), expected);
    const found = sales().groupBy("y").pivot(col("q")).agg(sum("amt"));
    expect(await found.columns()).toEqual(["y", ...quarters]);
    await expectRows(found, expected);
  });

  /** Sums of amt per grouping set of (y, q), the grouped-out keys null, as ROLLUP/CUBE give. */
  function groupingSets(sets: readonly (readonly ("y" | "q")[])[]): Row[] {
    return sets.flatMap((keys) =>
      [...groupBy(SALES, (s) => keys.map((k) => s[k]).join("|")).values()].map((rows) => {
        const first = rows[0] as Sale;
        return { y: keys.includes("y") ? first.y : null, q: keys.includes("q") ? first.q : null, s: total(rows.map((r) => r.amt)) };
      }),
    );
  }

  it("rolls up and cubes", async () => {
    await expectRows(sales().rollup("y", "q").agg(sum("amt").alias("s")), groupingSets([["y", "q"], ["y"], []]));
    await expectRows(sales().cube("y", "q").agg(sum("amt").alias("s")), groupingSets([["y", "q"], ["y"], ["q"], []]));
  });
});

describe("joins", () => {
  interface L {
    k: number | null;
    lv: string;
  }
  interface R {
    k: number | null;
    rv: string;
  }
  // Null keys never match; key 2 is duplicated on both sides (2 × 2 matches).
  const LEFT: L[] = [
    { k: 1, lv: "a" },
    { k: 2, lv: "b" },
    { k: 2, lv: "b2" },
    { k: null, lv: "n" },
    { k: 4, lv: "d" },
  ];
  const RIGHT: R[] = [
    { k: 2, rv: "x" },
    { k: 2, rv: "x2" },
    { k: 3, rv: "y" },
    { k: null, rv: "m" },
    { k: 1, rv: "z" },
  ];
  const left = (): DataFrame => spark.createDataFrame(LEFT, "k int, lv string");
  const right = (): DataFrame => spark.createDataFrame(RIGHT, "k int, rv string");
  const matches = (l: L, r: R): boolean => l.k !== null && l.k === r.k;

  /** A USING join on k, computed in TS: the key appears once (the non-null side's). */
  function usingJoin(how: "inner" | "left" | "right" | "full" | "semi" | "anti"): Row[] {
    const out: Row[] = [];
    const matchedRight = new Set<R>();
    for (const l of LEFT) {
      const ms = RIGHT.filter((r) => matches(l, r));
      if (how === "semi" || how === "anti") {
        if (ms.length > 0 === (how === "semi")) out.push({ ...l });
        continue;
      }
      for (const r of ms) {
        matchedRight.add(r);
        out.push({ k: l.k, lv: l.lv, rv: r.rv });
      }
      if (ms.length === 0 && (how === "left" || how === "full")) out.push({ k: l.k, lv: l.lv, rv: null });
    }
    if (how === "right" || how === "full") for (const r of RIGHT) if (!matchedRight.has(r)) out.push({ k: r.k, lv: null, rv: r.rv });
    return out;
  }

  it.each(["inner", "left", "right", "full", "semi", "anti"] as const)("%s join on a column name", async (how) => {
    await expectRows(left().join(right(), "k", how), usingJoin(how));
  });

  it("accepts PySpark's join type aliases", async () => {
    const aliases: [JoinHow, "inner" | "left" | "right" | "full" | "semi" | "anti"][] = [
      ["left_outer", "left"],
      ["outer", "full"],
      ["leftsemi", "semi"],
      ["left_anti", "anti"],
      ["rightouter", "right"],
    ];
    for (const [alias, how] of aliases) await expectRows(left().join(right(), ["k"], alias), usingJoin(how));
    expect(() => left().join(right(), "k", "sideways" as JoinHow)).toThrow(/Unknown join type/);
  });

  /** A join on lk = rk, computed in TS: both keys kept, the missing side's columns null. */
  function conditionJoin(how: "inner" | "left" | "right" | "full" | "semi" | "anti" | "cross"): Row[] {
    const out: Row[] = [];
    const matchedRight = new Set<R>();
    for (const l of LEFT) {
      const ms = how === "cross" ? RIGHT : RIGHT.filter((r) => matches(l, r));
      if (how === "semi" || how === "anti") {
        if (ms.length > 0 === (how === "semi")) out.push({ lk: l.k, lv: l.lv });
        continue;
      }
      for (const r of ms) {
        matchedRight.add(r);
        out.push({ lk: l.k, lv: l.lv, rk: r.k, rv: r.rv });
      }
      if (ms.length === 0 && (how === "left" || how === "full")) out.push({ lk: l.k, lv: l.lv, rk: null, rv: null });
    }
    if (how === "right" || how === "full") for (const r of RIGHT) if (!matchedRight.has(r)) out.push({ lk: null, lv: null, rk: r.k, rv: r.rv });
    return out;
  }

  it.each(["inner", "left", "right", "full", "semi", "anti"] as const)("%s join on an expression", async (how) => {
    const l = left().toDF("lk", "lv");
    const r = right().toDF("rk", "rv");
    await expectRows(l.join(r, col("lk").eq(col("rk")), how), conditionJoin(how));
  });

  it("cross joins", async () => {
    const l = left().toDF("lk", "lv");
    const r = right().toDF("rk", "rv");
    const expected = conditionJoin("cross");
    expect(expected).toHaveLength(LEFT.length * RIGHT.length);
    await expectRows(l.crossJoin(r), expected);
    await expectRows(l.join(r), expected); // no condition: a cross join, as in PySpark
    await expectRows(l.join(r, undefined, "cross"), expected);
  });

  it("resolves qualified names after a self-join through aliases", async () => {
    const df = people()
      .alias("a")
      .join(people().alias("b"), col("a.id").eq(col("b.id").plus(1)))
      .select(col("a.name").alias("name"), col("b.name").alias("previous"));
    const byId = new Map(PEOPLE.map((p) => [p.id, p]));
    const expected = PEOPLE.filter((p) => byId.has(p.id - 1)).map((p) => ({ name: p.name, previous: byId.get(p.id - 1)?.name }));
    await expectRows(df, expected);
  });

  it("disambiguates same-named columns with df.col()", async () => {
    const a = people();
    const b = people().select("id", "name");
    const joined = a.join(b, a.col("id").eq(b.col("id").plus(3))).select(a.col("name").alias("late"), b.col("name").alias("early"), a.col("id"));
    const expected = PEOPLE.filter((p) => p.id > 3).map((p) => ({ late: p.name, early: PEOPLE.find((q) => q.id === p.id - 3)?.name, id: p.id }));
    await expectRows(joined, expected);
  });

  it("applies broadcast and merge hints", async () => {
    const l = left().toDF("lk", "lv");
    const r = right().toDF("rk", "rv");
    const broadcast = await l.join(r.hint("broadcast"), col("lk").eq(col("rk"))).explain();
    expect(broadcast).toContain("BroadcastHashJoin");
    const merge = l.join(r.hint("merge"), col("lk").eq(col("rk")));
    const plan = await merge.explain();
    expect(plan).toContain("SortMergeJoin");
    expect(plan).not.toContain("BroadcastHashJoin");
    await expectRows(merge, conditionJoin("inner"));
  });
});

describe("ordering, limits and set operations", () => {
  it("sorts globally, with null ordering", async () => {
    const bySalaryDesc = [...PEOPLE].sort((a, b) => b.salary - a.salary).map((p) => p.name);
    expect((await people().orderBy(col("salary").desc()).collect()).map((r) => r.name)).toEqual(bySalaryDesc);
    expect((await people().sort("salary").collect()).map((r) => r.name)).toEqual([...bySalaryDesc].reverse());
    const deptThenId = (nullsFirst: boolean) =>
      [...PEOPLE]
        .sort((a, b) => {
          if (a.dept !== b.dept) {
            if (a.dept === null) return nullsFirst ? -1 : 1;
            if (b.dept === null) return nullsFirst ? 1 : -1;
            return a.dept < b.dept ? -1 : 1;
          }
          return a.id - b.id;
        })
        .map((p) => p.id);
    expect((await people().orderBy(col("dept").ascNullsLast(), "id").collect()).map((r) => r.id)).toEqual(deptThenId(false));
    expect((await people().orderBy(col("dept"), col("id")).collect()).map((r) => r.id)).toEqual(deptThenId(true)); // asc: nulls first
  });

  it("sorts within partitions without a global order", async () => {
    const rows = await spark.range(0, 40, 1, 4).sortWithinPartitions(col("id").desc()).select(col("id"), sparkPartitionId().alias("p")).collect();
    const byPartition = groupBy(rows, (r) => String(r.p));
    expect(byPartition.size).toBe(4);
    for (const part of byPartition.values()) {
      const ids = part.map((r) => r.id as number);
      expect(ids).toEqual([...ids].sort((a, b) => b - a));
    }
    expect(rows.map((r) => r.id).sort((a, b) => (a as number) - (b as number))).toEqual([...Array(40).keys()]);
  });

  it("limits and offsets", async () => {
    const ordered = people().orderBy("id");
    expect((await ordered.limit(2).collect()).map((r) => r.id)).toEqual([1, 2]);
    expect((await ordered.offset(2).limit(3).collect()).map((r) => r.id)).toEqual([3, 4, 5]);
    expect((await ordered.offset(5).collect()).map((r) => r.id)).toEqual([6]);
  });

  it("removes duplicates", async () => {
    const twice = people().union(people());
    await expectRows(
      twice.distinct(),
      PEOPLE.map((p) => ({ ...p })),
    );
    await expectRows(
      twice.dropDuplicates(),
      PEOPLE.map((p) => ({ ...p })),
    );
    const oneEach = await twice.dropDuplicates(["dept"]).collect();
    expect(oneEach.map((r) => String(r.dept)).sort()).toEqual([...new Set(PEOPLE.map((p) => String(p.dept)))].sort());
    for (const row of oneEach) expect(PEOPLE).toContainEqual(row);
  });

  it("unions by position and by name", async () => {
    const a = spark.createDataFrame([{ x: 1, y: "a" }], "x int, y string");
    const b = spark.createDataFrame([{ y: "b", x: 2 }], "y string, x int");
    const c = spark.createDataFrame([{ y: "c", z: true }], "y string, z boolean");
    await expectRows(a.unionByName(b), [
      { x: 1, y: "a" },
      { x: 2, y: "b" },
    ]);
    await expectRows(a.union(b.select("x", "y")), [
      { x: 1, y: "a" },
      { x: 2, y: "b" },
    ]);
    await expectRows(a.unionAll(a), [
      { x: 1, y: "a" },
      { x: 1, y: "a" },
    ]);
    await expectRows(a.unionByName(c, true), [
      { x: 1, y: "a", z: null },
      { x: null, y: "c", z: true },
    ]);
    await expect(a.unionByName(c).collect()).rejects.toThrow();
  });

  it("intersects and subtracts with and without duplicates", async () => {
    const A = [1, 1, 2, 3, 3, 3];
    const B = [1, 3, 3, 4];
    const a = spark.createDataFrame(
      A.map((v) => ({ v })),
      "v int",
    );
    const b = spark.createDataFrame(
      B.map((v) => ({ v })),
      "v int",
    );
    const sortedValues = async (df: DataFrame): Promise<number[]> => (await df.collect()).map((r) => r.v as number).sort((x, y) => x - y);
    expect(await sortedValues(a.intersect(b))).toEqual([...new Set(A.filter((v) => B.includes(v)))].sort());
    expect(await sortedValues(a.subtract(b))).toEqual([...new Set(A.filter((v) => !B.includes(v)))].sort());
    const rest = [...B];
    const exceptAll = A.filter((v) => {
      const i = rest.indexOf(v);
      if (i === -1) return true;
      rest.splice(i, 1);
      return false;
    });
    expect(await sortedValues(a.exceptAll(b))).toEqual(exceptAll.sort((x, y) => x - y));
    const unmatched = [...B];
    const intersectAll = A.filter((v) => {
      const i = unmatched.indexOf(v);
      if (i !== -1) unmatched.splice(i, 1);
      return i !== -1;
    });
    expect(await sortedValues(a.intersectAll(b))).toEqual(intersectAll.sort((x, y) => x - y));
  });
});

describe("partitioning and sampling", () => {
  const partitionsOf = async (df: DataFrame): Promise<Map<number, number[]>> => {
    const rows = await df.select(col("id"), sparkPartitionId().alias("p")).collect();
    const parts = new Map<number, number[]>();
    for (const r of rows) parts.set(r.p as number, [...(parts.get(r.p as number) ?? []), r.id as number]);
    return parts;
  };

  it("repartitions round-robin, by hash and by range, and coalesces", async () => {
    const base = spark.range(0, 100, 1, 2);
    expect((await partitionsOf(base.repartition(5))).size).toBe(5);

    const byKey = await partitionsOf(base.withColumn("k", col("id").mod(7)).repartition(3, "k").drop("k"));
    expect(byKey.size).toBeLessThanOrEqual(3);
    // Hash partitioning: every key lives in one partition only.
    const partitionOfKey = new Map<number, number>();
    for (const [p, ids] of byKey) {
      for (const id of ids) {
        expect(partitionOfKey.get(id % 7) ?? p).toBe(p);
        partitionOfKey.set(id % 7, p);
      }
    }

    // Range partitioning: partitions hold disjoint, ordered id ranges.
    const byRange = [...(await partitionsOf(base.repartitionByRange(4, "id"))).entries()].sort(([a], [b]) => a - b).map(([, ids]) => ids);
    expect(byRange).toHaveLength(4);
    for (let i = 1; i < byRange.length; i++) expect(Math.min(...(byRange[i] ?? []))).toBeGreaterThan(Math.max(...(byRange[i - 1] ?? [])));

    expect((await partitionsOf(base.repartition(6).coalesce(2))).size).toBe(2);
    expect(() => base.repartition(undefined)).toThrow();
  });

  it("samples deterministically with a seed", async () => {
    const base = spark.range(0, 2000);
    const ids = async (df: DataFrame): Promise<unknown[]> => (await df.collect()).map((r) => r.id);
    const first = await ids(base.sample(0.3, 42));
    expect(await ids(base.sample(0.3, 42))).toEqual(first);
    // Bernoulli sampling: about 600 of 2000 (6 standard deviations either side).
    expect(first.length).toBeGreaterThan(600 - 6 * Math.sqrt(2000 * 0.3 * 0.7));
    expect(first.length).toBeLessThan(600 + 6 * Math.sqrt(2000 * 0.3 * 0.7));
    expect(new Set(first).size).toBe(first.length);
    expect(await base.sample(0, 1).count()).toBe(0);
    expect(await base.sample(1, 1).count()).toBe(2000);
    expect(() => base.sample(1.5)).toThrow(RangeError);
    expect(() => base.sample(-0.1)).toThrow(RangeError);
  });
});

describe("random splits", () => {
  it("splits into disjoint parts that hold every row, the same on every evaluation, sized about as weighted", async () => {
    const n = 2_000;
    const weights = [1, 3, 6];
    const splits = spark.range(0, n, 1, 4).randomSplit(weights, 11);
    const ids = async (df: DataFrame): Promise<number[]> => (await df.collect<{ id: number }>()).map((r) => r.id).sort((x, y) => x - y);
    const parts = await Promise.all(splits.map(ids));
    expect(parts.flat().sort((x, y) => x - y)).toEqual([...Array(n).keys()]);
    expect(await ids(splits[1] as DataFrame)).toEqual(parts[1]);
    // Each size is binomial(n, w / Σw): well within five standard deviations of its mean.
    const total = weights.reduce((a, b) => a + b, 0);
    parts.forEach((part, i) => {
      const p = (weights[i] as number) / total;
      expect(Math.abs(part.length - n * p)).toBeLessThan(5 * Math.sqrt(n * p * (1 - p)));
    });
  });
});

describe("metadata and caching", () => {
  it("gives the typed schema, columns and dtypes", async () => {
    const schema = await people().withColumn("big", col("id").cast("bigint")).schema();
    expect(schema).toBeInstanceOf(StructType);
    expect(schema.names).toEqual(["id", "name", "dept", "salary", "big"]);
    expect(schema.field("id").dataType).toBeInstanceOf(IntegerType);
    expect(schema.field("name").dataType).toBeInstanceOf(StringType);
    expect(schema.field("big").dataType).toBeInstanceOf(LongType);
    expect(
      await spark
        .range(1)
        .schema()
        .then((s) => s.field("id").nullable),
    ).toBe(false);
    expect(await people().dtypes()).toEqual([
      ["id", "int"],
      ["name", "string"],
      ["dept", "string"],
      ["salary", "int"],
    ]);
  });

  it("explains in all five modes", async () => {
    const df = spark.range(0, 10).filter(col("id").gt(3)).groupBy().count();
    const simple = await df.explain();
    expect(simple).toContain("== Physical Plan ==");
    expect(simple).not.toContain("== Parsed Logical Plan ==");
    const normalize = (plan: string): string => plan.replace(/#\d+/g, "#").replace(/plan_id=\d+/g, "plan_id=");
    expect(normalize(await df.explain("simple"))).toBe(normalize(simple));
    const extended = await df.explain("extended");
    for (const section of ["== Parsed Logical Plan ==", "== Analyzed Logical Plan ==", "== Optimized Logical Plan ==", "== Physical Plan =="])
      expect(extended).toContain(section);
    expect(await df.explain("codegen")).toMatch(/WholeStageCodegen subtrees/);
    expect(await df.explain("cost")).toMatch(/Statistics\(sizeInBytes=/);
    expect(await df.explain("formatted")).toMatch(/\(1\) Range/);
  });

  it("persists, reports and unpersists storage levels", async () => {
    // A plan of its own, so that no other test shares this cache entry.
    const df = spark.range(0, 1234).selectExpr("id * 7 AS cache_probe");
    expect((await df.storageLevel()).equals(StorageLevel.NONE)).toBe(true);
    await df.persist(StorageLevel.DISK_ONLY);
    expect((await df.storageLevel()).equals(StorageLevel.DISK_ONLY)).toBe(true);
    expect(await df.count()).toBe(1234);
    await df.unpersist(true);
    expect((await df.storageLevel()).equals(StorageLevel.NONE)).toBe(true);
    await df.cache();
    expect((await df.storageLevel()).equals(StorageLevel.MEMORY_AND_DISK)).toBe(true);
    await df.unpersist(true);
    await df.persist(StorageLevel.MEMORY_AND_DISK_DESER);
    expect((await df.storageLevel()).equals(StorageLevel.MEMORY_AND_DISK_DESER)).toBe(true);
    await df.unpersist(true);
  });
});

describe("actions", () => {
  it("counts, collects and takes", async () => {
    expect(await people().count()).toBe(PEOPLE.length);
    expect(await people().filter("salary > 1000").count()).toBe(0);
    const ordered = people().orderBy("id");
    expect(await ordered.collect()).toEqual(PEOPLE.map((p) => ({ ...p })));
    expect(await ordered.first()).toEqual({ ...PEOPLE[0] });
    expect(await ordered.head()).toEqual([{ ...PEOPLE[0] }]);
    expect(await ordered.head(2)).toEqual(PEOPLE.slice(0, 2).map((p) => ({ ...p })));
    expect(await ordered.take(3)).toEqual(PEOPLE.slice(0, 3).map((p) => ({ ...p })));
    expect(await ordered.filter("id < 0").first()).toBeUndefined();
    expect(await people().isEmpty()).toBe(false);
    expect(await people().filter("id < 0").isEmpty()).toBe(true);
  });

  it("types rows as the caller declares, and takes the last rows with tail", async () => {
    const ordered = people().orderBy("id");
    const persons: Person[] = await ordered.collect<Person>();
    expect(persons.map((p) => p.name)).toEqual(PEOPLE.map((p) => p.name));
    const [top] = await ordered.take<Person>(1);
    expect(top?.salary).toBe(PEOPLE[0]?.salary);
    expect((await ordered.first<Person>())?.id).toBe(PEOPLE[0]?.id);
    expect(await ordered.tail<Person>(2)).toEqual(PEOPLE.slice(-2).map((p) => ({ ...p })));
    expect(await ordered.tail(0)).toEqual([]);
  });

  /** Spark's `show` layout: right-aligned cells, 20-char truncation, NULL for null (3.5). */
  function showText(columns: readonly string[], rows: readonly (readonly (string | number | null)[])[], shown: number): string {
    const cell = (v: string | number | null): string => {
      const text = v === null ? "NULL" : String(v);
      return text.length > 20 ? `${text.slice(0, 17)}...` : text;
    };
    const body = rows.slice(0, shown).map((r) => r.map(cell));
    const widths = columns.map((c, i) => Math.max(3, c.length, ...body.map((r) => (r[i] ?? "").length)));
    const line = (cells: readonly string[]): string => `|${cells.map((c, i) => c.padStart(widths[i] ?? 0)).join("|")}|\n`;
    const rule = `+${widths.map((w) => "-".repeat(w)).join("+")}+\n`;
    const footer = rows.length > shown ? `only showing top ${String(shown)} row${shown === 1 ? "" : "s"}\n` : "";
    return rule + line(columns) + rule + body.map(line).join("") + rule + footer;
  }

  it("shows the ASCII table Spark prints", async () => {
    const data = [
      { a: 1, b: "x" },
      { a: 22, b: null },
      { a: 333, b: "a fairly long string, longer than twenty" },
    ];
    const df = spark.createDataFrame(data, "a int, b string").orderBy("a");
    const rows = data.map((r) => [r.a, r.b] as const);
    expect(await df.showString()).toBe(showText(["a", "b"], rows, 20));
    expect(await df.showString(2)).toBe(showText(["a", "b"], rows, 2));
    expect(await df.showString(1)).toBe(showText(["a", "b"], rows, 1));
    expect(await df.showString(20, false)).toContain(`|${data[2]?.b ?? ""}|`);
  });

  it("show prints that table to stdout as PySpark's print does, and resolves to it", async () => {
    const df = spark
      .createDataFrame(
        [
          { a: 1, b: "x" },
          { a: 2, b: "y" },
        ],
        "a int, b string",
      )
      .orderBy("a");
    const written: string[] = [];
    const spy = vi.spyOn(process.stdout, "write").mockImplementation((chunk: string | Uint8Array) => {
      written.push(String(chunk));
      return true;
    });
    let text: string;
    try {
      text = await df.show(1);
    } finally {
      spy.mockRestore();
    }
    const expected = showText(
      ["a", "b"],
      [
        [1, "x"],
        [2, "y"],
      ],
      1,
    );
    expect(written.join("")).toBe(`${expected}\n`);
    expect(text).toBe(expected);
  });

  it("returns the result as an Arrow table", async () => {
    const table = await spark.range(0, 1000).selectExpr("id", "cast(id % 3 AS string) AS m").toArrow();
    expect(table).toBeInstanceOf(Table);
    expect(table.numRows).toBe(1000);
    expect(table.schema.fields.map((f) => f.name)).toEqual(["id", "m"]);
    const ids = [...(table.getChild("id")?.toArray() as BigInt64Array)].map(Number);
    expect(ids).toEqual([...Array(1000).keys()]);
    expect(table.getChild("m")?.get(5)).toBe(String(5 % 3));
  });

  it("keeps the schema of an empty result in Arrow", async () => {
    const table = await spark.range(0, 10).selectExpr("id", "'x' AS s").filter("id < 0").toArrow();
    expect(table.numRows).toBe(0);
    expect(table.schema.fields.map((f) => f.name)).toEqual(["id", "s"]);
  });

  it("iterates rows and batches as they arrive", async () => {
    const n = 30_000;
    let rows = 0;
    let idSum = 0;
    for await (const row of spark.range(0, n, 1, 3)) {
      rows += 1;
      idSum += row.id as number;
    }
    expect(rows).toBe(n);
    expect(idSum).toBe((n * (n - 1)) / 2);

    let batchRows = 0;
    let batches = 0;
    for await (const batch of spark.range(0, n, 1, 3).batches()) {
      batches += 1;
      batchRows += batch.numRows;
    }
    expect(batchRows).toBe(n);
    expect(batches).toBeGreaterThanOrEqual(3); // one per partition at least

    // Stopping early ends the operation; the session goes on.
    const firstTen: unknown[] = [];
    for await (const row of spark.range(0, 1_000_000, 1, 2).toLocalIterator()) {
      firstTen.push(row.id);
      if (firstTen.length === 10) break;
    }
    expect(firstTen).toHaveLength(10);
    expect(await spark.range(5).count()).toBe(5);
  });

  it("queries a temp view with SQL", async () => {
    await people().createOrReplaceTempView("df_people");
    const rows = await (await spark.sql("SELECT dept, sum(salary) AS s FROM df_people WHERE dept IS NOT NULL GROUP BY dept")).collect();
    const expected = [
      ...groupBy(
        PEOPLE.filter((p) => p.dept !== null),
        (p) => String(p.dept),
      ).values(),
    ].map((ps) => ({ dept: ps[0]?.dept, s: total(ps.map((p) => p.salary)) }));
    expect(sorted(rows)).toEqual(sorted(expected));
    await spark.createDataFrame([{ id: 9 }], "id int").createOrReplaceTempView("df_people");
    expect(await spark.table("df_people").collect()).toEqual([{ id: 9 }]);
  });

  it("observes metrics while an action runs", async () => {
    const observation = new Observation("df_obs");
    const observed = people()
      .filter("salary >= 70")
      .observe(observation, count(lit(1)).alias("rows"), sum("salary").alias("total"), max("id").alias("top"));
    expect(observation.hasValues).toBe(false);
    expect(() => observation.get()).toThrow(/no values/);
    const rows = await observed.collect();
    const kept = PEOPLE.filter((p) => p.salary >= 70);
    expect(rows).toHaveLength(kept.length);
    expect(observation.get()).toEqual({ rows: kept.length, total: total(kept.map((p) => p.salary)), top: Math.max(...kept.map((p) => p.id)) });
    expect(() => people().observe(new Observation(), sum("salary"))).toThrow(/alias/);
  });
});
