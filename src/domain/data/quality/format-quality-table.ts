import { formatCount as count, formatPercent } from "../../../lib/text/format";
import { markdownTable } from "../../../lib/text/table";
import type { DatasetQuality, QualitySummary } from "./quality-summary";

/**
 * The quality summary as one markdown table: a row per measure, and a row per rule in the order
 * rows are charged, with what it checks, including rules that rejected nothing.
 */
export function formatQualityTable(summary: QualitySummary): string {
  const rows: [string, string, string][] = [
    ...countRows("interactions", summary.interactions),
    ...countRows("metadata", summary.metadata),
    ["metadata", "user_ids with several rows", count(summary.metadataDuplicates.users)],
    ["metadata", "rows of those user_ids", count(summary.metadataDuplicates.rows)],
    ["metadata", "rows dropped at join", `${count(summary.metadataDuplicates.rowsDropped)} (${summary.metadataDuplicates.resolution})`],
    ["interactions", "valid, user without metadata", formatPercent(summary.interactionsWithoutMetadataShare, 2)],
    ["metadata", "users without interactions", formatPercent(summary.metadataUsersWithoutInteractionsShare, 2)],
  ];
  return markdownTable({ columns: ["Dataset", "Measure", "Value"], rows }, { escape: "cells", align: ["left", "left", "right"] });
}

function countRows(dataset: string, counts: DatasetQuality): [string, string, string][] {
  const share = (n: number): string => (counts.read === 0 ? count(n) : `${count(n)} (${formatPercent(n / counts.read, 2)})`);
  return [
    [dataset, "read", count(counts.read)],
    [dataset, "valid", share(counts.valid)],
    [dataset, "quarantined", share(counts.quarantined)],
    ...counts.rules.map((rule): [string, string, string] => [dataset, `quarantined: ${rule.reason} — ${rule.description}`, share(rule.rejected)]),
  ];
}
