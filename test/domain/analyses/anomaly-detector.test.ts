import { describe, expect, it } from "vitest";
import { toJsonLines } from "../../../src/domain/analyses/anomalies/alerts";
import { decompose, movingMedian, seasonalComponent } from "../../../src/domain/analyses/anomalies/decompose";
import { defaultDetectorOptions, detectAnomalies, scoreSeries } from "../../../src/domain/analyses/anomalies/detector";
import type { Anomaly, Series } from "../../../src/domain/analyses/anomalies/model";
import { trailingRobustZ } from "../../../src/domain/analyses/anomalies/robust-z";
import { SortedWindow } from "../../../src/lib/stats/sorted-window";
import { generator } from "../../support/random";

/** Standard normal draws (Box–Muller) from the seeded LCG. */
function gaussian(seed: number): () => number {
  const next = generator(seed);
  return () => Math.sqrt(-2 * Math.log(1 - next())) * Math.cos(2 * Math.PI * next());
}

function sortedMedian(values: readonly number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 === 1 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2;
}

const DAYS = 365;
const WEEKLY = [1, 1.05, 1.1, 1.05, 1, 0.6, 0.5];

/** A year of daily counts: flat level, weekly shape, 3% multiplicative noise. */
function weeklySeries(seed: number, level = 1000): number[] {
  const noise = gaussian(seed);
  return Array.from({ length: DAYS }, (_, d) => Math.round(level * (WEEKLY[d % 7] as number) * Math.exp(0.03 * noise())));
}

function days(n: number): string[] {
  return Array.from({ length: n }, (_, d) => new Date(Date.UTC(2023, 0, 1 + d)).toISOString().slice(0, 10));
}

describe("sorted window", () => {
  it("keeps the median and MAD of what was added and not removed, as sorting would", () => {
    const next = generator(3);
    const window = new SortedWindow();
    const held: number[] = [];
    for (let step = 0; step < 400; step++) {
      if (held.length > 0 && next() < 0.4) {
        const [removed] = held.splice(Math.floor(next() * held.length), 1);
        window.remove(removed as number);
      } else {
        const value = Math.floor(next() * 20) / 2; // many ties
        held.push(value);
        window.add(value);
      }
      if (held.length === 0) continue;
      const center = sortedMedian(held);
      expect(window.median()).toBe(center);
      expect(window.mad()).toBe(sortedMedian(held.map((x) => Math.abs(x - center))));
      expect(window.meanAbsoluteDeviation()).toBeCloseTo(held.reduce((s, x) => s + Math.abs(x - center), 0) / held.length, 12);
    }
    expect(() => {
      window.remove(1234.5);
    }).toThrow(RangeError);
  });
});

describe("decomposition", () => {
  it("computes a centred moving median that keeps its width at the edges", () => {
    const values = [5, 1, 4, 2, 8, 7, 3, 6, 0];
    // Width 3: the first point uses values 0–2, the last values 6–8.
    expect(movingMedian(values, 3)).toEqual([4, 4, 2, 4, 7, 7, 6, 3, 3]);
    const next = generator(5);
    const long = Array.from({ length: 100 }, () => next());
    movingMedian(long, 15).forEach((m, i) => {
      const from = Math.min(Math.max(i - 7, 0), 100 - 15);
      expect(m).toBe(sortedMedian(long.slice(from, from + 15)));
    });
  });

  it("takes per-phase medians as the seasonal part, centred on 0", () => {
    const seasonal = seasonalComponent([1, 10, 3, 12, 2, 11, 100, 10], 2);
    // Phase 0: median(1, 3, 2, 100) = 2.5; phase 1: median(10, 12, 11, 10) = 10.5; mean 6.5.
    expect(seasonal).toEqual([-4, 4, -4, 4, -4, 4, -4, 4]);
  });

  it("splits level + exact weekly pattern into trend and seasonal with no residual", () => {
    const values = Array.from({ length: 70 }, (_, d) => 5 + Math.log(WEEKLY[d % 7] as number));
    const { trend, seasonal, residual } = decompose(values, { period: 7, trendWindow: 15, iterations: 2 });
    for (const r of residual) expect(Math.abs(r)).toBeLessThan(1e-12);
    // The seasonal part repeats weekly and averages 0 over a week.
    expect(seasonal.slice(0, 7).reduce((a, b) => a + b, 0)).toBeCloseTo(0, 12);
    expect(seasonal[7]).toBe(seasonal[0]);
    expect(new Set(trend.map((t) => t.toFixed(9))).size).toBe(1);
  });
});

describe("trailing robust z-score", () => {
  it("compares each value with the median and MAD of the values before it", () => {
    const noise = gaussian(9);
    const values = Array.from({ length: 120 }, () => noise());
    const scores = trailingRobustZ(values, 56);
    expect(scores.slice(0, 56).every((z) => z === null)).toBe(true);
    scores.forEach((z, t) => {
      if (t < 56) return;
      const baseline = values.slice(t - 56, t);
      const center = sortedMedian(baseline);
      const mad = sortedMedian(baseline.map((x) => Math.abs(x - center)));
      expect(z).toBeCloseTo((0.6745 * ((values[t] as number) - center)) / mad, 10);
    });
  });

  it("falls back to the mean absolute deviation when the MAD is 0, and to ±Infinity when all agree", () => {
    // Baseline of 4 values: 0, 0, 0, 2 → median 0, MAD 0, mean |x| = 0.5 → σ = 1.253314 · 0.5.
    const [z] = trailingRobustZ([0, 0, 0, 2, 3], 4).slice(4);
    expect(z).toBeCloseTo(3 / (1.253314 * 0.5), 10);
    // t = 3: baseline 1, 1, 1 has no spread at all → +Infinity. t = 4 and 5: baseline {1, 1, 5}:
    // median 1, MAD 0, mean |x − 1| = 4/3.
    const [first, second, third] = trailingRobustZ([1, 1, 1, 5, 1, 0], 3).slice(3);
    expect(first).toBe(Infinity);
    expect(second).toBe(0);
    expect(third).toBeCloseTo(-1 / (1.253314 * (4 / 3)), 10);
    expect(trailingRobustZ([1, 1, 1, 1, 0], 3).slice(3)).toEqual([0, -Infinity]);
  });

  it("never takes the spread below a given floor", () => {
    // Baseline 0, 1, 2, 3: median 1.5, MAD 1 → σ = 1/0.6745 ≈ 1.48; a floor of 2 wins, one of 1 does not.
    expect(trailingRobustZ([0, 1, 2, 3, 9.5], 4, [0, 0, 0, 0, 2])[4]).toBeCloseTo(8 / 2, 12);
    expect(trailingRobustZ([0, 1, 2, 3, 9.5], 4, [0, 0, 0, 0, 1])[4]).toBeCloseTo((0.6745 * 8) / 1, 12);
  });
});

describe("detector", () => {
  it("flags exactly an injected spike and an injected dip in a weekly-seasonal series, with their direction", () => {
    for (const seed of [1, 2, 3]) {
      const values = weeklySeries(seed);
      values[200] = 3 * (values[200] as number);
      values[300] = Math.round(0.3 * (values[300] as number));
      const series: Series = { name: "all/events", granularity: "daily", timestamps: days(DAYS), values };
      const found = detectAnomalies(series);
      expect(found.map((a) => [a.ts, a.direction])).toEqual([
        [days(DAYS)[200], "up"],
        [days(DAYS)[300], "down"],
      ]);
      const [spike, dip] = found as [Anomaly, Anomaly];
      expect(spike.observed).toBe(values[200]);
      // Expected: the day's normal level, about a third of the spike and about 3.3 × the dip.
      expect(spike.observed / spike.expected).toBeGreaterThan(2.7);
      expect(spike.observed / spike.expected).toBeLessThan(3.3);
      expect(dip.expected / dip.observed).toBeGreaterThan(3);
      expect(dip.expected / dip.observed).toBeLessThan(3.7);
      expect(spike.score).toBeGreaterThan(3.5);
      expect(dip.score).toBeLessThan(-3.5);
    }
  });

  it("raises at most one false alarm per 365 points of pure noise", () => {
    // Counting noise (counts around 1000 vary by √1000), and noise five times wider on the log
    // scale than counting noise, where the score is the definitions' MAD z-score exactly.
    const countingNoise = (seed: number): number[] => {
      const noise = gaussian(seed);
      return Array.from({ length: DAYS }, () => Math.round(1000 + Math.sqrt(1000) * noise()));
    };
    const wideNoise = (seed: number): number[] => {
      const noise = gaussian(seed);
      return Array.from({ length: DAYS }, () => Math.round(1000 * Math.exp(0.05 * noise())));
    };
    for (const [make, seriesCount] of [
      [countingNoise, 20],
      [wideNoise, 40],
    ] as const) {
      const alarms = Array.from(
        { length: seriesCount },
        (_, i) => detectAnomalies({ name: "noise/events", granularity: "daily", timestamps: days(DAYS), values: make(1000 + i) }).length,
      );
      expect(alarms.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(seriesCount);
    }
  });

  it("scores exactly the definitions' MAD z-score of the decomposition's residual when the floor is off", () => {
    const values = weeklySeries(8);
    const { residual } = decompose(
      values.map((v) => Math.log1p(v)),
      { period: 7, trendWindow: 15, iterations: 2 },
    );
    const points = scoreSeries(values, { ...defaultDetectorOptions("daily"), countingNoiseFloor: false });
    for (let t = 56; t < DAYS; t += 17) {
      const baseline = residual.slice(t - 56, t);
      const center = sortedMedian(baseline);
      const mad = sortedMedian(baseline.map((x) => Math.abs(x - center)));
      expect(points[t]?.score).toBeCloseTo((0.6745 * ((residual[t] as number) - center)) / mad, 10);
    }
  });

  it("finds a three-hour burst in an hourly series with a daily cycle", () => {
    const noise = gaussian(21);
    const hours = 24 * 90;
    const values = Array.from({ length: hours }, (_, h) => Math.round(200 * (1.2 + Math.sin((2 * Math.PI * (h % 24)) / 24)) * Math.exp(0.04 * noise())));
    for (const h of [1500, 1501, 1502]) values[h] = 4 * (values[h] as number);
    const timestamps = values.map((_, h) => new Date(Date.UTC(2023, 0, 1) + h * 3_600_000).toISOString().replace("T", " ").slice(0, 19));
    const found = detectAnomalies({ name: "all/events", granularity: "hourly", timestamps, values });
    expect(found.map((a) => a.ts)).toEqual([timestamps[1500], timestamps[1501], timestamps[1502]]);
    expect(found.every((a) => a.direction === "up")).toBe(true);
  });

  it("leaves to counting noise a small-count dip that only the log scale calls extreme", () => {
    // A flat series: trend 10, no seasonality, residuals 0 before the dip, so the spread is the
    // counting-noise floor √10 / 11 and the dip's z is (log1p(3) − log1p(10)) / (√10 / 11) ≈ −3.52.
    const values = Array.from({ length: 120 }, () => 10);
    values[100] = 3;
    const dip = scoreSeries(values, defaultDetectorOptions("daily"))[100];
    expect(dip?.expected).toBeCloseTo(10, 12);
    expect(dip?.score).toBeCloseTo((Math.log1p(3) - Math.log1p(10)) / (Math.sqrt(10) / 11), 10);
    expect(dip?.score).toBeLessThan(-3.5);
    // On the count scale 7 below 10 is 7 / √10 ≈ 2.2 counting-noise units, under 3.5: not flagged.
    expect(dip?.flagged).toBe(false);
    // At a level of 20 an empty bucket is 20 / √20 ≈ 4.5 units away: flagged.
    const flat20 = Array.from({ length: 120 }, () => 20);
    flat20[100] = 0;
    expect(scoreSeries(flat20, defaultDetectorOptions("daily"))[100]?.flagged).toBe(true);
  });

  it("takes counts that arrive in clusters as noisier by their cluster size", () => {
    // Each day a Poisson number of users (mean 25) with 6 events each: the events vary like
    // 6 × a Poisson count, √6 times wider than a Poisson count of their mean.
    const clustered = (seed: number): number[] => {
      const next = generator(seed);
      return Array.from({ length: DAYS }, () => {
        let users = 0;
        for (let p = Math.exp(-25), u = next(), cumulative = p; u > cumulative; cumulative += p) p *= 25 / ++users;
        return 6 * users;
      });
    };
    const seriesCount = 40;
    const alarms = (dispersion?: number): number =>
      Array.from(
        { length: seriesCount },
        (_, i) =>
          detectAnomalies({
            name: "noise/events",
            granularity: "daily",
            timestamps: days(DAYS),
            values: clustered(500 + i),
            ...(dispersion !== undefined && { dispersion }),
          }).length,
      ).reduce((a, b) => a + b, 0);
    expect(alarms(6)).toBeLessThanOrEqual(seriesCount);
    // Taken as Poisson events, the same series raise more alarms than that budget.
    expect(alarms()).toBeGreaterThan(seriesCount);
  });

  it("scores nothing before a full trailing window and flags nothing below the minimum count", () => {
    const values = weeklySeries(4, 3); // about 3 events a day
    values[250] = 9;
    // Without the counting-noise floor (which alone would call 9 ordinary here), only minCount holds the 9 back.
    const points = scoreSeries(values, { ...defaultDetectorOptions("daily"), countingNoiseFloor: false });
    expect(points.slice(0, 56).every((p) => p.score === null && !p.flagged)).toBe(true);
    expect(points.some((p) => p.flagged)).toBe(false);
    expect(points[250]?.score).toBeGreaterThan(3.5);
  });
});

describe("alerts", () => {
  it("writes one JSON object per line, infinite scores as strings", () => {
    const anomalies: Anomaly[] = [
      { series: "all/events", granularity: "daily", ts: "2023-06-21", observed: 3000, expected: 1000, score: 12.5, direction: "up" },
      { series: "country=DE/events", granularity: "hourly", ts: "2023-04-12 13:00:00", observed: 0, expected: 40, score: -Infinity, direction: "down" },
    ];
    const text = toJsonLines(anomalies);
    expect(text.endsWith("\n")).toBe(true);
    const lines = text
      .trimEnd()
      .split("\n")
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatchObject({
      series: "all/events",
      granularity: "daily",
      ts: "2023-06-21",
      observed: 3000,
      expected: 1000,
      score: 12.5,
      direction: "up",
    });
    expect(lines[0]?.message).toContain("+200%");
    expect(lines[1]?.score).toBe("-Infinity");
    expect(lines[1]?.message).toContain("-100%");
    expect(toJsonLines([])).toBe("");
  });
});
