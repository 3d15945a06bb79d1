/** The anomaly detector's definition in plain language, as the report states it. */
export const ANOMALY_DEFINITION_TEXT =
  "Series: per day and per hour (UTC), the number of events and of distinct active users, overall and per action_type, " +
  "app_version major.minor, country and device_type; a series runs from its first to its last event, empty buckets " +
  "counting 0. Each series is log1p-transformed and split into trend (a moving median over two seasonal cycles and one " +
  "point, leaving the point itself out), seasonal pattern (per day of week for daily series, per hour of day for " +
  "hourly ones: the median of the detrended values) and residual. A bucket is an anomaly when the robust z-score of its " +
  "residual, 0.6745·(r − median)/MAD over the 56 residuals before it, exceeds 3.5 in absolute value, unless counting " +
  "noise explains it: a count around λ varies by √(dλ), where d is 1 for active users and, for events (which arrive in " +
  "per-user sessions), the series' events per active user; the spread is never taken below that, the deviation must " +
  "also exceed 3.5·√(dλ) on the count scale, and buckets where neither the observed nor the expected count reaches 10 " +
  "users' worth (10·d) are not flagged. Each anomaly reports its series, granularity, time, observed and expected count, score and " +
  "direction (up or down).";
