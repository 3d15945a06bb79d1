import { join } from "node:path";
import { run } from "./python-env";
import type { MeasureResult } from "./ts-client";
import type { PySparkMeasureName, Workload } from "./workload";

const SCRIPT = join(__dirname, "pyspark_client.py");

/**
 * Runs one measure with PySpark's Connect client in a fresh Python process (so its peak RSS is
 * that measure's), and parses the JSON it prints last.
 */
export async function measurePySpark(
  python: string,
  url: string,
  measure: PySparkMeasureName,
  workload: Workload,
): Promise<MeasureResult & { version: string }> {
  const stdout = await run(python, [SCRIPT, url, measure, JSON.stringify(workload)]);
  const last = stdout.trimEnd().split("\n").pop() ?? "";
  const parsed = JSON.parse(last) as Partial<MeasureResult & { version: string }>;
  if (parsed.client !== "pyspark" || parsed.measure !== measure || !Array.isArray(parsed.runsMs) || typeof parsed.medianMs !== "number") {
    throw new Error(`Unexpected output from ${SCRIPT}: ${last.slice(0, 500)}`);
  }
  return parsed as MeasureResult & { version: string };
}
