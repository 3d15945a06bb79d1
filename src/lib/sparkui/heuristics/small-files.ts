import type { UiSqlExecution } from "../types";
import { type Finding } from "./finding";
import { metricValue } from "./plan-metrics";
import { MiB, round } from "../../text/format";

/**
 * DataFlint's small-file rule: more than 100 files averaging under 3 MiB. The file count is the
 * floor: each file costs an open and a footer read (milliseconds locally, tens on object
 * stores), so under ~100 files the total stays well under a second whatever their size.
 */
export const SMALL_FILES_MIN_COUNT = 100;
export const SMALL_FILE_AVG_BYTES = 3 * MiB;
/** From 1 000 small files the per-file cost dominates most steps: critical. */
export const MANY_SMALL_FILES = 1000;

/** What a plan node's file metrics say, for scans (files read) and writes (files written). */
const FILE_METRICS = [
  { direction: "read", files: "number of files read", bytes: "size of files read" },
  { direction: "written", files: "number of written files", bytes: "written output" },
] as const;

/** Scans that read, and writes that produced, many small files (from the SQL plan's metrics). */
export function smallFiles(executions: readonly UiSqlExecution[]): Finding[] {
  return executions.flatMap((execution) =>
    (execution.nodes ?? []).flatMap((node) =>
      FILE_METRICS.flatMap(({ direction, files: filesMetric, bytes: bytesMetric }): Finding[] => {
        const files = metricValue(node, filesMetric);
        const bytes = metricValue(node, bytesMetric);
        if (files === undefined || bytes === undefined || files <= SMALL_FILES_MIN_COUNT) return [];
        const average = bytes / files;
        if (average >= SMALL_FILE_AVG_BYTES) return [];
        return [
          {
            rule: "small-files",
            severity: files >= MANY_SMALL_FILES ? "critical" : "warning",
            title: `${node.nodeName.trim()}: ${files} files ${direction}, ${(average / 1024).toFixed(1)} KiB each on average`,
            evidence: {
              sqlExecutionId: execution.id,
              node: node.nodeName.trim(),
              files,
              bytes,
              averageFileBytes: round(average, 0),
            },
            suggestion:
              direction === "read"
                ? "Compact the input into files of 128 MiB–1 GiB (rewrite with fewer partitions); until then raise spark.sql.files.openCostInBytes so that a split packs more small files."
                : "Write fewer, larger files: coalesce or repartition to ~128 MiB per partition before writing (by the partition columns when using partitionBy), or let AQE coalesce the final shuffle.",
          },
        ];
      }),
    ),
  );
}
