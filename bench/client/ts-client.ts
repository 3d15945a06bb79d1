import type { DataFrame } from "../../src/connect/sql/dataframe";
import type { SparkSession } from "../../src/connect/sql/session";
import { PeakRssTracker, collectGarbage, type RssPeak } from "./memory";
import { elapsedMs, median } from "./stats";
import type { MeasureName, PySparkMeasureName, Workload } from "./workload";

/** One client's figures for one measure; the Python script prints the same shape (snake_case). */
export interface MeasureResult {
  readonly client: "ts" | "pyspark";
  readonly measure: PySparkMeasureName;
  /** The API call timed, e.g. "DataFrame.toArrow()". */
  readonly method: string;
  readonly warmupsMs: readonly number[];
  /** One figure per timed run: its wall time, or for `trivial` the median of its tries. */
  readonly runsMs: readonly number[];
  readonly medianMs: number;
  /** For `trivial`: every try of every run. */
  readonly triesMs?: readonly (readonly number[])[];
  /** Per timed run, for the wide fetches. */
  readonly peakRssBytes?: readonly (number | null)[];
  readonly baselineRssBytes?: readonly (number | null)[];
  /** Python only: the process's lifetime peak (getrusage), imports and warm-up included. */
  readonly maxrssBytes?: number;
  readonly rssSource?: string;
}

/** Runs one measure with the TS client in this process. */
export async function measureTs(session: SparkSession, measure: MeasureName, workload: Workload): Promise<MeasureResult> {
  if (measure === "trivial") return measureTrivial(session, workload);

  const wide = session.range(workload.rows).selectExpr(...workload.columns);
  const [method, fetch] =
    measure === "arrow"
      ? ["DataFrame.toArrow()", async (df: DataFrame) => (await df.toArrow()).numRows]
      : ["DataFrame.collect()", async (df: DataFrame) => (await df.collect()).length];
  const warmupsMs: number[] = [];
  const runsMs: number[] = [];
  const peaks: RssPeak[] = [];
  for (let i = 0; i < workload.warmups + workload.runs; i++) {
    collectGarbage(); // the previous run's table or rows are garbage now: don't count them twice
    const tracker = new PeakRssTracker();
    const start = performance.now();
    const count = await fetch(wide);
    const ms = elapsedMs(start);
    const peak = tracker.stop();
    if (count !== workload.rows) throw new Error(`${method} returned ${count} rows, expected ${workload.rows}`);
    if (i < workload.warmups) warmupsMs.push(ms);
    else {
      runsMs.push(ms);
      peaks.push(peak);
    }
  }
  return {
    client: "ts",
    measure,
    method,
    warmupsMs,
    runsMs,
    medianMs: median(runsMs),
    peakRssBytes: peaks.map((p) => p.peakBytes),
    baselineRssBytes: peaks.map((p) => p.baselineBytes),
    rssSource: peaks[0]?.source ?? "none",
  };
}

async function measureTrivial(session: SparkSession, workload: Workload): Promise<MeasureResult> {
  const once = async (): Promise<number> => {
    const start = performance.now();
    const rows = await session.range(1).collect();
    if (rows.length !== 1) throw new Error(`range(1) returned ${rows.length} rows`);
    return elapsedMs(start);
  };
  const warmupsMs: number[] = [];
  for (let i = 0; i < workload.trivialWarmups; i++) warmupsMs.push(await once());
  const triesMs: number[][] = [];
  for (let r = 0; r < workload.runs; r++) {
    const tries: number[] = [];
    for (let i = 0; i < workload.trivialTries; i++) tries.push(await once());
    triesMs.push(tries);
  }
  const runsMs = triesMs.map(median);
  return { client: "ts", measure: "trivial", method: "spark.range(1).collect()", warmupsMs, runsMs, medianMs: median(runsMs), triesMs };
}
