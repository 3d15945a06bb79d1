import { describe, expect, it } from "vitest";
import type { DataFrame } from "../../src/connect";
import { useSpark } from "../support/spark";

const spark = useSpark();

// ---- Input, and the PySpark rules applied to it in plain TS for every expectation ----

interface Person {
  id: number;
  name: string | null;
  age: number | null;
  score: number | null;
  flag: boolean | null;
}
const PEOPLE: Person[] = [
  { id: 1, name: "ann", age: null, score: 1.5, flag: null },
  { id: 2, name: null, age: 30, score: null, flag: true },
  { id: 3, name: "bob", age: 41, score: Number.NaN, flag: false },
  { id: 4, name: null, age: null, score: null, flag: null },
  { id: 5, name: "ann", age: 30, score: 2.5, flag: true },
];
const DDL = "id int, name string, age int, score double, flag boolean";
const people = (): DataFrame => spark.createDataFrame(PEOPLE, DDL);
type Key = keyof Person;
const ALL: readonly Key[] = ["id", "name", "age", "score", "flag"];
const NUMERIC: readonly Key[] = ["id", "age", "score"];

/** Spark's na functions count NaN as missing, as null. */
const missing = (v: unknown): boolean => v === null || (typeof v === "number" && Number.isNaN(v));

async function rows(df: DataFrame): Promise<Person[]> {
  return df.orderBy("id").collect<Person>();
}
function withValues(person: Person, values: Partial<Record<Key, unknown>>): Person {
  return { ...person, ...values } as Person;
}
/** The rows with the missing values (null, and NaN too: Spark's fill replaces both) of `cols` set to `value`. */
function filled(cols: readonly Key[], value: (key: Key) => unknown): Person[] {
  return PEOPLE.map((p) => withValues(p, Object.fromEntries(cols.filter((k) => missing(p[k])).map((k) => [k, value(k)]))));
}

describe("DataFrame.na.fill / fillna", () => {
  it("fills every numeric column with a number, cast to each column's type, NaN included", async () => {
    expect(await rows(people().na.fill(7))).toEqual(filled(NUMERIC, () => 7));
    // 0.5 in the int column `age` is cast to int (0), in `score` it stays 0.5.
    expect(await rows(people().fillna(0.5))).toEqual(filled(NUMERIC, (k) => (k === "score" ? 0.5 : Math.trunc(0.5))));
  });

  it("fills string columns with a string and boolean columns with a boolean, leaving the others", async () => {
    expect(await rows(people().fillna("?"))).toEqual(filled(["name"], () => "?"));
    expect(await rows(people().na.fill(false))).toEqual(filled(["flag"], () => false));
  });

  it("fills only the columns of subset, one name or several", async () => {
    expect(await rows(people().fillna(9, "age"))).toEqual(filled(["age"], () => 9));
    expect(await rows(people().fillna(9, ["age", "score"]))).toEqual(filled(["age", "score"], () => 9));
  });

  it("fills each column of a record with its own value", async () => {
    const values: Partial<Record<Key, unknown>> = { name: "nobody", age: 18, flag: true };
    expect(await rows(people().fillna({ name: "nobody", age: 18, flag: true }))).toEqual(filled(Object.keys(values) as Key[], (k) => values[k]));
  });
});

describe("DataFrame.na.drop / dropna", () => {
  const keep = (test: (present: number, considered: number) => boolean, cols: readonly Key[] = ALL): number[] =>
    PEOPLE.filter((p) => test(cols.filter((k) => !missing(p[k])).length, cols.length)).map((p) => p.id);
  const ids = async (df: DataFrame): Promise<number[]> => (await rows(df)).map((p) => p.id);

  it("drops rows with any missing value by default, and only all-missing ones with 'all'", async () => {
    expect(await ids(people().dropna())).toEqual(keep((present, n) => present === n));
    expect(await ids(people().na.drop("any"))).toEqual(keep((present, n) => present === n));
    // id is never null, so "all" over every column keeps every row; over the others it drops row 4.
    expect(await ids(people().na.drop("all"))).toEqual(keep((present) => present >= 1));
    const others: Key[] = ["name", "age", "score", "flag"];
    expect(await ids(people().dropna("all", undefined, others))).toEqual(keep((present) => present >= 1, others));
  });

  it("keeps rows with at least thresh present values, over a subset, in PySpark's keyword form too", async () => {
    expect(await ids(people().dropna("any", 4))).toEqual(keep((present) => present >= 4));
    expect(await ids(people().dropna({ thresh: 2, subset: ["age", "score"] }))).toEqual(keep((present) => present >= 2, ["age", "score"]));
    expect(await ids(people().na.drop({ subset: "name" }))).toEqual(keep((present, n) => present === n, ["name"]));
  });
});

describe("DataFrame.na.replace / replace", () => {
  it("replaces a value in the columns of its type, or in subset", async () => {
    const swap = (cols: readonly Key[], from: unknown, to: unknown): Person[] =>
      PEOPLE.map((p) => withValues(p, Object.fromEntries(cols.filter((k) => p[k] === from).map((k) => [k, to]))));
    expect(await rows(people().replace("ann", "anne"))).toEqual(swap(["name"], "ann", "anne"));
    expect(await rows(people().na.replace(30, 31))).toEqual(swap(NUMERIC, 30, 31));
    expect(await rows(people().replace(1.5, 9, "score"))).toEqual(swap(["score"], 1.5, 9));
    expect(await rows(people().replace(true, false))).toEqual(swap(["flag"], true, false));
    expect(await rows(people().replace("ann", null, ["name"]))).toEqual(swap(["name"], "ann", null));
  });

  it("replaces lists pairwise, a list by one value, and by a mapping without a value", async () => {
    const mapped = (table: ReadonlyMap<unknown, unknown>, cols: readonly Key[]): Person[] =>
      PEOPLE.map((p) => withValues(p, Object.fromEntries(cols.filter((k) => table.has(p[k])).map((k) => [k, table.get(p[k])]))));
    expect(await rows(people().replace(["ann", "bob"], ["A", "B"]))).toEqual(
      mapped(
        new Map([
          ["ann", "A"],
          ["bob", "B"],
        ]),
        ["name"],
      ),
    );
    expect(await rows(people().replace(["ann", "bob"], "X"))).toEqual(
      mapped(
        new Map([
          ["ann", "X"],
          ["bob", "X"],
        ]),
        ["name"],
      ),
    );
    expect(await rows(people().replace({ bob: "robert" }))).toEqual(mapped(new Map([["bob", "robert"]]), ["name"]));
    const numbers = new Map([
      [41, 14],
      [2.5, 25],
    ]);
    expect(await rows(people().replace(numbers, undefined, ["age", "score"]))).toEqual(mapped(numbers, ["age", "score"]));
  });
});
