import type { PlantedAnomaly } from "../data/generate/realistic/ground-truth";
import { OVERALL, SERIES_METRICS, seriesName, type SeriesMetric } from "../analyses/anomalies/series";
import type { Anomaly, Granularity } from "../analyses/anomalies/model";

/**
 * Scoring the detector against the realistic generator's ground truth: which detections are
 * true, which planted anomalies are found, and how often the detector cries wolf.
 *
 * Matching, as the report states it:
 * - Series. The ground truth names the series an anomaly shows in as `metric.granularity.key`
 *   (`events.daily.overall`, `events.hourly.action_type=create`); those of the detector's metrics
 *   (events, active_users) become the detector's names (`all/events`, `action_type=create/events`).
 *   Others (`new_users`, `duration_ms`) are not count series: the detector does not read them,
 *   so an anomaly listing only such series (extreme_durations) is not evaluated.
 * - Time. A detection's bucket (a day, or an hour) matches an anomaly when it overlaps the
 *   anomaly's window [start, end) widened by `toleranceBuckets` buckets on each side (default 1):
 *   an anomaly that starts or ends inside a bucket may show in the bucket next to it.
 * - Direction. The detection's direction must be the anomaly's.
 * - Recall: a planted anomaly is FOUND when at least one detection on one of its listed series
 *   (within the evaluation set) matches it in time and direction; several detections of one
 *   anomaly count once. recall = found / evaluable, where evaluable are the anomalies with at
 *   least one listed series in the set.
 * - Precision: a detection is TRUE when it matches, in time and direction, an anomaly that
 *   REACHES its series (see reaches: the listed series, and what the anomaly's kind moves beyond
 *   them, e.g. every series during an outage); otherwise it is a false alarm.
 *   precision = true detections / detections in the set (each flagged bucket counts).
 * - False alarms per 365 points per series: false alarms / scored points × 365, over the set's
 *   series pooled (the average over series, weighted by their length). Scored points are those
 *   the detector can flag: a series' points after its first `window` (the trailing baseline).
 * - Excluded windows: known artefacts of the data that the ground truth does not list (see
 *   ExcludedWindow). A detection whose bucket overlaps one is neither true nor false, and the
 *   buckets inside one are not scored points; the score lists what was excluded.
 */

/** One series of the detector, in its own terms. */
export interface SeriesRef {
  readonly granularity: Granularity;
  /** `all/events`, `action_type=create/events`… (seriesName). */
  readonly series: string;
}

/**
 * Which series are scored: one granularity, and the overall series only or every series
 * (overall and per dimension). The overall daily series are where every planted count anomaly
 * is listed (the bots show hourly only in their action type's series); per-dimension series carry the product's own changes (releases adopted and abandoned,
 * users joining and leaving), which the ground truth does not list.
 */
export interface EvaluationSet {
  readonly granularity: Granularity;
  readonly breakdown: "overall" | "all";
}

/** The sets the report shows: daily and hourly, overall and all series. */
export const EVALUATION_SETS: readonly EvaluationSet[] = [
  { granularity: "daily", breakdown: "overall" },
  { granularity: "hourly", breakdown: "overall" },
  { granularity: "daily", breakdown: "all" },
  { granularity: "hourly", breakdown: "all" },
];

/**
 * A stretch of time left out of the score, with the reason the report gives: something in the
 * data that is neither planted nor noise (a generator defect, say), on every series.
 */
export interface ExcludedWindow {
  /** UTC `YYYY-MM-DD HH:mm:ss`, end exclusive. */
  readonly start: string;
  readonly end: string;
  readonly reason: string;
}

export interface MatchingOptions {
  /** Buckets of slack on each side of a planted anomaly's window. */
  readonly toleranceBuckets: number;
  readonly excluded: readonly ExcludedWindow[];
}

export const DEFAULT_MATCHING: MatchingOptions = { toleranceBuckets: 1, excluded: [] };

/** How many points of one series the detector scored (see the matching rules above). */
export interface SeriesCoverage extends SeriesRef {
  readonly scoredPoints: number;
}

export interface FoundAnomaly {
  readonly anomaly: PlantedAnomaly;
  /** The detections on its listed series that match it. */
  readonly detections: readonly Anomaly[];
}

export interface TrueDetection {
  readonly detection: Anomaly;
  /** The kinds of the planted anomalies it matches. */
  readonly matches: readonly PlantedAnomaly["kind"][];
}

export interface FalseAlarmRate {
  readonly falseAlarms: number;
  readonly series: number;
  readonly scoredPoints: number;
  /** falseAlarms / scoredPoints × 365; null without scored points. */
  readonly per365Points: number | null;
}

/** The detector's score on one evaluation set. */
export interface SetScore {
  readonly set: EvaluationSet;
  /** null when nothing was detected in the set. */
  readonly precision: number | null;
  /** null when no planted anomaly is evaluable in the set (seed data). */
  readonly recall: number | null;
  readonly trueDetections: readonly TrueDetection[];
  readonly falseAlarms: readonly Anomaly[];
  readonly found: readonly FoundAnomaly[];
  readonly missed: readonly PlantedAnomaly[];
  /** Planted anomalies with no listed series in the set. */
  readonly notEvaluated: readonly PlantedAnomaly[];
  /** Detections inside an excluded window: in neither precision nor false alarms. */
  readonly excluded: readonly Anomaly[];
  readonly falseAlarmRate: FalseAlarmRate;
}

const BUCKET_MS: Readonly<Record<Granularity, number>> = { daily: 86_400_000, hourly: 3_600_000 };
const GRANULARITY_OF: Readonly<Record<string, Granularity>> = { daily: "daily", hourly: "hourly" };

/**
 * A ground-truth series name (`metric.granularity.key`, key `overall` or `dimension=value`) as the
 * detector's series, or null for a metric the detector does not read. The key may hold dots
 * (`major_minor=6.2`): only the first two separate.
 */
export function detectorSeriesOf(groundTruthName: string): SeriesRef | null {
  const [metric, granularityName, ...rest] = groundTruthName.split(".");
  const granularity = GRANULARITY_OF[granularityName ?? ""];
  const key = rest.join(".");
  if (granularity === undefined || key === "" || !isMetric(metric)) return null;
  if (key === "overall") return { granularity, series: seriesName(OVERALL, OVERALL, metric) };
  const separator = key.indexOf("=");
  if (separator < 1) return null;
  return { granularity, series: seriesName(key.slice(0, separator), key.slice(separator + 1), metric) };
}

function isMetric(name: string | undefined): name is SeriesMetric {
  return (SERIES_METRICS as readonly (string | undefined)[]).includes(name);
}

/** The detector series an anomaly is planted in, by the ground truth's own list. */
export function listedSeries(anomaly: PlantedAnomaly): SeriesRef[] {
  return anomaly.series.flatMap((name) => detectorSeriesOf(name) ?? []);
}

/** `dimension` and `value` of a detector series name (`all` for the overall series). */
function keyOf(series: string): { dimension: string; value: string } {
  const key = series.slice(0, series.lastIndexOf("/"));
  const separator = key.indexOf("=");
  return separator < 0 ? { dimension: key, value: key } : { dimension: key.slice(0, separator), value: key.slice(separator + 1) };
}

/**
 * Whether a planted anomaly moves a detector series, at any granularity. The ground truth lists
 * where each kind shows most clearly; what else it moves follows from its kind:
 * - outage, traffic_spike: every count series. An outage slows every regular user; the spike's new
 *   users draw country, device and version like everyone else. Both are global.
 * - bot_cluster: the bots' events, all of one action type (details.actionType, `create`): the
 *   overall series, that action type's series, and every country, device_type and major_minor
 *   series (the bots have some country, device and version each, which the ground truth does
 *   not name, so any value counts). Not the other action types' series.
 * - anything else (extreme_durations changes durations, not counts): its listed series only.
 */
export function reaches(anomaly: PlantedAnomaly, ref: SeriesRef): boolean {
  if (listedSeries(anomaly).some((listed) => listed.series === ref.series && listed.granularity === ref.granularity)) return true;
  switch (anomaly.kind) {
    case "outage":
    case "traffic_spike":
      return true;
    case "bot_cluster": {
      const { dimension, value } = keyOf(ref.series);
      const actionType = typeof anomaly.details.actionType === "string" ? anomaly.details.actionType : "create";
      return (
        dimension === OVERALL ||
        dimension === "country" ||
        dimension === "device_type" ||
        dimension === "major_minor" ||
        (dimension === "action_type" && value === actionType)
      );
    }
    default:
      return false;
  }
}

/** A bucket's start in ms since the epoch: `YYYY-MM-DD` or `YYYY-MM-DD HH:mm:ss`, UTC. */
export function bucketStartMs(ts: string): number {
  const iso = ts.length === 10 ? `${ts}T00:00:00Z` : `${ts.replace(" ", "T")}Z`;
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) throw new RangeError(`Not a bucket timestamp: '${ts}'`);
  return ms;
}

/** Whether a detection's bucket overlaps the anomaly's window widened by `toleranceBuckets` buckets each side. */
export function inWindow(detection: Pick<Anomaly, "ts" | "granularity">, anomaly: Pick<PlantedAnomaly, "start" | "end">, toleranceBuckets: number): boolean {
  const step = BUCKET_MS[detection.granularity];
  const bucket = bucketStartMs(detection.ts);
  const start = bucketStartMs(anomaly.start) - toleranceBuckets * step;
  const end = bucketStartMs(anomaly.end) + toleranceBuckets * step;
  return bucket < end && bucket + step > start;
}

/** Whether a bucket overlaps any of the excluded windows. */
export function isExcluded(bucket: Pick<Anomaly, "ts" | "granularity">, excluded: readonly ExcludedWindow[]): boolean {
  return excluded.some((window) => inWindow(bucket, window, 0));
}

/** Whether a series belongs to the set. */
export function inSet(set: EvaluationSet, ref: SeriesRef): boolean {
  return ref.granularity === set.granularity && (set.breakdown === "all" || keyOf(ref.series).dimension === OVERALL);
}

const matchesInTime = (detection: Anomaly, anomaly: PlantedAnomaly, toleranceBuckets: number): boolean =>
  detection.direction === anomaly.direction && inWindow(detection, anomaly, toleranceBuckets);

/**
 * Scores the detections (any series: those outside the set are ignored) against the planted
 * anomalies, by the rules at the top of this file. `coverage` lists the series the detector ran
 * on, for the false-alarm rate (their scored points already net of the excluded windows).
 */
export function scoreDetections(
  detections: readonly Anomaly[],
  planted: readonly PlantedAnomaly[],
  coverage: readonly SeriesCoverage[],
  set: EvaluationSet,
  options: MatchingOptions = DEFAULT_MATCHING,
): SetScore {
  const { toleranceBuckets } = options;
  const inTheSet = detections.filter((d) => inSet(set, d));
  const excluded = inTheSet.filter((d) => isExcluded(d, options.excluded));
  const scored = inTheSet.filter((d) => !isExcluded(d, options.excluded));
  const trueDetections: TrueDetection[] = [];
  const falseAlarms: Anomaly[] = [];
  for (const detection of scored) {
    const matches = planted.filter((a) => reaches(a, detection) && matchesInTime(detection, a, toleranceBuckets)).map((a) => a.kind);
    if (matches.length > 0) trueDetections.push({ detection, matches });
    else falseAlarms.push(detection);
  }

  const found: FoundAnomaly[] = [];
  const missed: PlantedAnomaly[] = [];
  const notEvaluated: PlantedAnomaly[] = [];
  for (const anomaly of planted) {
    const listed = listedSeries(anomaly).filter((ref) => inSet(set, ref));
    if (listed.length === 0) {
      notEvaluated.push(anomaly);
      continue;
    }
    const hits = scored.filter((d) => listed.some((ref) => ref.series === d.series) && matchesInTime(d, anomaly, toleranceBuckets));
    if (hits.length > 0) found.push({ anomaly, detections: hits });
    else missed.push(anomaly);
  }

  const covered = coverage.filter((c) => inSet(set, c));
  const scoredPoints = covered.reduce((sum, c) => sum + c.scoredPoints, 0);
  const evaluable = found.length + missed.length;
  return {
    set,
    precision: scored.length === 0 ? null : trueDetections.length / scored.length,
    recall: evaluable === 0 ? null : found.length / evaluable,
    trueDetections,
    falseAlarms,
    found,
    missed,
    notEvaluated,
    excluded,
    falseAlarmRate: {
      falseAlarms: falseAlarms.length,
      series: covered.length,
      scoredPoints,
      per365Points: scoredPoints === 0 ? null : (falseAlarms.length / scoredPoints) * 365,
    },
  };
}
