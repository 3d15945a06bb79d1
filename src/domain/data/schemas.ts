/**
 * The two datasets of the brief, as Spark DDL (explicit schemas: data is never inferred) and the
 * value domains its generator draws from, which ingestion also validates against.
 */

/** User interactions, as typed after ingestion. `timestamp` is UTC (the input carries no zone). */
export const INTERACTIONS_DDL = "user_id string, timestamp timestamp, action_type string, page_id string, duration_ms bigint, app_version string";

/** User metadata, as typed after ingestion. */
export const METADATA_DDL = "user_id string, join_date date, country string, device_type string, subscription_type string";

/**
 * The enriched interactions every analysis reads: an interaction, its UTC event date, and its
 * user's metadata (null join_date and `unknown` categories for users without metadata).
 */
export const ENRICHED_DDL =
  "user_id string, timestamp timestamp, event_date date, action_type string, page_id string, duration_ms bigint, app_version string, " +
  "country string, device_type string, subscription_type string, join_date date";

export const INTERACTION_COLUMNS = ["user_id", "timestamp", "action_type", "page_id", "duration_ms", "app_version"] as const;
export const METADATA_COLUMNS = ["user_id", "join_date", "country", "device_type", "subscription_type"] as const;

export const ACTION_TYPES = ["page_view", "edit", "create", "delete", "share"] as const;
export const COUNTRIES = ["US", "UK", "CA", "AU", "DE", "FR", "JP", "IN", "BR", "MX"] as const;
export const DEVICE_TYPES = ["iPhone", "iPad", "Android Phone", "Android Tablet", "Windows", "Mac"] as const;
export const SUBSCRIPTION_TYPES = ["free", "basic", "premium", "enterprise"] as const;

/** `u000001` … `u1000000`: "u" and at least six digits (the brief pads to six). */
export const USER_ID_PATTERN = "^u[0-9]{6,}$";
export const PAGE_ID_PATTERN = "^p[0-9]{6,}$";
export const APP_VERSION_PATTERN = "^[0-9]+\\.[0-9]+\\.[0-9]+$";

/** The brief writes timestamps as `%Y-%m-%d %H:%M:%S` and dates as `%Y-%m-%d`. */
export const TIMESTAMP_FORMAT = "yyyy-MM-dd HH:mm:ss";
export const DATE_FORMAT = "yyyy-MM-dd";
