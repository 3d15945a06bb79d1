import { markdownTable } from "../text/table";
import { inlineCode } from "../text/markdown";
import type { StepComparison, StepFigures } from "./compare";
import { formatBytes, formatMs } from "../text/format";

/**
 * A before/after comparison as markdown: a table of figures side by side with the change, then
 * the warnings each side raised and which the change resolved.
 */
export function formatComparison(comparison: StepComparison): string {
  const { before, after } = comparison;
  const rows: [string, string, string, string][] = [
    ["wall time", formatMs(before.wallTimeMs), formatMs(after.wallTimeMs), ratio(before.wallTimeMs, after.wallTimeMs)],
    ["task time (sum)", formatMs(before.executorRunTimeMs), formatMs(after.executorRunTimeMs), ratio(before.executorRunTimeMs, after.executorRunTimeMs)],
    ["GC time", formatMs(before.gcTimeMs), formatMs(after.gcTimeMs), ratio(before.gcTimeMs, after.gcTimeMs)],
    ["stages / tasks", `${before.stages} / ${before.tasks}`, `${after.stages} / ${after.tasks}`, ""],
    ["heaviest stage: tasks", heaviest(before, (h) => String(h.tasks)), heaviest(after, (h) => String(h.tasks)), ""],
    ["heaviest stage: task time min / p25 / median / p75 / max", quantiles(before), quantiles(after), ""],
    ["shuffle read", formatBytes(before.shuffleReadBytes), formatBytes(after.shuffleReadBytes), ratio(before.shuffleReadBytes, after.shuffleReadBytes)],
    ["shuffle write", formatBytes(before.shuffleWriteBytes), formatBytes(after.shuffleWriteBytes), ratio(before.shuffleWriteBytes, after.shuffleWriteBytes)],
    ["spill (memory / disk)", spill(before), spill(after), ratio(before.memorySpilledBytes, after.memorySpilledBytes)],
    ["warnings", warnings(before), warnings(after), ""],
  ];
  const table = markdownTable({ columns: ["", `before: ${before.tag}`, `after: ${after.tag}`, "after / before"], rows });
  const resolved = comparison.resolvedRules.length === 0 ? "none" : comparison.resolvedRules.map((r) => inlineCode(r)).join(", ");
  const introduced = comparison.newRules.length === 0 ? "none" : comparison.newRules.map((r) => inlineCode(r)).join(", ");
  return `${table}\n\nResolved: ${resolved}. New: ${introduced}.`;
}

function ratio(before: number, after: number): string {
  if (before === 0) return after === 0 ? "=" : "new";
  return `×${(after / before).toFixed(2)}`;
}

function heaviest(side: StepFigures, show: (h: NonNullable<StepFigures["heaviestStage"]>) => string): string {
  return side.heaviestStage === undefined ? "" : show(side.heaviestStage);
}

function quantiles(side: StepFigures): string {
  const t = side.heaviestStage?.taskTimeMs;
  return t === undefined ? "" : [t.min, t.p25, t.median, t.p75, t.max].map(formatMs).join(" / ");
}

function spill(side: StepFigures): string {
  return `${formatBytes(side.memorySpilledBytes)} / ${formatBytes(side.diskSpilledBytes)}`;
}

function warnings(side: StepFigures): string {
  const serious = side.findings.filter((f) => f.severity !== "info");
  return serious.length === 0 ? "none" : serious.map((f) => `${f.rule} (${f.severity})`).join(", ");
}
