/**
 * Near-real-time p95 benchmark: the streamed p95 per app_version (insights stream's job, a 5 s
 * trigger, memory sink, snapshot published after every micro-batch) fed by CSV files dropped one
 * by one into its folder. Measures
 * - freshness: from a file landing (its rename into the folder) to the first published snapshot
 *   that counts its page loads; median and max over the measured files (goal ≤ 10 s);
 * - agreement: each version's streamed p95 ranked among the exact page loads of all files (goal:
 *   within ±1% of 0.95), next to the batch p95ByVersion over the same files;
 * - restart: the query stopped while a micro-batch runs, one more file landed, the query
 *   restarted from its checkpoint: every version's count must equal the exact count (exactly once).
 * Writes .insights/bench/stream-<timestamp>.json and .md. A MISS is reported, never fatal.
 *
 * Knobs (environment): INSIGHTS_BENCH_STREAM_FILES (measured files, default 12; one warm-up file
 * and two restart files come on top), INSIGHTS_BENCH_STREAM_ROWS (rows per file, 5000),
 * INSIGHTS_BENCH_STREAM_INTERVAL_MS (between landings, 7000), INSIGHTS_BENCH_STREAM_WINDOW
 * (window of the finer level, "1 day"), INSIGHTS_BENCH_STREAM_STATE_PARTITIONS (the job's default),
 * INSIGHTS_BENCH_SEED (1), INSIGHTS_BENCH_HEAP ("2g").
 */
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { cpus, loadavg, totalmem } from "node:os";
import { join } from "node:path";
import { SparkSession } from "../../src/connect";
import { p95ByVersion } from "../../src/domain/analyses/performance/p95-by-version";
import { defaultStreamingP95Options } from "../../src/domain/analyses/performance/streaming-p95";
import { defaultPlausibleRange } from "../../src/domain/data/ingest/interaction-rules";
import { readBriefCsv } from "../../src/domain/data/generate/write-dataset";
import { INTERACTIONS } from "../../src/domain/data/schemas";
import { startStreamJob, type StreamJobOptions } from "../../src/jobs/stream-job";
import { landFile } from "../../src/jobs/stream/land-file";
import { SnapshotPublisher, totalEvents } from "../../src/jobs/stream/snapshot-publisher";
import { loadsByVersion, versionAgreement, type VersionAgreement } from "../../src/jobs/stream/version-agreement";
import { LocalSparkConnectServer } from "../../src/server/local-server";
import { projectRoot } from "../../src/server/paths";
import { log, positiveInt, runBench, warnIfBusy } from "../support/bench-cli";
import { prepareStreamData } from "./data";
import { median } from "../../src/lib/stats/descriptive";
import { withBatch, type BenchVersionAgreement } from "./measure";

const MASTER = "local[2]";
const TRIGGER = "5 seconds";
const FRESHNESS_GOAL_MS = 10_000;

async function main(): Promise<void> {
  const root = projectRoot();
  const measured = positiveInt("INSIGHTS_BENCH_STREAM_FILES", 12);
  const rowsPerFile = positiveInt("INSIGHTS_BENCH_STREAM_ROWS", 5000);
  const intervalMs = positiveInt("INSIGHTS_BENCH_STREAM_INTERVAL_MS", 7000);
  const window = process.env.INSIGHTS_BENCH_STREAM_WINDOW ?? "1 day";
  const seed = positiveInt("INSIGHTS_BENCH_SEED", 1);
  const heap = process.env.INSIGHTS_BENCH_HEAP ?? "2g";
  const statePartitions =
    process.env.INSIGHTS_BENCH_STREAM_STATE_PARTITIONS === undefined ? undefined : positiveInt("INSIGHTS_BENCH_STREAM_STATE_PARTITIONS", 4);
  const benchDir = join(root, ".insights", "bench");
  const stamp = new Date().toISOString().replace(/[:.]/g, "-");
  const workDir = join(benchDir, `stream-${stamp}`);
  const source = join(workDir, "source");
  mkdirSync(source, { recursive: true });

  const loadAtStart = warnIfBusy();
  log(`Starting an embedded Spark Connect server (${MASTER}, heap ${heap})…`);
  const server = await LocalSparkConnectServer.start({ heap, master: MASTER });
  const spark = await SparkSession.connect(server.url);
  const publishers: SnapshotPublisher[] = [];
  try {
    const sparkVersion = await spark.version();
    log(`Preparing ${measured + 3} files of ${rowsPerFile} rows…`);
    const data = await prepareStreamData(spark, { files: measured + 3, rowsPerFile, seed, root: join(benchDir, "stream-data") });
    const [warmUp, ...rest] = data.files;
    if (warmUp === undefined) throw new Error("No data files");
    const measuredFiles = rest.slice(0, measured);
    const restartFiles = rest.slice(measured);
    const jobOptions: StreamJobOptions = {
      source,
      outDir: join(workDir, "out"),
      trigger: TRIGGER,
      p95: { ...defaultStreamingP95Options(defaultPlausibleRange()), window },
      queryName: "p95_bench",
      ...(statePartitions !== undefined && { statePartitions }),
    };

    // Phase 1: freshness. The warm-up file pays for the cold first micro-batch (JIT, state store
    // creation) and is not measured; then one file every intervalMs.
    const job = await startStreamJob(spark, jobOptions);
    const publisher = new SnapshotPublisher(job);
    publishers.push(publisher);
    let expected = data.loads[0]?.length ?? 0;
    landFile(warmUp, source);
    log("Warm-up file landed; waiting for its micro-batch…");
    await publisher.waitFor(expected, 180_000);
    const freshness: { file: string; pageLoads: number; landedAt: number; visibleAt: number | undefined; batchId: number | undefined }[] = [];
    for (const [i, file] of measuredFiles.entries()) {
      const landedAt = landFile(file, source);
      expected += data.loads[i + 1]?.length ?? 0;
      const publication = await publisher.waitFor(expected, 60_000);
      freshness.push({ file, pageLoads: data.loads[i + 1]?.length ?? 0, landedAt, visibleAt: publication?.at, batchId: publication?.batchId });
      log(`  file ${i + 1}/${measuredFiles.length}: visible after ${publication === undefined ? "—" : `${((publication.at - landedAt) / 1000).toFixed(1)} s`}`);
      const wait = landedAt + intervalMs - Date.now();
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    }
    const afterMeasured = publisher.publications.at(-1);

    // Phase 2: agreement on the same events, against exact values and the batch answer.
    const landed = data.loads.slice(0, measured + 1);
    const exact = loadsByVersion(landed.flat());
    // The batch answer reads the source folder: exactly the files the stream has read so far.
    const batchRows = await p95ByVersion(readBriefCsv(spark.read, INTERACTIONS.ddl, source)).collect({ longs: "number" });
    const measuredProgress = (await job.query.recentProgress()).filter((p) => p.batchId > 0 && p.durationMs.addBatch !== undefined);
    const batchDurations = measuredProgress.map((p) => p.durationMs.triggerExecution ?? NaN);
    // Where a micro-batch's time goes (Spark's phases: addBatch is the aggregation and the sink's write).
    const phases = [...new Set(measuredProgress.flatMap((p) => Object.keys(p.durationMs)))];
    const phaseMedians = Object.fromEntries(phases.map((phase) => [phase, median(measuredProgress.map((p) => p.durationMs[phase] ?? 0))]));
    const batch = new Map(batchRows.map((r) => [String(r.app_version), Number(r.p95_ms)]));
    const versions = afterMeasured === undefined ? [] : withBatch(versionAgreement(afterMeasured.snapshot, exact), exact, batch);

    // Phase 3: restart. Stop the query while a micro-batch runs, land another file, restart from the checkpoint.
    const [killFile, laterFile] = restartFiles;
    if (killFile === undefined || laterFile === undefined) throw new Error("Missing restart files");
    landFile(killFile, source);
    let triggerActiveAtStop = false;
    const activeDeadline = Date.now() + 15_000;
    while (Date.now() < activeDeadline) {
      const status = await job.query.status();
      if (status.isTriggerActive && status.isDataAvailable) {
        triggerActiveAtStop = true;
        break;
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    await job.stop();
    await publisher.stop();
    const committedBeforeStop = (await job.query.lastProgress())?.batchId;
    landFile(laterFile, source);
    const restarted = await startStreamJob(spark, jobOptions);
    const restartPublisher = new SnapshotPublisher(restarted);
    publishers.push(restartPublisher);
    const allLoads = data.loads.flat().length;
    const final = await restartPublisher.waitFor(allLoads, 180_000);
    await new Promise((resolve) => setTimeout(resolve, 2 * 5000)); // one more trigger: a double count would show now
    await restartPublisher.stop();
    await restarted.stop();
    const last = restartPublisher.publications.at(-1);
    const exactAll = loadsByVersion(data.loads.flat());
    const countsAfterRestart =
      last === undefined
        ? []
        : last.snapshot.rows
            .filter((r) => r.level === "app_version")
            .map((r) => ({ app_version: r.app_version ?? "", events: r.events, exact: exactAll.get(r.app_version ?? "")?.length ?? 0 }));
    const exactlyOnce =
      last !== undefined &&
      totalEvents(last.snapshot) === allLoads &&
      countsAfterRestart.length === exactAll.size &&
      countsAfterRestart.every((c) => c.events === c.exact);

    const lags = freshness.flatMap((f) => (f.visibleAt === undefined ? [] : [f.visibleAt - f.landedAt]));
    const summary = {
      freshness: {
        files: freshness.length,
        visible: lags.length,
        medianMs: lags.length > 0 ? median(lags) : NaN,
        maxMs: Math.max(...lags),
        goalMs: FRESHNESS_GOAL_MS,
        microBatchMedianMs: batchDurations.length > 0 ? median(batchDurations) : NaN,
        microBatchMaxMs: Math.max(...batchDurations),
        microBatchPhaseMediansMs: phaseMedians,
        met: lags.length === freshness.length && Math.max(...lags) <= FRESHNESS_GOAL_MS,
      },
      agreement: {
        versions: versions.length,
        withinTolerance: versions.filter((v) => v.within_tolerance).length,
        countsExact: versions.filter((v) => v.events === v.exact_events).length,
        sameAsBatch: versions.filter((v) => v.batch_p95_ms === v.stream_p95_ms).length,
        maxRankDistance: Math.max(...versions.map(rankDistance)),
        met: versions.length > 0 && versions.every((v) => v.within_tolerance && v.events === v.exact_events),
      },
      restart: {
        triggerActiveAtStop,
        committedBatchBeforeStop: committedBeforeStop,
        firstBatchAfterRestart: restartPublisher.publications[0]?.batchId,
        finalEvents: last === undefined ? undefined : totalEvents(last.snapshot),
        exactEvents: allLoads,
        reachedAt: final?.batchId,
        met: exactlyOnce,
      },
    };
    const loadAtEnd = loadavg();
    const load = (l: readonly number[]): string => l.map((x) => x.toFixed(1)).join(" ");
    const setup = `Spark ${sparkVersion}, embedded ${MASTER}, heap ${heap}; host ${cpus().length} cores, ${(totalmem() / 2 ** 30).toFixed(0)} GiB; load average ${load(loadAtStart)} → ${load(loadAtEnd)}`;
    const dataLine = `${data.files.length} files × ${rowsPerFile} rows (realistic generator, seed ${seed}, split by time; ${data.key}); trigger ${TRIGGER}, window ${window}, state partitions ${statePartitions ?? "default"}, one file every ${intervalMs / 1000} s after a warm-up file`;
    const markdown = formatMarkdown(stamp, setup, dataLine, summary, freshness, versions);
    const report = {
      createdAt: new Date().toISOString(),
      server: { sparkVersion, master: MASTER, heap },
      host: { cpus: cpus().length, totalMemBytes: totalmem(), loadAverageAtStart: loadAtStart, loadAverageAtEnd: loadAtEnd },
      data: { key: data.key, files: data.files.length, rowsPerFile, seed, window, trigger: TRIGGER, intervalMs },
      summary,
      freshness,
      versions,
      countsAfterRestart,
    };
    mkdirSync(benchDir, { recursive: true });
    writeFileSync(join(benchDir, `stream-${stamp}.json`), `${JSON.stringify(report, null, 2)}\n`);
    writeFileSync(join(benchDir, `stream-${stamp}.md`), `${markdown}\n`);
    process.stdout.write(`\n${markdown}\n\nRaw figures: ${join(benchDir, `stream-${stamp}.json`)}\n`);
  } finally {
    await Promise.all(publishers.map((p) => p.stop()));
    spark.stop();
    await server.stop();
    rmSync(workDir, { recursive: true, force: true });
  }
}

/** How far a streamed p95's rank range lies from 0.95 (0 when it contains it). */
function rankDistance(v: VersionAgreement): number {
  return v.exact_rank_low > 0.95 ? v.exact_rank_low - 0.95 : v.exact_rank_high < 0.95 ? 0.95 - v.exact_rank_high : 0;
}

function formatMarkdown(
  stamp: string,
  setup: string,
  dataLine: string,
  summary: {
    freshness: {
      files: number;
      visible: number;
      medianMs: number;
      maxMs: number;
      microBatchMedianMs: number;
      microBatchMaxMs: number;
      microBatchPhaseMediansMs: Record<string, number>;
      met: boolean;
    };
    agreement: { versions: number; withinTolerance: number; countsExact: number; sameAsBatch: number; maxRankDistance: number; met: boolean };
    restart: { triggerActiveAtStop: boolean; finalEvents: number | undefined; exactEvents: number; met: boolean };
  },
  freshness: readonly { pageLoads: number; landedAt: number; visibleAt: number | undefined; batchId: number | undefined }[],
  versions: readonly BenchVersionAgreement[],
): string {
  const verdict = (met: boolean): string => (met ? "MET" : "MISS");
  const s = summary;
  const pct = (x: number): string => `${(100 * x).toFixed(2)} %`;
  return [
    `# Near-real-time p95 benchmark ${stamp}`,
    "",
    `- ${setup}`,
    `- ${dataLine}`,
    "",
    "| measure | result | goal | verdict |",
    "|---|---|---|---|",
    `| freshness (landing → snapshot), median / max over ${s.freshness.files} files | ${(s.freshness.medianMs / 1000).toFixed(1)} s / ${(s.freshness.maxMs / 1000).toFixed(1)} s (${s.freshness.visible} visible) | ≤ 10 s | ${verdict(s.freshness.met)} |`,
    `| micro-batch duration (triggerExecution), median / max | ${(s.freshness.microBatchMedianMs / 1000).toFixed(1)} s / ${(s.freshness.microBatchMaxMs / 1000).toFixed(1)} s (median per phase: ${Object.entries(
      s.freshness.microBatchPhaseMediansMs,
    )
      .map(([k, v]) => `${k} ${v} ms`)
      .join(", ")}) | | |`,
    `| agreement: versions whose streamed p95 ranks within ±1 % of 0.95 | ${s.agreement.withinTolerance} / ${s.agreement.versions} (max distance ${pct(s.agreement.maxRankDistance)}; counts exact ${s.agreement.countsExact}; equal to batch ${s.agreement.sameAsBatch}) | all | ${verdict(s.agreement.met)} |`,
    `| restart: stopped mid-batch (${s.restart.triggerActiveAtStop ? "trigger active" : "trigger idle"}), restarted from checkpoint | ${s.restart.finalEvents ?? "—"} page loads counted, ${s.restart.exactEvents} exact | equal per version | ${verdict(s.restart.met)} |`,
    "",
    "| file | page loads | batch | freshness |",
    "|---|---|---|---|",
    ...freshness.map(
      (f, i) =>
        `| ${i + 1} | ${f.pageLoads} | ${f.batchId ?? "—"} | ${f.visibleAt === undefined ? "—" : `${((f.visibleAt - f.landedAt) / 1000).toFixed(1)} s`} |`,
    ),
    "",
    "| app_version | page loads | streamed p95 ms | its rank | batch p95 ms |",
    "|---|---|---|---|---|",
    ...versions.map(
      (v) => `| ${v.app_version} | ${v.events} | ${v.stream_p95_ms} | ${pct(v.exact_rank_low)}–${pct(v.exact_rank_high)} | ${v.batch_p95_ms ?? "—"} |`,
    ),
  ].join("\n");
}

runBench(main);
