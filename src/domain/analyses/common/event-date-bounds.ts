import { functions as F, type DataFrame } from "../../../connect";
import { addDays, laterDay } from "./calendar-days";

/** The first and the last event date of the input (UTC days). */
export interface EventDateBounds {
  readonly first: string;
  readonly last: string;
}

/**
 * min and max of event_date in one aggregation. On Parquet partitioned by event_date Spark
 * answers it from the partition directory names without reading the data.
 */
export async function readEventDateBounds(interactions: DataFrame): Promise<EventDateBounds> {
  const [row] = await interactions.agg(F.min("event_date").alias("first"), F.max("event_date").alias("last")).collect();
  // Dates arrive as `YYYY-MM-DD` strings.
  const first = row?.first;
  const last = row?.last;
  if (typeof first !== "string" || typeof last !== "string") throw new Error("The interactions are empty: there is no event date to anchor the analysis on");
  return { first, last };
}

/** A reporting range: every day from `from` to `to`, inclusive. */
export interface DayRange {
  readonly from: string;
  readonly to: string;
}

/**
 * The `days` days ending at `asOf` (default: the last event date), not starting before the first
 * event date: "the past year" is `days` = 365.
 */
export function trailingRange(bounds: EventDateBounds, days: number, asOf: string = bounds.last): DayRange {
  if (!Number.isInteger(days) || days < 1) throw new RangeError(`days must be a positive integer, not ${days}`);
  const from = laterDay(bounds.first, addDays(asOf, 1 - days));
  if (from > asOf) throw new RangeError(`as_of ${asOf} is before the first event date ${bounds.first}`);
  return { from, to: asOf };
}
