import { readdirSync } from "node:fs";
import { join } from "node:path";
import { evaluateHeuristics, formatComparison, loadCapture, type Finding, type StepCapture } from "../../lib/sparkui";
import { formatBytes, formatMs } from "../../lib/text/format";
import type { ExperimentResult } from "../../jobs/experiments/experiment";

/** Every capture the run saved, in the order the steps finished. */
export function loadRunCaptures(capturesDir: string): StepCapture[] {
  return readdirSync(capturesDir)
    .filter((name) => name.endsWith(".json"))
    .map((name) => loadCapture(join(capturesDir, name)))
    .sort((a, b) => a.capturedAt.localeCompare(b.capturedAt));
}

/** One row per step: what it cost, and how many findings of warning level or worse it raised. */
export function stepRows(captures: readonly StepCapture[]): Record<string, string | number>[] {
  return captures.map((capture) => {
    const m = capture.metrics;
    const findings = evaluateHeuristics(capture).filter((f) => f.severity !== "info");
    return {
      step: capture.tag,
      wall: formatMs(m.wallTimeMs),
      jobs: m.jobs,
      stages: m.stages,
      tasks: m.tasks,
      input: formatBytes(m.inputBytes),
      shuffle_write: formatBytes(m.shuffleWriteBytes),
      spill: formatBytes(m.memorySpilledBytes + m.diskSpilledBytes),
      gc_share: m.executorRunTimeMs === 0 ? "0%" : `${((m.gcTimeMs / m.executorRunTimeMs) * 100).toFixed(1)}%`,
      warnings: findings.length,
    };
  });
}

/** The run's findings of warning level or worse, each with the step it came from. */
export function runFindings(captures: readonly StepCapture[]): (Finding & { readonly step: string })[] {
  return captures.flatMap((capture) => evaluateHeuristics(capture).filter((f) => f.severity !== "info").map((f) => ({ ...f, step: capture.tag })));
}

/** A findings table with the step in front (the evidence as name=value pairs). */
export function findingRows(findings: readonly (Finding & { readonly step: string })[]): Record<string, string>[] {
  return findings.map((f) => ({
    step: f.step,
    severity: f.severity,
    rule: f.rule,
    stage: f.stageId === undefined ? "" : String(f.stageId),
    finding: f.title,
    evidence: Object.entries(f.evidence).map(([name, value]) => `${name}=${value}`).join(", "),
  }));
}

/** A bottleneck's write-up: symptom and evidence, hypothesis, fix, measured effect, validation. */
export function experimentMarkdown(index: number, result: ExperimentResult): string {
  const evidence = result.beforeFindings.filter((f) => f.severity !== "info");
  const ratio = result.comparison.wallTimeRatio;
  return [
    `### Bottleneck ${index}: ${result.name}`,
    "",
    `**Symptom.** ${result.symptom}`,
    "",
    evidence.length === 0
      ? "The heuristics raised no warning on the before run at this data size; the symptom shows in the figures below."
      : `**What the heuristics found on the before run:** ${distinct(evidence.map((f) => `${f.title} (${f.rule})`)).join("; ")}.`,
    "",
    `**Hypothesis.** ${result.hypothesis}`,
    "",
    `**Fix.** ${result.fix}`,
    "",
    `**Measured effect** (before: ${result.before.tag}, after: ${result.after.tag}; wall time after/before ${ratio === null ? "n/a" : ratio.toFixed(2)}):`,
    "",
    formatComparison(result.comparison),
    "",
    ratio === null ? "" : ratio < 0.95 ? `**Verdict.** The fix pays here: the step takes ${ratio.toFixed(2)} of its former wall time.` : `**Verdict.** At this data size the fix does not pay (${ratio.toFixed(2)} of the former wall time): what it removes costs less here than what it adds.`,
    "",
    `**Validation.** Both runs read the same files in the same run, each on a fresh session under its own tag, and the figures come from the Spark UI's REST API for exactly those tags. ${result.sameResult ? "Both returned identical results, so the fix changed the cost and not the answer." : "**The two runs returned different results**: the fix is not safe as it stands."}`,
  ].join("\n");
}

/** Each text once, in first-seen order, at most `limit` of them with a count of the rest. */
function distinct(texts: readonly string[], limit = 3): string[] {
  const unique = [...new Set(texts)];
  return unique.length <= limit ? unique : [...unique.slice(0, limit), `and ${unique.length - limit} more`];
}
