import { functions as F, type Column } from "../../../connect";
import { USER_ID_PATTERN } from "../schemas";
import type { Rule } from "./rule";

const REPLACEMENT_CHARACTER = "\uFFFD";

/** A missing or blank text field. */
export const blank = (name: string): Column =>
  F.col(name)
    .isNull()
    .or(F.trim(F.col(name)).eq(""));

/** A present value that does not match `pattern` (null does not break it: `blank` covers that). */
export const breaks = (name: string, pattern: string): Column => F.coalesce(F.col(name).rlike(pattern).not(), F.lit(false));

/** A value outside a closed set; a missing value is outside too. */
export const notIn = (name: string, values: readonly string[]): Column =>
  F.coalesce(
    F.col(name)
      .isin(...values)
      .not(),
    F.lit(true),
  );

/**
 * The rules every raw text dataset starts with: the line split into the expected fields, its
 * bytes were UTF-8, and it names a user.
 */
export function structuralRules(fields: readonly string[]): Rule[] {
  return [
    {
      reason: "malformed_row",
      field: "*",
      description: `the line does not split into the ${fields.length} expected fields`,
      violated: F.col("_corrupt_record").isNotNull(),
    },
    {
      reason: "invalid_utf8",
      field: "*",
      description: "a field holds bytes that are not valid UTF-8 (decoded as U+FFFD)",
      violated: fields.map((name) => F.coalesce(F.col(name).contains(REPLACEMENT_CHARACTER), F.lit(false))).reduce((a, b) => a.or(b)),
    },
    { reason: "empty_user_id", field: "user_id", description: "user_id is missing or blank", violated: blank("user_id") },
    { reason: "bad_user_id", field: "user_id", description: `user_id does not match ${USER_ID_PATTERN}`, violated: breaks("user_id", USER_ID_PATTERN) },
  ];
}
