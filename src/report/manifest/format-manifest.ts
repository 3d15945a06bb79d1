import { markdownTable, tableOf } from "../../lib/text/table";
import { inlineCode } from "../../lib/text/markdown";
import { MiB, round } from "../../lib/text/format";
import type { RunManifest } from "./run-manifest";


/** The manifest as the report's last section: what this report was computed from, and its cost. */
export function formatManifest(manifest: RunManifest): string {
  const git = manifest.git === undefined ? "not a git checkout" : `${inlineCode(manifest.git.commit)}${manifest.git.dirty ? " with uncommitted changes" : ""}`;
  const spark = manifest.spark;
  const lines = [
    "## Run manifest",
    "",
    `- Computed at ${manifest.computedAt} in ${manifest.computeWallSeconds.toFixed(1)} s (server start included); this rendering ${manifest.generatedAt} ran ${manifest.notebooksRun} of ${manifest.notebooks.length} notebooks and took ${manifest.wallSeconds.toFixed(1)} s.`,
    `- Code: ${git}.`,
    spark === undefined
      ? "- Spark: not reached (every notebook was up to date and no earlier manifest recorded it)."
      : `- Spark ${spark.version}, master ${inlineCode(spark.master)}, ${spark.server === "embedded" ? "an embedded server started by this run" : "a remote server (SPARK_REMOTE)"}.`,
    "",
    "### Parameters",
    "",
    markdownTable(tableOf(Object.entries(manifest.parameters).map(([name, value]) => ({ name, value })))),
    "",
    "### Inputs",
    "",
    markdownTable(tableOf(manifest.inputs.map((input) => ({ dataset: input.name, path: input.path, files: input.size.files, MiB: round(input.size.bytes / MiB, 2) })))),
  ];
  if (spark !== undefined) {
    lines.push("", "### Effective Spark configuration (as the server started)", "", markdownTable(tableOf(Object.entries(spark.configs).map(([key, value]) => ({ key, value })))));
  }
  lines.push(
    "",
    "### Notebooks",
    "",
    markdownTable(tableOf(manifest.notebooks.map((n) => ({ notebook: n.notebook, status: n.status, seconds: round(n.seconds, 1) })))),
    "",
    "### Steps (each tagged in the Spark UI)",
    "",
    markdownTable(tableOf(manifest.steps.map((s) => ({ step: s.tag, client_s: round(s.clientMs / 1000, 2), spark_ui_wall_s: s.uiWallMs === null ? null : round(s.uiWallMs / 1000, 2), jobs: s.jobs, ...(s.captureError !== undefined && { not_captured: s.captureError }) })), stepColumns(manifest))),
  );
  return lines.join("\n");
}

/** The steps table's columns: a `not_captured` column only when some step's capture failed. */
function stepColumns(manifest: RunManifest): string[] {
  const base = ["step", "client_s", "spark_ui_wall_s", "jobs"];
  return manifest.steps.some((s) => s.captureError !== undefined) ? [...base, "not_captured"] : base;
}

