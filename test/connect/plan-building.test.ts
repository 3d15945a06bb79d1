import { create, toJson } from "@bufbuild/protobuf";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ExpressionSchema } from "../../src/connect/proto/gen/spark/connect/expressions_pb";
import { RelationSchema } from "../../src/connect/proto/gen/spark/connect/relations_pb";
import type { Column } from "../../src/connect/sql/column";
import type { DataFrame } from "../../src/connect/sql/dataframe";
import { col, count, lit, rowNumber, sum, when } from "../../src/connect/sql/functions";
import type { SparkSession } from "../../src/connect/sql/session";
import { ArrayType, DecimalType, StringType } from "../../src/connect/sql/types";
import { Window } from "../../src/connect/sql/window";
import { offlineSession } from "../support/plan-session";

/** The plan as its proto3 JSON: int64 as strings, enums by name, oneofs by their case. */
function plan(df: DataFrame): unknown {
  return toJson(RelationSchema, create(RelationSchema, df.relation));
}
function expression(c: Column): unknown {
  return toJson(ExpressionSchema, create(ExpressionSchema, c.expr));
}

const attr = (name: string): object => ({ unresolvedAttribute: { unparsedIdentifier: name } });
const call = (functionName: string, ...args: object[]): object => ({ unresolvedFunction: { functionName, arguments: args } });
const range = (planId: number, end: number): object => ({ common: { planId: String(planId) }, range: { start: "0", end: String(end), step: "1" } });

let spark: SparkSession;
beforeEach(() => {
  spark = offlineSession(); // fresh, so plan ids start at 0 in every test
});
afterEach(() => {
  spark.stop();
});

describe("DataFrame plans", () => {
  it("range → filter → select with alias", () => {
    const df = spark.range(10).filter(col("id").gt(2)).select(col("id").alias("x"), "id");
    expect(plan(df)).toEqual({
      common: { planId: "2" },
      project: {
        input: { common: { planId: "1" }, filter: { input: range(0, 10), condition: call(">", attr("id"), { literal: { integer: 2 } }) } },
        expressions: [{ alias: { expr: attr("id"), name: ["x"] } }, attr("id")],
      },
    });
  });

  it("range(start, end, step, partitions) and a SQL filter string", () => {
    expect(plan(spark.range(5, 20, 3, 4).filter("id % 2 = 0"))).toEqual({
      common: { planId: "1" },
      filter: {
        input: { common: { planId: "0" }, range: { start: "5", end: "20", step: "3", numPartitions: 4 } },
        condition: { expressionString: { expression: "id % 2 = 0" } },
      },
    });
  });

  it("withColumn", () => {
    expect(plan(spark.range(3).withColumn("y", col("id").multiply(2)))).toEqual({
      common: { planId: "1" },
      withColumns: { input: range(0, 3), aliases: [{ expr: call("*", attr("id"), { literal: { integer: 2 } }), name: ["y"] }] },
    });
  });

  it("groupBy.agg(count, sum)", () => {
    const df = spark.range(3).groupBy("k").agg(count("*").alias("n"), sum("v"));
    expect(plan(df)).toEqual({
      common: { planId: "1" },
      aggregate: {
        input: range(0, 3),
        groupType: "GROUP_TYPE_GROUPBY",
        groupingExpressions: [attr("k")],
        aggregateExpressions: [{ alias: { expr: call("count", { literal: { integer: 1 } }), name: ["n"] } }, call("sum", attr("v"))],
      },
    });
  });

  it("joins on column names (USING) with a join type", () => {
    const df = spark.range(3).join(spark.range(4), ["id", "k"], "left_outer");
    expect(plan(df)).toEqual({
      common: { planId: "2" },
      join: { left: range(0, 3), right: range(1, 4), joinType: "JOIN_TYPE_LEFT_OUTER", usingColumns: ["id", "k"] },
    });
    expect(plan(spark.range(1).join(spark.range(1), "id"))).toMatchObject({ join: { joinType: "JOIN_TYPE_INNER", usingColumns: ["id"] } });
  });

  it("joins on an expression, and on nothing as a cross join", () => {
    const left = spark.range(3);
    const right = spark.range(4);
    const df = left.join(right, left.col("id").eq(right.col("id")), "full");
    expect(plan(df)).toEqual({
      common: { planId: "2" },
      join: {
        left: range(0, 3),
        right: range(1, 4),
        joinType: "JOIN_TYPE_FULL_OUTER",
        joinCondition: call(
          "==",
          { unresolvedAttribute: { unparsedIdentifier: "id", planId: "0" } },
          { unresolvedAttribute: { unparsedIdentifier: "id", planId: "1" } },
        ),
      },
    });
    expect(plan(left.join(right))).toMatchObject({ join: { joinType: "JOIN_TYPE_CROSS" } });
    expect(plan(left.join(right, undefined, "left_anti"))).toMatchObject({ join: { joinType: "JOIN_TYPE_LEFT_ANTI" } });
    expect(() => left.join(right, "id", "sideways" as never)).toThrow("Unknown join type 'sideways'");
  });

  it("orderBy with desc, nullsLast and a bare name (ascending, nulls first)", () => {
    const df = spark.range(3).orderBy(col("a").desc(), col("b").ascNullsLast(), "c", col("d").descNullsFirst());
    expect(plan(df)).toEqual({
      common: { planId: "1" },
      sort: {
        input: range(0, 3),
        order: [
          { child: attr("a"), direction: "SORT_DIRECTION_DESCENDING", nullOrdering: "SORT_NULLS_LAST" },
          { child: attr("b"), direction: "SORT_DIRECTION_ASCENDING", nullOrdering: "SORT_NULLS_LAST" },
          { child: attr("c"), direction: "SORT_DIRECTION_ASCENDING", nullOrdering: "SORT_NULLS_FIRST" },
          { child: attr("d"), direction: "SORT_DIRECTION_DESCENDING", nullOrdering: "SORT_NULLS_FIRST" },
        ],
        isGlobal: true,
      },
    });
    expect(plan(spark.range(1).sortWithinPartitions("a"))).toMatchObject({ sort: { isGlobal: false } });
  });

  it("limit", () => {
    expect(plan(spark.range(3).limit(5))).toEqual({ common: { planId: "1" }, limit: { input: range(0, 3), limit: 5 } });
  });

  it("gives every DataFrame a new, increasing plan id, and df.col() carries it", () => {
    const a = spark.range(1);
    const b = a.select("id");
    const c = b.limit(1);
    expect([a.planId, b.planId, c.planId]).toEqual([0n, 1n, 2n]);
    expect(expression(b.col("id"))).toEqual({ unresolvedAttribute: { unparsedIdentifier: "id", planId: "1" } });
    expect(expression(col("id"))).toEqual(attr("id"));
  });
});

describe("Column expressions", () => {
  it("a window function over partitionBy/orderBy/rowsBetween", () => {
    const w = Window.partitionBy("user").orderBy(col("ts").desc()).rowsBetween(Window.unboundedPreceding, Window.currentRow);
    expect(expression(rowNumber().over(w))).toEqual({
      window: {
        windowFunction: { unresolvedFunction: { functionName: "row_number" } },
        partitionSpec: [attr("user")],
        orderSpec: [{ child: attr("ts"), direction: "SORT_DIRECTION_DESCENDING", nullOrdering: "SORT_NULLS_LAST" }],
        frameSpec: { frameType: "FRAME_TYPE_ROW", lower: { unbounded: true }, upper: { currentRow: true } },
      },
    });
    const bounded = Window.orderBy("ts").rowsBetween(-3, Window.unboundedFollowing);
    expect(expression(sum("v").over(bounded))).toMatchObject({
      window: {
        orderSpec: [{ child: attr("ts"), direction: "SORT_DIRECTION_ASCENDING", nullOrdering: "SORT_NULLS_FIRST" }],
        frameSpec: { frameType: "FRAME_TYPE_ROW", lower: { value: { literal: { integer: -3 } } }, upper: { unbounded: true } },
      },
    });
  });

  it("when/when/otherwise as one CASE WHEN call", () => {
    const c = when(col("a").gt(1), "big").when(col("a").gt(0), "small").otherwise(null);
    expect(expression(c)).toEqual(
      call(
        "when",
        call(">", attr("a"), { literal: { integer: 1 } }),
        { literal: { string: "big" } },
        call(">", attr("a"), { literal: { integer: 0 } }),
        { literal: { string: "small" } },
        { literal: { null: { null: {} } } },
      ),
    );
    expect(() => c.when(col("b"), 1)).toThrow("when() cannot follow otherwise()");
    expect(() => c.otherwise(1)).toThrow("otherwise() was already given");
    expect(() => col("a").otherwise(1)).toThrow("otherwise() can only follow functions.when(...)");
  });

  it("cast to a DDL string and to a DataType", () => {
    expect(expression(col("a").cast("decimal(10,2)"))).toEqual({ cast: { expr: attr("a"), typeStr: "decimal(10,2)" } });
    expect(expression(col("a").cast(new DecimalType(10, 2)))).toEqual({ cast: { expr: attr("a"), type: { decimal: { precision: 10, scale: 2 } } } });
    expect(expression(col("a").cast(new ArrayType(new StringType())))).toEqual({
      cast: { expr: attr("a"), type: { array: { elementType: { string: {} }, containsNull: true } } },
    });
  });
});

describe("lit inference", () => {
  it.each([
    [1, { integer: 1 }],
    [-(2 ** 31), { integer: -(2 ** 31) }],
    [2 ** 31 - 1, { integer: 2 ** 31 - 1 }],
    [2 ** 31, { long: "2147483648" }],
    [-(2 ** 31) - 1, { long: "-2147483649" }],
    [Number.MAX_SAFE_INTEGER, { long: "9007199254740991" }],
    [1.5, { double: 1.5 }],
    [-0, { double: -0 }],
    [5n, { long: "5" }],
    [2n ** 63n - 1n, { long: "9223372036854775807" }],
    ["s", { string: "s" }],
    [true, { boolean: true }],
    [new Date(Date.UTC(1969, 11, 31, 23, 59, 59, 999)), { timestamp: "-1000" }],
    [Uint8Array.of(1, 2), { binary: "AQI=" }],
  ])("lit(%o)", (value, literal) => {
    expect(expression(lit(value))).toEqual({ literal });
  });

  it("arrays of one type are array literals typed by their elements", () => {
    expect(expression(lit([1, 2]))).toEqual({ literal: { array: { elementType: { integer: {} }, elements: [{ integer: 1 }, { integer: 2 }] } } });
    expect(expression(lit(["a"]))).toEqual({ literal: { array: { elementType: { string: {} }, elements: [{ string: "a" }] } } });
  });

  it("Maps become map(k, v, ...) calls", () => {
    expect(expression(lit(new Map([["a", 1.5]])))).toEqual(call("map", { literal: { string: "a" } }, { literal: { double: 1.5 } }));
  });

  it("refuses what has no type to infer", () => {
    expect(() => lit([null])).toThrow("Cannot infer the array type");
    expect(() => lit(new Date(Number.NaN))).toThrow("invalid Date");
  });
});
