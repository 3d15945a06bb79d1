import { join, relative, resolve } from "node:path";
import type { GenerateMode } from "../jobs/generate-job";
import { runReport } from "../report/pipeline/run-report";
import { projectRoot } from "../server/paths";
import { defineCommand } from "../lib/command-line/command";
import { UsageError } from "../lib/command-line/usage-error";
import { integer, oneOf } from "../lib/command-line/value-kinds";

export const reportCommand = defineCommand({
  name: "report",
  summary: "Run the notebooks headless and assemble the report (REPORT.md and index.html)",
  description: `Runs the notebooks in notebooks/ headless, in order, against one Spark Connect server, and
    assembles what they show into DIR/REPORT.md and a self-contained DIR/index.html (charts, Spark UI
    screenshots, the run manifest), with the executed notebooks in DIR/notebooks/. Notebooks whose
    inputs (cells, parameters, data, code) did not change since their last run are not run again; when
    none changed, no server starts.

    Uses SPARK_REMOTE (and SPARK_UI_URL for its UI) when set; otherwise starts an embedded server.`,
  options: {
    mode: {
      kind: oneOf(["seed", "realistic"] satisfies GenerateMode[]),
      default: "seed",
      description: "generated data: seed (the brief's distributions) or realistic",
    },
    rows: { kind: integer(), default: 1_000_000, description: "generated interactions" },
    "metadata-rows": { kind: integer(), default: 100_000, description: "generated metadata rows, seed mode" },
    seed: { kind: integer(), default: 42, description: "seeds every generated value" },
    interactions: { value: "PATH", description: "report on these interactions instead (raw CSV/Parquet or an ingested folder), with --metadata" },
    metadata: { value: "PATH", description: "the metadata that goes with --interactions" },
    out: { value: "DIR", defaultText: "report/", description: "where REPORT.md, index.html and the executed notebooks go" },
    work: { value: "DIR", defaultText: ".insights/report", description: "the run's data, metrics and Spark UI captures" },
  },
  async run({ values }) {
    const startedAt = Date.now();
    const { interactions, metadata } = values;
    if ((interactions === undefined) !== (metadata === undefined)) throw new UsageError("give both --interactions and --metadata, or neither");
    const root = projectRoot();
    const remote = process.env.SPARK_REMOTE === "" ? undefined : process.env.SPARK_REMOTE;

    const result = await runReport({
      notebooksDir: join(root, "notebooks"),
      reportDir: resolve(values.out ?? join(root, "report")),
      workDir: resolve(values.work ?? join(root, ".insights", "report")),
      data: {
        // The server resolves relative paths against its own working directory: absolute ones.
        interactions: interactions === undefined ? "" : resolve(interactions),
        metadata: metadata === undefined ? "" : resolve(metadata),
        mode: values.mode,
        rows: values.rows,
        metadataRows: values["metadata-rows"],
        seed: values.seed,
      },
      remote,
      remoteUi: process.env.SPARK_UI_URL,
      startedAt,
      log: (line) => {
        console.log(line);
      },
    });
    const executed = result.runs.filter((run) => run.status === "executed").length;
    console.log(
      `${relative(process.cwd(), result.markdownPath)} and ${relative(process.cwd(), result.htmlPath)} written in ${result.manifest.wallSeconds.toFixed(1)} s (${executed} of ${result.runs.length} notebooks run)`,
    );
  },
});
