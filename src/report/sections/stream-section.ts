import { mkdirSync, readdirSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { SparkSession } from "../../connect";
import { defaultStreamingP95Options } from "../../domain/analyses/performance/streaming-p95";

import { writeDataset } from "../../domain/data/generate/write-dataset";
import { defaultPlausibleRange } from "../../domain/data/ingest/interaction-rules";
import { INTERACTIONS } from "../../domain/data/schemas";
import { startStreamJob } from "../../jobs/stream-job";
import { landFile } from "../../jobs/stream/land-file";
import type { P95Snapshot } from "../../jobs/stream/p95-snapshot";
import { SnapshotPublisher, totalEvents } from "../../jobs/stream/snapshot-publisher";
import { csvPageLoads, loadsByVersion, versionAgreement, type PageLoad, type VersionAgreement } from "../../jobs/stream/version-agreement";
import type { ReportSession } from "../session/report-session";
import { median } from "../../lib/stats/descriptive";
import { formatCount } from "../../lib/text/format";

/** The definition's freshness goal: a page load counts in the published p95 within 10 s of landing. */
export const FRESHNESS_GOAL_MS = 10_000;
/** From this many page loads on, ranks lie at most 1% apart: the exact p95 always passes the ±1% check. */
const DENSE_RANKS = 100;
/** How many versions the agreement table shows. */
export const AGREEMENT_ROWS = 15;

export interface StreamDemoOptions {
  /** The ingested interactions: Parquet in `event_date=` folders. */
  readonly interactionsParquet: string;
  /** How many of the last event dates to replay, one file each. */
  readonly days: number;
  readonly triggerSeconds: number;
  /** Between two landings. */
  readonly gapMs: number;
}

export interface StreamDemoResult {
  /** Files landed. */
  readonly files: number;
  /** Per file: landing (rename into the source folder) → first published snapshot whose page-load count includes it. */
  readonly freshnessMs: readonly number[];
  /** The final snapshot. */
  readonly snapshot: P95Snapshot;
  /** Per version, vs an exact computation over the same page loads. */
  readonly agreement: readonly VersionAgreement[];
  /** Page loads in the landed files, counted exactly. */
  readonly exactEvents: number;
}

/** The memory table's name, apart from the `insights stream` job's so that both may run on one server. */
const QUERY_NAME = "p95_report_demo";
/**
 * Daily windows for the finer level: the files are days, and an hour's windows would multiply
 * the state (one quantile summary per version and window) 24-fold for nothing the demo shows.
 */
const WINDOW = "1 day";
/** How long a file may take to show before the demo gives up on it: well past any sane freshness. */
const VISIBILITY_TIMEOUT_MS = 60_000;

/**
 * Replays the last `days` days of the ingested interactions through the near-real-time p95 as
 * daily files landing `gapMs` apart, measures each file's freshness as bench:stream does, and
 * holds the final snapshot against an exact computation over the same page loads. Work folder:
 * `<runDir>/stream/` (staging/ for the files, source/ the stream reads, out/ its checkpoint and
 * published snapshot), emptied first so each run starts a fresh query.
 *
 * All of it runs inside the step `stream-demo`; the streaming query runs on a session of its own
 * (its micro-batches may not carry the step's tag) because the stream job sets session
 * configuration (shuffle partitions = state store instances) that must not leak into the report's
 * later steps.
 */
export async function nearRealTimeDemo(session: ReportSession, options: StreamDemoOptions): Promise<StreamDemoResult> {
  const { value } = await session.step("stream-demo", () => runDemo(session, options));
  return value;
}

async function runDemo(session: ReportSession, options: StreamDemoOptions): Promise<StreamDemoResult> {
  const root = join(session.paths.runDir, "stream");
  const staging = join(root, "staging");
  const source = join(root, "source");
  rmSync(root, { recursive: true, force: true });
  mkdirSync(staging, { recursive: true });
  mkdirSync(source, { recursive: true });

  const files = await stageDailyFiles(session.spark, options.interactionsParquet, lastEventDates(options.interactionsParquet, options.days), staging);
  // The reference is read before anything lands, from the very files that will land.
  const loads: PageLoad[][] = [];
  for (const file of files) loads.push(await csvPageLoads(session.spark, file));

  const stream = await SparkSession.connect(session.remote);
  try {
    const job = await startStreamJob(stream, {
      source,
      outDir: join(root, "out"),
      trigger: `${options.triggerSeconds} seconds`,
      p95: { ...defaultStreamingP95Options(defaultPlausibleRange()), window: WINDOW },
      queryName: QUERY_NAME,
    });
    const publisher = new SnapshotPublisher(job);
    const timeoutMs = VISIBILITY_TIMEOUT_MS + options.triggerSeconds * 1000;
    let freshnessMs: number[];
    try {
      await warmUp(publisher, root, source, timeoutMs);
      freshnessMs = await landAndMeasure(publisher, { files, loads, source, gapMs: options.gapMs, timeoutMs });
    } finally {
      await publisher.stop();
      await job.stop();
    }
    const snapshot = publisher.publications.at(-1)?.snapshot;
    if (snapshot === undefined) throw new Error("The stream published no snapshot");
    const exact = loadsByVersion(loads.flat());
    return { files: files.length, freshnessMs, snapshot, agreement: versionAgreement(snapshot, exact), exactEvents: loads.flat().length };
  } finally {
    stream.stop();
  }
}

/** The last `days` event dates among the `event_date=` folders of `parquet` (ISO dates sort as text). */
function lastEventDates(parquet: string, days: number): string[] {
  if (!Number.isInteger(days) || days < 1) throw new RangeError(`days must be a positive whole number, not ${days}`);
  const dates = readdirSync(parquet, { withFileTypes: true })
    .flatMap((entry) => {
      const match = /^event_date=(\d{4}-\d{2}-\d{2})$/.exec(entry.name);
      return entry.isDirectory() && match?.[1] !== undefined ? [match[1]] : [];
    })
    .sort();
  if (dates.length === 0) throw new Error(`${parquet} has no event_date= folders: pass the ingested interactions`);
  return dates.slice(-days);
}

/**
 * Each date's interactions as one CSV file in the brief's layout, `staging/interactions-<date>.csv`,
 * as a daily export would deliver them. Reading the date's folder directly leaves out the
 * partition column, so the file has exactly the brief's columns.
 */
async function stageDailyFiles(spark: SparkSession, parquet: string, dates: readonly string[], staging: string): Promise<string[]> {
  const files: string[] = [];
  for (const date of dates) {
    const parts = join(staging, `.parts-${date}`);
    await writeDataset(spark.read.parquet(join(parquet, `event_date=${date}`)).select(...INTERACTIONS.columns), parts, { format: "csv", singleFile: true });
    const part = readdirSync(parts).find((name) => name.startsWith("part-") && name.endsWith(".csv"));
    if (part === undefined) throw new Error(`Spark wrote no CSV part file into ${parts}`);
    const file = join(staging, `interactions-${date}.csv`);
    renameSync(join(parts, part), file);
    rmSync(parts, { recursive: true, force: true });
    files.push(file);
  }
  return files;
}

/**
 * Lands a header-only file (written under `root`, beside the staged days) and waits for its micro-batch. A query's first micro-batch is several
 * times slower than the next ones (the state store of every shuffle partition is created, the
 * aggregation's code generated and compiled); a running job pays that once, at its start, so
 * the warm-up keeps it out of the freshness of the first real file, as bench:stream does. No rows:
 * the counts and the agreement are untouched.
 */
async function warmUp(publisher: SnapshotPublisher, root: string, source: string, timeoutMs: number): Promise<void> {
  const file = join(root, "warm-up.csv");
  writeFileSync(file, `${INTERACTIONS.csvHeader}\r\n`);
  const landed = landFile(file, source);
  if ((await publisher.waitFor(0, timeoutMs, landed)) === undefined) throw new Error(`The stream ran no micro-batch ${timeoutMs / 1000} s after it started`);
}

/**
 * Lands the files `gapMs` apart on a fixed schedule (a file does not wait for the previous one to
 * show, as exports would not), then finds, for each file, the first snapshot published after it
 * landed that counts every page load up to and including it (files land in order, so that count
 * is reached only once the file is in).
 */
async function landAndMeasure(
  publisher: SnapshotPublisher,
  plan: { readonly files: readonly string[]; readonly loads: readonly (readonly PageLoad[])[]; readonly source: string; readonly gapMs: number; readonly timeoutMs: number },
): Promise<number[]> {
  const { files, loads, timeoutMs } = plan;
  const landedAt: number[] = [];
  for (const file of files) {
    const previous = landedAt.at(-1);
    if (previous !== undefined) await sleep(previous + plan.gapMs - Date.now());
    landedAt.push(landFile(file, plan.source));
  }
  const freshnessMs: number[] = [];
  let expected = 0;
  for (const [i, landed] of landedAt.entries()) {
    expected += loads[i]?.length ?? 0;
    const seen = await publisher.waitFor(expected, timeoutMs, landed);
    if (seen === undefined) throw new Error(`The stream had not counted ${files[i] ?? "a file"} (${expected} page loads so far) ${timeoutMs / 1000} s after it landed`);
    freshnessMs.push(seen.at - landed);
  }
  return freshnessMs;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));
}

/**
 * The demo in a paragraph of markdown: freshness against the 10 s goal, the count check, and how
 * many versions' streamed p95 lies within the rank tolerance and equals the exact p95 (with why a
 * small version can miss the tolerance with the exact answer). Every interpolated value is a
 * number or a version, so nothing needs escaping.
 */
export function formatStreamDemo(result: StreamDemoResult): string {
  const seconds = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;
  const worst = Math.max(...result.freshnessMs);
  const streamed = totalEvents(result.snapshot);
  const within = result.agreement.filter((v) => v.within_tolerance).length;
  const exact = result.agreement.filter((v) => v.stream_p95_ms === v.exact_p95_ms).length;
  const outside = result.agreement.filter((v) => !v.within_tolerance);
  const smallExactMisses = outside.length > 0 && outside.every((v) => v.stream_p95_ms === v.exact_p95_ms && v.exact_events < DENSE_RANKS);
  const outsideNote = `; the ${outside.length} outside it have fewer than ${DENSE_RANKS} page loads, so ranks lie more than 1% apart and even their exact p95 falls outside`;
  return [
    `${result.files} daily files landed one by one in the stream's folder; each showed in the published p95 after a median of ` +
      `${seconds(median(result.freshnessMs))} (max ${seconds(worst)}): ${worst <= FRESHNESS_GOAL_MS ? "within" : "beyond"} the ${seconds(FRESHNESS_GOAL_MS)} goal ` +
      "(after a header-only warm-up file, since a running job pays for its first, slower micro-batch once, at its start).",
    `The stream counted ${formatCount(streamed)} page loads; an exact count over the landed files gives ${formatCount(result.exactEvents)}` +
      (streamed === result.exactEvents ? ": equal, every page load counted once." : `: they differ by ${formatCount(streamed - result.exactEvents)}.`),
    `${within} of ${result.agreement.length} versions have a streamed p95 whose rank among their exact load times lies within ±1% of 0.95` +
      `, and ${exact} equal the exact p95 (the load time at rank ⌈0.95·n⌉)${smallExactMisses ? outsideNote : ""}.`,
  ].join(" ");
}

/** The per-version agreement of the largest versions (by page loads, then release order), for a table. */
export function agreementRows(result: StreamDemoResult, n = AGREEMENT_ROWS): Record<string, string | number>[] {
  const percent = (share: number): string => (Number.isNaN(share) ? "–" : `${(share * 100).toFixed(2)}%`);
  return result.agreement
    .map((v, release) => ({ v, release }))
    .sort((a, b) => b.v.events - a.v.events || a.release - b.release)
    .slice(0, n)
    .map(({ v }) => ({
      app_version: v.app_version,
      page_loads: v.events,
      exact_page_loads: v.exact_events,
      stream_p95_ms: Number.isNaN(v.stream_p95_ms) ? "–" : v.stream_p95_ms,
      exact_p95_ms: Number.isNaN(v.exact_p95_ms) ? "–" : v.exact_p95_ms,
      exact_rank: `${percent(v.exact_rank_low)}–${percent(v.exact_rank_high)}`,
      within_tolerance: v.within_tolerance ? "yes" : "no",
    }));
}

