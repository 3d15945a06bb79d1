import { functions as F } from "../../../../connect";
import { METADATA } from "../../schemas";
import { BAD_USER_ID, EMPTY_USER_ID, EXACT_DUPLICATE, fieldKind, invalidUtf8, WRONG_COLUMN_COUNT, type DatasetCorruption } from "./corruption-kinds";

/**
 * The malformed metadata rows the generator can write, one per ingestion rule that does not
 * depend on ingestion's options (`implausible_join_date` does). The closed sets are broken by a
 * change of case (`us`, `iphone`, `FREE`): every value of the brief's lists has a letter whose
 * case then differs, so the result is never in the list.
 */
export const METADATA_CORRUPTION: DatasetCorruption = {
  columns: METADATA.columns,
  typedColumns: ["join_date"],
  kinds: [
    WRONG_COLUMN_COUNT,
    invalidUtf8("device_type"),
    EMPTY_USER_ID,
    BAD_USER_ID,
    fieldKind("bad_join_date", "join_date", (v) => F.regexpReplace(v, "-", "/")),
    fieldKind("unknown_country", "country", (v) => F.lower(v)),
    fieldKind("unknown_device_type", "device_type", (v) => F.lower(v)),
    fieldKind("unknown_subscription_type", "subscription_type", (v) => F.upper(v)),
    EXACT_DUPLICATE,
  ],
};
