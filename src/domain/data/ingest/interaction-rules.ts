import { functions as F, type Column } from "../../../connect";
import { ACTION_TYPES, APP_VERSION_PATTERN, INTERACTIONS, PAGE_ID_PATTERN, TIMESTAMP_FORMAT } from "../schemas";
import { blank, breaks, notIn, structuralRules } from "./common-rules";
import type { Rule } from "./rule";

export interface InteractionRuleOptions {
  /** Earliest plausible event time (inclusive), `YYYY-MM-DD`. */
  readonly earliest: string;
  /** Latest plausible event time (exclusive), `YYYY-MM-DD`. */
  readonly latest: string;
}

/**
 * The default plausible range: from 2000 (older than any app release) to tomorrow, UTC,
 * exclusive, because nothing can have happened after today.
 */
export function defaultPlausibleRange(now: Date = new Date()): InteractionRuleOptions {
  return { earliest: "2000-01-01", latest: new Date(now.getTime() + 86_400_000).toISOString().slice(0, 10) };
}

/** The parsed timestamp of a raw row: null when the text does not match the brief's format. */
export function parsedTimestamp(): Column {
  return F.toTimestamp(F.col("timestamp"), TIMESTAMP_FORMAT);
}

/**
 * The interaction rules, in the order a row is charged. Structural problems come first (a row
 * with the wrong number of fields has no trustworthy field at all), then encoding, then each
 * field's domain.
 */
export function interactionRules(options: InteractionRuleOptions): Rule[] {
  const ts = parsedTimestamp();
  return [
    ...structuralRules(INTERACTIONS.columns),
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
      violated: notIn("action_type", ACTION_TYPES),
    },
    {
      reason: "bad_page_id",
      field: "page_id",
      description: `page_id does not match ${PAGE_ID_PATTERN}`,
      violated: blank("page_id").or(breaks("page_id", PAGE_ID_PATTERN)),
    },
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
