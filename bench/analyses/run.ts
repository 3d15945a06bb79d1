/**
 * Analyses benchmark: the engagement and session analyses (active users, calendar MAU, power
 * users, retention, sessions) on realistic data, Spark through the library against the same
 * analyses written as DuckDB SQL, on the same ingested Parquet, for each size in turn. Checks
 * that the two engines' result tables agree, and reports each analysis's time ratio, Spark's
 * spill, shuffle and peak heap, DuckDB's peak RSS, and how time grows with the rows.
 *
 * Per size: an embedded Spark server (local[2], the heap below) prepares the data if needed
 * (generated once per size and seed, kept in .insights/bench/data/), runs the analyses one by
 * one under job tags and is stopped; then a DuckDB worker process (2 threads, memory_limit = the
 * heap) runs its queries on the same files. Writes .insights/bench/analyses-<time>.json (all
 * figures, results and captures' summaries), .md (tables, verdicts, disagreements) and
 * analyses-<time>/ (each Spark step's capture and executed plans). A MISS or a disagreement is
 * reported, never fatal: the exit code says only whether the benchmark ran.
 *
 * Knobs (environment): INSIGHTS_BENCH_SIZES (interactions per size, comma-separated, default
 * "2000000,20000000"), INSIGHTS_BENCH_HEAP (Spark heap and DuckDB memory limit, "4g"),
 * INSIGHTS_BENCH_SEED (data seed, 1), INSIGHTS_BENCH_SPARK_CONF (extra Spark SQL settings for the
 * analyses' session, "key=value,key=value": to try a tuning against the same baseline).
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { cpus, loadavg, totalmem } from "node:os";
import { join } from "node:path";
import { SparkSession } from "../../src/connect";
import { readEventDateBounds } from "../../src/domain/analyses/common/event-date-bounds";
import { applyParallelismFromInput } from "../../src/domain/data/tuning/apply-parallelism";
import { LocalSparkConnectServer } from "../../src/server/local-server";
import { projectRoot } from "../../src/server/paths";
import { saveCapture, SparkUiClient } from "../../src/lib/sparkui";
import { log, positiveInt, runBench, warnIfBusy } from "../support/bench-cli";
import { compareAnalysis, type Disagreement, type PercentileEvidence, type ValueRank } from "./compare";
import { prepareAnalysesData, type AnalysesData } from "./data";
import { runDuckdb, type DuckdbRun } from "./duckdb-run";
import { analysisPlan, type AnalysisPlan } from "./plan";
import {
  formatDisagreements,
  formatGrowth,
  formatSizeTable,
  formatVerdicts,
  growth,
  rowsLabel,
  totals,
  verdicts,
  type AnalysisFigures,
  type SizeResult,
} from "./report";
import { formatCount, formatMiB } from "../../src/lib/text/format";
import { runSparkAnalyses, warmUp, type SparkStep } from "./spark-run";
import { ANALYSES, normaliseRows, type AnalysisTables, type TableShape } from "./tables";

/** Two cores, as the benchmark machine has; DuckDB gets as many threads. */
const MASTER = "local[2]";
const THREADS = 2;
/** Samples executor memory every 100 ms instead of at each 10-s heartbeat, so the peak heap is not missed. */
const SERVER_CONF = { "spark.executor.metrics.pollingInterval": "100ms" };

/** `INSIGHTS_BENCH_SIZES`: positive integers, comma-separated. */
function sizesFromEnvironment(): number[] {
  const raw = process.env.INSIGHTS_BENCH_SIZES ?? "2000000,20000000";
  const sizes = raw.split(",").map((s) => Number(s.trim()));
  if (sizes.length === 0 || sizes.some((n) => !Number.isInteger(n) || n <= 0))
    throw new Error(`INSIGHTS_BENCH_SIZES must be positive integers, comma-separated, got '${raw}'`);
  return sizes;
}

/** `INSIGHTS_BENCH_SPARK_CONF`: `key=value` pairs, comma-separated (none by default). */
function sparkConfFromEnvironment(): Record<string, string> {
  const raw = process.env.INSIGHTS_BENCH_SPARK_CONF ?? "";
  const pairs = raw
    .split(",")
    .map((p) => p.trim())
    .filter((p) => p !== "");
  return Object.fromEntries(
    pairs.map((pair) => {
      const at = pair.indexOf("=");
      if (at <= 0) throw new Error(`INSIGHTS_BENCH_SPARK_CONF must be key=value pairs, got '${pair}'`);
      return [pair.slice(0, at), pair.slice(at + 1)];
    }),
  );
}

/** Everything one size produced, for the JSON report. */
interface SizeRun {
  readonly result: SizeResult;
  readonly data: AnalysesData;
  readonly plan: AnalysisPlan;
  readonly sparkVersion: string;
  readonly duckdb: Omit<DuckdbRun, "steps">;
  readonly parallelism: unknown;
  readonly results: Readonly<Record<string, { readonly spark: AnalysisTables; readonly duckdb: AnalysisTables }>>;
  readonly percentiles: Readonly<Record<string, { readonly spark: number | null; readonly duckdb: number | null; readonly rank: ValueRank | undefined }>>;
}

async function runSize(
  requestedRows: number,
  options: { seed: number; heap: string; outDir: string; stepDir: string; sparkConf: Readonly<Record<string, string>> },
): Promise<SizeRun> {
  const loadAtStart = warnIfBusy();
  log(`${rowsLabel(requestedRows)}: starting an embedded Spark Connect server (${MASTER}, heap ${options.heap})…`);
  const server = await LocalSparkConnectServer.start({ heap: options.heap, master: MASTER, conf: SERVER_CONF });
  const ui = new SparkUiClient(server.uiUrl);
  let spark: SparkSession | undefined;
  let sparkSteps: SparkStep[];
  let data: AnalysesData;
  let plan: AnalysisPlan;
  let sparkVersion: string;
  let peakHeap: number | null;
  let parallelism: unknown;
  try {
    const setup = await SparkSession.connect(server.url);
    try {
      sparkVersion = await setup.version();
      data = await prepareAnalysesData(setup, { rows: requestedRows, seed: options.seed, root: join(options.outDir, "data") }, log);
    } finally {
      setup.stop();
    }
    // A fresh session: ingestion leaves its own settings (sized for its raw input) on the one it used.
    spark = await SparkSession.connect(server.url);
    const inputs = { interactions: spark.read.parquet(data.interactions), metadata: spark.read.parquet(data.metadata) };
    plan = analysisPlan(await readEventDateBounds(inputs.interactions));
    // As `insights analyze` does: shuffle partitions and split size from the interactions' size.
    parallelism = await applyParallelismFromInput(spark, inputs.interactions);
    for (const [key, value] of Object.entries(options.sparkConf)) await spark.conf.set(key, value);
    log("Warming up (untimed)…");
    await warmUp(inputs);
    sparkSteps = await runSparkAnalyses(spark, ui, inputs, plan, log);
    const executors = await ui.executors();
    peakHeap = executors.find((e) => e.id === "driver")?.peakMemoryMetrics?.JVMHeapMemory ?? null;
    for (const step of sparkSteps) {
      saveCapture(options.stepDir, `${requestedRows}-${step.name}`, step.capture);
      writeFileSync(
        join(options.stepDir, `${requestedRows}-${step.name}-executed-plans.txt`),
        `${step.capture.sqlExecutions.map((e) => e.planDescription.trimEnd()).join("\n\n")}\n`,
      );
    }
  } finally {
    spark?.stop();
    await server.stop();
  }

  const sessionRow = sparkSteps.find((s) => s.name === "sessions")?.tables.session_summary?.[0];
  const percentileColumns = ["p50_duration_ms", "p90_duration_ms", "p99_duration_ms"];
  const sparkPercentiles = Object.fromEntries(percentileColumns.flatMap((c) => (sessionRow?.[c] == null ? [] : [[c, Number(sessionRow[c])]])));
  log(`${rowsLabel(requestedRows)}: running the DuckDB queries (${THREADS} threads, memory_limit ${duckMemory(options.heap)})…`);
  const duck = await runDuckdb({
    interactionsDir: data.interactions,
    plan,
    threads: THREADS,
    memoryLimit: duckMemory(options.heap),
    tempDirectory: join(options.outDir, "duckdb-tmp"),
    sparkPercentiles,
  });

  const evidence = percentileEvidence(duck.percentileRanks, percentileColumns, plan.percentileAccuracy);
  const results: Record<string, { spark: AnalysisTables; duckdb: AnalysisTables }> = {};
  const analyses: AnalysisFigures[] = ANALYSES.map(({ name, tables }) => {
    const sparkStep = sparkSteps.find((s) => s.name === name);
    const duckStep = duck.steps.find((s) => s.name === name);
    if (sparkStep === undefined || duckStep === undefined) throw new Error(`No ${name} step on ${sparkStep === undefined ? "Spark" : "DuckDB"}`);
    const normalise = (source: Readonly<Record<string, readonly Readonly<Record<string, unknown>>[]>>): AnalysisTables =>
      Object.fromEntries((tables as readonly TableShape[]).map((shape) => [shape.name, normaliseRows(shape, source[shape.name] ?? [])]));
    const spark = normalise(sparkStep.tables);
    const duckdb = normalise(duckStep.tables);
    results[name] = { spark, duckdb };
    const disagreements: Disagreement[] = compareAnalysis(tables, spark, duckdb, evidence);
    if (name === "dau" && (duck.bounds.first !== plan.bounds.first || duck.bounds.last !== plan.bounds.last)) {
      disagreements.push({
        table: "event_date bounds",
        row: -1,
        column: "first/last",
        spark: `${plan.bounds.first}/${plan.bounds.last}`,
        duckdb: `${duck.bounds.first}/${duck.bounds.last}`,
        why: "the engines see different dates",
      });
    }
    const m = sparkStep.capture.metrics;
    const heaviest = m.heaviestStage;
    return {
      name,
      sparkMs: sparkStep.clientMs,
      sparkUiMs: m.wallTimeMs,
      duckdbMs: duckStep.ms,
      ratio: sparkStep.clientMs / duckStep.ms,
      spillBytes: m.memorySpilledBytes + m.diskSpilledBytes,
      shuffleReadBytes: m.shuffleReadBytes,
      shuffleWriteBytes: m.shuffleWriteBytes,
      jobs: m.jobs,
      tasks: m.tasks,
      heaviestStage:
        heaviest === undefined ? undefined : { stageId: heaviest.stageId, tasks: heaviest.numTasks, executorRunTimeMs: heaviest.executorRunTimeMs },
      loadAtStart: sparkStep.loadAtStart,
      disagreements,
    };
  });
  for (const a of analyses)
    if (a.disagreements.length > 0)
      log(`DISAGREEMENT ${rowsLabel(requestedRows)} ${a.name}: ${a.disagreements.length} cell(s), first: ${JSON.stringify(a.disagreements[0])}`);

  const duckSummary = results.sessions?.duckdb.session_summary?.[0];
  const percentiles = Object.fromEntries(
    percentileColumns.map((c) => [
      c,
      { spark: sparkPercentiles[c] ?? null, duckdb: typeof duckSummary?.[c] === "number" ? duckSummary[c] : null, rank: evidence.ranks[c] },
    ]),
  );
  const duckRest = {
    version: duck.version,
    bounds: duck.bounds,
    percentileRanks: duck.percentileRanks,
    baselineRssBytes: duck.baselineRssBytes,
    maxRssBytes: duck.maxRssBytes,
  };
  return {
    result: {
      requestedRows,
      rows: data.ingestion.interactions.valid,
      analyses,
      total: totals(analyses),
      sparkPeakHeapBytes: peakHeap,
      duckdbMaxRssBytes: duck.maxRssBytes,
      duckdbBaselineRssBytes: duck.baselineRssBytes,
      loadAtStart,
      loadAtEnd: loadavg(),
    },
    data,
    plan,
    sparkVersion,
    duckdb: duckRest,
    parallelism,
    results,
    percentiles,
  };
}

/** DuckDB's memory_limit from a JVM heap size ("4g" → "4GB", "2048m" → "2048MB"). */
function duckMemory(heap: string): string {
  const match = /^(\d+)([gGmM])$/.exec(heap);
  if (match === null) throw new Error(`INSIGHTS_BENCH_HEAP must look like 4g or 2048m, got '${heap}'`);
  return `${match[1] ?? ""}${match[2]?.toUpperCase() === "G" ? "GB" : "MB"}`;
}

/** The worker's counts (JSON numbers or strings) as each percentile column's rank. */
function percentileEvidence(raw: Readonly<Record<string, unknown>>, columns: readonly string[], accuracy: number): PercentileEvidence {
  const ranks: Record<string, ValueRank> = {};
  for (const c of columns) {
    const below = raw[`${c}_below`];
    const atOrBelow = raw[`${c}_at_or_below`];
    if (below === undefined || atOrBelow === undefined) continue;
    ranks[c] = { below: Number(below), atOrBelow: Number(atOrBelow), count: Number(raw.n) };
  }
  return { accuracy, ranks };
}

async function main(): Promise<void> {
  const sizes = sizesFromEnvironment();
  const seed = positiveInt("INSIGHTS_BENCH_SEED", 1);
  const heap = process.env.INSIGHTS_BENCH_HEAP ?? "4g";
  const outDir = join(projectRoot(), ".insights", "bench");
  const stamp = new Date().toISOString().replace(/[:.]/g, "-");
  const sparkConf = sparkConfFromEnvironment();
  const stepDir = join(outDir, `analyses-${stamp}`);
  mkdirSync(stepDir, { recursive: true });

  const runs: SizeRun[] = [];
  for (const rows of sizes) runs.push(await runSize(rows, { seed, heap, outDir, stepDir, sparkConf }));
  const results = runs.map((r) => r.result);
  const grown = growth(results);
  const goals = verdicts(results, heap);

  const load = (l: readonly number[]): string => l.map((x) => x.toFixed(1)).join(" ");
  const first = runs[0];
  const setup = [
    `Spark ${first?.sparkVersion ?? "?"}, embedded server ${MASTER}, heap ${heap}, one server per size; DuckDB ${first?.duckdb.version ?? "?"} (${THREADS} threads, memory_limit ${duckMemory(heap)}), in a worker process of its own; host ${cpus().length} cores, ${(totalmem() / 2 ** 30).toFixed(0)} GiB`,
    ...runs.map(
      (r) =>
        `${rowsLabel(r.result.rows)}: ${r.data.key}, ${formatCount(r.data.ingestion.interactions.valid)} valid interactions (${r.data.ingestion.interactions.quarantined} quarantined), ${formatCount(r.data.ingestion.metadata.valid)} metadata rows; event dates ${r.plan.bounds.first} … ${r.plan.bounds.last}, as_of ${r.plan.asOf}; ` +
        `prepared in ${r.data.preparedSeconds} s${r.data.reused ? " (reused)" : ""}, untimed; load average ${load(r.result.loadAtStart)} → ${load(r.result.loadAtEnd)}; ` +
        `Spark peak JVM heap ${r.result.sparkPeakHeapBytes === null ? "n/a" : formatMiB(r.result.sparkPeakHeapBytes)}; DuckDB worker peak RSS ${formatMiB(r.result.duckdbMaxRssBytes)} (of which ${formatMiB(r.result.duckdbBaselineRssBytes)} Node before DuckDB loaded)`,
    ),
    `Extra Spark settings (INSIGHTS_BENCH_SPARK_CONF): ${
      Object.keys(sparkConf).length === 0
        ? "none"
        : Object.entries(sparkConf)
            .map(([k, v]) => `${k}=${v}`)
            .join(", ")
    }`,
    `Spark steps (captures, executed plans): ${stepDir}`,
  ];
  const percentileLines = runs.flatMap((r) =>
    Object.entries(r.percentiles).map(
      ([c, p]) =>
        `- ${rowsLabel(r.result.rows)} ${c}: Spark ${String(p.spark)} (percentile_approx, accuracy ${r.plan.percentileAccuracy}), DuckDB ${String(p.duckdb)} (quantile_disc, exact); Spark's value holds ranks ${p.rank === undefined ? "?" : `${p.rank.below + 1}…${p.rank.atOrBelow} of ${p.rank.count}`}`,
    ),
  );
  const markdown = [
    `# Analyses benchmark ${stamp}: Spark vs DuckDB`,
    "",
    ...setup.map((line) => `- ${line}`),
    "",
    ...results.flatMap((r) => [`## ${rowsLabel(r.rows)}`, "", formatSizeTable(r), ""]),
    "Spark is the client's elapsed time per analysis (planning, the jobs, collecting the small result), the number the ratio uses; Spark (UI) is the Spark UI's first-job-submission to last-job-completion. DuckDB is the wall clock around the analysis's statements, results read into JS. Both start from the same files; an untimed scan warmed each engine first. Spill, shuffle, jobs and tasks are Spark's, summed over the step's stages. Load at start is the host's 1-minute load average (2 cores).",
    "",
    "## Growth (smallest → largest size)",
    "",
    grown.length === 0 ? "One size only: no growth to report." : formatGrowth(grown),
    "",
    "## Goals",
    "",
    formatVerdicts(goals),
    "",
    "## Agreement",
    "",
    "Counts, dates and text must be equal; means and rates within 1e-9 relative. Duration percentiles: Spark's percentile_approx (accuracy 10,000: rank error ≤ n / 10,000) and DuckDB's quantile_disc (exact) define a percentile differently, so Spark's value is located in DuckDB's exact sessions and must hold a rank within ceil(n / 10,000) of ceil(p × n).",
    "",
    formatDisagreements(results),
    "",
    ...percentileLines,
    "",
  ].join("\n");

  const jsonFile = join(outDir, `analyses-${stamp}.json`);
  const mdFile = join(outDir, `analyses-${stamp}.md`);
  const report = {
    createdAt: new Date().toISOString(),
    master: MASTER,
    heap,
    threads: THREADS,
    sparkConf,
    host: { cpus: cpus().length, totalMemBytes: totalmem() },
    sizes: runs,
    growth: grown,
    verdicts: goals,
  };
  writeFileSync(jsonFile, `${JSON.stringify(report, null, 2)}\n`);
  writeFileSync(mdFile, `${markdown}\n`);
  process.stdout.write(
    `\nAnalyses benchmark — Spark ${first?.sparkVersion ?? "?"} (${MASTER}, heap ${heap}) vs DuckDB ${first?.duckdb.version ?? "?"} (${THREADS} threads)\n\n`,
  );
  for (const r of results) process.stdout.write(`${rowsLabel(r.rows)}\n\n${formatSizeTable(r)}\n\n`);
  if (grown.length > 0) process.stdout.write(`Growth\n\n${formatGrowth(grown)}\n\n`);
  process.stdout.write(`${formatVerdicts(goals)}\n\nDisagreements: ${formatDisagreements(results)}\n\nRaw figures: ${jsonFile}\nSummary: ${mdFile}\n`);
}

runBench(main);
