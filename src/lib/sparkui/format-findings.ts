import { markdownTable } from "../text/table";
import type { Finding } from "./heuristics";

/**
 * Findings as a markdown table, one row each: severity, rule, stage, what was found, the
 * evidence as `name=value` pairs and the suggestion. Every cell is escaped (node names and
 * paths come from the plan). A line saying so when there are none.
 */
export function formatFindings(findings: readonly Finding[]): string {
  if (findings.length === 0) return "No findings: no rule's thresholds and floors were crossed.";
  return markdownTable({
    columns: ["Severity", "Rule", "Stage", "Finding", "Evidence", "Suggestion"],
    rows: findings.map((f) => [
      f.severity,
      f.rule,
      f.stageId === undefined ? "" : String(f.stageId),
      f.title,
      Object.entries(f.evidence)
        .map(([name, value]) => `${name}=${value}`)
        .join(", "),
      f.suggestion,
    ]),
  });
}
