/**
 * Spark SQL functions, named as in `pyspark.sql.functions` (camelCase where PySpark uses
 * snake_case, e.g. `countDistinct`, `percentileApprox`). Any function not wrapped here is one
 * `callFunction("name", ...)` away.
 */
import { Column, fn, toExpr, type ColumnOrValue } from "./column";
import { unresolvedFunction } from "./expression";
import { literalExpression, type LiteralValue } from "./literal";
import { toColumn as c, type ColumnOrName } from "./typing";

// ---- Columns, literals, expressions ----

export { col, col as column } from "./typing";

/**
 * A JS value as a Column (see toLiteral for the inferred Spark types); a Column passes through.
 * Arrays holding nulls and Maps become `array(...)`/`map(...)` calls (see literalExpression).
 */
export function lit(value: LiteralValue | Column): Column {
  return value instanceof Column ? value : new Column(literalExpression(value));
}

/** A SQL expression string, parsed by the server: `expr("duration_ms / 1000 AS seconds")`. */
export function expr(sql: string): Column {
  return new Column({ exprType: { case: "expressionString", value: { expression: sql } } });
}

/** Calls any Spark SQL function by name. */
export function callFunction(name: string, ...args: ColumnOrValue[]): Column {
  return fn(name, ...args);
}

// ---- Aggregates ----

export function count(value: ColumnOrName): Column {
  // count("*") counts rows, as in PySpark and SQL.
  return value === "*" ? fn("count", lit(1)) : fn("count", c(value));
}
export function countDistinct(first: ColumnOrName, ...rest: ColumnOrName[]): Column {
  return new Column(unresolvedFunction("count", [first, ...rest].map((x) => c(x).expr), true));
}
/** HyperLogLog++ distinct count; `rsd` is the maximum relative standard deviation (default 0.05). */
export function approxCountDistinct(value: ColumnOrName, rsd?: number): Column {
  return rsd === undefined ? fn("approx_count_distinct", c(value)) : fn("approx_count_distinct", c(value), rsd);
}
export function sum(value: ColumnOrName): Column {
  return fn("sum", c(value));
}
export function sumDistinct(value: ColumnOrName): Column {
  return new Column(unresolvedFunction("sum", [c(value).expr], true));
}
export function avg(value: ColumnOrName): Column {
  return fn("avg", c(value));
}
export const mean = avg;
export function min(value: ColumnOrName): Column {
  return fn("min", c(value));
}
export function max(value: ColumnOrName): Column {
  return fn("max", c(value));
}
/** Sample standard deviation, as PySpark's `stddev`. */
export function stddev(value: ColumnOrName): Column {
  return fn("stddev", c(value));
}
export function stddevPop(value: ColumnOrName): Column {
  return fn("stddev_pop", c(value));
}
export function variance(value: ColumnOrName): Column {
  return fn("variance", c(value));
}
export function first(value: ColumnOrName, ignoreNulls = false): Column {
  return fn("first", c(value), ignoreNulls);
}
export function last(value: ColumnOrName, ignoreNulls = false): Column {
  return fn("last", c(value), ignoreNulls);
}
export function collectList(value: ColumnOrName): Column {
  return fn("collect_list", c(value));
}
export function collectSet(value: ColumnOrName): Column {
  return fn("collect_set", c(value));
}
/**
 * Approximate percentile(s) by the Greenwald–Khanna sketch. The rank error is at most
 * 1/accuracy of the row count (default accuracy 10000: 0.01%).
 */
export function percentileApprox(value: ColumnOrName, percentage: number | readonly number[], accuracy = 10_000): Column {
  return fn("percentile_approx", c(value), typeof percentage === "number" ? percentage : [...percentage], accuracy);
}
export function corr(a: ColumnOrName, b: ColumnOrName): Column {
  return fn("corr", c(a), c(b));
}

// ---- Conditionals and null handling ----

/** Starts a CASE WHEN; chain `.when(...)` and finish with `.otherwise(...)`. */
export function when(condition: Column, value: ColumnOrValue): Column {
  return fn("when", condition, value);
}
export function coalesce(...cols: ColumnOrName[]): Column {
  return fn("coalesce", ...cols.map(c));
}
export function greatest(...cols: ColumnOrName[]): Column {
  return fn("greatest", ...cols.map(c));
}
export function least(...cols: ColumnOrName[]): Column {
  return fn("least", ...cols.map(c));
}
export function isnull(value: ColumnOrName): Column {
  return c(value).isNull();
}

// ---- Math ----

export function abs(value: ColumnOrName): Column {
  return fn("abs", c(value));
}
export function log(value: ColumnOrName): Column {
  return fn("ln", c(value));
}
export function log1p(value: ColumnOrName): Column {
  return fn("log1p", c(value));
}
export function exp(value: ColumnOrName): Column {
  return fn("exp", c(value));
}
export function sqrt(value: ColumnOrName): Column {
  return fn("sqrt", c(value));
}
export function floor(value: ColumnOrName): Column {
  return fn("floor", c(value));
}
export function ceil(value: ColumnOrName): Column {
  return fn("ceil", c(value));
}
export function round(value: ColumnOrName, scale = 0): Column {
  return fn("round", c(value), scale);
}
/** Uniform [0, 1) random numbers; a seed makes them reproducible per partition layout. */
export function rand(seed?: number): Column {
  return seed === undefined ? fn("rand") : fn("rand", toLongLiteral(seed));
}
export function randn(seed?: number): Column {
  return seed === undefined ? fn("randn") : fn("randn", toLongLiteral(seed));
}
/** 64-bit xxHash of the arguments (seed 42, as Spark's `xxhash64`). */
export function xxhash64(...cols: ColumnOrName[]): Column {
  return fn("xxhash64", ...cols.map(c));
}
export function hash(...cols: ColumnOrName[]): Column {
  return fn("hash", ...cols.map(c));
}
export function pmod(dividend: ColumnOrValue, divisor: ColumnOrValue): Column {
  return fn("pmod", dividend, divisor);
}
export function monotonicallyIncreasingId(): Column {
  return fn("monotonically_increasing_id");
}
export function sparkPartitionId(): Column {
  return fn("spark_partition_id");
}

// ---- Dates and times ----

export function currentDate(): Column {
  return fn("current_date");
}
export function currentTimestamp(): Column {
  return fn("current_timestamp");
}
/** Truncates a timestamp to a unit: year, quarter, month, week (Monday), day, hour, minute, second… */
export function dateTrunc(format: string, timestamp: ColumnOrName): Column {
  return fn("date_trunc", format, c(timestamp));
}
export function toDate(value: ColumnOrName, format?: string): Column {
  return format === undefined ? fn("to_date", c(value)) : fn("to_date", c(value), format);
}
export function toTimestamp(value: ColumnOrName, format?: string): Column {
  return format === undefined ? fn("to_timestamp", c(value)) : fn("to_timestamp", c(value), format);
}
export function dateFormat(value: ColumnOrName, format: string): Column {
  return fn("date_format", c(value), format);
}
export function dateAdd(start: ColumnOrName, days: ColumnOrValue): Column {
  return fn("date_add", c(start), days);
}
export function dateSub(start: ColumnOrName, days: ColumnOrValue): Column {
  return fn("date_sub", c(start), days);
}
/** Days from `start` to `end` (end − start). */
export function datediff(end: ColumnOrName, start: ColumnOrName): Column {
  return fn("datediff", c(end), c(start));
}
/** Seconds since the epoch; with no argument, now. */
export function unixTimestamp(value?: ColumnOrName, format = "yyyy-MM-dd HH:mm:ss"): Column {
  return value === undefined ? fn("unix_timestamp") : fn("unix_timestamp", c(value), format);
}
export function fromUnixtime(seconds: ColumnOrName, format = "yyyy-MM-dd HH:mm:ss"): Column {
  return fn("from_unixtime", c(seconds), format);
}
export function timestampSeconds(seconds: ColumnOrName): Column {
  return fn("timestamp_seconds", c(seconds));
}
export function year(value: ColumnOrName): Column {
  return fn("year", c(value));
}
export function month(value: ColumnOrName): Column {
  return fn("month", c(value));
}
export function dayofmonth(value: ColumnOrName): Column {
  return fn("dayofmonth", c(value));
}
/** 1 = Sunday … 7 = Saturday, as Spark. */
export function dayofweek(value: ColumnOrName): Column {
  return fn("dayofweek", c(value));
}
export function hour(value: ColumnOrName): Column {
  return fn("hour", c(value));
}
/** ISO-8601 week of the year (weeks start on Monday; week 1 has the year's first Thursday). */
export function weekofyear(value: ColumnOrName): Column {
  return fn("weekofyear", c(value));
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

// ---- Strings ----

export function concat(...cols: ColumnOrName[]): Column {
  return fn("concat", ...cols.map(c));
}
export function concatWs(separator: string, ...cols: ColumnOrName[]): Column {
  return fn("concat_ws", separator, ...cols.map(c));
}
/** Group `idx` of the first match of a Java regular expression ("" when it does not match). */
export function regexpExtract(value: ColumnOrName, pattern: string, idx: number): Column {
  return fn("regexp_extract", c(value), pattern, idx);
}
export function regexpReplace(value: ColumnOrName, pattern: string, replacement: string): Column {
  return fn("regexp_replace", c(value), pattern, replacement);
}
/** Splits around matches of a Java regular expression; `limit` > 0 caps the array's length. */
export function split(value: ColumnOrName, pattern: string, limit = -1): Column {
  return fn("split", c(value), pattern, limit);
}
export function lower(value: ColumnOrName): Column {
  return fn("lower", c(value));
}
export function upper(value: ColumnOrName): Column {
  return fn("upper", c(value));
}
export function trim(value: ColumnOrName): Column {
  return fn("trim", c(value));
}
export function length(value: ColumnOrName): Column {
  return fn("length", c(value));
}
export function formatString(format: string, ...cols: ColumnOrName[]): Column {
  return fn("format_string", format, ...cols.map(c));
}
export function lpad(value: ColumnOrName, len: number, pad: string): Column {
  return fn("lpad", c(value), len, pad);
}

// ---- Arrays, maps, structs ----

export function array(...cols: ColumnOrName[]): Column {
  return fn("array", ...cols.map(c));
}
export function struct(...cols: ColumnOrName[]): Column {
  return fn("struct", ...cols.map(c));
}
export function createMap(...keyValues: ColumnOrName[]): Column {
  return fn("map", ...keyValues.map(c));
}
/** One output row per element (array) or entry (map); rows with empty or null input vanish. */
export function explode(value: ColumnOrName): Column {
  return fn("explode", c(value));
}
export function explodeOuter(value: ColumnOrName): Column {
  return fn("explode_outer", c(value));
}
/** Integers or dates from start to stop inclusive, by step. */
export function sequence(start: ColumnOrName, stop: ColumnOrName, step?: ColumnOrName): Column {
  return step === undefined ? fn("sequence", c(start), c(stop)) : fn("sequence", c(start), c(stop), c(step));
}
export function size(value: ColumnOrName): Column {
  return fn("size", c(value));
}
export function arrayContains(value: ColumnOrName, element: ColumnOrValue): Column {
  return fn("array_contains", c(value), element);
}
export function elementAt(value: ColumnOrName, key: ColumnOrValue): Column {
  return fn("element_at", c(value), key);
}

// ---- Window functions ----

export function rowNumber(): Column {
  return fn("row_number");
}
export function rank(): Column {
  return fn("rank");
}
export function denseRank(): Column {
  return fn("dense_rank");
}
export function percentRank(): Column {
  return fn("percent_rank");
}
export function cumeDist(): Column {
  return fn("cume_dist");
}
export function ntile(n: number): Column {
  return fn("ntile", n);
}
/** The value `offset` rows before the current row in the window, or `defaultValue`. */
export function lag(value: ColumnOrName, offset = 1, defaultValue: LiteralValue = null): Column {
  return fn("lag", c(value), offset, defaultValue);
}
export function lead(value: ColumnOrName, offset = 1, defaultValue: LiteralValue = null): Column {
  return fn("lead", c(value), offset, defaultValue);
}

// ---- Sorting ----

export function asc(name: ColumnOrName): Column {
  return c(name).asc();
}
export function desc(name: ColumnOrName): Column {
  return c(name).desc();
}

/** Seeds are longs in Spark: pass them as such so that large seeds keep their value. */
function toLongLiteral(seed: number): Column {
  return new Column(toExpr(BigInt(Math.trunc(seed))));
}
