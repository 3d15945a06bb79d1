import { createHash } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { functionSpecs } from "../../src/connect/codegen/render-functions";
import { functions as F, TypedLiteral, Window, type Column, type DataFrame, type Row, type WindowSpec } from "../../src/connect";
import { useSpark } from "../support/spark";

const spark = useSpark();

/** One row of the given expressions, over a one-row DataFrame. */
async function one(df: DataFrame, ...columns: Column[]): Promise<Row> {
  const [row] = await df.select(...columns).collect();
  if (row === undefined) throw new Error("no row");
  return row;
}
const single = (): DataFrame => spark.range(1);

describe("the function table against the server", () => {
  it("names only functions Spark 3.5 has", async () => {
    const known = new Set((await (await spark.sql("SHOW FUNCTIONS")).collect<{ function: string }>()).map((r) => r.function));
    // Not in the SQL registry: the Spark Connect planner builds these itself (product is checked below).
    const connectOnly = ["product"];
    expect(
      functionSpecs()
        .filter((s) => !known.has(s.sqlName))
        .map((s) => s.sqlName),
    ).toEqual(connectOnly);
  });

  it("math: integral division, powers, remainders, rounding and trigonometry", async () => {
    const row = await one(
      single(),
      F.div(7, 2).alias("div"),
      F.div(-7, 2).alias("divNeg"),
      F.power(2, 10).alias("pow"),
      F.pmod(-7, 3).alias("pmod"),
      F.round(F.lit(2.5)).alias("round"),
      F.bround(F.lit(2.5)).alias("bround"),
      F.round(F.lit(1.2345), 2).alias("round2"),
      F.hypot(3, 4).alias("hypot"),
      F.cos(F.lit(0)).alias("cos"),
      F.atan2(1, 1).alias("atan2"),
      F.factorial(F.lit(5)).alias("factorial"),
      F.conv(F.lit("ff"), 16, 10).alias("conv"),
      F.pi().alias("pi"),
      F.e().alias("e"),
      F.sqrt(F.lit(16)).alias("sqrt"),
      F.widthBucket(F.lit(5.3), F.lit(0.2), F.lit(10.6), 5).alias("bucket"),
    );
    const factorial = (n: number): number => (n <= 1 ? 1 : n * factorial(n - 1));
    expect(row).toEqual({
      div: Math.trunc(7 / 2),
      divNeg: Math.trunc(-7 / 2),
      pow: 2 ** 10,
      pmod: ((-7 % 3) + 3) % 3,
      round: 3, // half up
      bround: 2, // half to even
      round2: 1.23,
      hypot: 5,
      cos: Math.cos(0),
      atan2: Math.atan2(1, 1),
      factorial: factorial(5),
      conv: (0xff).toString(10),
      pi: Math.PI,
      e: Math.E,
      sqrt: 4,
      bucket: Math.floor(((5.3 - 0.2) / (10.6 - 0.2)) * 5) + 1,
    });
  });

  it("bits: shifts, counts and NOT as in JS's 32-bit integer operators", async () => {
    const row = await one(
      single(),
      F.shiftrightunsigned(F.lit(-1), 28).alias("ushr"),
      F.shiftright(F.lit(-16), 2).alias("shr"),
      F.shiftleft(F.lit(1), 10).alias("shl"),
      F.bitCount(F.lit(255)).alias("bits"),
      F.bitwiseNot(F.lit(5)).alias("not"),
      F.bitGet(F.lit(5), 2).alias("bit2"),
    );
    expect(row).toEqual({ ushr: -1 >>> 28, shr: -16 >> 2, shl: 1 << 10, bits: 8, not: ~5, bit2: (5 >> 2) & 1 });
  });

  it("aggregates: exact percentile and median, mode, product, max_by, count_if, grouping_id in a rollup", async () => {
    const values = [4, 1, 3, 2, 3];
    const df = spark.createDataFrame(
      values.map((v, i) => ({ v, k: i % 2 === 0 ? "even" : "odd", i })),
      "v int, k string, i int",
    );
    const sorted = [...values].sort((a, b) => a - b);
    // Spark's percentile interpolates between the ranks around p·(n − 1).
    const percentile = (p: number): number => {
      const at = p * (sorted.length - 1);
      const lo = sorted[Math.floor(at)] as number;
      const hi = sorted[Math.ceil(at)] as number;
      return lo + (hi - lo) * (at - Math.floor(at));
    };
    const [row] = await df
      .agg(
        F.percentile("v", 0.25).alias("p25"),
        F.percentile("v", [0.5, 0.9]).alias("ps"),
        F.median("v").alias("median"),
        F.mode("v").alias("mode"),
        F.product("v").alias("product"),
        F.maxBy("i", "v").alias("iOfMax"),
        F.countIf(F.col("v").gt(2)).alias("above2"),
        F.percentile("v", F.lit(TypedLiteral.double(0.5))).alias("pTyped"),
      )
      .collect();
    expect(row).toEqual({
      p25: percentile(0.25),
      ps: [percentile(0.5), percentile(0.9)],
      median: percentile(0.5),
      mode: 3,
      product: values.reduce((a, b) => a * b, 1),
      iOfMax: values.indexOf(Math.max(...values)),
      above2: values.filter((v) => v > 2).length,
      pTyped: percentile(0.5),
    });

    const grouped = await df.rollup("k").agg(F.groupingId().alias("gid"), F.sum("v").alias("total")).orderBy("gid", "k").collect();
    const byKind = (k: string): number => values.filter((_, i) => (i % 2 === 0 ? "even" : "odd") === k).reduce((a, b) => a + b, 0);
    expect(grouped).toEqual([
      { k: "even", gid: 0, total: byKind("even") },
      { k: "odd", gid: 0, total: byKind("odd") },
      { k: null, gid: 1, total: values.reduce((a, b) => a + b, 0) },
    ]);
  });

  it("window: lag and lead with their defaults, nthValue and ntile over an ordered window", async () => {
    const ids = [1, 2, 3, 4, 5];
    const w = (): WindowSpec => Window.orderBy("id");
    const rows = await spark
      .range(1, 6)
      .select(
        F.col("id"),
        F.lag("id").over(w()).alias("prev"),
        F.lead("id", 2, -1).over(w()).alias("next2"),
        F.nthValue("id", 2).over(w().rowsBetween(-10, 10)).alias("second"),
        F.ntile(2).over(w()).alias("half"),
      )
      .orderBy("id")
      .collect();
    // ntile(2) over 5 rows: the first bucket takes the extra row.
    expect(rows).toEqual(
      ids.map((id, i) => ({ id, prev: ids[i - 1] ?? null, next2: ids[i + 2] ?? -1, second: ids[1], half: i < Math.ceil(ids.length / 2) ? 1 : 2 })),
    );
  });

  it("dates and times: epoch conversions, weekday, month arithmetic and the next weekday", async () => {
    const millis = Date.UTC(2024, 1, 29, 13, 45, 30, 123);
    const days = Math.floor(millis / 86_400_000);
    const row = await one(
      single(),
      F.timestampMillis(F.lit(millis)).alias("fromMillis"),
      F.unixMillis(F.timestampMillis(F.lit(millis))).alias("millis"),
      F.unixMicros(F.timestampMillis(F.lit(millis))).alias("micros"),
      F.dateFromUnixDate(F.lit(days)).alias("date"),
      F.unixDate(F.dateFromUnixDate(F.lit(days))).alias("days"),
      F.weekday(F.lit("2024-02-29").cast("date")).alias("weekday"),
      F.addMonths(F.lit("2024-01-31").cast("date"), 1).alias("addMonths"),
      F.lastDay(F.lit("2023-02-10").cast("date")).alias("lastDay"),
      F.nextDay(F.lit("2024-02-29").cast("date"), "Mon").alias("nextMonday"),
      F.makeDate(F.lit(2024), F.lit(3), F.lit(1)).alias("made"),
    );
    const isoDay = (t: number): string => new Date(t).toISOString().slice(0, 10);
    const leap = Date.UTC(2024, 1, 29);
    expect(row).toEqual({
      fromMillis: new Date(millis),
      millis,
      micros: millis * 1000,
      date: isoDay(millis),
      days,
      weekday: (new Date(leap).getUTCDay() + 6) % 7, // Monday 0
      addMonths: isoDay(Date.UTC(2024, 1, 29)), // Jan 31 + 1 month, clamped to February's end
      lastDay: isoDay(Date.UTC(2023, 2, 0)),
      nextMonday: isoDay(leap + ((8 - new Date(leap).getUTCDay()) % 7 || 7) * 86_400_000),
      made: "2024-03-01",
    });
  });

  it("strings: padding, positions, splitting, translation and edit distance", async () => {
    const levenshtein = (a: string, b: string): number => {
      let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
      for (let i = 1; i <= a.length; i++) {
        const cur = [i];
        for (let j = 1; j <= b.length; j++)
          cur[j] = Math.min((prev[j] as number) + 1, (cur[j - 1] as number) + 1, (prev[j - 1] as number) + (a[i - 1] === b[j - 1] ? 0 : 1));
        prev = cur;
      }
      return prev[b.length] as number;
    };
    const text = "www.apache.org";
    const df = spark.createDataFrame([{ s: text, a: "kitten", b: "sitting" }], "s string, a string, b string");
    const row = await one(
      df,
      F.rpad("a", 9, "*").alias("rpad"),
      F.instr("s", "apache").alias("instr"),
      F.locate("a", "s", 6).alias("locate"),
      F.substringIndex("s", ".", 2).alias("before2"),
      F.substringIndex("s", ".", -1).alias("afterLast"),
      F.translate("a", "kt", "KT").alias("translated"),
      F.initcap(F.lit("hello wide world")).alias("initcap"),
      F.repeat("a", 2).alias("repeat"),
      F.left("s", 3).alias("left"),
      F.right("s", 3).alias("right"),
      F.levenshtein("a", "b").alias("distance"),
      F.splitPart("s", F.lit("."), F.lit(2)).alias("part2"),
      F.reverse("a").alias("reversed"),
    );
    const parts = text.split(".");
    expect(row).toEqual({
      rpad: "kitten".padEnd(9, "*"),
      instr: text.indexOf("apache") + 1,
      locate: text.indexOf("a", 6 - 1) + 1,
      before2: parts.slice(0, 2).join("."),
      afterLast: parts.at(-1),
      translated: "kitten".replace(/k/g, "K").replace(/t/g, "T"),
      initcap: "Hello Wide World",
      repeat: "kitten".repeat(2),
      left: text.slice(0, 3),
      right: text.slice(-3),
      distance: levenshtein("kitten", "sitting"),
      part2: parts[1],
      reversed: Array.from("kitten").reverse().join(""),
    });
  });

  it("collections: get (0-based), elementAt (1-based), maps from entries, slices and sorts", async () => {
    const xs = [5, 3, 9, 1];
    const df = spark.createDataFrame([{ xs }], "xs array<int>");
    const row = await one(
      df,
      F.get("xs", 1).alias("get1"),
      F.get("xs", 10).alias("getOut"),
      F.elementAt("xs", -1).alias("last"),
      F.arrayPosition("xs", 9).alias("pos9"),
      F.slice("xs", 2, 2).alias("slice"),
      F.sortArray("xs", false).alias("desc"),
      F.arrayAppend("xs", 7).alias("appended"),
      F.arrayMax("xs").alias("max"),
      F.mapFromEntries(F.array(F.struct(F.lit("a").alias("k"), F.lit(1).alias("v")), F.struct(F.lit("b").alias("k"), F.lit(2).alias("v")))).alias("map"),
      F.arraysZip("xs", F.array(...xs.map((x) => F.lit(String(x))))).alias("zipped"),
    );
    expect(row).toEqual({
      get1: xs[1],
      getOut: null,
      last: xs.at(-1),
      pos9: xs.indexOf(9) + 1,
      slice: xs.slice(1, 3),
      desc: [...xs].sort((a, b) => b - a),
      appended: [...xs, 7],
      max: Math.max(...xs),
      map: new Map([
        ["a", 1],
        ["b", 2],
      ]),
      zipped: xs.map((x) => ({ xs: x, "1": String(x) })),
    });
  });

  it("JSON and CSV: to_csv with options, from_json, get_json_object, str_to_map", async () => {
    const df = spark.createDataFrame([{ id: 7, name: "a;b", json: '{"a": {"b": [10, 20]}, "c": "x"}' }], "id int, name string, json string");
    const row = await one(
      df,
      F.toCsv(F.struct("id", "name")).alias("csv"),
      F.toCsv(F.struct("id", "name"), new Map([["sep", "|"]])).alias("piped"),
      F.fromJson("json", "c string").alias("parsed"),
      F.getJsonObject("json", "$.a.b[1]").alias("b1"),
      F.strToMap(F.lit("x:1,y:2")).alias("map"),
    );
    expect(row).toEqual({
      csv: "7,a;b",
      piped: "7|a;b",
      parsed: { c: "x" },
      b1: "20",
      map: new Map([
        ["x", "1"],
        ["y", "2"],
      ]),
    });
  });

  it("hashes equal Node's digests", async () => {
    const row = await one(single(), F.md5(F.lit("abc")).alias("md5"), F.sha1(F.lit("abc")).alias("sha1"), F.sha2(F.lit("abc"), 256).alias("sha256"));
    const hex = (algorithm: string): string => createHash(algorithm).update("abc").digest("hex");
    expect(row).toEqual({ md5: hex("md5"), sha1: hex("sha1"), sha256: hex("sha256") });
  });

  it("sketches: HyperLogLog sketches estimate small distinct counts exactly, and unite", async () => {
    const left = [1, 2, 3, 4, 5, 5, 5];
    const right = [4, 5, 6, 7, 8];
    const df = spark.createDataFrame([...left.map((v) => ({ side: "l", v })), ...right.map((v) => ({ side: "r", v }))], "side string, v int");
    const sketches = df.groupBy("side").agg(F.hllSketchAgg("v", 12).alias("sketch"));
    const estimates = await sketches.select("side", F.hllSketchEstimate("sketch").alias("n")).orderBy("side").collect();
    expect(estimates).toEqual([
      { side: "l", n: new Set(left).size },
      { side: "r", n: new Set(right).size },
    ]);
    const [union] = await sketches.agg(F.hllSketchEstimate(F.hllUnionAgg("sketch")).alias("n")).collect();
    expect(union).toEqual({ n: new Set([...left, ...right]).size });
    const paired = sketches.groupBy().pivot(F.col("side"), ["l", "r"]).agg(F.first("sketch"));
    const [pairUnion] = await paired.select(F.hllSketchEstimate(F.hllUnion("l", "r")).alias("n")).collect();
    expect(pairUnion).toEqual({ n: new Set([...left, ...right]).size });
  });

  it("nulls and conditionals: nvl, nvl2, nullif, equalNull, and raiseError failing the query", async () => {
    const row = await one(
      single(),
      F.nvl(F.lit(null).cast("int"), F.lit(1)).alias("nvl"),
      F.nvl2(F.lit(null).cast("int"), F.lit("set"), F.lit("unset")).alias("nvl2"),
      F.nullif(F.lit(3), F.lit(3)).alias("nullif"),
      F.equalNull(F.lit(null), F.lit(null)).alias("bothNull"),
      F.ifnull(F.lit(2), F.lit(9)).alias("ifnull"),
    );
    expect(row).toEqual({ nvl: 1, nvl2: "unset", nullif: null, bothNull: true, ifnull: 2 });
    await expect(single().select(F.raiseError("stop here")).collect()).rejects.toThrow(/stop here/);
  });

  it("session and input information: the file a row came from, the database and the version", async () => {
    const dir = mkdtempSync(join(tmpdir(), "insights-functions-"));
    try {
      await spark.range(3).coalesce(1).write.parquet(join(dir, "ids"));
      const files = await spark.read.parquet(join(dir, "ids")).select(F.inputFileName().alias("file")).distinct().collect<{ file: string }>();
      expect(files).toHaveLength(1);
      // A file URI: file:/path or file:///path.
      const path = join(dir, "ids").replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
      expect(files[0]?.file).toMatch(new RegExp(`^file:(//)?${path}/part-[^/]*\\.parquet$`));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    const row = await one(single(), F.currentDatabase().alias("db"), F.version().alias("version"));
    expect(row.db).toBe("default");
    expect(row.version).toMatch(new RegExp(`^${(await spark.version()).replace(/\./g, "\\.")} `));
  });
});
