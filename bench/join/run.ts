/**
 * Join benchmark: interactions LEFT JOIN deduplicated metadata on skewed data, the untuned
 * baseline (CSV, sort-merge join, AQE off) against the optimised job (Parquet, skewAwareJoin's
 * choice), plus ablations that attribute the gain. One embedded server with two cores; each
 * variant runs under its own job tag and its cost is read back from the Spark UI REST API.
 * Writes .insights/bench/join-<timestamp>.json (all captures and the summary), join-<timestamp>.md
 * (table, verdicts, plans) and join-<timestamp>/ (one capture per step, plans as text). A MISS is
 * reported, never fatal: the exit code only says whether the benchmark itself ran.
 *
 * Knobs (environment): INSIGHTS_BENCH_ROWS (interactions, default 20000000; the realistic
 * generator derives the users and their metadata), INSIGHTS_BENCH_HEAP (server JVM heap, "4g"), INSIGHTS_BENCH_SEED (data seed, 1),
 * INSIGHTS_BENCH_ABLATIONS ("0" to run only naive and optimised).
 */
import { log, positiveInt, runBench, warnIfBusy } from "../support/bench-cli";
import { mkdirSync, writeFileSync } from "node:fs";
import { cpus, loadavg, totalmem } from "node:os";
import { join } from "node:path";
import { SparkSession } from "../../src/connect";
import { LocalSparkConnectServer } from "../../src/server/local-server";
import { projectRoot } from "../../src/server/paths";
import { saveCapture, SparkUiClient } from "../../src/lib/sparkui";
import { prepareData } from "./data";
import { NAIVE, OPTIMISED, readInputs } from "../../src/jobs/experiments/join-variants";
import { ABLATIONS } from "./ablations";
import { runVariant, type VariantRun } from "../../src/jobs/experiments/run-join-variant";
import { formatMarkdown, formatTable, formatVerdicts, summarise, verdicts } from "./report";
import { formatCount } from "../../src/lib/text/format";

/** Two cores, as the benchmark machine has: the figures then compare across runs and hosts. */
const MASTER = "local[2]";

async function main(): Promise<void> {
  const root = projectRoot();
  const rows = positiveInt("INSIGHTS_BENCH_ROWS", 20_000_000);
  const seed = positiveInt("INSIGHTS_BENCH_SEED", 1);
  const heap = process.env.INSIGHTS_BENCH_HEAP ?? "4g";
  const variants = [NAIVE, OPTIMISED, ...(process.env.INSIGHTS_BENCH_ABLATIONS === "0" ? [] : ABLATIONS)];
  const outDir = join(root, ".insights", "bench");
  const stamp = new Date().toISOString().replace(/[:.]/g, "-");

  const loadAtStart = warnIfBusy();
  log(`Starting an embedded Spark Connect server (${MASTER}, heap ${heap})…`);
  const server = await LocalSparkConnectServer.start({ heap, master: MASTER });
  const ui = new SparkUiClient(server.uiUrl);
  const setup = await SparkSession.connect(server.url);
  try {
    const sparkVersion = await setup.version();
    const data = await prepareData(setup, { rows, seed, root: join(outDir, "data") }, log);
    // Untimed: the first scans warm the page cache and the JIT for both formats, so the first
    // variant is not charged for a cold JVM.
    log("Warming up (untimed)…");
    for (const input of ["csv", "parquet"] as const) await readInputs(setup, data, input).interactions.count();

    const runs: VariantRun[] = [];
    for (const variant of variants) {
      log(`Running ${variant.name}: ${variant.description}…`);
      const run = await runVariant(server.url, ui, data, variant);
      log(
        `  ${run.strategy}: UI ${(run.capture.metrics.wallTimeMs / 1000).toFixed(2)} s (+ ${((run.measureCapture?.metrics.wallTimeMs ?? 0) / 1000).toFixed(2)} s measuring), client ${((run.clientPlanMs + run.clientJoinMs) / 1000).toFixed(2)} s`,
      );
      runs.push(run);
    }
    const [naive] = runs as [VariantRun, ...VariantRun[]];
    const summaries = runs.map((r) => summarise(r, naive));
    const [naiveSummary, optimisedSummary] = summaries as [ReturnType<typeof summarise>, ReturnType<typeof summarise>];
    const goals = verdicts(naiveSummary, optimisedSummary, heap);
    const executors = await ui.executors();
    const environment = await ui.environment();
    const loadAtEnd = loadavg();

    const stepDir = join(outDir, `join-${stamp}`);
    for (const run of runs) {
      saveCapture(stepDir, run.name, run.capture);
      if (run.measureCapture !== undefined) saveCapture(stepDir, `${run.name}-measure`, run.measureCapture);
      writeFileSync(join(stepDir, `${run.name}-explain.txt`), `${run.explain.trimEnd()}\n`);
      writeFileSync(join(stepDir, `${run.name}-executed-plan.txt`), `${run.executedPlans.join("\n\n").trimEnd()}\n`);
    }
    const load = (l: readonly number[]): string => l.map((x) => x.toFixed(1)).join(" ");
    const setupLines = [
      `Spark ${sparkVersion}, embedded server ${MASTER}, heap ${heap}; host ${cpus().length} cores, ${(totalmem() / 2 ** 30).toFixed(0)} GiB; load average ${load(loadAtStart)} → ${load(loadAtEnd)}`,
      `Data: ${formatCount(data.interactionRows)} interactions, ${formatCount(data.metadataRows)} metadata rows, seed ${seed} (${data.key}); ${data.preparation}; prepared in ${data.preparedSeconds} s${data.reused ? " (reused)" : ""}, not timed`,
      "Each variant: its own session and job tag, output to the noop sink; captured with src/lib/sparkui",
      `Steps and plans: ${stepDir}`,
    ];
    const markdown = formatMarkdown({
      title: `Join benchmark ${stamp}`,
      setup: setupLines,
      summaries,
      verdicts: goals,
      runs,
      planVariants: [NAIVE.name, OPTIMISED.name],
    });
    mkdirSync(outDir, { recursive: true });
    const jsonFile = join(outDir, `join-${stamp}.json`);
    const mdFile = join(outDir, `join-${stamp}.md`);
    const report = {
      createdAt: new Date().toISOString(),
      server: { sparkVersion, master: MASTER, heap, uiUrl: server.uiUrl, eventLogDir: server.eventLogDir },
      host: { cpus: cpus().length, totalMemBytes: totalmem(), loadAverageAtStart: loadAtStart, loadAverageAtEnd: loadAtEnd },
      data,
      summaries,
      verdicts: goals,
      runs,
      executors,
      sparkProperties: environment.sparkProperties,
    };
    writeFileSync(jsonFile, `${JSON.stringify(report, null, 2)}\n`);
    writeFileSync(mdFile, `${markdown}\n`);
    process.stdout.write(`\nJoin benchmark — ${formatCount(data.interactionRows)} interactions, Spark ${sparkVersion}, ${MASTER}, heap ${heap}\n\n`);
    process.stdout.write(`${formatTable(summaries)}\n\n${formatVerdicts(goals)}\n\n`);
    for (const run of runs) process.stdout.write(`${run.name}: ${run.strategy} — ${run.reason}; join stage: ${run.joinStage?.pickedBy ?? "none"}\n`);
    process.stdout.write(`\nRaw figures: ${jsonFile}\nSummary: ${mdFile}\n`);
  } finally {
    setup.stop();
    await server.stop();
  }
}

runBench(main);
