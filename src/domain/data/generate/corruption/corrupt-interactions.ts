import { functions as F } from "../../../../connect";
import { INTERACTIONS } from "../../schemas";
import { BAD_USER_ID, EMPTY_USER_ID, EXACT_DUPLICATE, fieldKind, invalidUtf8, WRONG_COLUMN_COUNT, type DatasetCorruption } from "./corruption-kinds";

/**
 * The malformed interactions the generator can write, one per ingestion rule that does not
 * depend on ingestion's options (`implausible_timestamp` does: its bounds are chosen at ingest).
 * Each value is damaged the way real pipelines damage it: a locale's date separator, a
 * case-changed enum, a unit suffix, a sign flip, a prefixed version.
 */
export const INTERACTIONS_CORRUPTION: DatasetCorruption = {
  columns: INTERACTIONS.columns,
  typedColumns: ["timestamp", "duration_ms"],
  kinds: [
    WRONG_COLUMN_COUNT,
    invalidUtf8("page_id"),
    EMPTY_USER_ID,
    BAD_USER_ID,
    fieldKind("bad_timestamp", "timestamp", (v) => F.regexpReplace(v, "-", "/")),
    fieldKind("unknown_action_type", "action_type", (v) => F.upper(v)),
    fieldKind("bad_page_id", "page_id", (v) => F.regexpReplace(v, "^p", "page_")),
    fieldKind("non_numeric_duration", "duration_ms", (v) => F.concat(v, F.lit("ms"))),
    // -(d + 1) rather than "-" + d: negative even for a duration of 0.
    fieldKind("negative_duration", "duration_ms", (v) => F.lit(-1).minus(v.cast("bigint")).cast("string")),
    fieldKind("bad_app_version", "app_version", (v) => F.concat(F.lit("v"), v)),
    EXACT_DUPLICATE,
  ],
};
