import type { DataFrame } from "../../connect";
import type { PlantedAnomaly } from "../data/generate/realistic/ground-truth";
import { defaultDetectorOptions, detectAnomalies, type DetectorOptions } from "../analyses/anomalies/detector";
import type { Anomaly, Granularity } from "../analyses/anomalies/model";
import {
  DEFAULT_MATCHING,
  EVALUATION_SETS,
  isExcluded,
  scoreDetections,
  type EvaluationSet,
  type MatchingOptions,
  type SeriesCoverage,
  type SetScore,
} from "./anomaly-scoring";
import { collectSeries } from "../analyses/anomalies/series";

export interface ScoreDetectorOptions extends MatchingOptions {
  readonly sets: readonly EvaluationSet[];
  /** Overrides of the detector's defaults, per granularity (as findAnomalies takes them). */
  readonly detector: Partial<Readonly<Record<Granularity, Partial<DetectorOptions>>>>;
}

export const DEFAULT_SCORE_DETECTOR: ScoreDetectorOptions = { ...DEFAULT_MATCHING, sets: EVALUATION_SETS, detector: {} };

export interface DetectorScore {
  /** One score per evaluation set, in the options' order. */
  readonly sets: readonly SetScore[];
  /** Every detection of the granularities scored. */
  readonly detections: readonly Anomaly[];
}

/**
 * Runs the detector over `enriched` and scores it against the planted anomalies (the realistic
 * ground truth; `{ anomalies: [] }` for seed data, where every detection is a false alarm). The
 * series are built in Spark and collected, once per granularity the sets need (as findAnomalies
 * does: they are small after aggregation); detection and matching run on the driver (score.ts).
 */
export async function scoreDetector(
  enriched: DataFrame,
  groundTruth: { readonly anomalies: readonly PlantedAnomaly[] },
  options: ScoreDetectorOptions = DEFAULT_SCORE_DETECTOR,
): Promise<DetectorScore> {
  const detections: Anomaly[] = [];
  const coverage: SeriesCoverage[] = [];
  for (const granularity of [...new Set(options.sets.map((s) => s.granularity))]) {
    const overrides = options.detector[granularity];
    const { window } = { ...defaultDetectorOptions(granularity), ...overrides };
    for (const series of await collectSeries(enriched, granularity)) {
      detections.push(...detectAnomalies(series, overrides));
      // The points the detector can flag: past the trailing baseline, outside the excluded windows.
      const scoredPoints = series.timestamps.slice(window).filter((ts) => !isExcluded({ ts, granularity }, options.excluded)).length;
      coverage.push({ granularity, series: series.name, scoredPoints });
    }
  }
  return { sets: options.sets.map((set) => scoreDetections(detections, groundTruth.anomalies, coverage, set, options)), detections };
}
