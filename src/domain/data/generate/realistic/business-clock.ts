import { type Column, type DataFrame, functions as F, TypedLiteral } from "../../../../connect";
import { DAY_SECONDS, PERIOD_DAYS, weekdayOf } from "./calendar";

/**
 * Relative activity by UTC hour of day: low at night, peaking in the afternoon (the UTC daytime of
 * Europe and the Americas, where most of the users are). Normalised to a mean of 1 below.
 */
export const HOUR_WEIGHTS = [
  0.55, 0.45, 0.35, 0.3, 0.3, 0.35, 0.5, 0.7, 0.95, 1.15, 1.3, 1.4, 1.5, 1.6, 1.65, 1.65, 1.6, 1.5, 1.4, 1.3, 1.15, 1.0, 0.85, 0.7,
] as const;

/** Relative activity by weekday, Sunday first: a work tool, busier on weekdays. */
export const WEEKDAY_WEIGHTS = [0.75, 1.1, 1.12, 1.12, 1.1, 1.05, 0.76] as const;

const HOURS = 24;
const mean = (values: readonly number[]): number => values.reduce((a, b) => a + b, 0) / values.length;

/**
 * "Business time": a clock that runs at the expected activity rate, so that events spread evenly
 * in business time land in real time with the daily and weekly seasonality (and the outage's
 * hole). Its unit is the business day; day d of the year lasts `dayWeight[d]` business days.
 *
 * Mapping business time to real time is monotone: whatever is ordered and spaced in business time
 * stays ordered in real time, and a business gap Δ is at least Δ / maxRate real days apart. That
 * is what lets sessions be placed independently (one pure function per session) and still never
 * overlap (see sessions.ts).
 */
export class BusinessClock {
  /** Business length of each period day. */
  readonly dayWeight: readonly number[];
  /** Business time at the start of each period day; the last entry is the year's total. */
  readonly dayStart: readonly number[];
  /** Share of a day's business time in each UTC hour (sums to 1). */
  readonly hourShare: readonly number[];
  /** Cumulative hourShare at the start of each hour (25 entries, 0 … 1). */
  readonly hourStart: readonly number[];
  /** The fastest rate, in business days per real day. */
  readonly maxRate: number;
  /** Business length of each weekday (Sunday first) outside the outage. */
  private readonly weekdayWeight: readonly number[];

  constructor(
    private readonly outageDay: number,
    private readonly outageFactor: number,
  ) {
    const weekdayMean = mean(WEEKDAY_WEIGHTS);
    this.weekdayWeight = WEEKDAY_WEIGHTS.map((w) => w / weekdayMean);
    this.dayWeight = Array.from({ length: PERIOD_DAYS }, (_, d) => (this.weekdayWeight[weekdayOf(d)] ?? 1) * (d === outageDay ? outageFactor : 1));
    this.dayStart = cumulative(this.dayWeight);
    const hourTotal = HOUR_WEIGHTS.reduce((a, b) => a + b, 0);
    this.hourShare = HOUR_WEIGHTS.map((w) => w / hourTotal);
    this.hourStart = cumulative(this.hourShare);
    this.maxRate = Math.max(...this.dayWeight) * Math.max(...this.hourShare) * HOURS;
  }

  /** The year's business length. */
  get total(): number {
    return this.dayStart[PERIOD_DAYS] ?? 0;
  }

  /** Business time at `seconds` real seconds since the period start (client side; the inverse of withRealSeconds). */
  businessAt(seconds: number): number {
    const day = Math.min(Math.max(Math.floor(seconds / DAY_SECONDS), 0), PERIOD_DAYS - 1);
    const hours = Math.min(Math.max((seconds - day * DAY_SECONDS) / (DAY_SECONDS / HOURS), 0), HOURS);
    const hour = Math.min(Math.floor(hours), HOURS - 1);
    const inDay = (this.hourStart[hour] ?? 0) + (this.hourShare[hour] ?? 0) * (hours - hour);
    return (this.dayStart[day] ?? 0) + (this.dayWeight[day] ?? 0) * inDay;
  }

  /** Business time at the start of period day `day` (a column), by lookup. */
  dayStartOf(day: Column): Column {
    return F.elementAt(doubles(this.dayStart), day.plus(1).cast("int"));
  }

  /**
   * Adds `output`: real seconds since the period start of the business time in column `business`
   * (in [0, total)), in one pass of closed-form arithmetic (no lookup search):
   * 1. undo the outage, stretching its day back to a full weekday, so that business time becomes
   *    periodic by the week (2023-01-01 is a Sunday: period weeks run Sunday to Saturday);
   * 2. the week by division, the weekday and the hour by CASE chains over 7 and 24 cumulative
   *    weights, the rest linearly within the hour.
   * Every piece is linear with a positive slope and the pieces meet: the map is continuous and
   * strictly increasing.
   */
  withRealSeconds(df: DataFrame, business: string, output: string): DataFrame {
    const x = F.col(business);
    const outageStart = this.dayStart[this.outageDay] ?? 0;
    const outageLength = this.dayWeight[this.outageDay] ?? 0;
    const fullLength = outageLength / this.outageFactor;
    const periodic = F.when(x.lt(outageStart), x)
      .when(x.lt(outageStart + outageLength), x.minus(outageStart).divide(this.outageFactor).plus(outageStart))
      .otherwise(x.plus(fullLength - outageLength));
    const weekStart = cumulative(this.weekdayWeight);
    const weekLength = weekStart[7] ?? 7;
    const withWeek = df.withColumn("_periodic", periodic).withColumn("_week", F.floor(F.col("_periodic").divide(weekLength)));
    const inWeek = F.col("_periodic").minus(F.col("_week").multiply(weekLength));
    const withWeekday = withWeek.withColumn("_inWeek", inWeek).withColumn("_weekday", chainIndex(F.col("_inWeek"), weekStart));
    const weekday = F.col("_weekday");
    const dayFraction = F.col("_inWeek")
      .minus(F.elementAt(doubles(weekStart), weekday.plus(1)))
      .divide(F.elementAt(doubles(this.weekdayWeight), weekday.plus(1)));
    const withFraction = withWeekday.withColumn("_fraction", F.least(F.greatest(dayFraction, F.lit(0)), F.lit(1 - 1e-12)));
    const fraction = F.col("_fraction");
    const withHour = withFraction.withColumn("_hour", chainIndex(fraction, this.hourStart));
    const h = F.col("_hour");
    const withinHour = fraction.minus(F.elementAt(doubles(this.hourStart), h.plus(1))).divide(F.elementAt(doubles(this.hourShare), h.plus(1)));
    const day = F.col("_week").multiply(7).plus(weekday);
    return withHour
      .withColumn(output, day.multiply(DAY_SECONDS).plus(h.plus(withinHour).multiply(DAY_SECONDS / HOURS)))
      .drop("_periodic", "_week", "_inWeek", "_weekday", "_fraction", "_hour");
  }
}

/** The index i of the interval [starts[i], starts[i + 1]) holding `value`, as a CASE chain (starts ascending, first 0). */
function chainIndex(value: Column, starts: readonly number[]): Column {
  const last = starts.length - 2;
  let chain = F.when(value.lt(starts[1] ?? 0), 0);
  for (let i = 1; i < last; i++) chain = chain.when(value.lt(starts[i + 1] ?? 0), i);
  return chain.otherwise(last);
}

function cumulative(values: readonly number[]): number[] {
  const sums = [0];
  for (const v of values) sums.push((sums.at(-1) ?? 0) + v);
  return sums;
}

/** A double array literal (typed explicitly: whole numbers would otherwise become ints). */
export function doubles(values: readonly number[]): Column {
  return F.lit(values.map((v) => TypedLiteral.double(v)));
}
