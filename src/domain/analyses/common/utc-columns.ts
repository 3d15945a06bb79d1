import { functions as F, TypedLiteral, type Column, type DataFrame } from "../../../connect";
import { monthStart } from "./calendar-days";

const MICROS_PER_DAY = 86_400_000_000;

/**
 * The UTC calendar day of a timestamp, from its epoch microseconds: a cast to date would use
 * the session time zone, which our server sets to UTC but nothing here should rely on.
 */
export function utcDate(timestamp: Column): Column {
  return F.dateFromUnixDate(F.floor(F.unixMicros(timestamp).divide(MICROS_PER_DAY)).cast("int"));
}

/** Milliseconds since the epoch (a TIMESTAMP is a UTC instant; no zone is involved). */
export function epochMillis(timestamp: Column): Column {
  return F.unixMillis(timestamp);
}

/** The Monday starting the ISO week of a date (`weekday` is 0 on Mondays; dates carry no zone). */
export function isoWeekStartOf(date: Column): Column {
  return F.dateSub(date, F.weekday(date));
}

/** A DATE literal. */
export function dateLit(day: string): Column {
  return F.lit(TypedLiteral.date(day));
}

/**
 * One row per day from `first` to `last` inclusive, in a column `name`: a few hundred rows built
 * on the server from a one-row range, the spine that gives days without events their zero row.
 */
export function daySpine(like: DataFrame, first: string, last: string, name: string): DataFrame {
  return like.session.range(1).select(F.explode(F.sequence(dateLit(first), dateLit(last))).alias(name));
}

/** `YYYY-MM` of a date (formatting a DATE involves no time zone). */
export function monthOf(date: Column): Column {
  return F.dateFormat(date, "yyyy-MM");
}

/** One row per month (column `month`, YYYY-MM) from the month of `first` to that of `last`. */
export function monthSpine(like: DataFrame, first: string, last: string): DataFrame {
  return like.session
    .range(1)
    .select(F.explode(F.sequence(dateLit(monthStart(first)), dateLit(monthStart(last)), F.expr("INTERVAL 1 MONTH"))).alias("month_start"))
    .select(monthOf(F.col("month_start")).alias("month"));
}
