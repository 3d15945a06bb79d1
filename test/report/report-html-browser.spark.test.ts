import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { barChart } from "../../src/report/charts/bar-chart";
import { renderSvg } from "../../src/report/charts/render-svg";
import { checkReportInBrowser, type ReportCheck } from "../../src/report/browser/check-report";
import { findChromium } from "../../src/report/browser/chromium";
import { renderReportHtml } from "../../src/report/html/render-html";
import { markdownTable, tableOf } from "../../src/lib/text/table";
import { inlineCode } from "../../src/lib/text/markdown";
import { useTempDir } from "../support/spark";

const IMG_ATTACK = "<img src=x onerror=alert(1)>";
const SCRIPT_ATTACK = "<script>window.__pwned=1</script>";
const TITLE = `Usage report ${IMG_ATTACK}`;

const versions = [
  { app_version: "2.4.1", p95_ms: 420 },
  { app_version: IMG_ATTACK, p95_ms: 910 },
  { app_version: SCRIPT_ATTACK, p95_ms: 655 },
];

const dir = useTempDir("insights-report-browser-");

/** Writes a page as is and opens it: the checks must see script when there is some. */
function checkRawPage(name: string, html: string): Promise<ReportCheck> {
  const path = join(dir, name);
  writeFileSync(path, html);
  return checkReportInBrowser(path);
}

// Without Chromium the browser checks are skipped locally; CI installs it, so there they must run.
describe.skipIf(findChromium() === undefined && !process.env.CI)("a rendered report in Chromium", () => {
  let check: ReportCheck;
  let svg: string;

  beforeAll(async () => {
    mkdirSync(join(dir, "assets"));
    svg = await renderSvg(barChart(versions, { title: "p95 load time by app version", category: { field: "app_version" }, value: { field: "p95_ms" } }));
    writeFileSync(join(dir, "assets", "p95-by-version.svg"), svg);
    const markdown = [
      "# Usage report",
      `The slowest version is ${inlineCode(IMG_ATTACK)}.`,
      "## Load time by app version",
      "![p95 load time by app version](assets/p95-by-version.svg)",
      "## Versions",
      markdownTable(tableOf(versions)),
      "",
    ].join("\n\n");
    const htmlPath = join(dir, "index.html");
    writeFileSync(htmlPath, await renderReportHtml(markdown, { title: TITLE, baseDir: dir }));
    check = await checkReportInBrowser(htmlPath);
  });

  it("renders with its title, contents and headings", () => {
    expect(check.title).toBe(TITLE);
    expect(check.headings).toEqual(["Usage report", "Contents", "Load time by app version", "Versions"]);
  });

  it("shows the chart, decoded at its own size", () => {
    const svgWidth = Number(/<svg[^>]*\swidth="(\d+(?:\.\d+)?)"/.exec(svg)?.[1]);
    expect(svgWidth).toBeGreaterThan(0);
    expect(check.images).toHaveLength(1);
    const [chart] = check.images;
    expect(chart?.alt).toBe("p95 load time by app version");
    expect(chart?.visible).toBe(true);
    expect(chart?.naturalWidth).toBe(svgWidth);
    // Drawn at its own width: the page's column is wider than the chart.
    expect(chart?.width).toBe(svgWidth);
    expect(chart?.height).toBeGreaterThan(0);
  });

  it("shows the hostile values as text, each in its table row", () => {
    expect(check.text).toContain(`The slowest version is ${IMG_ATTACK}.`);
    for (const row of versions) expect(check.text).toContain(`${row.app_version}\t${row.p95_ms}`);
  });

  it("runs no script from the data and fetches nothing", () => {
    expect(check.dialogs).toEqual([]);
    expect(check.scriptRan).toBe(false);
    expect(check.consoleErrors).toEqual([]);
    expect(check.externalRequests).toEqual([]);
  });

  it("would notice script that ran, so its silence above means something", async () => {
    const page = await checkRawPage("unsafe.html", `<!DOCTYPE html><title>t</title><body>${SCRIPT_ATTACK}<script>alert("ran")</script><img src="https://example.invalid/x.png" alt="remote">`);
    expect(page.scriptRan).toBe(true);
    expect(page.dialogs).toEqual(["alert: ran"]);
    expect(page.externalRequests).toEqual(["https://example.invalid/x.png"]);
    expect(page.images).toEqual([{ alt: "remote", naturalWidth: 0, width: expect.any(Number) as number, height: expect.any(Number) as number, visible: false }]);
  });

  it("is protected by its CSP even if markup slipped through", async () => {
    const html = readFileSync(join(dir, "index.html"), "utf8").replace("<main>", `<main>${SCRIPT_ATTACK}`);
    const page = await checkRawPage("slipped.html", html);
    expect(page.scriptRan).toBe(false);
    expect(page.consoleErrors.some((e) => e.includes("Content Security Policy"))).toBe(true);
  });
});
