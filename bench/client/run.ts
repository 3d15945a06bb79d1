/**
 * Client benchmark: the Insights TS client against PySpark's own Spark Connect client, on one
 * embedded server started here, same queries, same repetitions. Prints a verdict table and writes
 * raw figures to .insights/bench/client-<timestamp>.json. A MISS is reported, never fatal: the
 * exit code only says whether the benchmark itself ran.
 *
 * Knobs (environment): INSIGHTS_BENCH_ROWS (default 5000000), INSIGHTS_BENCH_RUNS (3),
 * INSIGHTS_BENCH_HEAP (server JVM heap, "6g"), INSIGHTS_BENCH_MEASURES (a subset of
 * trivial,arrow,rows: PySpark's row fetch alone takes minutes).
 */
import { log, positiveInt, runBench, warnIfBusy } from "../support/bench-cli";
import { mkdirSync, writeFileSync } from "node:fs";
import { cpus, loadavg, totalmem } from "node:os";
import { join } from "node:path";
import { SparkSession } from "../../src/connect/sql/session";
import { LocalSparkConnectServer } from "../../src/server/local-server";
import { projectRoot, sparkHome } from "../../src/server/paths";
import { measurePySpark } from "./pyspark-client";
import { ensurePySpark, sparkRuntimeVersion } from "./python-env";
import { compare, formatRuns, formatTable, type Results } from "./report";
import { measureTs, type MeasureResult } from "./ts-client";
import { mergeRuns } from "./merge-runs";
import { DEFAULT_WORKLOAD, type MeasureName, type Workload } from "./workload";
import { formatCount } from "../../src/lib/text/format";

const ALL_MEASURES: readonly MeasureName[] = ["trivial", "arrow", "rows"];

async function main(): Promise<void> {
  const root = projectRoot();
  const workload: Workload = {
    ...DEFAULT_WORKLOAD,
    rows: positiveInt("INSIGHTS_BENCH_ROWS", DEFAULT_WORKLOAD.rows),
    runs: positiveInt("INSIGHTS_BENCH_RUNS", DEFAULT_WORKLOAD.runs),
  };
  const heap = process.env.INSIGHTS_BENCH_HEAP ?? "6g";
  const measures = selectedMeasures();
  const sparkVersion = sparkRuntimeVersion(sparkHome());
  // Before the server starts: a first run spends minutes here, and no JVM should idle meanwhile.
  const python = await ensurePySpark(join(root, ".insights", "bench-venv"), sparkVersion);

  // Other work on a 2-core machine skews every figure: record the load so a run can be judged.
  const loadAtStart = warnIfBusy();
  log(`Starting an embedded Spark Connect ${sparkVersion} server (heap ${heap})…`);
  const server = await LocalSparkConnectServer.start({ heap });
  let session: SparkSession | undefined;
  try {
    session = await SparkSession.connect(server.url);
    const spark = session;
    const serverVersion = await session.version();
    log(`Server ${serverVersion} at ${server.url}, pid ${server.pid}; ${formatCount(workload.rows)} rows, ${workload.runs} timed runs per measure`);

    // The server's JIT warms with every query. Without this, whichever client goes first would
    // time against a colder server than the other; each client still warms up itself afterwards.
    log("Warming the server up (untimed)…");
    for (let i = 0; i < 100; i++) await session.range(1).collect();
    await session
      .range(workload.rows)
      .selectExpr(...workload.columns)
      .toArrow();

    const results: { -readonly [K in keyof Results]: Results[K] } = {};
    let pysparkVersion = "";
    for (const measure of measures) {
      // Rounds alternate which client goes first, one timed run each: the server keeps getting
      // faster as its JIT warms, and a fixed order would hand that drift to the second client.
      const ts: MeasureResult[] = [];
      const py: (MeasureResult & { version: string })[] = [];
      for (let round = 0; round < workload.runs; round++) {
        // The TS client lives in this process: it warms up once. Each PySpark run is a fresh
        // process (so its peak RSS is that run's) and warms up every time.
        const tsRound = (): Promise<void> =>
          measureTs(spark, measure, {
            ...workload,
            runs: 1,
            warmups: round === 0 ? workload.warmups : 0,
            trivialWarmups: round === 0 ? workload.trivialWarmups : 0,
          }).then((r) => {
            ts.push(r);
          });
        const pyRound = (): Promise<void> =>
          measurePySpark(python, server.url, measure, { ...workload, runs: 1 }).then((r) => {
            py.push(r);
          });
        for (const step of round % 2 === 0 ? [tsRound, pyRound] : [pyRound, tsRound]) await step();
        log(
          `${measure} round ${round + 1}/${workload.runs}: TS ${(ts.at(-1)?.medianMs ?? Number.NaN).toFixed(2)} ms, PySpark ${(py.at(-1)?.medianMs ?? Number.NaN).toFixed(2)} ms`,
        );
      }
      pysparkVersion = py[0]?.version ?? "";
      results[measure] = { ts: mergeRuns(ts), pyspark: mergeRuns(py) };
      if (measure === "arrow") {
        log("arrow: PySpark toPandas(), for context…");
        results.pandas = { pyspark: await measurePySpark(python, server.url, "pandas", workload) };
      }
    }
    const complete: Results = results;
    const comparisons = compare(complete, workload.rows);

    const stamp = new Date().toISOString().replace(/[:.]/g, "-");
    const outDir = join(root, ".insights", "bench");
    mkdirSync(outDir, { recursive: true });
    const outFile = join(outDir, `client-${stamp}.json`);
    const report = {
      createdAt: new Date().toISOString(),
      server: { sparkVersion: serverVersion, heap, url: server.url },
      clients: { ts: { node: process.version }, pyspark: { version: pysparkVersion, python } },
      host: { cpus: cpus().length, totalMemBytes: totalmem(), loadAverageAtStart: loadAtStart, loadAverageAtEnd: loadavg() },
      workload,
      comparisons,
      results: complete,
    };
    writeFileSync(outFile, `${JSON.stringify(report, null, 2)}\n`);

    const load = (l: number[]): string => l.map((x) => x.toFixed(1)).join(" ");
    process.stdout.write(
      `\nInsights TS client vs PySpark ${pysparkVersion} Spark Connect client — Spark ${serverVersion}, ${cpus().length} cores, load average ${load(loadAtStart)} → ${load(loadavg())}\n\n`,
    );
    process.stdout.write(`${formatTable(comparisons)}\n\nRuns (median of each is reported; peaks are per run):\n${formatRuns(complete)}\n\n`);
    process.stdout.write(`Raw figures: ${outFile}\n`);
  } finally {
    session?.stop();
    await server.stop();
  }
}

function selectedMeasures(): readonly MeasureName[] {
  const raw = process.env.INSIGHTS_BENCH_MEASURES;
  if (raw === undefined || raw === "") return ALL_MEASURES;
  const names = raw.split(",").map((s) => s.trim());
  const unknown = names.filter((n) => !(ALL_MEASURES as readonly string[]).includes(n));
  if (unknown.length > 0) throw new Error(`INSIGHTS_BENCH_MEASURES: unknown measure(s) ${unknown.join(", ")}; expected ${ALL_MEASURES.join(",")}`);
  return ALL_MEASURES.filter((m) => names.includes(m));
}

runBench(main);
