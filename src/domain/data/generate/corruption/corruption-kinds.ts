import { functions as F, type Column } from "../../../../connect";

/** The datasets the generator can corrupt. */
export type CorruptibleDataset = "interactions" | "metadata";

/**
 * How a kind damages its rows: a new text for one field, the line one field short, or the row
 * written twice. Every transform leaves the row clean for every rule ingestion checks before the
 * kind's own, so the row is charged to that kind's reason and no other.
 */
export type Corruption =
  | { readonly type: "field"; readonly field: string; readonly text: (value: Column) => Column }
  | { readonly type: "drop_last_field" }
  | { readonly type: "duplicate" };

/** One kind of malformed row and the quarantine reason ingestion must give it. */
export interface CorruptionKind {
  readonly name: string;
  readonly reason: string;
  readonly corruption: Corruption;
}

/** What the corruption of one dataset needs to know about it. */
export interface DatasetCorruption {
  /** The brief's columns, in order: the CSV header. */
  readonly columns: readonly string[];
  /** Columns that are not strings in the generated rows (written as the brief's CSV writes them). */
  readonly typedColumns: readonly string[];
  /** The kinds, in the order they take their share of each period of row ids. */
  readonly kinds: readonly CorruptionKind[];
}

/**
 * A Latin-1 character: the corrupted files are written in ISO-8859-1, where it is the single
 * byte 0xE9, the lead byte of a 3-byte UTF-8 sequence. Followed by an ASCII byte it is invalid
 * UTF-8, so ingestion (which decodes UTF-8) reads U+FFFD, as it would a mislabelled Latin-1 file.
 */
export const LATIN1_CHARACTER = "\u00e9";

/** A kind that rewrites one field with `text`, named after the reason it must produce. */
export function fieldKind(reason: string, field: string, text: (value: Column) => Column): CorruptionKind {
  return { name: reason, reason, corruption: { type: "field", field, text } };
}

/** A Latin-1 byte appended to `field`: `invalid_utf8`. */
export function invalidUtf8(field: string): CorruptionKind {
  return fieldKind("invalid_utf8", field, (value) => F.concat(value, F.lit(LATIN1_CHARACTER)));
}

/** The line split into one field fewer than the header: `malformed_row`. */
export const WRONG_COLUMN_COUNT: CorruptionKind = { name: "wrong_column_count", reason: "malformed_row", corruption: { type: "drop_last_field" } };

/** user_id left out (an empty field): `empty_user_id`. */
export const EMPTY_USER_ID = fieldKind("empty_user_id", "user_id", () => F.lit(null).cast("string"));

/** `u000123` → `user_000123`: `bad_user_id`. */
export const BAD_USER_ID = fieldKind("bad_user_id", "user_id", (value) => F.regexpReplace(value, "^u", "user_"));

/** The row logged twice: the copy is `duplicate_event`, the original stays valid. */
export const EXACT_DUPLICATE: CorruptionKind = { name: "exact_duplicate", reason: "duplicate_event", corruption: { type: "duplicate" } };
