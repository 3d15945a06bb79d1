import { afterEach, describe, expect, it, vi } from "vitest";
import type { DataFrame } from "../../src/connect";
import { useSpark } from "../support/spark";

const spark = useSpark();
afterEach(() => {
  vi.restoreAllMocks();
});

// ---- Input, and plain-TS statistics of it ----
// Values whose mean and standard deviation are exact in binary, so that their text is known.

interface Item {
  n: number | null;
  x: number;
  s: string | null;
}
const ITEMS: Item[] = [
  { n: 1, x: 2.5, s: "pear" },
  { n: 5, x: 0.5, s: null },
  { n: null, x: 2.5, s: "apple" },
  { n: 3, x: 2.5, s: "fig" },
];
const items = (): DataFrame => spark.createDataFrame(ITEMS, "n int, x double, s string");

const present = <T>(values: readonly (T | null)[]): T[] => values.filter((v): v is T => v !== null);
const mean = (xs: readonly number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;
const sampleStddev = (xs: readonly number[]): number => Math.sqrt(xs.reduce((a, x) => a + (x - mean(xs)) ** 2, 0) / (xs.length - 1));
/** A double as Spark casts it to a string (Java's Double.toString): integral values keep ".0". */
const javaDouble = (x: number): string => (Number.isInteger(x) ? x.toFixed(1) : String(x));
/** percentile_approx on a few rows: the smallest value with at least a fraction p of the values at or below it. */
const percentile = (xs: readonly number[], p: number): number => [...xs].sort((a, b) => a - b)[Math.ceil(p * xs.length) - 1] as number;
const lexMin = (xs: readonly string[]): string => [...xs].sort()[0] as string;
const lexMax = (xs: readonly string[]): string => [...xs].sort().at(-1) as string;

const ns = present(ITEMS.map((i) => i.n));
const xs = ITEMS.map((i) => i.x);
const ss = present(ITEMS.map((i) => i.s));

describe("describe and summary", () => {
  it("describes numeric and string columns: count, mean, stddev, min, max as strings", async () => {
    const rows = await items().describe("n", "s").collect();
    expect(rows).toEqual([
      { summary: "count", n: String(ns.length), s: String(ss.length) },
      { summary: "mean", n: javaDouble(mean(ns)), s: null },
      { summary: "stddev", n: javaDouble(sampleStddev(ns)), s: null },
      { summary: "min", n: String(Math.min(...ns)), s: lexMin(ss) },
      { summary: "max", n: String(Math.max(...ns)), s: lexMax(ss) },
    ]);
    expect(await items().describe().columns()).toEqual(["summary", "n", "x", "s"]);
  });

  it("summarises with the default statistics, approximate quartiles included", async () => {
    const rows = await items().select("n", "x").summary().collect();
    const stats = (values: readonly number[], asDouble: boolean): string[] => {
      const value = (v: number): string => (asDouble ? javaDouble(v) : String(v));
      return [
        String(values.length),
        javaDouble(mean(values)),
        javaDouble(sampleStddev(values)),
        value(Math.min(...values)),
        ...[0.25, 0.5, 0.75].map((p) => value(percentile(values, p))),
        value(Math.max(...values)),
      ];
    };
    const names = ["count", "mean", "stddev", "min", "25%", "50%", "75%", "max"];
    const [n, x] = [stats(ns, false), stats(xs, true)];
    expect(rows).toEqual(names.map((summary, i) => ({ summary, n: n[i], x: x[i] })));
  });

  it("summarises with chosen statistics, in the order given", async () => {
    const rows = await items().select("s").summary("count_distinct", "max", "count").collect();
    expect(rows).toEqual([
      { summary: "count_distinct", s: String(new Set(ss).size) },
      { summary: "max", s: lexMax(ss) },
      { summary: "count", s: String(ss.length) },
    ]);
  });
});

describe("schema tree", () => {
  const nested = (): DataFrame =>
    spark.createDataFrame(
      [{ id: 1n, tags: ["a"], address: { city: "Oslo", zip: 150 } }],
      "id bigint, tags array<string>, address struct<city: string, zip: int>",
    );
  // Spark's StructType.treeString, written out by hand for this schema.
  const tree = [
    "root",
    " |-- id: long (nullable = true)",
    " |-- tags: array (nullable = true)",
    " |    |-- element: string (containsNull = true)",
    " |-- address: struct (nullable = true)",
    " |    |-- city: string (nullable = true)",
    " |    |-- zip: integer (nullable = true)",
    "",
  ];

  it("renders the schema as Spark's tree, down to a level when given", async () => {
    expect(await nested().schemaTreeString()).toBe(tree.join("\n"));
    expect(await nested().schemaTreeString(1)).toBe(tree.filter((line) => !line.startsWith(" |    ")).join("\n"));
    expect(await spark.range(1).schemaTreeString()).toBe("root\n |-- id: long (nullable = false)\n");
  });

  it("printSchema prints the tree to stdout as PySpark's print does (a newline after it)", async () => {
    const written: string[] = [];
    vi.spyOn(process.stdout, "write").mockImplementation((chunk: string | Uint8Array) => {
      written.push(String(chunk));
      return true;
    });
    await nested().printSchema();
    expect(written.join("")).toBe(`${tree.join("\n")}\n`);
  });
});
