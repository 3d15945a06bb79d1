import { describe, expect, it } from "vitest";
import type { Anomaly, Direction, Granularity } from "../../../src/domain/analyses/anomalies/model";
import { detectorSeriesOf, inWindow, reaches, scoreDetections, type SeriesCoverage } from "../../../src/domain/evaluation/anomaly-scoring";
import type { PlantedAnomaly } from "../../../src/domain/data/generate/realistic/ground-truth";

const OVERALL = ["events.daily.overall", "events.hourly.overall", "active_users.daily.overall"];

/** Planted anomalies in the ground truth's own format. */
const OUTAGE: PlantedAnomaly = {
  kind: "outage",
  series: OVERALL,
  start: "2023-04-12 00:00:00",
  end: "2023-04-13 00:00:00",
  direction: "down",
  factor: 0.15,
  details: {},
};
const BOTS: PlantedAnomaly = {
  kind: "bot_cluster",
  series: ["events.daily.overall", "events.daily.action_type=create", "events.hourly.action_type=create"],
  start: "2023-08-14 00:00:00",
  end: "2023-08-16 23:59:41",
  direction: "up",
  factor: 2,
  details: { actionType: "create" },
};
const DURATIONS: PlantedAnomaly = {
  kind: "extreme_durations",
  series: ["duration_ms.hourly.mean", "duration_ms.hourly.p95", "duration_ms.daily.p95"],
  start: "2023-10-18 13:00:00",
  end: "2023-10-18 16:00:00",
  direction: "up",
  factor: 100,
  details: {},
};

function detection(series: string, ts: string, direction: Direction, granularity: Granularity = ts.length === 10 ? "daily" : "hourly"): Anomaly {
  return { series, granularity, ts, observed: 0, expected: 0, score: direction === "up" ? 5 : -5, direction };
}

const DAILY_OVERALL = { granularity: "daily", breakdown: "overall" } as const;
const DAILY_ALL = { granularity: "daily", breakdown: "all" } as const;
const HOURLY_OVERALL = { granularity: "hourly", breakdown: "overall" } as const;
const NO_COVERAGE: SeriesCoverage[] = [];

describe("series names", () => {
  it("maps the ground truth's metric.granularity.key to the detector's names", () => {
    expect(detectorSeriesOf("events.daily.overall")).toEqual({ granularity: "daily", series: "all/events" });
    expect(detectorSeriesOf("active_users.daily.overall")).toEqual({ granularity: "daily", series: "all/active_users" });
    expect(detectorSeriesOf("events.hourly.action_type=create")).toEqual({ granularity: "hourly", series: "action_type=create/events" });
    // The key's own dots stay in the key.
    expect(detectorSeriesOf("events.daily.major_minor=6.2")).toEqual({ granularity: "daily", series: "major_minor=6.2/events" });
  });

  it("has no detector series for metrics the count detector does not read", () => {
    expect(detectorSeriesOf("duration_ms.hourly.p95")).toBeNull();
    expect(detectorSeriesOf("new_users.daily.overall")).toBeNull();
    expect(detectorSeriesOf("events.weekly.overall")).toBeNull();
  });
});

describe("time windows", () => {
  it("matches buckets overlapping the window widened by the tolerance", () => {
    // The outage is 2023-04-12: with ±1 day, 04-11 … 04-13 match; 04-10 and 04-14 do not.
    expect(["2023-04-10", "2023-04-11", "2023-04-12", "2023-04-13", "2023-04-14"].map((ts) => inWindow({ ts, granularity: "daily" }, OUTAGE, 1))).toEqual([
      false,
      true,
      true,
      true,
      false,
    ]);
    expect(["2023-04-11", "2023-04-12", "2023-04-13"].map((ts) => inWindow({ ts, granularity: "daily" }, OUTAGE, 0))).toEqual([false, true, false]);
  });

  it("counts a window ending inside an hour as reaching into that hour", () => {
    // The bots end at 23:59:41: the hour 23:00 is inside, 00:00 the tolerance, 01:00 outside.
    expect(inWindow({ ts: "2023-08-16 23:00:00", granularity: "hourly" }, BOTS, 0)).toBe(true);
    expect(inWindow({ ts: "2023-08-17 00:00:00", granularity: "hourly" }, BOTS, 0)).toBe(false);
    expect(inWindow({ ts: "2023-08-17 00:00:00", granularity: "hourly" }, BOTS, 1)).toBe(true);
    expect(inWindow({ ts: "2023-08-17 01:00:00", granularity: "hourly" }, BOTS, 1)).toBe(false);
  });
});

describe("reach", () => {
  it("extends a global anomaly to every count series, the bots only to the series their events are in", () => {
    expect(reaches(OUTAGE, { granularity: "daily", series: "country=DE/active_users" })).toBe(true);
    expect(reaches(OUTAGE, { granularity: "hourly", series: "action_type=edit/events" })).toBe(true);
    expect(reaches(BOTS, { granularity: "daily", series: "action_type=create/active_users" })).toBe(true);
    expect(reaches(BOTS, { granularity: "hourly", series: "device_type=iPhone/events" })).toBe(true);
    expect(reaches(BOTS, { granularity: "daily", series: "action_type=edit/events" })).toBe(false);
    expect(reaches(DURATIONS, { granularity: "hourly", series: "all/events" })).toBe(false);
  });
});

describe("precision and recall", () => {
  it("scores a hit: the anomaly found, the detection true", () => {
    const score = scoreDetections([detection("all/events", "2023-04-12", "down")], [OUTAGE], NO_COVERAGE, DAILY_OVERALL);
    expect([score.precision, score.recall]).toEqual([1, 1]);
    expect(score.found.map((f) => [f.anomaly.kind, f.detections.length])).toEqual([["outage", 1]]);
    expect(score.trueDetections[0]?.matches).toEqual(["outage"]);
  });

  it("scores a miss: recall 0, and no precision without detections", () => {
    const score = scoreDetections([], [OUTAGE, BOTS], NO_COVERAGE, DAILY_OVERALL);
    expect(score.recall).toBe(0);
    expect(score.precision).toBeNull();
    expect(score.missed.map((a) => a.kind)).toEqual(["outage", "bot_cluster"]);
  });

  it("does not count a detection in the wrong direction", () => {
    const score = scoreDetections([detection("all/events", "2023-04-12", "up")], [OUTAGE], NO_COVERAGE, DAILY_OVERALL);
    expect([score.precision, score.recall]).toEqual([0, 0]);
    expect(score.falseAlarms).toHaveLength(1);
  });

  it("does not count a detection outside the window and its tolerance", () => {
    const late = detection("all/events", "2023-04-14", "down");
    expect(scoreDetections([late], [OUTAGE], NO_COVERAGE, DAILY_OVERALL).recall).toBe(0);
    // The day after is within ±1 day, but not without tolerance.
    const next = detection("all/events", "2023-04-13", "down");
    expect(scoreDetections([next], [OUTAGE], NO_COVERAGE, DAILY_OVERALL).recall).toBe(1);
    expect(scoreDetections([next], [OUTAGE], NO_COVERAGE, DAILY_OVERALL, { toleranceBuckets: 0, excluded: [] }).recall).toBe(0);
  });

  it("counts several detections of one anomaly once for recall, each for precision", () => {
    const detections = [
      detection("all/events", "2023-08-14", "up"),
      detection("all/events", "2023-08-15", "up"),
      detection("all/events", "2023-08-16", "up"),
      detection("all/active_users", "2023-04-12", "down"),
      detection("all/events", "2023-02-01", "up"),
    ];
    const score = scoreDetections(detections, [OUTAGE, BOTS], NO_COVERAGE, DAILY_OVERALL);
    expect(score.found.map((f) => [f.anomaly.kind, f.detections.length])).toEqual([
      ["outage", 1],
      ["bot_cluster", 3],
    ]);
    expect(score.recall).toBe(1);
    // 4 of 5 detections are true; 02-01 is a false alarm.
    expect(score.precision).toBe(4 / 5);
    expect(score.falseAlarms.map((d) => d.ts)).toEqual(["2023-02-01"]);
  });

  it("counts a global anomaly's per-dimension detections as true, but finds it only on its listed series", () => {
    const score = scoreDetections([detection("country=DE/events", "2023-04-12", "down")], [OUTAGE], NO_COVERAGE, DAILY_ALL);
    expect(score.precision).toBe(1);
    expect(score.recall).toBe(0);
  });

  it("tells the bots' series from the action types the bots never use", () => {
    const detections = [
      detection("action_type=create/events", "2023-08-15", "up"),
      detection("action_type=edit/events", "2023-08-15", "up"),
      detection("country=JP/events", "2023-08-15", "up"),
    ];
    const score = scoreDetections(detections, [BOTS], NO_COVERAGE, DAILY_ALL);
    expect(score.falseAlarms.map((d) => d.series)).toEqual(["action_type=edit/events"]);
    expect(score.precision).toBe(2 / 3);
    expect(score.recall).toBe(1);
  });

  it("scores only the set's granularity and breakdown, and leaves out anomalies with no series in it", () => {
    const detections = [
      detection("all/events", "2023-04-12 10:00:00", "down"),
      detection("country=DE/events", "2023-04-12", "down"),
      detection("all/events", "2023-04-12", "down"),
    ];
    const daily = scoreDetections(detections, [OUTAGE, BOTS, DURATIONS], NO_COVERAGE, DAILY_OVERALL);
    expect(daily.trueDetections.map((t) => t.detection.series + " " + t.detection.ts)).toEqual(["all/events 2023-04-12"]);
    expect(daily.notEvaluated.map((a) => a.kind)).toEqual(["extreme_durations"]);
    // Hourly, overall: the bots are listed hourly only per action type, so they are not evaluated.
    const hourly = scoreDetections(detections, [OUTAGE, BOTS, DURATIONS], NO_COVERAGE, HOURLY_OVERALL);
    expect(hourly.notEvaluated.map((a) => a.kind)).toEqual(["bot_cluster", "extreme_durations"]);
    expect([hourly.precision, hourly.recall]).toEqual([1, 1]);
  });

  it("has no recall without planted anomalies (seed data): every detection is a false alarm", () => {
    const score = scoreDetections([detection("all/events", "2023-05-01", "up")], [], NO_COVERAGE, DAILY_OVERALL);
    expect([score.precision, score.recall]).toEqual([0, null]);
  });
});

describe("false alarms per 365 points", () => {
  it("pools the set's series: false alarms / scored points × 365", () => {
    const coverage: SeriesCoverage[] = [
      { granularity: "daily", series: "all/events", scoredPoints: 309 },
      { granularity: "daily", series: "all/active_users", scoredPoints: 309 },
      { granularity: "daily", series: "country=DE/events", scoredPoints: 300 },
      { granularity: "hourly", series: "all/events", scoredPoints: 8704 },
    ];
    const detections = [
      detection("all/events", "2023-05-01", "up"),
      detection("all/active_users", "2023-06-01", "down"),
      detection("country=DE/events", "2023-06-01", "down"),
    ];
    const overall = scoreDetections(detections, [], coverage, DAILY_OVERALL);
    expect(overall.falseAlarmRate).toEqual({ falseAlarms: 2, series: 2, scoredPoints: 618, per365Points: (2 / 618) * 365 });
    expect(scoreDetections(detections, [], coverage, DAILY_ALL).falseAlarmRate.per365Points).toBe((3 / 918) * 365);
    expect(scoreDetections(detections, [], NO_COVERAGE, DAILY_ALL).falseAlarmRate.per365Points).toBeNull();
  });

  it("leaves detections in an excluded window out of precision and false alarms", () => {
    const excluded = [{ start: "2023-12-29 00:00:00", end: "2024-01-01 00:00:00", reason: "a known artefact" }];
    const detections = [
      detection("all/events", "2023-04-12", "down"),
      detection("all/events", "2023-12-31", "up"),
      detection("all/events", "2023-12-28", "up"),
    ];
    const score = scoreDetections(detections, [OUTAGE], NO_COVERAGE, DAILY_OVERALL, { toleranceBuckets: 1, excluded });
    expect(score.excluded.map((d) => d.ts)).toEqual(["2023-12-31"]);
    expect(score.falseAlarms.map((d) => d.ts)).toEqual(["2023-12-28"]);
    expect(score.precision).toBe(1 / 2);
  });
});
