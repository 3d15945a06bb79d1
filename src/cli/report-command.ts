import { join, relative, resolve } from "node:path";
import type { GenerateMode } from "../jobs/generate-job";
import { runReport } from "../report/pipeline/run-report";
import { projectRoot } from "../server/paths";
import { assertKnownFlags, flag, intFlag, UsageError, type ParsedArgs } from "./args";

export const REPORT_HELP = `insights report [--mode seed|realistic] [--rows N] [--metadata-rows N] [--seed N]
                [--interactions PATH --metadata PATH] [--out DIR] [--work DIR]

  Runs the notebooks in notebooks/ headless, in order, against one Spark Connect server, and
  assembles what they show into DIR/REPORT.md and a self-contained DIR/index.html (charts,
  Spark UI screenshots, the run manifest), with the executed notebooks in DIR/notebooks/.
  Notebooks whose inputs (cells, parameters, data, code) did not change since their last run
  are not run again; when none changed, no server starts.
    --mode M            generated data: seed (the brief's distributions, default) or realistic
    --rows N            generated interactions (default 1,000,000)
    --metadata-rows N   generated metadata rows, seed mode (default 100,000)
    --seed N            default 42
    --interactions PATH, --metadata PATH
                        report on these inputs instead (raw CSV/Parquet or ingested folders)
    --out DIR           default report/
    --work DIR          the run's data, metrics and Spark UI captures (default .insights/report)
  Uses SPARK_REMOTE (and SPARK_UI_URL for its UI) when set; otherwise starts an embedded server.`;

export async function reportCommand(args: ParsedArgs): Promise<void> {
  const startedAt = Date.now();
  assertKnownFlags(args, ["mode", "rows", "metadata-rows", "seed", "interactions", "metadata", "out", "work"]);
  const mode = flag(args, "mode") ?? "seed";
  if (mode !== "seed" && mode !== "realistic") throw new UsageError(`--mode must be seed or realistic, not '${mode}'`);
  const interactions = flag(args, "interactions");
  const metadata = flag(args, "metadata");
  if ((interactions === undefined) !== (metadata === undefined)) throw new UsageError("give both --interactions and --metadata, or neither");
  const root = projectRoot();
  const remote = process.env.SPARK_REMOTE === "" ? undefined : process.env.SPARK_REMOTE;

  const result = await runReport({
    notebooksDir: join(root, "notebooks"),
    reportDir: resolve(flag(args, "out") ?? join(root, "report")),
    workDir: resolve(flag(args, "work") ?? join(root, ".insights", "report")),
    data: {
      // The server resolves relative paths against its own working directory: absolute ones.
      interactions: interactions === undefined ? "" : resolve(interactions),
      metadata: metadata === undefined ? "" : resolve(metadata),
      mode: mode satisfies GenerateMode,
      rows: intFlag(args, "rows") ?? 1_000_000,
      metadataRows: intFlag(args, "metadata-rows") ?? 100_000,
      seed: intFlag(args, "seed") ?? 42,
    },
    remote,
    remoteUi: process.env.SPARK_UI_URL,
    startedAt,
    log: (line) => {
      console.log(line);
    },
  });
  const executed = result.runs.filter((run) => run.status === "executed").length;
  console.log(`${relative(process.cwd(), result.markdownPath)} and ${relative(process.cwd(), result.htmlPath)} written in ${result.manifest.wallSeconds.toFixed(1)} s (${executed} of ${result.runs.length} notebooks run)`);
}
