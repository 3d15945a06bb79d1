import { functions as F, type Column } from "../../connect";
import { ACTION_TYPES, APP_VERSION_PATTERN, PAGE_ID_PATTERN, TIMESTAMP_FORMAT, USER_ID_PATTERN } from "../schemas";
import type { Rule } from "./rule";

/** Interactions read as text first, so that no malformed value is lost in a cast. */
export const RAW_INTERACTIONS_DDL = "user_id string, timestamp string, action_type string, page_id string, duration_ms string, app_version string, _corrupt_record string";

export interface InteractionRuleOptions {
  /** Earliest plausible event time (inclusive), `YYYY-MM-DD`. */
  readonly earliest: string;
  /** Latest plausible event time (exclusive), `YYYY-MM-DD`. */
  readonly latest: string;
}

const REPLACEMENT_CHARACTER = "\uFFFD";

/** The parsed timestamp of a raw row: null when the text does not match the brief's format. */
export function parsedTimestamp(): Column {
  return F.toTimestamp(F.col("timestamp"), TIMESTAMP_FORMAT);
}

const blank = (name: string): Column => F.col(name).isNull().or(F.trim(F.col(name)).eq(""));
const breaks = (name: string, pattern: string): Column => F.coalesce(F.col(name).rlike(pattern).not(), F.lit(false));

/**
 * The interaction rules, in the order a row is charged. Structural problems come first (a row
 * with the wrong number of fields has no trustworthy field at all), then encoding, then each
 * field's domain.
 */
export function interactionRules(options: InteractionRuleOptions): Rule[] {
  const ts = parsedTimestamp();
  const anyField = (predicate: (name: string) => Column): Column =>
    ["user_id", "timestamp", "action_type", "page_id", "duration_ms", "app_version"].map(predicate).reduce((a, b) => a.or(b));
  return [
    {
      reason: "malformed_row",
      field: "*",
      description: "the line does not split into the six expected fields",
      violated: F.col("_corrupt_record").isNotNull(),
    },
    {
      reason: "invalid_utf8",
      field: "*",
      description: "a field holds bytes that are not valid UTF-8 (decoded as U+FFFD)",
      violated: anyField((name) => F.coalesce(F.col(name).contains(REPLACEMENT_CHARACTER), F.lit(false))),
    },
    { reason: "empty_user_id", field: "user_id", description: "user_id is missing or blank", violated: blank("user_id") },
    { reason: "bad_user_id", field: "user_id", description: `user_id does not match ${USER_ID_PATTERN}`, violated: breaks("user_id", USER_ID_PATTERN) },
    { reason: "bad_timestamp", field: "timestamp", description: `timestamp is not ${TIMESTAMP_FORMAT}`, violated: ts.isNull() },
    {
      reason: "implausible_timestamp",
      field: "timestamp",
      description: `timestamp lies outside [${options.earliest}, ${options.latest})`,
      violated: ts.lt(F.toTimestamp(F.lit(options.earliest))).or(ts.geq(F.toTimestamp(F.lit(options.latest)))),
    },
    {
      reason: "unknown_action_type",
      field: "action_type",
      description: `action_type is not one of ${ACTION_TYPES.join(", ")}`,
      violated: F.coalesce(F.col("action_type").isin(...ACTION_TYPES).not(), F.lit(true)),
    },
    { reason: "bad_page_id", field: "page_id", description: `page_id does not match ${PAGE_ID_PATTERN}`, violated: F.coalesce(breaks("page_id", PAGE_ID_PATTERN), F.lit(true)).or(blank("page_id")) },
    {
      reason: "non_numeric_duration",
      field: "duration_ms",
      description: "duration_ms is not a whole number of milliseconds",
      violated: blank("duration_ms").or(breaks("duration_ms", "^-?[0-9]{1,18}$")),
    },
    { reason: "negative_duration", field: "duration_ms", description: "duration_ms is negative", violated: F.col("duration_ms").cast("bigint").lt(0) },
    {
      reason: "bad_app_version",
      field: "app_version",
      description: `app_version is not major.minor.patch`,
      violated: blank("app_version").or(breaks("app_version", APP_VERSION_PATTERN)),
    },
  ];
}
