import { create, toJson } from "@bufbuild/protobuf";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { RelationSchema } from "../../src/connect/proto/gen/spark/connect/relations_pb";
import type { DataFrame, SparkSession } from "../../src/connect";
import { offlineSession } from "../support/plan-session";

/** The plan as its proto3 JSON: int64 as strings, enums by name, oneofs by their case. */
function plan(df: DataFrame): Record<string, unknown> {
  return toJson(RelationSchema, create(RelationSchema, df.relation)) as Record<string, unknown>;
}
/** The plan of `df` without its input and plan id: the node `df` added. */
function node(df: DataFrame): unknown {
  const [kind, body] = Object.entries(plan(df)).find(([key]) => key !== "common") as [string, Record<string, unknown>];
  return { [kind]: Object.fromEntries(Object.entries(body).filter(([key]) => key !== "input")) };
}
const range0 = { common: { planId: "0" }, range: { start: "0", end: "3", step: "1" } };

let spark: SparkSession;
beforeEach(() => {
  spark = offlineSession();
});
afterEach(() => {
  spark.stop();
});

describe("null handling relations", () => {
  it("fill sends integral numbers as longs, others as doubles, with the subset or a record's columns", () => {
    const df = spark.range(3);
    expect(node(df.na.fill(0))).toEqual({ fillNa: { values: [{ long: "0" }] } });
    expect(node(df.fillna(0.25, "a"))).toEqual({ fillNa: { cols: ["a"], values: [{ double: 0.25 }] } });
    expect(node(df.fillna(2n ** 40n, ["a", "b"]))).toEqual({ fillNa: { cols: ["a", "b"], values: [{ long: String(2 ** 40) }] } });
    expect(node(df.fillna({ a: "x", b: true }))).toEqual({ fillNa: { cols: ["a", "b"], values: [{ string: "x" }, { boolean: true }] } });
    expect(() => df.fillna({})).toThrow("fill needs at least one value");
  });

  it("drop encodes how and thresh as the minimum of non-null values", () => {
    const df = spark.range(3);
    expect(node(df.dropna())).toEqual({ dropNa: {} });
    expect(node(df.na.drop("all"))).toEqual({ dropNa: { minNonNulls: 1 } });
    expect(node(df.dropna("all", 3, ["a"]))).toEqual({ dropNa: { cols: ["a"], minNonNulls: 3 } });
    expect(node(df.dropna({ thresh: 2, subset: "b" }))).toEqual({ dropNa: { cols: ["b"], minNonNulls: 2 } });
    expect(() => df.dropna("any", 1.5)).toThrow("thresh must be an integer");
  });

  it("replace sends numbers as doubles, pairs lists, and refuses mixed types", () => {
    const df = spark.range(3);
    const pair = (oldValue: object, newValue: object): object => ({ oldValue, newValue });
    expect(node(df.replace(1, 2))).toEqual({ replace: { replacements: [pair({ double: 1 }, { double: 2 })] } });
    expect(node(df.replace(["a", "b"], "c", "s"))).toEqual({
      replace: { cols: ["s"], replacements: [pair({ string: "a" }, { string: "c" }), pair({ string: "b" }, { string: "c" })] },
    });
    expect(node(df.na.replace({ x: null }))).toEqual({ replace: { replacements: [pair({ string: "x" }, { null: { null: {} } })] } });
    expect(node(df.replace(new Map([[true, false]])))).toEqual({ replace: { replacements: [pair({ boolean: true }, { boolean: false })] } });
    expect(() => df.replace(["a", "b"], ["c"])).toThrow("same length, got 2 and 1");
    expect(() => df.replace("a")).toThrow("replace needs a value");
    expect(() => df.replace({ a: 1 })).toThrow("Mixed type replacements");
  });
});

describe("statistics, set operations and other relations", () => {
  it("describe and summary carry their columns and statistics", () => {
    expect(node(spark.range(3).describe("a", "b"))).toEqual({ describe: { cols: ["a", "b"] } });
    expect(node(spark.range(3).summary())).toEqual({ summary: {} });
    expect(node(spark.range(3).summary("count", "25%"))).toEqual({ summary: { statistics: ["count", "25%"] } });
  });

  it("set operations set their type and ALL", () => {
    const a = spark.range(3);
    const b = spark.range(3);
    const setOp = (type: string, isAll: boolean): object => ({
      setOp: { leftInput: range0, rightInput: { ...range0, common: { planId: "1" } }, setOpType: type, isAll, byName: false },
    });
    expect(plan(a.unionAll(b))).toMatchObject(setOp("SET_OP_TYPE_UNION", true));
    expect(plan(a.intersect(b))).toMatchObject(setOp("SET_OP_TYPE_INTERSECT", false));
    expect(plan(a.intersectAll(b))).toMatchObject(setOp("SET_OP_TYPE_INTERSECT", true));
    expect(plan(a.exceptAll(b))).toMatchObject(setOp("SET_OP_TYPE_EXCEPT", true));
    expect(plan(a.subtract(b))).toMatchObject(setOp("SET_OP_TYPE_EXCEPT", false));
  });

  it("randomSplit samples consecutive slices of [0, 1) with one seed and a deterministic order", () => {
    const splits = spark.range(3).randomSplit([1, 2, 1], 7);
    const bounds = [0, 0.25, 0.75, 1];
    // proto3 JSON leaves out a double that is 0.
    const slice = (i: number): object => ({ ...(bounds[i] !== 0 && { lowerBound: bounds[i] }), upperBound: bounds[i + 1] });
    expect(splits.map(node)).toEqual(splits.map((_, i) => ({ sample: { ...slice(i), withReplacement: false, seed: "7", deterministicOrder: true } })));
    expect(() => spark.range(3).randomSplit([1, -1])).toThrow("non-negative");
    expect(() => spark.range(3).randomSplit([0, 0])).toThrow("sum to more than 0");
  });

  it("withWatermark names the event time column and the delay", () => {
    expect(node(spark.range(3).withWatermark("ts", "10 minutes"))).toEqual({ withWatermark: { eventTime: "ts", delayThreshold: "10 minutes" } });
    expect(() => spark.range(3).withWatermark("ts", "")).toThrow("delay threshold");
  });

  it("transform calls its function with the DataFrame and the arguments", () => {
    const limited = spark.range(3).transform((df, n: number, name: string) => df.limit(n).alias(name), 2, "t");
    expect(plan(limited)).toEqual({
      common: { planId: "2" },
      subqueryAlias: { input: { common: { planId: "1" }, limit: { input: range0, limit: 2 } }, alias: "t" },
    });
  });
});
