import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, inject, it } from "vitest";
import { checkReportInBrowser } from "../../src/report/browser/check-report";
import { findChromium } from "../../src/report/browser/chromium";
import { readMetricTable } from "../../src/jobs/analyze/metric-tables";
import { runReport, type ReportResult } from "../../src/report/pipeline/run-report";
import type { RunManifest } from "../../src/report/manifest/run-manifest";
import { readNotebook } from "../../src/report/notebook/nbformat";
import { schemaErrors } from "../support/nbformat-schema";
import { useTempDir } from "../support/spark";

const ROOT = join(__dirname, "..", "..");
const dir = useTempDir("insights-report-");
const reportDir = join(dir, "report");
const workDir = join(dir, "work");
const metricsDir = join(workDir, "run", "metrics");

// Small seed-mode data: enough for every analysis to have something in every table.
const options = {
  notebooksDir: join(ROOT, "notebooks"),
  reportDir,
  workDir,
  data: { interactions: "", metadata: "", mode: "seed" as const, rows: 20_000, metadataRows: 5_000, seed: 7 },
  remote: inject("sparkRemote"),
  remoteUi: inject("sparkUiUrl"),
};

let first: ReportResult;
let markdown: string;

beforeAll(async () => {
  first = await runReport({ ...options, startedAt: Date.now() });
  markdown = readFileSync(first.markdownPath, "utf8");
}, 900_000);

/** The numbers as the report prints them with toLocaleString. */
const grouped = (n: number): string => n.toLocaleString("en-US");

describe("npm run report, end to end on small generated data", () => {
  it("runs every notebook and writes REPORT.md, index.html, the manifest and the executed notebooks", () => {
    const notebooks = first.runs.map((run) => run.notebook);
    expect(notebooks[0]).toBe("01-data.ipynb");
    expect(notebooks).not.toContain("00-setup.ipynb");
    expect(first.runs.every((run) => run.status === "executed")).toBe(true);
    for (const file of ["REPORT.md", "index.html", "manifest.json", ...notebooks.map((n) => join("notebooks", n))]) expect(existsSync(join(reportDir, file)), file).toBe(true);
    for (const notebook of notebooks) expect(schemaErrors(readNotebook(join(reportDir, "notebooks", notebook)))).toEqual([]);
  });

  it("has a section per notebook, in order, each the notebook's title", () => {
    const titles = first.runs.map((run) => {
      const source = readNotebook(join(options.notebooksDir, run.notebook)).cells[0]?.source ?? "";
      return (typeof source === "string" ? source : source.join("")).split("\n")[0]?.replace(/^# /, "## ") ?? "";
    });
    const positions = titles.map((title) => markdown.indexOf(`\n${title}\n`));
    expect(positions.every((at) => at > 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    expect(markdown).toContain("\n## Run manifest\n");
  });

  it("prints the numbers of the metric files this run wrote", () => {
    const [summary] = readMetricTable(metricsDir, "session_summary");
    expect(markdown).toContain(`**${grouped(Number(summary?.sessions))} sessions** by ${grouped(Number(summary?.users))} users`);
    const powerUsers = readMetricTable(metricsDir, "power_users");
    expect(powerUsers.length).toBeGreaterThan(0);
    for (const user of powerUsers.slice(0, 10)) expect(markdown).toContain(`| ${user.rank} | ${user.user_id} | ${user.total_ms} | ${user.events} |`);
    const versions = readMetricTable(metricsDir, "p95_by_version");
    expect(markdown).toContain(`**${versions.length} app versions** with page loads; ${versions.filter((v) => v.low_confidence).length} of them`);
    const generated = 20_000;
    expect(markdown).toContain(`**${grouped(generated)} interactions**`);
  });

  it("links only images that exist, charts rendered to SVG and the architecture diagram among them", () => {
    const links = [...markdown.matchAll(/!\[[^\]]*\]\(([^)]+)\)/g)].map((match) => match[1] ?? "");
    expect(links.length).toBeGreaterThan(10);
    for (const link of links) expect(existsSync(join(reportDir, link)), link).toBe(true);
    const svgs = links.filter((link) => link.endsWith(".svg")).map((link) => readFileSync(join(reportDir, link), "utf8"));
    expect(svgs.filter((svg) => svg.includes('class="marks"')).length).toBeGreaterThan(8);
  });

  it("records the inputs, Spark, the commit, each notebook's and each step's time in the manifest", () => {
    const manifest = JSON.parse(readFileSync(join(reportDir, "manifest.json"), "utf8")) as RunManifest;
    expect(manifest.spark?.version).toMatch(/^3\.5\.\d+$/);
    expect(manifest.inputs.find((input) => input.name === "interactions (raw)")?.size.files).toBeGreaterThan(0);
    expect(manifest.notebooks.map((n) => n.notebook)).toEqual(first.runs.map((run) => run.notebook));
    const tags = manifest.steps.map((step) => step.tag);
    for (const tag of ["generate", "ingest", "join", "dau", "retention", "sessions", "p95", "devices", "anomalies"]) expect(tags).toContain(tag);
    expect(manifest.computeWallSeconds).toBeGreaterThan(0);
    expect(manifest.git?.commit).toMatch(/^[0-9a-f]{40}$/);
  });

  it.skipIf(findChromium() === undefined && process.env.CI === undefined)("renders in Chromium: every image visible, no script, nothing fetched", async () => {
    const page = await checkReportInBrowser(first.htmlPath);
    expect(page.title).toBe("Insights: product-usage report");
    expect(page.images.length).toBe([...markdown.matchAll(/!\[/g)].length);
    for (const image of page.images) expect(image.naturalWidth, image.alt).toBeGreaterThan(0);
    expect(page.images.filter((image) => !image.visible)).toEqual([]);
    expect(page.dialogs).toEqual([]);
    expect(page.scriptRan).toBe(false);
    expect(page.externalRequests).toEqual([]);
  });

  it("reruns nothing when nothing changed, and writes the same report", async () => {
    const again = await runReport({ ...options, startedAt: Date.now() });
    expect(again.runs.every((run) => run.status === "cached")).toBe(true);
    const rerun = readFileSync(again.markdownPath, "utf8");
    // Only the manifest's "this rendering" line differs.
    const withoutRendering = (text: string): string => text.replace(/; this rendering .* took .* s\./, "");
    expect(withoutRendering(rerun)).toBe(withoutRendering(markdown));
    expect(again.manifest.computedAt).toBe(first.manifest.computedAt);
    expect(again.manifest.notebooksRun).toBe(0);
    expect(again.manifest.notebooks).toEqual(first.manifest.notebooks);
  });
});
