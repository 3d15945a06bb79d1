import { mkdtempSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { notebookSection, REPORT_SKIP_TAG } from "../../src/report/assemble/notebook-section";
import { ReportAssets } from "../../src/report/assemble/report-assets";
import { shiftHeadings } from "../../src/report/assemble/shift-headings";
import { barChart } from "../../src/report/charts/bar-chart";
import { formatManifest } from "../../src/report/manifest/format-manifest";
import type { RunManifest } from "../../src/report/manifest/run-manifest";
import { assembleReport } from "../../src/report/pipeline/assemble-report";
import { dataFingerprint } from "../../src/report/pipeline/data-fingerprint";
import type { CollectedCell, CollectedOutput, NotebookOutputs } from "../../src/report/runner/collect-outputs";
import { markdownTable, tableOf } from "../../src/lib/text/table";

const dir = mkdtempSync(join(tmpdir(), "insights-assembly-"));
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

function cell(index: number, cellType: CollectedCell["cellType"], source: string, outputs: CollectedOutput[] = [], tags: string[] = []): CollectedCell {
  return { index, id: `c${index}`, cellType, tags, source, outputs };
}

function notebook(name: string, cells: CollectedCell[]): NotebookOutputs {
  return { notebook: name, cacheKey: "k", parameters: {}, cells };
}

const chart = barChart([{ device: "iPad", p95: 1200 }, { device: "Mac", p95: 800 }], { title: "p95 by device", category: { field: "device" }, value: { field: "p95" } });
const table = tableOf([{ version: "5.1.0", p95_ms: 1200 }]);
const png = Buffer.from("89504e470d0a1a0a", "hex");

describe("shiftHeadings", () => {
  it("moves ATX headings one level down, not inside code fences, and stops at level 6", () => {
    const text = "# Title\ntext #not\n## Sub\n```\n# code comment\n```\n###### six\n~~~~\n## in tilde fence\n~~~~\n#no-space";
    expect(shiftHeadings(text)).toBe("## Title\ntext #not\n### Sub\n```\n# code comment\n```\n###### six\n~~~~\n## in tilde fence\n~~~~\n#no-space");
  });
});

describe("notebookSection", () => {
  it("keeps markdown cells and outputs in order, drops code, text, streams and skipped cells, and writes charts and images as assets", async () => {
    const assets = new ReportAssets("assets");
    const section = await notebookSection(
      notebook("03-x.ipynb", [
        cell(0, "markdown", "# 3 · X\n\nIntro."),
        cell(1, "code", "const secret = 1;", [{ kind: "stream", name: "stdout", text: "progress" }, { kind: "text", text: "42" }]),
        cell(2, "code", "show()", [
          { kind: "markdown", markdown: "**Found** 3." },
          { kind: "table", table, markdown: markdownTable(table) },
          { kind: "vega-lite", spec: chart as unknown as Record<string, unknown> },
          { kind: "image", mime: "image/png", base64: png.toString("base64"), caption: "The jobs page" },
          { kind: "html", html: "<b>raw</b>" },
        ]),
        cell(3, "markdown", "## Only for JupyterLab", [], [REPORT_SKIP_TAG]),
      ]),
      assets,
    );
    expect(section).toBe(
      ["## 3 · X\n\nIntro.", "**Found** 3.", markdownTable(table), "![p95 by device](assets/03-x-c2-2.svg)", "![The jobs page](assets/03-x-c2-3.png)\n\n*The jobs page*"].join("\n\n"),
    );
    expect(section).not.toContain("secret");
    expect(section).not.toContain("raw");
    const files = assets.list();
    expect(files.map((f) => f.name)).toEqual(["03-x-c2-2.svg", "03-x-c2-3.png"]);
    expect(String(files[0]?.content)).toContain("<svg");
    expect(files[1]?.content).toEqual(png);
  });

  it("refuses a notebook whose cell failed, and escapes markdown in captions", async () => {
    await expect(notebookSection(notebook("a.ipynb", [cell(0, "code", "x", [{ kind: "error", ename: "Error", evalue: "boom" }])]), new ReportAssets("assets"))).rejects.toThrow(/Error: boom/);
    const section = await notebookSection(notebook("b.ipynb", [cell(0, "code", "x", [{ kind: "svg", svg: "<svg/>", caption: "a *bold* <img>" }])]), new ReportAssets("assets"));
    expect(section).toBe("![a \\*bold\\* \\<img\\>](assets/b-c0-0.svg)\n\n*a \\*bold\\* \\<img\\>*");
  });
});

describe("ReportAssets", () => {
  it("refuses names that are not plain file names, and duplicates", () => {
    const assets = new ReportAssets("assets");
    expect(assets.add("a.svg", "x")).toBe("assets/a.svg");
    expect(() => assets.add("a.svg", "y")).toThrow(/Two report assets/);
    expect(() => assets.add("../a.svg", "y")).toThrow(/plain file name/);
  });
});

const manifest: RunManifest = {
  generatedAt: "2026-01-02T00:00:00.000Z",
  computedAt: "2026-01-01T00:00:00.000Z",
  wallSeconds: 3.21,
  computeWallSeconds: 150.04,
  git: { commit: "0123456789abcdef0123456789abcdef01234567", dirty: false },
  parameters: { mode: "seed", rows: 1000 },
  inputs: [{ name: "interactions (raw)", path: "/d/i", size: { files: 2, bytes: 3 * 2 ** 20 } }],
  spark: { version: "3.5.7", master: "local[2]", server: "embedded", configs: { "spark.sql.shuffle.partitions": "200" } },
  notebooks: [{ notebook: "01-data.ipynb", status: "executed", seconds: 12.34 }],
  notebooksRun: 0,
  steps: [{ notebook: "01-data", tag: "ingest", clientMs: 1500, uiWallMs: 1200, jobs: 4, finishedAt: "x" }],
};

describe("formatManifest", () => {
  it("states when and from what the numbers were computed, and each notebook's and step's time", () => {
    const text = formatManifest(manifest);
    expect(text).toContain("- Computed at 2026-01-01T00:00:00.000Z in 150.0 s (server start included); this rendering 2026-01-02T00:00:00.000Z ran 0 of 1 notebooks and took 3.2 s.");
    expect(text).toContain("`0123456789abcdef0123456789abcdef01234567`");
    expect(text).toContain("Spark 3.5.7, master `local[2]`, an embedded server started by this run.");
    expect(text).toContain("| interactions (raw) | /d/i | 2 | 3 |");
    expect(text).toContain("| 01-data.ipynb | executed | 12.3 |");
    expect(text).toContain("| ingest | 1.5 | 1.2 | 4 |");
  });
});

describe("assembleReport", () => {
  it("puts a title and how it was made first, the sections in order, the manifest last", async () => {
    const { markdown } = await assembleReport([notebook("01-a.ipynb", [cell(0, "markdown", "# One")]), notebook("02-b.ipynb", [cell(0, "markdown", "# Two")])], manifest);
    expect(markdown.startsWith("# Insights: product-usage report\n\nGenerated by `npm run report` at commit 0123456789ab on 2026-01-01")).toBe(true);
    expect(markdown.indexOf("\n## One\n")).toBeLessThan(markdown.indexOf("\n## Two\n"));
    expect(markdown.indexOf("\n## Two")).toBeLessThan(markdown.indexOf("\n## Run manifest\n"));
  });

  it("refuses a notebook without a title", async () => {
    await expect(assembleReport([notebook("01-a.ipynb", [cell(0, "markdown", "no heading")])], manifest)).rejects.toThrow(/no title heading/);
  });
});

describe("dataFingerprint", () => {
  it("is the parameters for generated data, and changes with a given file's size or time", () => {
    const generated = { interactions: "", metadata: "", mode: "seed" as const, rows: 10, metadataRows: 5, seed: 1 };
    expect(dataFingerprint(generated)).toBe(dataFingerprint({ ...generated }));
    expect(dataFingerprint(generated)).not.toBe(dataFingerprint({ ...generated, seed: 2 }));
    const file = join(dir, "i.csv");
    const meta = join(dir, "m.csv");
    writeFileSync(file, "a\n");
    writeFileSync(meta, "b\n");
    const given = { ...generated, interactions: file, metadata: meta };
    const before = dataFingerprint(given);
    utimesSync(file, new Date(1_000_000), new Date(1_000_000));
    const touched = dataFingerprint(given);
    expect(touched).not.toBe(before);
    writeFileSync(file, "a\nc\n");
    utimesSync(file, new Date(1_000_000), new Date(1_000_000));
    expect(dataFingerprint(given)).not.toBe(touched);
    expect(() => dataFingerprint({ ...given, interactions: join(dir, "missing") })).toThrow(/Input not found/);
  });
});
