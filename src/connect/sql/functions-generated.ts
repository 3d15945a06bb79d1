// Generated from src/connect/codegen/function-table.ts by src/connect/codegen/generate-functions.ts: edit the
// table and run `npx tsx src/connect/codegen/generate-functions.ts` (a test checks this file matches).
import type { Column } from "./column";
import { invoke, lit, toColumnOrLiteral } from "./function-call";
import type { LiteralValue } from "./literal";
import { toColumn, type ColumnOrName } from "./typing";

// ---- Math ----

/** The absolute value. */
export function abs(col: ColumnOrName): Column {
  return invoke("abs", [toColumn(col)]);
}

/** The inverse cosine, in radians. */
export function acos(col: ColumnOrName): Column {
  return invoke("acos", [toColumn(col)]);
}

/** The inverse hyperbolic cosine. */
export function acosh(col: ColumnOrName): Column {
  return invoke("acosh", [toColumn(col)]);
}

/** The inverse sine, in radians. */
export function asin(col: ColumnOrName): Column {
  return invoke("asin", [toColumn(col)]);
}

/** The inverse hyperbolic sine. */
export function asinh(col: ColumnOrName): Column {
  return invoke("asinh", [toColumn(col)]);
}

/** The inverse tangent, in radians. */
export function atan(col: ColumnOrName): Column {
  return invoke("atan", [toColumn(col)]);
}

/** The inverse hyperbolic tangent. */
export function atanh(col: ColumnOrName): Column {
  return invoke("atanh", [toColumn(col)]);
}

/** The angle of the point (col2, col1) from the x axis, in radians. */
export function atan2(col1: ColumnOrName | number, col2: ColumnOrName | number): Column {
  return invoke("atan2", [toColumnOrLiteral(col1), toColumnOrLiteral(col2)]);
}

/** The binary digits of a long, as a string. */
export function bin(col: ColumnOrName): Column {
  return invoke("bin", [toColumn(col)]);
}

/** The cube root. */
export function cbrt(col: ColumnOrName): Column {
  return invoke("cbrt", [toColumn(col)]);
}

/** The smallest value not below the input, at `scale` decimal places (0: an integer). */
export function ceil(col: ColumnOrName, scale?: number | Column): Column {
  return invoke("ceil", [toColumn(col), scale === undefined ? undefined : lit(scale)]);
}

/** The same as ceil. */
export function ceiling(col: ColumnOrName, scale?: number | Column): Column {
  return invoke("ceiling", [toColumn(col), scale === undefined ? undefined : lit(scale)]);
}

/** A number written in one base rewritten in another, as strings. */
export function conv(col: ColumnOrName, fromBase: number | Column, toBase: number | Column): Column {
  return invoke("conv", [toColumn(col), lit(fromBase), lit(toBase)]);
}

/** The cosine of an angle in radians. */
export function cos(col: ColumnOrName): Column {
  return invoke("cos", [toColumn(col)]);
}

/** The hyperbolic cosine. */
export function cosh(col: ColumnOrName): Column {
  return invoke("cosh", [toColumn(col)]);
}

/** The cotangent of an angle in radians. */
export function cot(col: ColumnOrName): Column {
  return invoke("cot", [toColumn(col)]);
}

/** The cosecant of an angle in radians. */
export function csc(col: ColumnOrName): Column {
  return invoke("csc", [toColumn(col)]);
}

/** Radians converted to degrees. */
export function degrees(col: ColumnOrName): Column {
  return invoke("degrees", [toColumn(col)]);
}

/** Integral division: the quotient truncated toward zero, as a long (SQL's `a div b`). */
export function div(left: ColumnOrName | number, right: ColumnOrName | number): Column {
  return invoke("div", [toColumnOrLiteral(left), toColumnOrLiteral(right)]);
}

/** Euler's number. */
export function e(): Column {
  return invoke("e", []);
}

/** e raised to the input. */
export function exp(col: ColumnOrName): Column {
  return invoke("exp", [toColumn(col)]);
}

/** exp(x) − 1, exact for small x. */
export function expm1(col: ColumnOrName): Column {
  return invoke("expm1", [toColumn(col)]);
}

/** n! for n in 0..20, null otherwise. */
export function factorial(col: ColumnOrName): Column {
  return invoke("factorial", [toColumn(col)]);
}

/** The largest value not above the input, at `scale` decimal places (0: an integer). */
export function floor(col: ColumnOrName, scale?: number | Column): Column {
  return invoke("floor", [toColumn(col), scale === undefined ? undefined : lit(scale)]);
}

/** Hexadecimal digits of a number, string or binary. */
export function hex(col: ColumnOrName): Column {
  return invoke("hex", [toColumn(col)]);
}

/** sqrt(a² + b²) without intermediate overflow. */
export function hypot(col1: ColumnOrName | number, col2: ColumnOrName | number): Column {
  return invoke("hypot", [toColumnOrLiteral(col1), toColumnOrLiteral(col2)]);
}

/** Whether a value is NaN. */
export function isnan(col: ColumnOrName): Column {
  return invoke("isnan", [toColumn(col)]);
}

/** The natural logarithm. */
export function ln(col: ColumnOrName): Column {
  return invoke("ln", [toColumn(col)]);
}

/** The base-10 logarithm. */
export function log10(col: ColumnOrName): Column {
  return invoke("log10", [toColumn(col)]);
}

/** ln(1 + x), exact for small x. */
export function log1p(col: ColumnOrName): Column {
  return invoke("log1p", [toColumn(col)]);
}

/** The base-2 logarithm. */
export function log2(col: ColumnOrName): Column {
  return invoke("log2", [toColumn(col)]);
}

/** col1 unless it is NaN, else col2. */
export function nanvl(col1: ColumnOrName, col2: ColumnOrName): Column {
  return invoke("nanvl", [toColumn(col1), toColumn(col2)]);
}

/** The negated value. */
export function negative(col: ColumnOrName): Column {
  return invoke("negative", [toColumn(col)]);
}

/** π. */
export function pi(): Column {
  return invoke("pi", []);
}

/** The positive remainder of dividend / divisor. */
export function pmod(dividend: ColumnOrName | number, divisor: ColumnOrName | number): Column {
  return invoke("pmod", [toColumnOrLiteral(dividend), toColumnOrLiteral(divisor)]);
}

/** The value itself. */
export function positive(col: ColumnOrName): Column {
  return invoke("positive", [toColumn(col)]);
}

/** col1 raised to col2. */
export function pow(col1: ColumnOrName | number, col2: ColumnOrName | number): Column {
  return invoke("pow", [toColumnOrLiteral(col1), toColumnOrLiteral(col2)]);
}

/** col1 raised to col2 (the same as pow). */
export function power(col1: ColumnOrName | number, col2: ColumnOrName | number): Column {
  return invoke("power", [toColumnOrLiteral(col1), toColumnOrLiteral(col2)]);
}

/** Degrees converted to radians. */
export function radians(col: ColumnOrName): Column {
  return invoke("radians", [toColumn(col)]);
}

/** The double closest to the input that is an integer (ties to even). */
export function rint(col: ColumnOrName): Column {
  return invoke("rint", [toColumn(col)]);
}

/** Rounded half up to `scale` decimal places. */
export function round(col: ColumnOrName, scale: number | Column = 0): Column {
  return invoke("round", [toColumn(col), lit(scale)]);
}

/** Rounded half to even (banker's rounding) to `scale` decimal places. */
export function bround(col: ColumnOrName, scale: number | Column = 0): Column {
  return invoke("bround", [toColumn(col), lit(scale)]);
}

/** The secant of an angle in radians. */
export function sec(col: ColumnOrName): Column {
  return invoke("sec", [toColumn(col)]);
}

/** -1, 0 or 1 as the input is negative, zero or positive. */
export function sign(col: ColumnOrName): Column {
  return invoke("sign", [toColumn(col)]);
}

/** The same as sign. */
export function signum(col: ColumnOrName): Column {
  return invoke("signum", [toColumn(col)]);
}

/** The sine of an angle in radians. */
export function sin(col: ColumnOrName): Column {
  return invoke("sin", [toColumn(col)]);
}

/** The hyperbolic sine. */
export function sinh(col: ColumnOrName): Column {
  return invoke("sinh", [toColumn(col)]);
}

/** The square root. */
export function sqrt(col: ColumnOrName): Column {
  return invoke("sqrt", [toColumn(col)]);
}

/** The tangent of an angle in radians. */
export function tan(col: ColumnOrName): Column {
  return invoke("tan", [toColumn(col)]);
}

/** The hyperbolic tangent. */
export function tanh(col: ColumnOrName): Column {
  return invoke("tanh", [toColumn(col)]);
}

/** left + right, null on overflow. */
export function tryAdd(left: ColumnOrName, right: ColumnOrName): Column {
  return invoke("try_add", [toColumn(left), toColumn(right)]);
}

/** left / right, null when right is 0. */
export function tryDivide(left: ColumnOrName, right: ColumnOrName): Column {
  return invoke("try_divide", [toColumn(left), toColumn(right)]);
}

/** left × right, null on overflow. */
export function tryMultiply(left: ColumnOrName, right: ColumnOrName): Column {
  return invoke("try_multiply", [toColumn(left), toColumn(right)]);
}

/** left − right, null on overflow. */
export function trySubtract(left: ColumnOrName, right: ColumnOrName): Column {
  return invoke("try_subtract", [toColumn(left), toColumn(right)]);
}

/** The bytes that hexadecimal digits stand for. */
export function unhex(col: ColumnOrName): Column {
  return invoke("unhex", [toColumn(col)]);
}

/** The bucket of v among numBucket equal-width buckets between min and max. */
export function widthBucket(v: ColumnOrName, min: ColumnOrName, max: ColumnOrName, numBucket: ColumnOrName | number): Column {
  return invoke("width_bucket", [toColumn(v), toColumn(min), toColumn(max), toColumnOrLiteral(numBucket)]);
}

// ---- Bits ----

/** Bitwise NOT. */
export function bitwiseNot(col: ColumnOrName): Column {
  return invoke("~", [toColumn(col)]);
}

/** The number of bits set. */
export function bitCount(col: ColumnOrName): Column {
  return invoke("bit_count", [toColumn(col)]);
}

/** The bit (0 or 1) at position pos, 0 being the rightmost. */
export function bitGet(col: ColumnOrName, pos: ColumnOrName | number): Column {
  return invoke("bit_get", [toColumn(col), toColumnOrLiteral(pos)]);
}

/** The same as bitGet. */
export function getbit(col: ColumnOrName, pos: ColumnOrName | number): Column {
  return invoke("getbit", [toColumn(col), toColumnOrLiteral(pos)]);
}

/** Shifted left by numBits. */
export function shiftleft(col: ColumnOrName, numBits: number | Column): Column {
  return invoke("shiftleft", [toColumn(col), lit(numBits)]);
}

/** Shifted right by numBits, keeping the sign. */
export function shiftright(col: ColumnOrName, numBits: number | Column): Column {
  return invoke("shiftright", [toColumn(col), lit(numBits)]);
}

/** Shifted right by numBits, filling with zeros. */
export function shiftrightunsigned(col: ColumnOrName, numBits: number | Column): Column {
  return invoke("shiftrightunsigned", [toColumn(col), lit(numBits)]);
}

// ---- Aggregates ----

/** Some value of the group (the first one met), skipping nulls when asked. */
export function anyValue(col: ColumnOrName, ignoreNulls?: boolean | Column): Column {
  return invoke("any_value", [toColumn(col), ignoreNulls === undefined ? undefined : lit(ignoreNulls)]);
}

/** HyperLogLog++ distinct count; rsd is the maximum relative standard deviation (default 0.05). */
export function approxCountDistinct(col: ColumnOrName, rsd?: number | Column): Column {
  return invoke("approx_count_distinct", [toColumn(col), rsd === undefined ? undefined : lit(rsd)]);
}

/** The same as percentileApprox. */
export function approxPercentile(col: ColumnOrName, percentage: number | readonly number[] | Column, accuracy: number | Column = 10000): Column {
  return invoke("approx_percentile", [toColumn(col), lit(percentage), lit(accuracy)]);
}

/** The group's values as an array, nulls skipped (the same as collectList). */
export function arrayAgg(col: ColumnOrName): Column {
  return invoke("array_agg", [toColumn(col)]);
}

/** The mean of the non-null values. */
export function avg(col: ColumnOrName): Column {
  return invoke("avg", [toColumn(col)]);
}

/** Bitwise AND of the non-null values. */
export function bitAnd(col: ColumnOrName): Column {
  return invoke("bit_and", [toColumn(col)]);
}

/** Bitwise OR of the non-null values. */
export function bitOr(col: ColumnOrName): Column {
  return invoke("bit_or", [toColumn(col)]);
}

/** Bitwise XOR of the non-null values. */
export function bitXor(col: ColumnOrName): Column {
  return invoke("bit_xor", [toColumn(col)]);
}

/** Whether every non-null value is true. */
export function boolAnd(col: ColumnOrName): Column {
  return invoke("bool_and", [toColumn(col)]);
}

/** Whether some non-null value is true. */
export function boolOr(col: ColumnOrName): Column {
  return invoke("bool_or", [toColumn(col)]);
}

/** The group's non-null values as an array, in no guaranteed order. */
export function collectList(col: ColumnOrName): Column {
  return invoke("collect_list", [toColumn(col)]);
}

/** The group's distinct non-null values as an array. */
export function collectSet(col: ColumnOrName): Column {
  return invoke("collect_set", [toColumn(col)]);
}

/** The Pearson correlation coefficient of two columns. */
export function corr(col1: ColumnOrName, col2: ColumnOrName): Column {
  return invoke("corr", [toColumn(col1), toColumn(col2)]);
}

/** The number of rows where the condition is true. */
export function countIf(col: ColumnOrName): Column {
  return invoke("count_if", [toColumn(col)]);
}

/** A count-min sketch of the values, serialized. */
export function countMinSketch(col: ColumnOrName, eps: ColumnOrName, confidence: ColumnOrName, seed: ColumnOrName): Column {
  return invoke("count_min_sketch", [toColumn(col), toColumn(eps), toColumn(confidence), toColumn(seed)]);
}

/** The population covariance. */
export function covarPop(col1: ColumnOrName, col2: ColumnOrName): Column {
  return invoke("covar_pop", [toColumn(col1), toColumn(col2)]);
}

/** The sample covariance. */
export function covarSamp(col1: ColumnOrName, col2: ColumnOrName): Column {
  return invoke("covar_samp", [toColumn(col1), toColumn(col2)]);
}

/** Whether every non-null value is true (the same as boolAnd). */
export function every(col: ColumnOrName): Column {
  return invoke("every", [toColumn(col)]);
}

/** The group's first value (rows have no order unless sorted), skipping nulls when asked. */
export function first(col: ColumnOrName, ignoreNulls: boolean | Column = false): Column {
  return invoke("first", [toColumn(col), lit(ignoreNulls)]);
}

/** The same as first. */
export function firstValue(col: ColumnOrName, ignoreNulls?: boolean | Column): Column {
  return invoke("first_value", [toColumn(col), ignoreNulls === undefined ? undefined : lit(ignoreNulls)]);
}

/** 1 when the column is aggregated away in this row of a rollup or cube, 0 otherwise. */
export function grouping(col: ColumnOrName): Column {
  return invoke("grouping", [toColumn(col)]);
}

/** The bit vector of grouping() over the given (default: all) grouping columns. */
export function groupingId(...cols: ColumnOrName[]): Column {
  return invoke("grouping_id", [...cols.map(toColumn)]);
}

/** An approximate histogram of nBins bins, as an array of (x, y) structs. */
export function histogramNumeric(col: ColumnOrName, nBins: ColumnOrName | number): Column {
  return invoke("histogram_numeric", [toColumn(col), toColumnOrLiteral(nBins)]);
}

/** A HyperLogLog sketch (Apache DataSketches, binary) of the values; lgConfigK 4..21, default 12. */
export function hllSketchAgg(col: ColumnOrName, lgConfigK?: number | Column): Column {
  return invoke("hll_sketch_agg", [toColumn(col), lgConfigK === undefined ? undefined : lit(lgConfigK)]);
}

/** The union of HyperLogLog sketches, as a sketch. */
export function hllUnionAgg(col: ColumnOrName, allowDifferentLgConfigK?: boolean | Column): Column {
  return invoke("hll_union_agg", [toColumn(col), allowDifferentLgConfigK === undefined ? undefined : lit(allowDifferentLgConfigK)]);
}

/** The excess kurtosis of the values. */
export function kurtosis(col: ColumnOrName): Column {
  return invoke("kurtosis", [toColumn(col)]);
}

/** The group's last value (rows have no order unless sorted), skipping nulls when asked. */
export function last(col: ColumnOrName, ignoreNulls: boolean | Column = false): Column {
  return invoke("last", [toColumn(col), lit(ignoreNulls)]);
}

/** The same as last. */
export function lastValue(col: ColumnOrName, ignoreNulls?: boolean | Column): Column {
  return invoke("last_value", [toColumn(col), ignoreNulls === undefined ? undefined : lit(ignoreNulls)]);
}

/** The largest value. */
export function max(col: ColumnOrName): Column {
  return invoke("max", [toColumn(col)]);
}

/** The value of col in the row with the largest ord. */
export function maxBy(col: ColumnOrName, ord: ColumnOrName): Column {
  return invoke("max_by", [toColumn(col), toColumn(ord)]);
}

/** The mean of the non-null values (the same as avg). */
export function mean(col: ColumnOrName): Column {
  return invoke("mean", [toColumn(col)]);
}

/** The exact median of the values. */
export function median(col: ColumnOrName): Column {
  return invoke("median", [toColumn(col)]);
}

/** The smallest value. */
export function min(col: ColumnOrName): Column {
  return invoke("min", [toColumn(col)]);
}

/** The value of col in the row with the smallest ord. */
export function minBy(col: ColumnOrName, ord: ColumnOrName): Column {
  return invoke("min_by", [toColumn(col), toColumn(ord)]);
}

/** The most frequent value. */
export function mode(col: ColumnOrName): Column {
  return invoke("mode", [toColumn(col)]);
}

/** The exact percentile(s), interpolated, of a numeric column. */
export function percentile(col: ColumnOrName, percentage: number | readonly number[] | Column, frequency: number | Column = 1): Column {
  return invoke("percentile", [toColumn(col), lit(percentage), lit(frequency)]);
}

/** Approximate percentile(s) by the Greenwald–Khanna sketch, whose rank error is at most 1/accuracy of the row count. */
export function percentileApprox(col: ColumnOrName, percentage: number | readonly number[] | Column, accuracy: number | Column = 10000): Column {
  return invoke("percentile_approx", [toColumn(col), lit(percentage), lit(accuracy)]);
}

/** The product of the values. */
export function product(col: ColumnOrName): Column {
  return invoke("product", [toColumn(col)]);
}

/** The mean of x over the rows where both are non-null. */
export function regrAvgx(y: ColumnOrName, x: ColumnOrName): Column {
  return invoke("regr_avgx", [toColumn(y), toColumn(x)]);
}

/** The mean of y over the rows where both are non-null. */
export function regrAvgy(y: ColumnOrName, x: ColumnOrName): Column {
  return invoke("regr_avgy", [toColumn(y), toColumn(x)]);
}

/** The number of rows where both are non-null. */
export function regrCount(y: ColumnOrName, x: ColumnOrName): Column {
  return invoke("regr_count", [toColumn(y), toColumn(x)]);
}

/** The intercept of the least-squares line of y on x. */
export function regrIntercept(y: ColumnOrName, x: ColumnOrName): Column {
  return invoke("regr_intercept", [toColumn(y), toColumn(x)]);
}

/** The coefficient of determination of the regression of y on x. */
export function regrR2(y: ColumnOrName, x: ColumnOrName): Column {
  return invoke("regr_r2", [toColumn(y), toColumn(x)]);
}

/** The slope of the least-squares line of y on x. */
export function regrSlope(y: ColumnOrName, x: ColumnOrName): Column {
  return invoke("regr_slope", [toColumn(y), toColumn(x)]);
}

/** Σ(x − mean x)² over the rows where both are non-null. */
export function regrSxx(y: ColumnOrName, x: ColumnOrName): Column {
  return invoke("regr_sxx", [toColumn(y), toColumn(x)]);
}

/** Σ(x − mean x)(y − mean y) over the rows where both are non-null. */
export function regrSxy(y: ColumnOrName, x: ColumnOrName): Column {
  return invoke("regr_sxy", [toColumn(y), toColumn(x)]);
}

/** Σ(y − mean y)² over the rows where both are non-null. */
export function regrSyy(y: ColumnOrName, x: ColumnOrName): Column {
  return invoke("regr_syy", [toColumn(y), toColumn(x)]);
}

/** The skewness of the values. */
export function skewness(col: ColumnOrName): Column {
  return invoke("skewness", [toColumn(col)]);
}

/** Whether some non-null value is true (the same as boolOr). */
export function some(col: ColumnOrName): Column {
  return invoke("some", [toColumn(col)]);
}

/** The sample standard deviation (the same as stddev). */
export function std(col: ColumnOrName): Column {
  return invoke("std", [toColumn(col)]);
}

/** The sample standard deviation. */
export function stddev(col: ColumnOrName): Column {
  return invoke("stddev", [toColumn(col)]);
}

/** The population standard deviation. */
export function stddevPop(col: ColumnOrName): Column {
  return invoke("stddev_pop", [toColumn(col)]);
}

/** The sample standard deviation. */
export function stddevSamp(col: ColumnOrName): Column {
  return invoke("stddev_samp", [toColumn(col)]);
}

/** The sum of the values. */
export function sum(col: ColumnOrName): Column {
  return invoke("sum", [toColumn(col)]);
}

/** The mean, null on overflow. */
export function tryAvg(col: ColumnOrName): Column {
  return invoke("try_avg", [toColumn(col)]);
}

/** The sum, null on overflow. */
export function trySum(col: ColumnOrName): Column {
  return invoke("try_sum", [toColumn(col)]);
}

/** The population variance. */
export function varPop(col: ColumnOrName): Column {
  return invoke("var_pop", [toColumn(col)]);
}

/** The sample variance. */
export function varSamp(col: ColumnOrName): Column {
  return invoke("var_samp", [toColumn(col)]);
}

/** The sample variance. */
export function variance(col: ColumnOrName): Column {
  return invoke("variance", [toColumn(col)]);
}

// ---- Window functions ----

/** The fraction of the partition's rows at or before this one. */
export function cumeDist(): Column {
  return invoke("cume_dist", []);
}

/** The rank without gaps after ties. */
export function denseRank(): Column {
  return invoke("dense_rank", []);
}

/** The value `offset` rows before the current row in the window, or defaultValue. */
export function lag(col: ColumnOrName, offset: number | Column = 1, defaultValue: LiteralValue | Column = null): Column {
  return invoke("lag", [toColumn(col), lit(offset), lit(defaultValue)]);
}

/** The value `offset` rows after the current row in the window, or defaultValue. */
export function lead(col: ColumnOrName, offset: number | Column = 1, defaultValue: LiteralValue | Column = null): Column {
  return invoke("lead", [toColumn(col), lit(offset), lit(defaultValue)]);
}

/** The value of the offset-th row of the window frame (1-based). */
export function nthValue(col: ColumnOrName, offset: number | Column, ignoreNulls: boolean | Column = false): Column {
  return invoke("nth_value", [toColumn(col), lit(offset), lit(ignoreNulls)]);
}

/** The bucket (1..n) of the row when the partition is split into n buckets. */
export function ntile(n: number | Column): Column {
  return invoke("ntile", [lit(n)]);
}

/** The relative rank (rank − 1) / (rows − 1). */
export function percentRank(): Column {
  return invoke("percent_rank", []);
}

/** The rank, with gaps after ties. */
export function rank(): Column {
  return invoke("rank", []);
}

/** The row's position in the partition, from 1. */
export function rowNumber(): Column {
  return invoke("row_number", []);
}

// ---- Dates and times ----

/** The date months later (clamped to the month's last day). */
export function addMonths(start: ColumnOrName, months: ColumnOrName | number): Column {
  return invoke("add_months", [toColumn(start), toColumnOrLiteral(months)]);
}

/** Today's date at the start of the query (the same as currentDate). */
export function curdate(): Column {
  return invoke("curdate", []);
}

/** Today's date at the start of the query, in the session time zone. */
export function currentDate(): Column {
  return invoke("current_date", []);
}

/** The instant the query started. */
export function currentTimestamp(): Column {
  return invoke("current_timestamp", []);
}

/** The session time zone. */
export function currentTimezone(): Column {
  return invoke("current_timezone", []);
}

/** The date `days` after start. */
export function dateAdd(start: ColumnOrName, days: ColumnOrName | number): Column {
  return invoke("date_add", [toColumn(start), toColumnOrLiteral(days)]);
}

/** Days from start to end (end − start). */
export function dateDiff(end: ColumnOrName, start: ColumnOrName): Column {
  return invoke("date_diff", [toColumn(end), toColumn(start)]);
}

/** A date or timestamp as text, by a datetime pattern such as `yyyy-MM-dd HH:mm`. */
export function dateFormat(date: ColumnOrName, format: string | Column): Column {
  return invoke("date_format", [toColumn(date), lit(format)]);
}

/** The date `days` after 1970-01-01. */
export function dateFromUnixDate(days: ColumnOrName): Column {
  return invoke("date_from_unix_date", [toColumn(days)]);
}

/** The date `days` before start. */
export function dateSub(start: ColumnOrName, days: ColumnOrName | number): Column {
  return invoke("date_sub", [toColumn(start), toColumnOrLiteral(days)]);
}

/** A timestamp truncated to a unit: year, quarter, month, week (Monday), day, hour, minute, second… */
export function dateTrunc(format: string | Column, timestamp: ColumnOrName): Column {
  return invoke("date_trunc", [lit(format), toColumn(timestamp)]);
}

/** The same as dateAdd. */
export function dateadd(start: ColumnOrName, days: ColumnOrName | number): Column {
  return invoke("dateadd", [toColumn(start), toColumnOrLiteral(days)]);
}

/** Days from start to end (end − start). */
export function datediff(end: ColumnOrName, start: ColumnOrName): Column {
  return invoke("datediff", [toColumn(end), toColumn(start)]);
}

/** A field (YEAR, MONTH, DOW…) of a date, timestamp or interval. */
export function datepart(field: string | Column, source: ColumnOrName): Column {
  return invoke("datepart", [lit(field), toColumn(source)]);
}

/** The day of the month. */
export function day(col: ColumnOrName): Column {
  return invoke("day", [toColumn(col)]);
}

/** The day of the month. */
export function dayofmonth(col: ColumnOrName): Column {
  return invoke("dayofmonth", [toColumn(col)]);
}

/** 1 = Sunday … 7 = Saturday. */
export function dayofweek(col: ColumnOrName): Column {
  return invoke("dayofweek", [toColumn(col)]);
}

/** The day of the year, from 1. */
export function dayofyear(col: ColumnOrName): Column {
  return invoke("dayofyear", [toColumn(col)]);
}

/** A field (YEAR, MONTH, DOW…) of a date, timestamp or interval. */
export function extract(field: string | Column, source: ColumnOrName): Column {
  return invoke("extract", [lit(field), toColumn(source)]);
}

/** Seconds since the epoch as text in the session time zone. */
export function fromUnixtime(timestamp: ColumnOrName, format: string | Column = "yyyy-MM-dd HH:mm:ss"): Column {
  return invoke("from_unixtime", [toColumn(timestamp), lit(format)]);
}

/** A UTC wall-clock time read as wall-clock time in time zone tz. */
export function fromUtcTimestamp(timestamp: ColumnOrName, tz: string | Column): Column {
  return invoke("from_utc_timestamp", [toColumn(timestamp), lit(tz)]);
}

/** The hour of the day. */
export function hour(col: ColumnOrName): Column {
  return invoke("hour", [toColumn(col)]);
}

/** The last day of the date's month. */
export function lastDay(date: ColumnOrName): Column {
  return invoke("last_day", [toColumn(date)]);
}

/** The wall-clock time the query started, without time zone. */
export function localtimestamp(): Column {
  return invoke("localtimestamp", []);
}

/** The date of a year, month and day. */
export function makeDate(year: ColumnOrName, month: ColumnOrName, day: ColumnOrName): Column {
  return invoke("make_date", [toColumn(year), toColumn(month), toColumn(day)]);
}

/** A day-time interval of days, hours, minutes and seconds. */
export function makeDtInterval(days?: ColumnOrName, hours?: ColumnOrName, mins?: ColumnOrName, secs?: ColumnOrName): Column {
  return invoke("make_dt_interval", [days === undefined ? undefined : toColumn(days), hours === undefined ? undefined : toColumn(hours), mins === undefined ? undefined : toColumn(mins), secs === undefined ? undefined : toColumn(secs)]);
}

/** A calendar interval of its parts. */
export function makeInterval(years?: ColumnOrName, months?: ColumnOrName, weeks?: ColumnOrName, days?: ColumnOrName, hours?: ColumnOrName, mins?: ColumnOrName, secs?: ColumnOrName): Column {
  return invoke("make_interval", [years === undefined ? undefined : toColumn(years), months === undefined ? undefined : toColumn(months), weeks === undefined ? undefined : toColumn(weeks), days === undefined ? undefined : toColumn(days), hours === undefined ? undefined : toColumn(hours), mins === undefined ? undefined : toColumn(mins), secs === undefined ? undefined : toColumn(secs)]);
}

/** The timestamp of its fields, in the session (or the given) time zone. */
export function makeTimestamp(years: ColumnOrName, months: ColumnOrName, days: ColumnOrName, hours: ColumnOrName, mins: ColumnOrName, secs: ColumnOrName, timezone?: ColumnOrName): Column {
  return invoke("make_timestamp", [toColumn(years), toColumn(months), toColumn(days), toColumn(hours), toColumn(mins), toColumn(secs), timezone === undefined ? undefined : toColumn(timezone)]);
}

/** The same as makeTimestamp. */
export function makeTimestampLtz(years: ColumnOrName, months: ColumnOrName, days: ColumnOrName, hours: ColumnOrName, mins: ColumnOrName, secs: ColumnOrName, timezone?: ColumnOrName): Column {
  return invoke("make_timestamp_ltz", [toColumn(years), toColumn(months), toColumn(days), toColumn(hours), toColumn(mins), toColumn(secs), timezone === undefined ? undefined : toColumn(timezone)]);
}

/** The timestamp without time zone of its fields. */
export function makeTimestampNtz(years: ColumnOrName, months: ColumnOrName, days: ColumnOrName, hours: ColumnOrName, mins: ColumnOrName, secs: ColumnOrName): Column {
  return invoke("make_timestamp_ntz", [toColumn(years), toColumn(months), toColumn(days), toColumn(hours), toColumn(mins), toColumn(secs)]);
}

/** A year-month interval. */
export function makeYmInterval(years?: ColumnOrName, months?: ColumnOrName): Column {
  return invoke("make_ym_interval", [years === undefined ? undefined : toColumn(years), months === undefined ? undefined : toColumn(months)]);
}

/** The minute of the hour. */
export function minute(col: ColumnOrName): Column {
  return invoke("minute", [toColumn(col)]);
}

/** The month, 1..12. */
export function month(col: ColumnOrName): Column {
  return invoke("month", [toColumn(col)]);
}

/** Months from date2 to date1, fractional (rounded to 8 digits when roundOff). */
export function monthsBetween(date1: ColumnOrName, date2: ColumnOrName, roundOff: boolean | Column = true): Column {
  return invoke("months_between", [toColumn(date1), toColumn(date2), lit(roundOff)]);
}

/** The first date after `date` on that day of the week ("Mon", "Tuesday"…). */
export function nextDay(date: ColumnOrName, dayOfWeek: string | Column): Column {
  return invoke("next_day", [toColumn(date), lit(dayOfWeek)]);
}

/** The instant the query started (the same as currentTimestamp). */
export function now(): Column {
  return invoke("now", []);
}

/** The quarter, 1..4. */
export function quarter(col: ColumnOrName): Column {
  return invoke("quarter", [toColumn(col)]);
}

/** The second of the minute. */
export function second(col: ColumnOrName): Column {
  return invoke("second", [toColumn(col)]);
}

/** Session windows: events closer than gapDuration ("5 minutes") share one; a struct of start and end. */
export function sessionWindow(timeColumn: ColumnOrName, gapDuration: string | Column): Column {
  return invoke("session_window", [toColumn(timeColumn), lit(gapDuration)]);
}

/** The instant `col` microseconds after the epoch. */
export function timestampMicros(col: ColumnOrName): Column {
  return invoke("timestamp_micros", [toColumn(col)]);
}

/** The instant `col` milliseconds after the epoch. */
export function timestampMillis(col: ColumnOrName): Column {
  return invoke("timestamp_millis", [toColumn(col)]);
}

/** The instant `col` seconds after the epoch (fractions kept). */
export function timestampSeconds(col: ColumnOrName): Column {
  return invoke("timestamp_seconds", [toColumn(col)]);
}

/** A string (by format, else ISO) or timestamp as a date. */
export function toDate(col: ColumnOrName, format?: string | Column): Column {
  return invoke("to_date", [toColumn(col), format === undefined ? undefined : lit(format)]);
}

/** A string (by format, else ISO) as a timestamp. */
export function toTimestamp(col: ColumnOrName, format?: string | Column): Column {
  return invoke("to_timestamp", [toColumn(col), format === undefined ? undefined : lit(format)]);
}

/** A string (by format, else ISO) as a timestamp with the session time zone. */
export function toTimestampLtz(timestamp: ColumnOrName, format?: string | Column): Column {
  return invoke("to_timestamp_ltz", [toColumn(timestamp), format === undefined ? undefined : lit(format)]);
}

/** A string (by format, else ISO) as a timestamp without time zone. */
export function toTimestampNtz(timestamp: ColumnOrName, format?: string | Column): Column {
  return invoke("to_timestamp_ntz", [toColumn(timestamp), format === undefined ? undefined : lit(format)]);
}

/** Seconds since the epoch of a time or of text by format. */
export function toUnixTimestamp(timestamp: ColumnOrName, format?: string | Column): Column {
  return invoke("to_unix_timestamp", [toColumn(timestamp), format === undefined ? undefined : lit(format)]);
}

/** A wall-clock time in time zone tz read as UTC wall-clock time. */
export function toUtcTimestamp(timestamp: ColumnOrName, tz: string | Column): Column {
  return invoke("to_utc_timestamp", [toColumn(timestamp), lit(tz)]);
}

/** A date truncated to a unit: year, quarter, month or week. */
export function trunc(date: ColumnOrName, format: string | Column): Column {
  return invoke("trunc", [toColumn(date), lit(format)]);
}

/** toTimestamp, null when the text does not parse. */
export function tryToTimestamp(col: ColumnOrName, format?: string | Column): Column {
  return invoke("try_to_timestamp", [toColumn(col), format === undefined ? undefined : lit(format)]);
}

/** Days since 1970-01-01. */
export function unixDate(col: ColumnOrName): Column {
  return invoke("unix_date", [toColumn(col)]);
}

/** Microseconds since the epoch. */
export function unixMicros(col: ColumnOrName): Column {
  return invoke("unix_micros", [toColumn(col)]);
}

/** Milliseconds since the epoch (truncated). */
export function unixMillis(col: ColumnOrName): Column {
  return invoke("unix_millis", [toColumn(col)]);
}

/** Seconds since the epoch (truncated). */
export function unixSeconds(col: ColumnOrName): Column {
  return invoke("unix_seconds", [toColumn(col)]);
}

/** 0 = Monday … 6 = Sunday. */
export function weekday(col: ColumnOrName): Column {
  return invoke("weekday", [toColumn(col)]);
}

/** The ISO-8601 week of the year (weeks start on Monday; week 1 has the year's first Thursday). */
export function weekofyear(col: ColumnOrName): Column {
  return invoke("weekofyear", [toColumn(col)]);
}

/** The event time of a window: its end minus one microsecond. */
export function windowTime(windowColumn: ColumnOrName): Column {
  return invoke("window_time", [toColumn(windowColumn)]);
}

/** The year. */
export function year(col: ColumnOrName): Column {
  return invoke("year", [toColumn(col)]);
}

// ---- Strings ----

/** The code of the first character. */
export function ascii(col: ColumnOrName): Column {
  return invoke("ascii", [toColumn(col)]);
}

/** Binary as Base64 text. */
export function base64(col: ColumnOrName): Column {
  return invoke("base64", [toColumn(col)]);
}

/** The length in bits. */
export function bitLength(col: ColumnOrName): Column {
  return invoke("bit_length", [toColumn(col)]);
}

/** Without the leading and trailing characters of trim (default: spaces). */
export function btrim(str: ColumnOrName, trim?: ColumnOrName): Column {
  return invoke("btrim", [toColumn(str), trim === undefined ? undefined : toColumn(trim)]);
}

/** The character of a code (modulo 256). */
export function char(col: ColumnOrName): Column {
  return invoke("char", [toColumn(col)]);
}

/** The length in characters. */
export function charLength(str: ColumnOrName): Column {
  return invoke("char_length", [toColumn(str)]);
}

/** The length in characters. */
export function characterLength(str: ColumnOrName): Column {
  return invoke("character_length", [toColumn(str)]);
}

/** The values joined by sep, nulls skipped. */
export function concatWs(sep: string | Column, ...cols: ColumnOrName[]): Column {
  return invoke("concat_ws", [lit(sep), ...cols.map(toColumn)]);
}

/** Whether right occurs in left. */
export function contains(left: ColumnOrName, right: ColumnOrName): Column {
  return invoke("contains", [toColumn(left), toColumn(right)]);
}

/** Binary decoded to text by a character set. */
export function decode(col: ColumnOrName, charset: string | Column): Column {
  return invoke("decode", [toColumn(col), lit(charset)]);
}

/** The n-th of the following inputs, n being the first one. */
export function elt(...inputs: ColumnOrName[]): Column {
  return invoke("elt", [...inputs.map(toColumn)]);
}

/** Text encoded to binary by a character set. */
export function encode(col: ColumnOrName, charset: string | Column): Column {
  return invoke("encode", [toColumn(col), lit(charset)]);
}

/** Whether str ends with suffix. */
export function endswith(str: ColumnOrName, suffix: ColumnOrName): Column {
  return invoke("endswith", [toColumn(str), toColumn(suffix)]);
}

/** The 1-based position of str in a comma-separated list, 0 if absent. */
export function findInSet(str: ColumnOrName, strArray: ColumnOrName): Column {
  return invoke("find_in_set", [toColumn(str), toColumn(strArray)]);
}

/** A number as `#,###,###.##` text with d decimals. */
export function formatNumber(col: ColumnOrName, d: number | Column): Column {
  return invoke("format_number", [toColumn(col), lit(d)]);
}

/** printf-style formatting. */
export function formatString(format: string | Column, ...cols: ColumnOrName[]): Column {
  return invoke("format_string", [lit(format), ...cols.map(toColumn)]);
}

/** Case-insensitive SQL LIKE. */
export function ilike(str: ColumnOrName, pattern: ColumnOrName, escapeChar?: string | Column): Column {
  return invoke("ilike", [toColumn(str), toColumn(pattern), escapeChar === undefined ? undefined : lit(escapeChar)]);
}

/** Each word's first letter upper case, the rest lower case. */
export function initcap(col: ColumnOrName): Column {
  return invoke("initcap", [toColumn(col)]);
}

/** The 1-based position of the first occurrence of substr, 0 if absent. */
export function instr(str: ColumnOrName, substr: string | Column): Column {
  return invoke("instr", [toColumn(str), lit(substr)]);
}

/** Lower case (the same as lower). */
export function lcase(str: ColumnOrName): Column {
  return invoke("lcase", [toColumn(str)]);
}

/** The leftmost len characters. */
export function left(str: ColumnOrName, len: ColumnOrName | number): Column {
  return invoke("left", [toColumn(str), toColumnOrLiteral(len)]);
}

/** The length in characters (bytes for binary). */
export function length(col: ColumnOrName): Column {
  return invoke("length", [toColumn(col)]);
}

/** The Levenshtein distance; -1 when above threshold. */
export function levenshtein(left: ColumnOrName, right: ColumnOrName, threshold?: number | Column): Column {
  return invoke("levenshtein", [toColumn(left), toColumn(right), threshold === undefined ? undefined : lit(threshold)]);
}

/** SQL LIKE. */
export function like(str: ColumnOrName, pattern: ColumnOrName, escapeChar?: string | Column): Column {
  return invoke("like", [toColumn(str), toColumn(pattern), escapeChar === undefined ? undefined : lit(escapeChar)]);
}

/** The 1-based position of substr in str from position pos, 0 if absent. */
export function locate(substr: string | Column, str: ColumnOrName, pos: number | Column = 1): Column {
  return invoke("locate", [lit(substr), toColumn(str), lit(pos)]);
}

/** Lower case. */
export function lower(col: ColumnOrName): Column {
  return invoke("lower", [toColumn(col)]);
}

/** Left-padded with pad to len characters (or cut to len). */
export function lpad(col: ColumnOrName, len: number | Column, pad: string | Column): Column {
  return invoke("lpad", [toColumn(col), lit(len), lit(pad)]);
}

/** Without leading spaces. */
export function ltrim(col: ColumnOrName): Column {
  return invoke("ltrim", [toColumn(col)]);
}

/** Letters and digits replaced by X, x and n. */
export function mask(col: ColumnOrName, upperChar?: ColumnOrName, lowerChar?: ColumnOrName, digitChar?: ColumnOrName, otherChar?: ColumnOrName): Column {
  return invoke("mask", [toColumn(col), upperChar === undefined ? undefined : toColumn(upperChar), lowerChar === undefined ? undefined : toColumn(lowerChar), digitChar === undefined ? undefined : toColumn(digitChar), otherChar === undefined ? undefined : toColumn(otherChar)]);
}

/** The length in bytes. */
export function octetLength(col: ColumnOrName): Column {
  return invoke("octet_length", [toColumn(col)]);
}

/** src with len characters from pos replaced by replace. */
export function overlay(src: ColumnOrName, replace: ColumnOrName, pos: ColumnOrName | number, len: ColumnOrName | number = -1): Column {
  return invoke("overlay", [toColumn(src), toColumn(replace), toColumnOrLiteral(pos), toColumnOrLiteral(len)]);
}

/** A part (HOST, PATH, QUERY…) of a URL. */
export function parseUrl(url: ColumnOrName, partToExtract: ColumnOrName, key?: ColumnOrName): Column {
  return invoke("parse_url", [toColumn(url), toColumn(partToExtract), key === undefined ? undefined : toColumn(key)]);
}

/** The 1-based position of substr in str, 0 if absent. */
export function position(substr: ColumnOrName, str: ColumnOrName, start?: ColumnOrName): Column {
  return invoke("position", [toColumn(substr), toColumn(str), start === undefined ? undefined : toColumn(start)]);
}

/** printf-style formatting (the same as formatString). */
export function printf(format: ColumnOrName, ...cols: ColumnOrName[]): Column {
  return invoke("printf", [toColumn(format), ...cols.map(toColumn)]);
}

/** Whether str matches the Java regular expression. */
export function regexp(str: ColumnOrName, regexp: ColumnOrName): Column {
  return invoke("regexp", [toColumn(str), toColumn(regexp)]);
}

/** The number of matches of a Java regular expression. */
export function regexpCount(str: ColumnOrName, regexp: ColumnOrName): Column {
  return invoke("regexp_count", [toColumn(str), toColumn(regexp)]);
}

/** Group idx of the first match of a Java regular expression ("" when it does not match). */
export function regexpExtract(str: ColumnOrName, pattern: string | Column, idx: number | Column): Column {
  return invoke("regexp_extract", [toColumn(str), lit(pattern), lit(idx)]);
}

/** Group idx of every match of a Java regular expression. */
export function regexpExtractAll(str: ColumnOrName, regexp: ColumnOrName, idx?: ColumnOrName | number): Column {
  return invoke("regexp_extract_all", [toColumn(str), toColumn(regexp), idx === undefined ? undefined : toColumnOrLiteral(idx)]);
}

/** The 1-based position of the first match, 0 if none. */
export function regexpInstr(str: ColumnOrName, regexp: ColumnOrName, idx?: ColumnOrName | number): Column {
  return invoke("regexp_instr", [toColumn(str), toColumn(regexp), idx === undefined ? undefined : toColumnOrLiteral(idx)]);
}

/** Whether str matches the Java regular expression. */
export function regexpLike(str: ColumnOrName, regexp: ColumnOrName): Column {
  return invoke("regexp_like", [toColumn(str), toColumn(regexp)]);
}

/** Every match of a Java regular expression replaced ($1 refers to a group). */
export function regexpReplace(string: ColumnOrName, pattern: string | Column, replacement: string | Column): Column {
  return invoke("regexp_replace", [toColumn(string), lit(pattern), lit(replacement)]);
}

/** The first match of a Java regular expression, null if none. */
export function regexpSubstr(str: ColumnOrName, regexp: ColumnOrName): Column {
  return invoke("regexp_substr", [toColumn(str), toColumn(regexp)]);
}

/** The string repeated n times. */
export function repeat(col: ColumnOrName, n: number | Column): Column {
  return invoke("repeat", [toColumn(col), lit(n)]);
}

/** Every occurrence of search replaced (removed by default). */
export function replace(src: ColumnOrName, search: ColumnOrName, replace?: ColumnOrName): Column {
  return invoke("replace", [toColumn(src), toColumn(search), replace === undefined ? undefined : toColumn(replace)]);
}

/** The rightmost len characters. */
export function right(str: ColumnOrName, len: ColumnOrName | number): Column {
  return invoke("right", [toColumn(str), toColumnOrLiteral(len)]);
}

/** Whether str matches the Java regular expression. */
export function rlike(str: ColumnOrName, regexp: ColumnOrName): Column {
  return invoke("rlike", [toColumn(str), toColumn(regexp)]);
}

/** Right-padded with pad to len characters (or cut to len). */
export function rpad(col: ColumnOrName, len: number | Column, pad: string | Column): Column {
  return invoke("rpad", [toColumn(col), lit(len), lit(pad)]);
}

/** Without trailing spaces. */
export function rtrim(col: ColumnOrName): Column {
  return invoke("rtrim", [toColumn(col)]);
}

/** The text split into sentences of words. */
export function sentences(string: ColumnOrName, language?: ColumnOrName, country?: ColumnOrName): Column {
  return invoke("sentences", [toColumn(string), language === undefined ? undefined : toColumn(language), country === undefined ? undefined : toColumn(country)]);
}

/** The Soundex code. */
export function soundex(col: ColumnOrName): Column {
  return invoke("soundex", [toColumn(col)]);
}

/** Split around matches of a Java regular expression; limit > 0 caps the array's length. */
export function split(str: ColumnOrName, pattern: string | Column, limit: number | Column = -1): Column {
  return invoke("split", [toColumn(str), lit(pattern), lit(limit)]);
}

/** The partNum-th part (1-based, negative from the end) of src split by delimiter. */
export function splitPart(src: ColumnOrName, delimiter: ColumnOrName, partNum: ColumnOrName): Column {
  return invoke("split_part", [toColumn(src), toColumn(delimiter), toColumn(partNum)]);
}

/** Whether str starts with prefix. */
export function startswith(str: ColumnOrName, prefix: ColumnOrName): Column {
  return invoke("startswith", [toColumn(str), toColumn(prefix)]);
}

/** The substring from 1-based pos, of len characters (to the end by default). */
export function substr(str: ColumnOrName, pos: ColumnOrName, len?: ColumnOrName): Column {
  return invoke("substr", [toColumn(str), toColumn(pos), len === undefined ? undefined : toColumn(len)]);
}

/** The substring from 1-based pos, of len characters. */
export function substring(str: ColumnOrName, pos: number | Column, len: number | Column): Column {
  return invoke("substring", [toColumn(str), lit(pos), lit(len)]);
}

/** The text before the count-th delim (after it, from the end, when count < 0). */
export function substringIndex(str: ColumnOrName, delim: string | Column, count: number | Column): Column {
  return invoke("substring_index", [toColumn(str), lit(delim), lit(count)]);
}

/** Text as binary, by format hex (default), utf-8 or base64. */
export function toBinary(col: ColumnOrName, format?: ColumnOrName): Column {
  return invoke("to_binary", [toColumn(col), format === undefined ? undefined : toColumn(format)]);
}

/** A number as text by a format such as `999,999.00`. */
export function toChar(col: ColumnOrName, format: ColumnOrName): Column {
  return invoke("to_char", [toColumn(col), toColumn(format)]);
}

/** Text as a decimal by a format such as `999,999.00`. */
export function toNumber(col: ColumnOrName, format: ColumnOrName): Column {
  return invoke("to_number", [toColumn(col), toColumn(format)]);
}

/** The same as toChar. */
export function toVarchar(col: ColumnOrName, format: ColumnOrName): Column {
  return invoke("to_varchar", [toColumn(col), toColumn(format)]);
}

/** Each character of matching replaced by the one at its position in replace. */
export function translate(srcCol: ColumnOrName, matching: string | Column, replace: string | Column): Column {
  return invoke("translate", [toColumn(srcCol), lit(matching), lit(replace)]);
}

/** Without leading and trailing spaces. */
export function trim(col: ColumnOrName): Column {
  return invoke("trim", [toColumn(col)]);
}

/** toBinary, null when the text does not convert. */
export function tryToBinary(col: ColumnOrName, format?: ColumnOrName): Column {
  return invoke("try_to_binary", [toColumn(col), format === undefined ? undefined : toColumn(format)]);
}

/** toNumber, null when the text does not match the format. */
export function tryToNumber(col: ColumnOrName, format: ColumnOrName): Column {
  return invoke("try_to_number", [toColumn(col), toColumn(format)]);
}

/** Upper case (the same as upper). */
export function ucase(str: ColumnOrName): Column {
  return invoke("ucase", [toColumn(str)]);
}

/** Base64 text decoded to binary. */
export function unbase64(col: ColumnOrName): Column {
  return invoke("unbase64", [toColumn(col)]);
}

/** Upper case. */
export function upper(col: ColumnOrName): Column {
  return invoke("upper", [toColumn(col)]);
}

/** application/x-www-form-urlencoded text decoded. */
export function urlDecode(str: ColumnOrName): Column {
  return invoke("url_decode", [toColumn(str)]);
}

/** Text encoded as application/x-www-form-urlencoded. */
export function urlEncode(str: ColumnOrName): Column {
  return invoke("url_encode", [toColumn(str)]);
}

// ---- Arrays, maps and structs ----

/** An array of the values. */
export function array(...cols: ColumnOrName[]): Column {
  return invoke("array", [...cols.map(toColumn)]);
}

/** The array with value added at the end. */
export function arrayAppend(col: ColumnOrName, value: LiteralValue | Column): Column {
  return invoke("array_append", [toColumn(col), lit(value)]);
}

/** The array without its nulls. */
export function arrayCompact(col: ColumnOrName): Column {
  return invoke("array_compact", [toColumn(col)]);
}

/** Whether the array holds value (null if it holds a null and not value). */
export function arrayContains(col: ColumnOrName, value: LiteralValue | Column): Column {
  return invoke("array_contains", [toColumn(col), lit(value)]);
}

/** The array without duplicates. */
export function arrayDistinct(col: ColumnOrName): Column {
  return invoke("array_distinct", [toColumn(col)]);
}

/** The distinct elements of col1 not in col2. */
export function arrayExcept(col1: ColumnOrName, col2: ColumnOrName): Column {
  return invoke("array_except", [toColumn(col1), toColumn(col2)]);
}

/** The array with value inserted at 1-based pos (negative: from the end). */
export function arrayInsert(arr: ColumnOrName, pos: ColumnOrName | number, value: LiteralValue | Column): Column {
  return invoke("array_insert", [toColumn(arr), toColumnOrLiteral(pos), lit(value)]);
}

/** The distinct elements in both arrays. */
export function arrayIntersect(col1: ColumnOrName, col2: ColumnOrName): Column {
  return invoke("array_intersect", [toColumn(col1), toColumn(col2)]);
}

/** The elements joined by delimiter, nulls skipped unless replaced. */
export function arrayJoin(col: ColumnOrName, delimiter: string | Column, nullReplacement?: string | Column): Column {
  return invoke("array_join", [toColumn(col), lit(delimiter), nullReplacement === undefined ? undefined : lit(nullReplacement)]);
}

/** The largest element. */
export function arrayMax(col: ColumnOrName): Column {
  return invoke("array_max", [toColumn(col)]);
}

/** The smallest element. */
export function arrayMin(col: ColumnOrName): Column {
  return invoke("array_min", [toColumn(col)]);
}

/** The 1-based position of the first element equal to value, 0 if none. */
export function arrayPosition(col: ColumnOrName, value: LiteralValue | Column): Column {
  return invoke("array_position", [toColumn(col), lit(value)]);
}

/** The array with value added at the front. */
export function arrayPrepend(col: ColumnOrName, value: LiteralValue | Column): Column {
  return invoke("array_prepend", [toColumn(col), lit(value)]);
}

/** The array without the elements equal to element. */
export function arrayRemove(col: ColumnOrName, element: LiteralValue | Column): Column {
  return invoke("array_remove", [toColumn(col), lit(element)]);
}

/** An array of count copies of the value. */
export function arrayRepeat(col: ColumnOrName, count: ColumnOrName | number): Column {
  return invoke("array_repeat", [toColumn(col), toColumnOrLiteral(count)]);
}

/** The number of elements. */
export function arraySize(col: ColumnOrName): Column {
  return invoke("array_size", [toColumn(col)]);
}

/** The array sorted ascending, nulls last. */
export function arraySort(col: ColumnOrName): Column {
  return invoke("array_sort", [toColumn(col)]);
}

/** The distinct elements of either array. */
export function arrayUnion(col1: ColumnOrName, col2: ColumnOrName): Column {
  return invoke("array_union", [toColumn(col1), toColumn(col2)]);
}

/** Whether the arrays share a non-null element. */
export function arraysOverlap(a1: ColumnOrName, a2: ColumnOrName): Column {
  return invoke("arrays_overlap", [toColumn(a1), toColumn(a2)]);
}

/** An array of structs: the i-th elements of each array. */
export function arraysZip(...cols: ColumnOrName[]): Column {
  return invoke("arrays_zip", [...cols.map(toColumn)]);
}

/** The number of elements of an array or map. */
export function cardinality(col: ColumnOrName): Column {
  return invoke("cardinality", [toColumn(col)]);
}

/** Strings, binaries or arrays concatenated (null if any is null). */
export function concat(...cols: ColumnOrName[]): Column {
  return invoke("concat", [...cols.map(toColumn)]);
}

/** The element at a 1-based index of an array (negative: from the end), or a map's value for a key. */
export function elementAt(col: ColumnOrName, extraction: LiteralValue | Column): Column {
  return invoke("element_at", [toColumn(col), lit(extraction)]);
}

/** One output row per element (array) or entry (map); rows with empty or null input vanish. */
export function explode(col: ColumnOrName): Column {
  return invoke("explode", [toColumn(col)]);
}

/** As explode, with a null row for an empty or null input. */
export function explodeOuter(col: ColumnOrName): Column {
  return invoke("explode_outer", [toColumn(col)]);
}

/** An array of arrays as one array. */
export function flatten(col: ColumnOrName): Column {
  return invoke("flatten", [toColumn(col)]);
}

/** The element at a 0-based index, null when out of range. */
export function get(col: ColumnOrName, index: ColumnOrName | number): Column {
  return invoke("get", [toColumn(col), toColumnOrLiteral(index)]);
}

/** One row per struct of an array, its fields as columns. */
export function inline(col: ColumnOrName): Column {
  return invoke("inline", [toColumn(col)]);
}

/** As inline, with a null row for an empty or null input. */
export function inlineOuter(col: ColumnOrName): Column {
  return invoke("inline_outer", [toColumn(col)]);
}

/** A map of alternate keys and values. */
export function createMap(...cols: ColumnOrName[]): Column {
  return invoke("map", [...cols.map(toColumn)]);
}

/** The union of maps. */
export function mapConcat(...cols: ColumnOrName[]): Column {
  return invoke("map_concat", [...cols.map(toColumn)]);
}

/** Whether the map has the key. */
export function mapContainsKey(col: ColumnOrName, value: LiteralValue | Column): Column {
  return invoke("map_contains_key", [toColumn(col), lit(value)]);
}

/** The map's entries as an array of (key, value) structs. */
export function mapEntries(col: ColumnOrName): Column {
  return invoke("map_entries", [toColumn(col)]);
}

/** A map of an array of keys and an array of values. */
export function mapFromArrays(col1: ColumnOrName, col2: ColumnOrName): Column {
  return invoke("map_from_arrays", [toColumn(col1), toColumn(col2)]);
}

/** A map of an array of (key, value) structs. */
export function mapFromEntries(col: ColumnOrName): Column {
  return invoke("map_from_entries", [toColumn(col)]);
}

/** The map's keys. */
export function mapKeys(col: ColumnOrName): Column {
  return invoke("map_keys", [toColumn(col)]);
}

/** The map's values. */
export function mapValues(col: ColumnOrName): Column {
  return invoke("map_values", [toColumn(col)]);
}

/** A struct of alternate field names and values. */
export function namedStruct(...cols: ColumnOrName[]): Column {
  return invoke("named_struct", [...cols.map(toColumn)]);
}

/** As explode, with the element's 0-based position in a column `pos`. */
export function posexplode(col: ColumnOrName): Column {
  return invoke("posexplode", [toColumn(col)]);
}

/** As posexplode, with a null row for an empty or null input. */
export function posexplodeOuter(col: ColumnOrName): Column {
  return invoke("posexplode_outer", [toColumn(col)]);
}

/** The string or array reversed. */
export function reverse(col: ColumnOrName): Column {
  return invoke("reverse", [toColumn(col)]);
}

/** Integers or dates from start to stop inclusive, by step. */
export function sequence(start: ColumnOrName, stop: ColumnOrName, step?: ColumnOrName): Column {
  return invoke("sequence", [toColumn(start), toColumn(stop), step === undefined ? undefined : toColumn(step)]);
}

/** The array in random order. */
export function shuffle(col: ColumnOrName): Column {
  return invoke("shuffle", [toColumn(col)]);
}

/** The number of elements of an array or map (-1 for null). */
export function size(col: ColumnOrName): Column {
  return invoke("size", [toColumn(col)]);
}

/** length elements from 1-based start (negative: from the end). */
export function slice(x: ColumnOrName, start: ColumnOrName | number, length: ColumnOrName | number): Column {
  return invoke("slice", [toColumn(x), toColumnOrLiteral(start), toColumnOrLiteral(length)]);
}

/** The array sorted, nulls first when ascending, last when descending. */
export function sortArray(col: ColumnOrName, asc: boolean | Column = true): Column {
  return invoke("sort_array", [toColumn(col), lit(asc)]);
}

/** A struct of the columns, named after them. */
export function struct(...cols: ColumnOrName[]): Column {
  return invoke("struct", [...cols.map(toColumn)]);
}

/** elementAt, null for an index out of range. */
export function tryElementAt(col: ColumnOrName, extraction: ColumnOrName): Column {
  return invoke("try_element_at", [toColumn(col), toColumn(extraction)]);
}

// ---- JSON and CSV ----

/** A CSV line parsed as a struct of the schema (DDL). */
export function fromCsv(col: ColumnOrName, schema: string | Column, options?: ReadonlyMap<string, string> | Column): Column {
  return invoke("from_csv", [toColumn(col), lit(schema), options === undefined ? undefined : lit(options)]);
}

/** JSON text parsed by the schema (DDL: a struct, array or map). */
export function fromJson(col: ColumnOrName, schema: string | Column, options?: ReadonlyMap<string, string> | Column): Column {
  return invoke("from_json", [toColumn(col), lit(schema), options === undefined ? undefined : lit(options)]);
}

/** The value at a JSONPath (`$.a.b[0]`) of JSON text, as text. */
export function getJsonObject(col: ColumnOrName, path: string | Column): Column {
  return invoke("get_json_object", [toColumn(col), lit(path)]);
}

/** The number of elements of the outermost JSON array. */
export function jsonArrayLength(col: ColumnOrName): Column {
  return invoke("json_array_length", [toColumn(col)]);
}

/** The keys of the outermost JSON object. */
export function jsonObjectKeys(col: ColumnOrName): Column {
  return invoke("json_object_keys", [toColumn(col)]);
}

/** Top-level fields of a JSON object, one column each (c0, c1…). */
export function jsonTuple(col: ColumnOrName, ...fields: (string | Column)[]): Column {
  return invoke("json_tuple", [toColumn(col), ...fields.map(lit)]);
}

/** The DDL schema inferred from a CSV line. */
export function schemaOfCsv(csv: string | Column, options?: ReadonlyMap<string, string> | Column): Column {
  return invoke("schema_of_csv", [lit(csv), options === undefined ? undefined : lit(options)]);
}

/** The DDL schema inferred from JSON text. */
export function schemaOfJson(json: string | Column, options?: ReadonlyMap<string, string> | Column): Column {
  return invoke("schema_of_json", [lit(json), options === undefined ? undefined : lit(options)]);
}

/** A map of text split into pairs and the pairs into key and value. */
export function strToMap(text: ColumnOrName, pairDelim: string | Column = ",", keyValueDelim: string | Column = ":"): Column {
  return invoke("str_to_map", [toColumn(text), lit(pairDelim), lit(keyValueDelim)]);
}

/** A struct as a CSV line. */
export function toCsv(col: ColumnOrName, options?: ReadonlyMap<string, string> | Column): Column {
  return invoke("to_csv", [toColumn(col), options === undefined ? undefined : lit(options)]);
}

/** A struct, array or map as JSON text. */
export function toJson(col: ColumnOrName, options?: ReadonlyMap<string, string> | Column): Column {
  return invoke("to_json", [toColumn(col), options === undefined ? undefined : lit(options)]);
}

// ---- Hashes ----

/** The CRC-32 of binary, as a bigint. */
export function crc32(col: ColumnOrName): Column {
  return invoke("crc32", [toColumn(col)]);
}

/** The 32-bit Murmur3 hash of the values. */
export function hash(...cols: ColumnOrName[]): Column {
  return invoke("hash", [...cols.map(toColumn)]);
}

/** The MD5 digest, as hex. */
export function md5(col: ColumnOrName): Column {
  return invoke("md5", [toColumn(col)]);
}

/** The SHA-1 digest, as hex. */
export function sha(col: ColumnOrName): Column {
  return invoke("sha", [toColumn(col)]);
}

/** The SHA-1 digest, as hex. */
export function sha1(col: ColumnOrName): Column {
  return invoke("sha1", [toColumn(col)]);
}

/** The SHA-2 digest of 224, 256, 384 or 512 bits, as hex. */
export function sha2(col: ColumnOrName, numBits: number | Column): Column {
  return invoke("sha2", [toColumn(col), lit(numBits)]);
}

/** The 64-bit xxHash of the values (seed 42). */
export function xxhash64(...cols: ColumnOrName[]): Column {
  return invoke("xxhash64", [...cols.map(toColumn)]);
}

// ---- Sketches ----

/** The distinct count a HyperLogLog sketch estimates. */
export function hllSketchEstimate(col: ColumnOrName): Column {
  return invoke("hll_sketch_estimate", [toColumn(col)]);
}

/** The union of two HyperLogLog sketches, as a sketch. */
export function hllUnion(col1: ColumnOrName, col2: ColumnOrName, allowDifferentLgConfigK?: boolean | Column): Column {
  return invoke("hll_union", [toColumn(col1), toColumn(col2), allowDifferentLgConfigK === undefined ? undefined : lit(allowDifferentLgConfigK)]);
}

// ---- Nulls and conditionals ----

/** Null when col is true; fails the query otherwise. */
export function assertTrue(col: ColumnOrName, errMsg?: string | Column): Column {
  return invoke("assert_true", [toColumn(col), errMsg === undefined ? undefined : lit(errMsg)]);
}

/** The first non-null value. */
export function coalesce(...cols: ColumnOrName[]): Column {
  return invoke("coalesce", [...cols.map(toColumn)]);
}

/** Equality where null equals null (as `<=>`). */
export function equalNull(col1: ColumnOrName, col2: ColumnOrName): Column {
  return invoke("equal_null", [toColumn(col1), toColumn(col2)]);
}

/** The largest value, nulls skipped. */
export function greatest(...cols: ColumnOrName[]): Column {
  return invoke("greatest", [...cols.map(toColumn)]);
}

/** col2 when col1 is null, else col1. */
export function ifnull(col1: ColumnOrName, col2: ColumnOrName): Column {
  return invoke("ifnull", [toColumn(col1), toColumn(col2)]);
}

/** Whether the value is not null. */
export function isnotnull(col: ColumnOrName): Column {
  return invoke("isnotnull", [toColumn(col)]);
}

/** Whether the value is null. */
export function isnull(col: ColumnOrName): Column {
  return invoke("isnull", [toColumn(col)]);
}

/** The smallest value, nulls skipped. */
export function least(...cols: ColumnOrName[]): Column {
  return invoke("least", [...cols.map(toColumn)]);
}

/** Null when col1 equals col2, else col1. */
export function nullif(col1: ColumnOrName, col2: ColumnOrName): Column {
  return invoke("nullif", [toColumn(col1), toColumn(col2)]);
}

/** col2 when col1 is null, else col1. */
export function nvl(col1: ColumnOrName, col2: ColumnOrName): Column {
  return invoke("nvl", [toColumn(col1), toColumn(col2)]);
}

/** col2 when col1 is not null, else col3. */
export function nvl2(col1: ColumnOrName, col2: ColumnOrName, col3: ColumnOrName): Column {
  return invoke("nvl2", [toColumn(col1), toColumn(col2), toColumn(col3)]);
}

/** Fails the query with errMsg. */
export function raiseError(errMsg: string | Column): Column {
  return invoke("raise_error", [lit(errMsg)]);
}

// ---- Session and input information ----

/** The session's current catalog. */
export function currentCatalog(): Column {
  return invoke("current_catalog", []);
}

/** The session's current database. */
export function currentDatabase(): Column {
  return invoke("current_database", []);
}

/** The session's current database (the same as currentDatabase). */
export function currentSchema(): Column {
  return invoke("current_schema", []);
}

/** The user the query runs as. */
export function currentUser(): Column {
  return invoke("current_user", []);
}

/** The length of the file block being read, -1 if unknown. */
export function inputFileBlockLength(): Column {
  return invoke("input_file_block_length", []);
}

/** The offset of the file block being read, -1 if unknown. */
export function inputFileBlockStart(): Column {
  return invoke("input_file_block_start", []);
}

/** The file the row was read from, "" if unknown. */
export function inputFileName(): Column {
  return invoke("input_file_name", []);
}

/** Unique, increasing 64-bit ids (partition index in the upper bits: not consecutive). */
export function monotonicallyIncreasingId(): Column {
  return invoke("monotonically_increasing_id", []);
}

/** The partition the row is in. */
export function sparkPartitionId(): Column {
  return invoke("spark_partition_id", []);
}

/** The user the query runs as (the same as currentUser). */
export function user(): Column {
  return invoke("user", []);
}

/** The Spark version and its git revision. */
export function version(): Column {
  return invoke("version", []);
}
