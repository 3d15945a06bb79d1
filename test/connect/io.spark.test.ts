import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { Int32, Table, tableFromArrays, Utf8, vectorFromArray } from "apache-arrow";
import { afterAll, describe, expect, it } from "vitest";
import type { Row } from "../../src/connect/arrow/decode";
import { SparkError } from "../../src/connect/client/errors";
import type { DataFrame } from "../../src/connect/sql/dataframe";
import { count, sum } from "../../src/connect/sql/functions";
import { BooleanType, DoubleType, IntegerType, LongType, StringType, StructField, StructType } from "../../src/connect/sql/types";
import { useSpark, useTempDir } from "../support/spark";

const spark = useSpark();
const dir = useTempDir("insights-io-");
// Tables get a per-run suffix: the warehouse outlives the test run.
const suffix = Math.random().toString(36).slice(2, 8);
const tables: string[] = [];

afterAll(async () => {
  for (const table of tables) await spark.sql(`DROP TABLE IF EXISTS ${table}`);
});

interface Event {
  id: number;
  user: string;
  dept: string | null;
  score: number;
}
const EVENTS: Event[] = [
  { id: 1, user: "ann", dept: "eng", score: 1.5 },
  { id: 2, user: "bob", dept: "ops", score: -2 },
  { id: 3, user: "cid, jr", dept: "eng", score: 0.25 },
  { id: 4, user: "dee", dept: null, score: 10 },
];
const EVENTS_DDL = "id int, user string, dept string, score double";
const events = (): DataFrame => spark.createDataFrame(EVENTS, EVENTS_DDL);

function canon(row: Row): string {
  return JSON.stringify(
    Object.keys(row)
      .sort()
      .map((k) => [k, row[k]]),
  );
}
async function expectRows(df: DataFrame, expected: readonly Row[]): Promise<void> {
  const order = (rows: readonly Row[]): string[] => rows.map(canon).sort();
  expect(order(await df.collect())).toEqual(order(expected));
}
const path = (name: string): string => join(dir, name);
/** Lines of all part files Spark wrote under `folder`. */
function partLines(folder: string): string[] {
  return readdirSync(folder)
    .filter((f) => f.startsWith("part-"))
    .flatMap((f) => readFileSync(join(folder, f), "utf8").split("\n"))
    .filter((line) => line !== "");
}

describe("reading files written by the test", () => {
  it("reads CSV with header, separator, quotes and a DDL schema", async () => {
    const file = path("in.csv");
    const quote = (v: string): string => (v.includes(";") ? `"${v}"` : v);
    writeFileSync(file, ["id;user;dept;score", ...EVENTS.map((e) => [e.id, quote(e.user), e.dept ?? "", e.score].join(";"))].join("\n") + "\n");
    const df = spark.read.schema(EVENTS_DDL).options({ header: true, sep: ";" }).csv(file);
    expect((await df.schema()).fields.map((f) => [f.name, f.dataType.constructor])).toEqual([
      ["id", IntegerType],
      ["user", StringType],
      ["dept", StringType],
      ["score", DoubleType],
    ]);
    await expectRows(
      df,
      EVENTS.map((e) => ({ ...e })),
    );
    // Inference instead of a schema: a pass over the data, ints become int, decimals double.
    const inferred = spark.read.option("header", "true").option("sep", ";").option("inferSchema", true).csv(file);
    expect(await inferred.dtypes()).toEqual([
      ["id", "int"],
      ["user", "string"],
      ["dept", "string"],
      ["score", "double"],
    ]);
  });

  it("reads JSON lines with a StructType schema", async () => {
    const file = path("in.json");
    writeFileSync(file, EVENTS.map((e) => JSON.stringify(e)).join("\n") + "\n");
    const schema = new StructType([
      new StructField("id", new LongType()),
      new StructField("user", new StringType()),
      new StructField("dept", new StringType()),
      new StructField("score", new DoubleType()),
    ]);
    await expectRows(
      spark.read.schema(schema).json(file),
      EVENTS.map((e) => ({ ...e })),
    );
    await expectRows(
      spark.read.format("json").schema("user string").load(file),
      EVENTS.map((e) => ({ user: e.user })),
    );
  });

  it("reads plain text", async () => {
    const file = path("in.txt");
    const lines = ["first line", "", "third, with a comma"];
    writeFileSync(file, lines.join("\n") + "\n");
    await expectRows(
      spark.read.text(file),
      lines.map((value) => ({ value })),
    );
  });
});

describe("createDataFrame", () => {
  it("infers types from JS values without a schema", async () => {
    const rows = [
      { n: 1, x: 0.5, s: "a", b: true },
      { n: 2, x: 2, s: null, b: false },
    ];
    const df = spark.createDataFrame(rows);
    const schema = await df.schema();
    expect(schema.fields.map((f) => f.dataType.constructor)).toEqual([LongType, DoubleType, StringType, BooleanType]);
    await expectRows(df, rows);
  });

  it("takes an apache-arrow Table as is", async () => {
    const table = new Table({ a: vectorFromArray([3, 1, 2], new Int32()), b: vectorFromArray(["c", null, "b"], new Utf8()) });
    const df = spark.createDataFrame(table);
    expect(await df.dtypes()).toEqual([
      ["a", "int"],
      ["b", "string"],
    ]);
    expect(await df.orderBy("a").collect()).toEqual([
      { a: 1, b: null },
      { a: 2, b: "b" },
      { a: 3, b: "c" },
    ]);
    const values = [0.5, 1.5, -4.25];
    const floats = tableFromArrays({ f: new Float64Array(values) });
    expect(await spark.createDataFrame(floats).agg(sum("f").alias("total"), count("*").alias("n")).collect()).toEqual([
      { total: values.reduce((a, b) => a + b, 0), n: values.length },
    ]);
  });
});

describe("DataFrameWriter", () => {
  it("writes and reads back Parquet, honouring save modes", async () => {
    const target = path("events.parquet");
    await events().write.parquet(target);
    await expectRows(
      spark.read.parquet(target),
      EVENTS.map((e) => ({ ...e })),
    );

    // error (the default) and errorifexists refuse an existing path.
    const refused = await events()
      .write.mode("error")
      .parquet(target)
      .then(
        () => undefined,
        (e: unknown) => e,
      );
    expect(refused).toBeInstanceOf(SparkError);
    expect((refused as SparkError).errorClass).toBe("PATH_ALREADY_EXISTS");

    await events().write.mode("append").parquet(target);
    expect(await spark.read.parquet(target).count()).toBe(2 * EVENTS.length);

    // ignore leaves the existing data alone.
    await events().limit(1).write.mode("ignore").parquet(target);
    expect(await spark.read.parquet(target).count()).toBe(2 * EVENTS.length);

    await events().filter("id <= 2").write.mode("overwrite").parquet(target);
    await expectRows(
      spark.read.parquet(target),
      EVENTS.filter((e) => e.id <= 2).map((e) => ({ ...e })),
    );
    expect(() => events().write.mode("sometimes" as "append")).toThrow(/Unknown save mode/);
  });

  it("lays out partitionBy folders on disk and reads them back", async () => {
    const target = path("by-dept");
    await events().write.partitionBy("dept").format("json").save(target);
    const folders = readdirSync(target)
      .filter((f) => f.includes("="))
      .sort();
    const expected = [...new Set(EVENTS.map((e) => `dept=${e.dept ?? "__HIVE_DEFAULT_PARTITION__"}`))].sort();
    expect(folders).toEqual(expected);
    // Each folder holds exactly its department's rows, without the partition column.
    const engRows = partLines(join(target, "dept=eng")).map((line) => JSON.parse(line) as Row);
    expect(engRows.map((r) => r.id).sort()).toEqual(EVENTS.filter((e) => e.dept === "eng").map((e) => e.id));
    expect(engRows.every((r) => !("dept" in r))).toBe(true);

    const back = spark.read.schema(EVENTS_DDL).json(target);
    await expectRows(
      back,
      EVENTS.map((e) => ({ ...e })),
    );
  });

  it("passes writer options to the source", async () => {
    const target = path("out-csv");
    await events().orderBy("id").coalesce(1).write.options({ header: true, sep: "|" }).option("nullValue", "-").csv(target);
    const expected = [
      "id|user|dept|score",
      ...EVENTS.map((e) => [e.id, e.user, e.dept ?? "-", e.score === Math.trunc(e.score) ? e.score.toFixed(1) : e.score].join("|")),
    ];
    expect(partLines(target)).toEqual(expected);
  });

  it("saves bucketed, sorted tables and inserts into them", async () => {
    const table = `io_bucketed_${suffix}`;
    tables.push(table);
    await events().write.format("parquet").bucketBy(3, "id").sortBy("id").saveAsTable(table);
    await expectRows(
      spark.table(table),
      EVENTS.map((e) => ({ ...e })),
    );
    const ddl = (await (await spark.sql(`SHOW CREATE TABLE ${table}`)).collect())[0]?.createtab_stmt;
    expect(ddl).toMatch(/CLUSTERED BY \(id\)\s+SORTED BY \(id\)\s+INTO 3 BUCKETS/);

    await events().filter("id = 1").write.insertInto(table);
    expect(await spark.table(table).filter("id = 1").count()).toBe(2);
    await events().write.insertInto(table, true);
    expect(await spark.read.table(table).count()).toBe(EVENTS.length);

    const partitioned = `io_partitioned_${suffix}`;
    tables.push(partitioned);
    await events().write.partitionBy("dept").mode("overwrite").saveAsTable(partitioned);
    const partitions = (await (await spark.sql(`SHOW PARTITIONS ${partitioned}`)).collect()).map((r) => r.partition);
    expect(partitions.sort()).toEqual([...new Set(EVENTS.map((e) => `dept=${e.dept ?? "__HIVE_DEFAULT_PARTITION__"}`))].sort());
  });
});
