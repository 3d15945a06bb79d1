import { functions as F, Window, type Column, type DataFrame } from "../../../connect";
import type { Rule } from "./rule";

export const REJECT_REASON = "reject_reason";

/** The rule splitDuplicates applies after the others, described as the quality summary lists it. */
export const DUPLICATE_RULE = {
  reason: "duplicate_event",
  field: "*",
  description: "the row repeats an earlier one in every field; the first stays valid",
} as const;

/** The first rule a row breaks, as its reason; null for a row that breaks none. */
export function rejectReason(rules: readonly Rule[]): Column {
  const [first, ...rest] = rules;
  if (!first) return F.lit(null).cast("string");
  let reason = F.when(first.violated, first.reason);
  for (const rule of rest) reason = reason.when(rule.violated, rule.reason);
  return reason.otherwise(F.lit(null).cast("string"));
}

export interface Split {
  /** Rows that break no rule, with the reason column dropped. */
  readonly valid: DataFrame;
  /** Rows that break a rule, with `reject_reason` naming the first one. */
  readonly quarantined: DataFrame;
}

/** Splits rows by the rules; every input row lands in exactly one of the two outputs. */
export function splitByRules(rows: DataFrame, rules: readonly Rule[]): Split {
  const judged = rows.withColumn(REJECT_REASON, rejectReason(rules));
  return {
    valid: judged.filter(F.col(REJECT_REASON).isNull()).drop(REJECT_REASON),
    quarantined: judged.filter(F.col(REJECT_REASON).isNotNull()),
  };
}

/**
 * Exact duplicates of `keys` (the same event logged twice): the first by `order` stays valid,
 * the others are quarantined as `duplicate_event`. Deterministic given a total `order`.
 */
export function splitDuplicates(rows: DataFrame, keys: readonly string[], order: readonly Column[]): Split {
  const numbered = rows.withColumn("_occurrence", F.rowNumber().over(Window.partitionBy(...keys).orderBy(...order)));
  return {
    valid: numbered.filter(F.col("_occurrence").eq(1)).drop("_occurrence"),
    quarantined: numbered.filter(F.col("_occurrence").gt(1)).drop("_occurrence").withColumn(REJECT_REASON, F.lit(DUPLICATE_RULE.reason)),
  };
}
