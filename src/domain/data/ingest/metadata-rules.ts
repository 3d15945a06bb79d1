import { functions as F, type Column } from "../../../connect";
import { COUNTRIES, DATE_FORMAT, DEVICE_TYPES, METADATA, SUBSCRIPTION_TYPES } from "../schemas";
import { notIn, structuralRules } from "./common-rules";
import type { Rule } from "./rule";

export interface MetadataRuleOptions {
  /** Earliest plausible join date (inclusive), `YYYY-MM-DD`. */
  readonly earliest: string;
  /** Latest plausible join date (exclusive), `YYYY-MM-DD`. */
  readonly latest: string;
}

/** The parsed join date of a raw row: null when the text is not `yyyy-MM-dd`. */
export function parsedJoinDate(): Column {
  return F.toDate(F.col("join_date"), DATE_FORMAT);
}

/** The metadata rules, in the order a row is charged: structure first, then each field's domain. */
export function metadataRules(options: MetadataRuleOptions): Rule[] {
  const joined = parsedJoinDate();
  return [
    ...structuralRules(METADATA.columns),
    { reason: "bad_join_date", field: "join_date", description: `join_date is not ${DATE_FORMAT}`, violated: joined.isNull() },
    {
      reason: "implausible_join_date",
      field: "join_date",
      description: `join_date lies outside [${options.earliest}, ${options.latest})`,
      violated: joined.lt(F.toDate(F.lit(options.earliest))).or(joined.geq(F.toDate(F.lit(options.latest)))),
    },
    { reason: "unknown_country", field: "country", description: `country is not one of ${COUNTRIES.join(", ")}`, violated: notIn("country", COUNTRIES) },
    {
      reason: "unknown_device_type",
      field: "device_type",
      description: `device_type is not one of ${DEVICE_TYPES.join(", ")}`,
      violated: notIn("device_type", DEVICE_TYPES),
    },
    {
      reason: "unknown_subscription_type",
      field: "subscription_type",
      description: `subscription_type is not one of ${SUBSCRIPTION_TYPES.join(", ")}`,
      violated: notIn("subscription_type", SUBSCRIPTION_TYPES),
    },
  ];
}
