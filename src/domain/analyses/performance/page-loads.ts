import { functions as F, type DataFrame } from "../../../connect";

/**
 * The assumption every performance metric rests on: the schema has no load-time field, so a page
 * load time is the `duration_ms` of a `page_view` event.
 */
export const PAGE_LOAD_ACTION = "page_view";

/** The enriched interactions' page_view events, with their load time as `load_ms` (bigint, ms). */
export function pageLoads(enriched: DataFrame): DataFrame {
  return enriched.where(F.col("action_type").eq(PAGE_LOAD_ACTION)).withColumn("load_ms", F.col("duration_ms"));
}
