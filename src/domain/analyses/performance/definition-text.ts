/** Each performance metric's definition in plain language, as the report states it. */
export const PERFORMANCE_DEFINITION_TEXT = {
  pageLoadTime:
    "The data has no separate load-time field, so we take the duration_ms of page_view events as the page load time " +
    "(an assumption: other event types are ignored by every performance metric).",
  p95ByVersion:
    "For each app_version, the 95th percentile of page load time, computed with Spark's percentile_approx at accuracy " +
    "10,000: the reported value's rank is within 1/10,000 of the version's page loads of the exact 95th percentile's " +
    "(the requirement is ±1%). Versions with fewer than 100 page loads are reported but flagged low_confidence. The same " +
    "is computed per major.minor and per major from the page loads themselves (percentiles cannot be averaged), all " +
    "levels in one pass over the data. Charts order versions by release (numeric major, minor, patch) and can keep the " +
    "N versions with the most page loads, pooling the rest as 'other'.",
  deviceEffect:
    "Whether device type goes with page load time, on the page loads of users with metadata (the 'unknown' device group " +
    "is shown in the per-device table but left out of the statistics). Primary: the Kruskal–Wallis H statistic on " +
    "mid-ranks with the tie correction, and its effect size ε² = H/(N−1): the share of the variation in load-time ranks " +
    "explained by device type. Rank-based, so the heavy tail of load times cannot dominate it. Secondary: η² of " +
    "ln(load time) by device type (0 ms counts as 1 ms). Bands: below 0.01 negligible, 0.01 small, 0.06 moderate, " +
    "0.14 large. At these sample sizes p-values are ~0 and say nothing about size; the effect sizes do.",
} as const;
