/**
 * Spark SQL functions, named as in `pyspark.sql.functions` (camelCase where PySpark uses
 * snake_case, e.g. `countDistinct`, `percentileApprox`). Most are generated from one declared
 * table (codegen/function-table.ts, into functions-generated.ts); this file holds the ones of a
 * special shape. Any function not wrapped is one `callFunction("name", ...)` away.
 */
import { Column, fn, toExpr, type ColumnOrValue } from "./column";
import type { DataFrame } from "./dataframe";
import { unresolvedFunction } from "./expression";
import { invoke, lit } from "./function-call";
import { toColumn as c, type ColumnOrName } from "./typing";

export * from "./functions-generated";
export { col, col as column } from "./typing";
export { lit } from "./function-call";

// ---- Columns, literals, expressions ----

/** A SQL expression string, parsed by the server: `expr("duration_ms / 1000 AS seconds")`. */
export function expr(sql: string): Column {
  return new Column({ exprType: { case: "expressionString", value: { expression: sql } } });
}

/** Calls any Spark SQL function by name. */
export function callFunction(name: string, ...args: ColumnOrValue[]): Column {
  return fn(name, ...args);
}

/** Marks a DataFrame small enough to be sent whole to every executor in a join (a broadcast hash join). */
export function broadcast(df: DataFrame): DataFrame {
  return df.hint("broadcast");
}

// ---- Aggregates with a shape of their own ----

export function count(value: ColumnOrName): Column {
  // count("*") counts rows, as in PySpark and SQL.
  return value === "*" ? fn("count", lit(1)) : fn("count", c(value));
}
export function countDistinct(first: ColumnOrName, ...rest: ColumnOrName[]): Column {
  return new Column(
    unresolvedFunction(
      "count",
      [first, ...rest].map((x) => c(x).expr),
      true,
    ),
  );
}
export function sumDistinct(value: ColumnOrName): Column {
  return new Column(unresolvedFunction("sum", [c(value).expr], true));
}

// ---- Conditionals ----

/** Starts a CASE WHEN; chain `.when(...)` and finish with `.otherwise(...)`. */
export function when(condition: Column, value: ColumnOrValue): Column {
  return fn("when", condition, value);
}

// ---- Math with a shape of their own ----

/** `log(x)` is the natural logarithm; `log(base, x)` the logarithm in that base, as PySpark's. */
export function log(arg1: ColumnOrName | number, arg2?: ColumnOrName): Column {
  if (arg2 === undefined) return invoke("ln", [typeof arg1 === "number" ? lit(arg1) : c(arg1)]);
  return invoke("log", [typeof arg1 === "number" ? lit(arg1) : c(arg1), c(arg2)]);
}
/** Uniform [0, 1) random numbers; a seed makes them reproducible per partition layout. */
export function rand(seed?: number): Column {
  return seed === undefined ? fn("rand") : fn("rand", toLongLiteral(seed));
}
export function randn(seed?: number): Column {
  return seed === undefined ? fn("randn") : fn("randn", toLongLiteral(seed));
}

// ---- Dates and times with a shape of their own ----

/** Seconds since the epoch; with no argument, now. */
export function unixTimestamp(value?: ColumnOrName, format = "yyyy-MM-dd HH:mm:ss"): Column {
  return value === undefined ? fn("unix_timestamp") : fn("unix_timestamp", c(value), format);
}
/**
 * Tumbling or sliding time windows over a timestamp column: a struct of `start` and `end`.
 * Durations are strings such as `"10 minutes"` or `"1 day"`.
 */
export function window(timeColumn: ColumnOrName, windowDuration: string, slideDuration?: string, startTime?: string): Column {
  const args: ColumnOrValue[] = [c(timeColumn), windowDuration, slideDuration ?? windowDuration];
  if (startTime !== undefined) args.push(startTime);
  return fn("window", ...args);
}

// ---- Sorting ----

export function asc(name: ColumnOrName): Column {
  return c(name).asc();
}
export function ascNullsFirst(name: ColumnOrName): Column {
  return c(name).ascNullsFirst();
}
export function ascNullsLast(name: ColumnOrName): Column {
  return c(name).ascNullsLast();
}
export function desc(name: ColumnOrName): Column {
  return c(name).desc();
}
export function descNullsFirst(name: ColumnOrName): Column {
  return c(name).descNullsFirst();
}
export function descNullsLast(name: ColumnOrName): Column {
  return c(name).descNullsLast();
}

/** Seeds are longs in Spark: pass them as such so that large seeds keep their value. */
function toLongLiteral(seed: number): Column {
  return new Column(toExpr(BigInt(Math.trunc(seed))));
}
