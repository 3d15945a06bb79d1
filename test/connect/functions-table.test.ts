import { readFileSync } from "node:fs";
import { join } from "node:path";
import { create, toJson } from "@bufbuild/protobuf";
import { describe, expect, it } from "vitest";
import { FUNCTION_TABLE } from "../../src/connect/codegen/function-table";
import { functionSpecs, GENERATED_PATH, renderFunctions, type FunctionSpec, type Parameter } from "../../src/connect/codegen/render-functions";
import { ExpressionSchema } from "../../src/connect/proto/gen/spark/connect/expressions_pb";
import { RelationSchema } from "../../src/connect/proto/gen/spark/connect/relations_pb";
import { Column } from "../../src/connect/sql/column";
import * as F from "../../src/connect/sql/functions";
import * as generated from "../../src/connect/sql/functions-generated";
import { offlineSession } from "../support/plan-session";

const expression = (c: Column): unknown => toJson(ExpressionSchema, create(ExpressionSchema, c.expr));
const attr = (name: string): object => ({ unresolvedAttribute: { unparsedIdentifier: name } });
const call = (functionName: string, args: readonly object[]): object => ({ unresolvedFunction: { functionName, ...(args.length > 0 && { arguments: args }) } });

/** The proto3 JSON of the literal a JS value becomes (the few value types the table uses). */
function literalJson(value: unknown): object {
  if (value === null) return { literal: { null: { null: {} } } };
  if (typeof value === "number") return { literal: Number.isInteger(value) ? { integer: value } : { double: value } };
  if (typeof value === "string") return { literal: { string: value } };
  if (typeof value === "boolean") return { literal: { boolean: value } };
  if (value instanceof Map)
    return call(
      "map",
      [...(value as Map<string, string>)].flatMap(([k, v]) => [literalJson(k), literalJson(v)]),
    );
  throw new Error(`No sample literal for a ${typeof value}`);
}

/**
 * A sample argument for parameter `p` (the i-th), and the expression it must become: columns by
 * name; literals by their declared type (a Column, which literal parameters accept, for the rest).
 */
function sample(p: Parameter, i: number, asLiteral: boolean): [unknown, object] {
  const type = p.literalType ?? "";
  if (p.kind === "column" || (p.kind === "columnOrLiteral" && !asLiteral)) return [`c${i}`, attr(`c${i}`)];
  if (/\bnumber\b/.test(type)) return [i + 1, literalJson(i + 1)];
  if (type === "string" || type === "LiteralValue") return [`s${i}`, literalJson(`s${i}`)];
  if (type === "boolean") return [i % 2 === 0, literalJson(i % 2 === 0)];
  if (type.startsWith("ReadonlyMap<string, string>")) return [new Map([[`k${i}`, `v${i}`]]), literalJson(new Map([[`k${i}`, `v${i}`]]))];
  return [new Column(attr(`x${i}`)), attr(`x${i}`)];
}

type Wrapper = (...args: unknown[]) => Column;
const wrapper = (spec: FunctionSpec): Wrapper => (F as unknown as Record<string, Wrapper>)[spec.name] as Wrapper;

/** Calls the wrapper with every parameter given (variadic ones twice), and returns the expression expected from the table. */
function callWithAll(spec: FunctionSpec, asLiteral: boolean): [Column, object] {
  const samples = spec.parameters.flatMap((p, i) => (p.variadic ? [sample(p, i, asLiteral), sample(p, i + 100, asLiteral)] : [sample(p, i, asLiteral)]));
  return [
    wrapper(spec)(...samples.map(([arg]) => arg)),
    call(
      spec.sqlName,
      samples.map(([, json]) => json),
    ),
  ];
}

/** Calls the wrapper with the required parameters only: defaults are sent, optional and variadic ones left out. */
function callWithRequired(spec: FunctionSpec): [Column, object] {
  const required = spec.parameters.filter((p) => !p.optional && !p.variadic && p.defaultValue === undefined);
  const samples = required.map((p, i) => sample(p, i, false));
  const defaults = spec.parameters.filter((p) => p.defaultValue !== undefined).map((p) => literalJson(JSON.parse(p.defaultValue ?? "null")));
  return [wrapper(spec)(...samples.map(([arg]) => arg)), call(spec.sqlName, [...samples.map(([, json]) => json), ...defaults])];
}

const specs = functionSpecs();

describe("the generated functions", () => {
  it("are what the generator makes of the table (run `npx tsx src/connect/codegen/generate-functions.ts` after editing it)", () => {
    const checkedIn = readFileSync(join(__dirname, "..", "..", GENERATED_PATH), "utf8");
    expect(checkedIn).toBe(renderFunctions());
  });

  it("cover the functions the project called by name, and the common families", () => {
    const names = new Set(specs.map((s) => s.sqlName));
    const calledByName = [
      "div",
      "power",
      "percentile",
      "timestamp_millis",
      "unix_millis",
      "unix_micros",
      "grouping_id",
      "hll_sketch_agg",
      "hll_union_agg",
      "hll_sketch_estimate",
      "hll_union",
      "input_file_name",
      "shiftrightunsigned",
      "cos",
      "to_csv",
      "map_from_entries",
      "date_from_unix_date",
      "weekday",
      "get",
      "raise_error",
    ];
    expect(calledByName.filter((n) => !names.has(n))).toEqual([]);
    expect(new Set(specs.map((s) => s.family))).toEqual(
      new Set(["math", "bitwise", "aggregate", "window", "datetime", "string", "collection", "json-csv", "hash", "sketch", "conditional", "misc"]),
    );
  });

  it("are exported by functions, each the generated wrapper (no hand-written function shadows one)", () => {
    for (const spec of specs) expect((F as Record<string, unknown>)[spec.name], spec.name).toBe((generated as Record<string, unknown>)[spec.name]);
    expect(Object.keys(generated).sort()).toEqual(specs.map((s) => s.name).sort());
  });

  it.each(specs.map((s) => [s.name, s] as const))("%s calls its Spark function with its arguments in order", (_name, spec) => {
    const [withNames, expectedWithNames] = callWithAll(spec, false);
    expect(expression(withNames)).toEqual(expectedWithNames);
    if (spec.parameters.some((p) => p.kind === "columnOrLiteral")) {
      const [withLiterals, expectedWithLiterals] = callWithAll(spec, true);
      expect(expression(withLiterals)).toEqual(expectedWithLiterals);
    }
    const [required, expectedRequired] = callWithRequired(spec);
    expect(expression(required)).toEqual(expectedRequired);
  });

  it("refuses an optional argument left out before one given", () => {
    expect(() => F.makeInterval(undefined, "months")).toThrow("make_interval: argument 1 is left out but a later one is given");
  });
});

describe("the function table's checks", () => {
  const family = (row: readonly [string, string, string, string]): (typeof FUNCTION_TABLE)[number][] => [{ family: "f", title: "F", functions: [row] }];
  it.each([
    [["a", "a", "x?: column, y: column", "doc"], "a required parameter cannot follow x"],
    [["a", "a", "...x: column, y: column", "doc"], "only the last parameter can be variadic"],
    [["a", "a", "x: column = 1", "doc"], "the column x cannot have a default"],
    [["a", "a", "default: number", "doc"], "'default' cannot name a parameter"],
    [["a", "delete", "", "doc"], "'delete' cannot name a function"],
    [["a", "a", "x column", "doc"], "cannot read the parameter"],
    [["a", "a", "x: column, x: number", "doc"], "two parameters are named x"],
    [["a", "a", "", ""], "needs a doc line"],
  ] as const)("%j is refused: %s", (row, message) => {
    expect(() => functionSpecs(family(row))).toThrow(message);
  });

  it("refuses a name declared twice", () => {
    expect(() =>
      functionSpecs([
        {
          family: "f",
          title: "F",
          functions: [
            ["a", "a", "", "doc"],
            ["b", "a", "", "doc"],
          ],
        },
      ]),
    ).toThrow("names a twice");
  });
});

describe("the hand-written functions", () => {
  it("log is ln with one argument and log(base, x) with two", () => {
    expect(expression(F.log("x"))).toEqual(call("ln", [attr("x")]));
    expect(expression(F.log(2, "x"))).toEqual(call("log", [literalJson(2), attr("x")]));
  });

  it("broadcast marks a DataFrame with the broadcast hint", () => {
    const spark = offlineSession();
    const df = F.broadcast(spark.range(3));
    expect(toJson(RelationSchema, create(RelationSchema, df.relation))).toEqual({
      common: { planId: "1" },
      hint: { input: { common: { planId: "0" }, range: { start: "0", end: "3", step: "1" } }, name: "broadcast" },
    });
    spark.stop();
  });

  it("the sort helpers build sort orders with their null ordering", () => {
    const order = (c: Column): unknown => (expression(c) as { sortOrder: unknown }).sortOrder;
    expect(order(F.ascNullsLast("a"))).toEqual({ child: attr("a"), direction: "SORT_DIRECTION_ASCENDING", nullOrdering: "SORT_NULLS_LAST" });
    expect(order(F.descNullsFirst("a"))).toEqual({ child: attr("a"), direction: "SORT_DIRECTION_DESCENDING", nullOrdering: "SORT_NULLS_FIRST" });
  });
});
