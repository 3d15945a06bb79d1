import { beforeAll, describe, expect, it } from "vitest";
import { functions as F, type DataFrame } from "../../../src/connect";
import { DEFAULT_SCORE_DETECTOR, scoreDetector, type DetectorScore } from "../../../src/domain/evaluation/score-anomaly-detector";
import { bucketStartMs, listedSeries, type SetScore } from "../../../src/domain/evaluation/anomaly-scoring";
import { PERIOD_DAYS, PERIOD_START_SECONDS, periodDayOf } from "../../../src/domain/data/generate/realistic/calendar";
import { realisticGroundTruth, type RealisticGroundTruth } from "../../../src/domain/data/generate/realistic/ground-truth";
import { realisticInteractions } from "../../../src/domain/data/generate/realistic/interactions";
import { realisticMetadata } from "../../../src/domain/data/generate/realistic/metadata";
import { seedInteractions, seedMetadata } from "../../../src/domain/data/generate/seed-datasets";
import { broadcastJoin } from "../../../src/jobs/join/broadcast-join";
import { useSpark } from "../../support/spark";

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

/** The last two weeks of the period: where the generator once ran short and piled events up at the end. */
const LAST_TWO_WEEKS_FIRST_DAY = "2023-12-18";

const spark = useSpark();

beforeAll(async () => {
  await spark.conf.set("spark.sql.shuffle.partitions", 4);
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
  /** Per day of the period: its events and the events of its busiest minute. */
  let days: Map<string, { events: number; busiestMinute: number }>;

  beforeAll(async () => {
    truth = await realisticGroundTruth(spark, ROWS, SEED);
    const enriched = enrich(realisticInteractions(spark, ROWS, SEED), realisticMetadata(spark, ROWS, SEED));
    score = await scoreCached(enriched, async (cached) => {
      const rows = await cached
        .groupBy(F.dateFormat("timestamp", "yyyy-MM-dd").alias("day"), F.dateFormat("timestamp", "HH:mm").alias("minute"))
        .count()
        .groupBy("day")
        .agg(F.sum("count").alias("events"), F.max("count").alias("busiest"))
        .collect();
      days = new Map(rows.map((r) => [String(r.day), { events: Number(r.events), busiestMinute: Number(r.busiest) }]));
      return scoreDetector(cached, truth);
    });
    console.info(summary("realistic", score));
    // A year of data, its ground truth and the daily and hourly series: minutes on a shared two-core machine.
  }, 600_000);

  it("plants the count anomalies with a full detector window of history before them", () => {
    const counted = truth.anomalies.filter((a) => listedSeries(a).length > 0);
    expect(counted.map((a) => a.kind).sort()).toEqual(["bot_cluster", "outage", "traffic_spike"]);
    for (const anomaly of counted) expect((bucketStartMs(anomaly.start) / 1000 - PERIOD_START_SECONDS) / 86_400).toBeGreaterThanOrEqual(DETECTOR_WINDOW);
  });

  it("has data that follows the generator's expected volume to the period's end, with nothing piled up there", () => {
    // The generator's own model (expected-volume.ts) against the data. At this size a two-week
    // total varies by a few percent around the model (users' sizes and join days are random; over
    // the year 4-week totals stay within ±4%), a single day by up to ~15%. The defect this guards
    // against took 11% off 12-18…12-30 and put 1.9× the expected volume on 12-31.
    expect(days.size).toBe(PERIOD_DAYS);
    const first = periodDayOf(LAST_TWO_WEEKS_FIRST_DAY);
    const lastDays = [...days.entries()].filter(([day]) => day >= LAST_TWO_WEEKS_FIRST_DAY).sort(([a], [b]) => (a < b ? -1 : 1));
    const observed = lastDays.reduce((sum, [, d]) => sum + d.events, 0);
    const expected = truth.expectedDailyEvents.slice(first).reduce((a, b) => a + b, 0);
    console.info(
      `year-end: ${observed} events on ${LAST_TWO_WEEKS_FIRST_DAY}…2023-12-31 against ${expected.toFixed(0)} expected (${(observed / expected).toFixed(3)})`,
    );
    expect(Math.abs(observed / expected - 1)).toBeLessThan(0.06);
    lastDays.forEach(([day, d], i) => {
      expect(Math.abs(d.events / (truth.expectedDailyEvents[first + i] ?? 0) - 1), day).toBeLessThan(0.3);
    });
    // Nothing piles up at either end of the period: its first and last day's busiest minute holds
    // no more than the busiest minute of any other day of their month.
    const busiest = (prefix: string, except: string): number =>
      Math.max(...[...days.entries()].filter(([day]) => day.startsWith(prefix) && day !== except).map(([, d]) => d.busiestMinute));
    expect(days.get("2023-12-31")?.busiestMinute).toBeLessThanOrEqual(busiest("2023-12", "2023-12-31"));
    expect(days.get("2023-01-01")?.busiestMinute).toBeLessThanOrEqual(busiest("2023-01", "2023-01-01"));
  });

  it("meets the goals on the daily series, overall and per breakdown: precision and recall ≥ 0.9", () => {
    for (const set of [setOf(score, "daily", "overall"), setOf(score, "daily", "all")]) {
      expect(set.recall).toBeGreaterThanOrEqual(0.9);
      expect(set.precision).toBeGreaterThanOrEqual(0.9);
      expect(set.falseAlarmRate.per365Points).toBeLessThanOrEqual(1);
      // Each found anomaly moved its day the planted way in its listed series: the outage well below expectation, the rest above.
      for (const { anomaly, detections } of set.found) {
        for (const d of detections) expect(anomaly.direction === "down" ? d.observed < 0.5 * d.expected : d.observed > 1.5 * d.expected).toBe(true);
      }
    }
    // Every count anomaly is evaluated in both sets (each lists a daily series, the overall one among them).
    expect(
      setOf(score, "daily", "overall")
        .found.map((f) => f.anomaly.kind)
        .sort(),
    ).toEqual(["bot_cluster", "outage", "traffic_spike"]);
  });

  it("raises no noise alarms from hourly series too thin to score", () => {
    // At ~35 events (~6 users) an hour, no hourly bucket holds the detector's minimum of 10
    // users' worth of events at night and few do by day: the detector abstains rather than
    // flag counting noise, so hourly precision and recall are not meaningful at this size (the
    // summary reports them). What must hold is the false-alarm budget.
    for (const set of [setOf(score, "hourly", "overall"), setOf(score, "hourly", "all")]) expect(set.falseAlarmRate.per365Points).toBeLessThanOrEqual(1);
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
      expect(set.falseAlarms).toHaveLength(
        score.detections.filter((d) => d.granularity === "daily" && (set.set.breakdown === "all" || d.series.startsWith("all/"))).length,
      );
    }
  });
});
