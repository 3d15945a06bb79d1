import { describe, expect, it } from "vitest";
import { anomalyChart } from "../../src/report/charts/anomaly-chart";
import { barChart, topN } from "../../src/report/charts/bar-chart";
import { heatmap } from "../../src/report/charts/heatmap";
import { histogram } from "../../src/report/charts/histogram";
import { lineChart } from "../../src/report/charts/line-chart";
import { renderSvg } from "../../src/report/charts/render-svg";
import { VEGA_LITE_SCHEMA } from "../../src/report/charts/spec";

/** How many items of a kind the SVG draws (vega labels each with an ARIA role description). */
function count(svg: string, role: string): number {
  return svg.split(`aria-roledescription="${role}"`).length - 1;
}

/** The text labels in drawing order. */
function texts(svg: string): string[] {
  return [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((match) => match[1] ?? "");
}

// Short enough that the axis does not truncate it.
const HOSTILE = "<img src=x>";
const versions = [
  { version: "1.2.0", p95: 300 },
  { version: HOSTILE, p95: 500 },
  { version: "2.0.1", p95: 100 },
  { version: "0.9.9", p95: 250 },
];

describe("chart specs", () => {
  it("declare Vega-Lite v5 and carry their data as JSON (dates as days, bigints as numbers)", () => {
    const spec = lineChart([{ day: new Date(Date.UTC(2024, 0, 2)), users: 7n }], { title: "DAU", x: { field: "day" }, y: { field: "users" } });
    expect(spec.$schema).toBe(VEGA_LITE_SCHEMA);
    expect(JSON.parse(JSON.stringify(spec))).toMatchObject({ data: { values: [{ day: "2024-01-02", users: 7 }] } });
  });

  it("topN keeps the largest values, largest first", () => {
    expect(topN(versions, "p95", 2).map((row) => row.p95)).toEqual([500, 300]);
  });
});

describe("renderSvg", () => {
  it("draws one bar per category, largest first, with data labels escaped", async () => {
    const svg = await renderSvg(barChart(versions, { title: "p95 load time by version", category: { field: "version" }, value: { field: "p95" }, horizontal: true }));
    expect(svg.startsWith("<svg")).toBe(true);
    expect(count(svg, "bar")).toBe(versions.length);
    expect(svg).not.toContain("<img");
    const labels = texts(svg);
    expect(labels).toContain("p95 load time by version");
    const order = [...versions].sort((a, b) => b.p95 - a.p95).map((row) => row.version.replace(/</g, "&lt;").replace(/>/g, "&gt;"));
    expect(labels.filter((label) => order.includes(label))).toEqual(order);
  });

  it("draws grouped bars: one per category and group", async () => {
    const rows = ["ios", "android", "web"].flatMap((device) => ["p50", "p95"].map((stat) => ({ device, stat, ms: device.length * (stat === "p50" ? 10 : 40) })));
    const svg = await renderSvg(barChart(rows, { title: "Load time by device", category: { field: "device" }, value: { field: "ms" }, group: { field: "stat" } }));
    expect(count(svg, "bar")).toBe(6);
    expect(texts(svg)).toEqual(expect.arrayContaining(["p50", "p95", "ios", "android", "web"]));
  });

  it("draws one line per series with one label per day, the same in every time zone", async () => {
    const days = ["2024-03-01", "2024-03-02", "2024-03-03"];
    const rows = days.flatMap((day, i) => ["DAU", "WAU", "MAU"].map((metric, m) => ({ day, metric, users: (m + 1) * 10 + i })));
    const spec = lineChart(rows, { title: "Active users", x: { field: "day" }, y: { field: "users" }, series: { field: "metric" } });
    const zone = process.env.TZ;
    const svgs: string[] = [];
    try {
      // Node applies a changed TZ to Dates at once: UTC-5 and UTC+9 would shift a local-time axis.
      for (const tz of ["America/New_York", "Asia/Tokyo"]) {
        process.env.TZ = tz;
        svgs.push(await renderSvg(spec));
      }
    } finally {
      if (zone === undefined) delete process.env.TZ;
      else process.env.TZ = zone;
    }
    const [svg = "", other] = svgs;
    expect(other).toBe(svg);
    expect(count(svg, "line mark")).toBe(3);
    expect(texts(svg).filter((label) => /^\d{4}-\d\d-\d\d$/.test(label))).toEqual(days);
  });

  it("draws a heatmap cell and a label per value, formatted", async () => {
    const rows = [
      { cohort: "2024-W01", week: 0, retained: 1 },
      { cohort: "2024-W01", week: 1, retained: 0.42 },
      { cohort: "2024-W02", week: 0, retained: 1 },
    ];
    const svg = await renderSvg(heatmap(rows, { title: "Retention by cohort", x: { field: "week" }, y: { field: "cohort" }, value: { field: "retained", format: ".0%" }, labels: true }));
    expect(count(svg, "rect mark")).toBe(3);
    expect(texts(svg)).toEqual(expect.arrayContaining(["100%", "42%", "2024-W01", "2024-W02"]));
  });

  it("draws a histogram bar per bin and an anomaly chart with its band and only the flagged points", async () => {
    const hist = await renderSvg(histogram([{ start: 0, end: 5, count: 10 }, { start: 5, end: 10, count: 4 }, { start: 10, end: 15, count: 1 }], { title: "Session length", xTitle: "Minutes" }));
    expect(count(hist, "bar")).toBe(3);
    const rows = [5, 5, 12, 5, 1].map((y, i) => ({ day: `2024-01-0${i + 1}`, y, low: 3, high: 7, anomaly: y > 7 || y < 3 }));
    const anomalies = await renderSvg(anomalyChart(rows, { title: "DAU", x: { field: "day" }, y: { field: "y" }, anomaly: "anomaly", band: { lower: "low", upper: "high" } }));
    expect(count(anomalies, "area mark")).toBe(1);
    expect(count(anomalies, "line mark")).toBe(1);
    expect(count(anomalies, "point")).toBe(rows.filter((row) => row.anomaly).length);
  });

  it("gives the same bytes for the same spec", async () => {
    const spec = barChart(versions, { title: "Determinism", category: { field: "version" }, value: { field: "p95" } });
    const [first, second] = await Promise.all([renderSvg(spec), renderSvg(structuredClone(spec))]);
    expect(second).toBe(first);
  });
});
