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
    ["interactions", "valid, user without metadata", percent(summary.interactionsWithoutMetadataShare)],
    ["metadata", "users without interactions", percent(summary.metadataUsersWithoutInteractionsShare)],
  ];
  return [["Dataset", "Measure", "Value"], ["---", "---", "---:"], ...rows].map((cells) => `| ${cells.map(escapeCell).join(" | ")} |`).join("\n");
}

function countRows(dataset: string, counts: DatasetQuality): [string, string, string][] {
  const share = (n: number): string => (counts.read === 0 ? count(n) : `${count(n)} (${percent(n / counts.read)})`);
  return [
    [dataset, "read", count(counts.read)],
    [dataset, "valid", share(counts.valid)],
    [dataset, "quarantined", share(counts.quarantined)],
    ...counts.rules.map((rule): [string, string, string] => [dataset, `quarantined: ${rule.reason} — ${rule.description}`, share(rule.rejected)]),
  ];
}

function count(n: number): string {
  return n.toLocaleString("en-US");
}

function percent(fraction: number): string {
  return `${(fraction * 100).toFixed(2)}%`;
}

/** A `|` inside a cell would split it in two. */
function escapeCell(text: string): string {
  return text.replace(/\|/g, "\\|");
}
